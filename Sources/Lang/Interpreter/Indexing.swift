import DLRuntime

/// One evaluated index: `x[3]`, `x[1:5:2]`, `x[[0, 4, 7]]` (a list or integer array),
/// or `x[mask]` (a boolean array).
enum Index {
    case at(Int)
    case range(Int?, Int?, Int?)
    case list([Int])
    case mask([Bool])
}

extension Interpreter {
    func indices(_ items: [IndexItem]) throws -> [Index] {
        try items.map { item in
            switch item {
            case .single(let e):
                let v = try evaluate(e)
                if let i = v.integer, v.isScalar || v.isOneElementInteger { return .at(i) }
                switch v {
                case .tensor(let b) where b.dtype == .bool: return .mask(b.t.data.map { $0 != 0 })
                case .tensor(let b):
                    let t = b.t
                    guard t.dtype.isInteger || t.data.allSatisfy({ $0 == $0.rounded() }) else { throw CnnError(.indexNotInteger, v.typeName) }
                    return .list(t.data.map { $0.clampedInt })
                case .list(let l):
                    return .list(try l.items.map { guard let i = $0.integer else { throw CnnError(.indexNotInteger, $0.typeName) }; return i })
                default:
                    return .at(try keyInteger(v))
                }
            case .slice(let a, let b, let c):
                func opt(_ e: Expr?) throws -> Int? {
                    guard let e else { return nil }
                    let v = try evaluate(e)
                    if case .none = v { return nil }
                    return try keyInteger(v)
                }
                let step = try opt(c)
                if step == 0 { throw CnnError(.sliceStepZero) }
                return .range(try opt(a), try opt(b), step)
            }
        }
    }

    func keyInteger(_ v: Value) throws -> Int {
        guard let i = v.integer else { throw CnnError(.indexNotInteger, v.typeName) }
        return i
    }

    /// Dict subscripts take any hashable key, so they are resolved before `indices`.
    func subscriptValue(_ base: Value, _ idx: [Index]) throws -> Value {
        switch base {
        case .list(let l): return try sequenceItem(l.items, idx, wrap: { .list($0) })
        case .tuple(let t): return try sequenceItem(t, idx, wrap: { .tuple($0) })
        case .string(let s):
            return try sequenceItem(s.map { .string(String($0)) }, idx, wrap: { .string($0.map(\.str).joined()) })
        case .tensor(let b):
            if let bytes = b.bytes, let item = try dataSetItem(bytes, idx) { return item }
            let (t, scalar) = try select(b.t, idx)
            if scalar { return .fromFloat32(t.data[0], dtype: t.dtype) }
            return .tensor(t)
        case .dict: throw CnnError(.notSubscriptable, base.typeName) // handled by subscriptKey
        default: throw CnnError(.notSubscriptable, base.typeName)
        }
    }

    func sequenceItem(_ items: [Value], _ idx: [Index], wrap: ([Value]) -> Value) throws -> Value {
        guard idx.count == 1 else { throw CnnError(.tooManyIndices, idx.count, 1) }
        switch idx[0] {
        case .at(let i):
            return items[try normalized(i, items.count)]
        case .range(let a, let b, let c):
            return wrap(sliceIndices(a, b, c, items.count).map { items[$0] })
        case .list, .mask:
            throw CnnError(.listIndexArray)
        }
    }

    func normalized(_ i: Int, _ n: Int) throws -> Int {
        let j = i < 0 ? i + n : i
        guard j >= 0 && j < n else { throw CnnError(.indexOutOfRange, i, n) }
        return j
    }

    /// Python's slice semantics (negative bounds count from the end, clamped).
    func sliceIndices(_ start: Int?, _ stop: Int?, _ step: Int?, _ n: Int) -> [Int] {
        let s = step ?? 1
        func clamp(_ v: Int?, _ dflt: Int, lo: Int, hi: Int) -> Int {
            guard var v else { return dflt }
            if v < 0 { v += n }
            return min(max(v, lo), hi)
        }
        if s > 0 {
            let a = clamp(start, 0, lo: 0, hi: n), b = clamp(stop, n, lo: 0, hi: n)
            return a < b ? Array(stride(from: a, to: b, by: s)) : []
        }
        let a = clamp(start, n - 1, lo: -1, hi: n - 1), b = clamp(stop, -1, lo: -1, hi: n - 1)
        return a > b ? Array(stride(from: a, to: b, by: s)) : []
    }

    /// The positions an index list picks from a tensor: per axis the chosen indices and
    /// whether the axis stays (a plain integer drops it, as in NumPy).
    func axisSelections(_ t: Tensor, _ idx: [Index]) throws -> [(picks: [Int], keep: Bool)] {
        guard idx.count <= t.rank else { throw CnnError(.tooManyIndices, idx.count, t.rank) }
        var sel: [(picks: [Int], keep: Bool)] = []
        for (axis, ix) in idx.enumerated() {
            let n = t.shape[axis]
            switch ix {
            case .at(let i): sel.append(([try normalized(i, n)], false))
            case .range(let a, let b, let c): sel.append((sliceIndices(a, b, c, n), true))
            case .list(let l): sel.append((try l.map { try normalized($0, n) }, true))
            case .mask(let m):
                guard m.count == n else { throw CnnError(.maskLength, m.count, n) }
                sel.append((m.enumerated().filter(\.element).map(\.offset), true))
            }
        }
        for axis in idx.count..<t.rank { sel.append((Array(0..<t.shape[axis]), true)) }
        return sel
    }

    /// Flat offsets of every selected element, in row-major order of the result.
    func offsets(_ t: Tensor, _ sel: [(picks: [Int], keep: Bool)]) -> [Int] {
        var strides = [Int](repeating: 1, count: t.rank)
        for i in stride(from: t.rank - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * t.shape[i + 1] }
        var out = [0]
        for (axis, s) in sel.enumerated() {
            var next: [Int] = []
            next.reserveCapacity(out.count * s.picks.count)
            for o in out { for p in s.picks { next.append(o + p * strides[axis]) } }
            out = next
        }
        return out
    }

    func select(_ t: Tensor, _ idx: [Index]) throws -> (Tensor, scalar: Bool) {
        let sel = try axisSelections(t, idx)
        let shape = sel.filter(\.keep).map(\.picks.count)
        // Whole samples along the first axis (x[:1000], x[order], x[3]): block copies.
        let restWhole = sel.indices.dropFirst().allSatisfy { sel[$0].keep && sel[$0].picks == Array(0..<t.shape[$0]) }
        if t.rank >= 1 && restWhole {
            let n = t.sampleSize
            var data = [Float]()
            data.reserveCapacity(sel[0].picks.count * n)
            for r in sel[0].picks { data += t.data[(r * n)..<((r + 1) * n)] }
            return (Tensor(shape: shape, data: data, dtype: t.dtype), shape.isEmpty)
        }
        let data = offsets(t, sel).map { t.data[$0] }
        return (Tensor(shape: shape, data: data, dtype: t.dtype), shape.isEmpty)
    }

    func setSubscript(_ base: Value, _ idx: [Index], _ v: Value) throws {
        switch base {
        case .list(let l):
            guard idx.count == 1, case .at(let i) = idx[0] else { throw CnnError(.listIndexArray) }
            l.items[try normalized(i, l.items.count)] = v
        case .tensor(let b):
            let sel = try axisSelections(b.t, idx)
            let offs = offsets(b.t, sel)
            guard let src = try tensorOperand(v) else { throw CnnError(.assignNeedsNumbers, v.typeName) }
            if src.count == 1 {
                for o in offs { b.t.data[o] = src.data[0] }
            } else {
                guard src.count == offs.count else {
                    throw CnnError(.assignShapeMismatch, pythonShape(src.shape), pythonShape(sel.filter(\.keep).map(\.picks.count)))
                }
                for (k, o) in offs.enumerated() { b.t.data[o] = src.data[k] }
            }
            if b.t.dtype.isInteger && !src.dtype.isInteger { b.t.dtype = .float32 }
        default:
            throw CnnError(.notSubscriptAssignable, base.typeName)
        }
    }
}

extension Value {
    var isOneElementInteger: Bool {
        if case .tensor(let b) = self { return b.rank == 0 && b.dtype.isInteger }
        return false
    }
}
