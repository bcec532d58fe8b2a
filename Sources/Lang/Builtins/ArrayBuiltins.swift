import Foundation
import DLRuntime

extension Interpreter {
    /// Converts numbers, nested lists/tuples of numbers, or lists of equal-shaped arrays
    /// into one array (NumPy's `np.array`).
    public func toTensor(_ v: Value) throws -> Tensor {
        switch v {
        case .tensor(let b): return b.t
        case .int(let i): return Tensor(scalar: Float(i), dtype: .int64)
        case .bool(let b): return Tensor(scalar: b ? 1 : 0, dtype: .bool)
        case .float(let d): return Tensor(scalar: Float(d))
        case .list, .tuple:
            let items = try iterate(v)
            if items.isEmpty { return Tensor(zeros: [0]) }
            let parts = try items.map(toTensor)
            let shape = parts[0].shape
            guard parts.allSatisfy({ $0.shape == shape }) else { throw CnnError(.raggedArray) }
            let dtype: DType = parts.allSatisfy({ $0.dtype == .bool }) ? .bool
                : parts.allSatisfy({ $0.dtype.isInteger }) ? .int64 : .float32
            var data = [Float]()
            data.reserveCapacity(parts.count * parts[0].count)
            for p in parts { data += p.data }
            return Tensor(shape: [parts.count] + shape, data: data, dtype: dtype)
        default:
            throw CnnError(.notArrayLike, v.typeName)
        }
    }
}

/// NumPy-flavoured array functions (`zeros`, `reshape`, `argmax`, ...), reachable as
/// `zeros(...)`, `np.zeros(...)` and, where NumPy has them, as methods (`x.reshape(...)`).
enum ArrayBuiltins {
    static func shapeArgument(_ a: Arguments, _ name: String) throws -> [Int] {
        let v = try a.required(name)
        let items = v.isScalar ? [v] : try a.interp.iterate(v)
        return try items.map { guard let i = $0.integer, i >= 0 else { throw a.fail(name, .typeShape, v) }; return i }
    }

    static func axis(_ a: Arguments, rank: Int) throws -> Int? {
        guard a.has("axis") else { return nil }
        let ax = try a.int("axis")
        let r = ax < 0 ? ax + rank : ax
        guard r >= 0 && r < rank else { throw CnnError(.axisOutOfRange, ax, rank) }
        return r
    }

    /// Reduces along `axis` (or everything) with `combine`, NumPy's sum/mean/max/min/argmax.
    static func reduce(_ t: Tensor, axis: Int?, dtype: DType, _ combine: ([Float]) -> Float) -> Value {
        guard let axis else { return .fromFloat32(combine(t.data), dtype: dtype) }
        let outer = t.shape[..<axis].reduce(1, *), n = t.shape[axis], inner = t.shape[(axis + 1)...].reduce(1, *)
        var out = [Float](repeating: 0, count: outer * inner)
        var column = [Float](repeating: 0, count: n)
        for o in 0..<outer { for i in 0..<inner {
            for k in 0..<n { column[k] = t.data[(o * n + k) * inner + i] }
            out[o * inner + i] = combine(column)
        }}
        var shape = t.shape; shape.remove(at: axis)
        return .tensor(Tensor(shape: shape, data: out, dtype: dtype))
    }

    static func register(_ t: inout BuiltinTable) {
        t.add("zeros", ["shape", "dtype"]) { a in
            let s = try shapeArgument(a, "shape"); try Limits.checkArray(s)
            return .tensor(Tensor(zeros: s, dtype: try dtypeArgument(a)))
        }
        t.add("ones", ["shape", "dtype"]) { a in
            let s = try shapeArgument(a, "shape"); try Limits.checkArray(s)
            return .tensor(Tensor(shape: s, data: [Float](repeating: 1, count: s.reduce(1, *)), dtype: try dtypeArgument(a)))
        }
        t.add("array", ["x", "dtype"]) { a in
            var x = try a.interp.toTensor(try a.required("x"))
            if a.has("dtype") { x = try convert(x, try dtypeArgument(a)) }
            return .tensor(x)
        }
        t.alias("asarray", "array")
        t.add("arange", ["start", "stop", "step"]) { a in
            var lo = 0.0, hi = try a.double("start")
            if a.has("stop") { lo = hi; hi = try a.double("stop") }
            let step = try a.double("step", 1)
            guard step != 0 else { throw CnnError(.sliceStepZero) }
            let n = max(0, ((hi - lo) / step).rounded(.up).clampedInt)
            try Limits.checkArray([n])
            let ints = [a["start"], a["stop"], a["step"]].allSatisfy { v in v.map { if case .int = $0 { return true }; return false } ?? true }
            return .tensor(Tensor(shape: [n], data: (0..<n).map { Float(lo + Double($0) * step) }, dtype: ints ? .int64 : .float32))
        }
        t.add("reshape", ["x", "shape", "*more"]) { a in
            let x = try a.array("x")
            // x.reshape(-1, 28, 28, 1) and reshape(x, (-1, 784)) both work; -1 is inferred.
            let first = try a.required("shape")
            var shape: [Int] = []
            for v in (first.isScalar ? [first] : try a.interp.iterate(first)) + a.rest {
                guard let i = v.integer, v.isScalar else { throw a.fail("shape", .typeShape, v) }
                shape.append(i)
            }
            if let free = shape.firstIndex(of: -1) {
                let known = shape.enumerated().filter { $0.offset != free }.reduce(1) { $0 * $1.element }
                guard known > 0, x.count % known == 0 else { throw CnnError(.reshapeMismatch, pythonShape(x.shape), pythonShape(shape)) }
                shape[free] = x.count / known
            }
            guard shape.reduce(1, *) == x.count, shape.allSatisfy({ $0 >= 0 }) else {
                throw CnnError(.reshapeMismatch, pythonShape(x.shape), pythonShape(shape))
            }
            return x.reshaped(shape).value
        }
        t.add("expand_dims", ["x", "axis"]) { a in
            let x = try a.array("x")
            var ax = try a.int("axis", -1)
            if ax < 0 { ax += x.rank + 1 }
            guard ax >= 0 && ax <= x.rank else { throw CnnError(.axisOutOfRange, try a.int("axis", -1), x.rank + 1) }
            var s = x.shape; s.insert(1, at: ax)
            return x.reshaped(s).value
        }
        t.add("squeeze", ["x", "axis"]) { a in
            let x = try a.array("x")
            if a.has("axis") {
                guard let ax = try axis(a, rank: x.rank), x.shape[ax] == 1 else { throw CnnError(.squeezeNotOne, try a.int("axis")) }
                var s = x.shape; s.remove(at: ax)
                return x.reshaped(s).value
            }
            return x.reshaped(x.shape.filter { $0 != 1 }).value
        }
        t.add("flatten", ["x"]) { a in
            if case .tensor? = a["x"] { let x = try a.array("x"); return x.reshaped([x.count]).value }
            return .layer(LayerBox(Flatten()))
        }
        t.alias("ravel", "flatten")
        t.add("copy", ["x"]) { a in try a.array("x").value }
        t.add("astype", ["x", "dtype"]) { a in
            let d = try dtypeArgument(a)
            // A data set's bytes are whole numbers from 0 to 255: as float32 or int64 they
            // are the same values, so they stay in bytes.
            if case .bytes(let x) = try a.array("x"), d == x.dtype || (x.scale == .none && (d == .float32 || d == .int64)) {
                return .tensor(x.withDType(d))
            }
            return .tensor(try convert(try a.tensor("x"), d))
        }
        t.add("tolist", ["x"]) { a in
            let x = try a.tensor("x")
            func nest(_ t: Tensor) -> Value {
                if t.rank == 0 { return .fromFloat32(t.data[0], dtype: t.dtype) }
                return .list((0..<t.shape[0]).map { i -> Value in
                    if t.rank == 1 { return .fromFloat32(t.data[i], dtype: t.dtype) }
                    var r = t.slice(rows: i..<(i + 1)); r.shape.removeFirst(); return nest(r)
                })
            }
            return nest(x)
        }
        // x / scale, by the same operator (so a data set stays in bytes).
        t.add("normalize", ["x", "scale"]) { a in
            try a.interp.binary("/", try a.array("x").value, .float(try a.double("scale", 255)))
        }
        t.add("one_hot", ["labels", "num_classes"]) { a in
            let y = try a.tensor("labels")
            guard y.rank == 1 || (y.rank == 2 && y.shape[1] == 1) else { throw CnnError(.oneHotShape, pythonShape(y.shape)) }
            let maxLabel = Int(y.data.max() ?? 0)
            let k = a.has("num_classes") ? try a.int("num_classes") : maxLabel + 1
            var out = Tensor(zeros: [y.shape[0], k])
            for (i, v) in y.data.enumerated() {
                guard v >= 0, v < Float(k), v == v.rounded() else { throw CnnError(.labelOutOfRange, v, k) }
                out.data[i * k + Int(v)] = 1
            }
            return .tensor(out)
        }
        // Keras's name for it (keras.utils.to_categorical), as students coming from Keras type it.
        t.alias("to_categorical", "one_hot")
        t.add("shape", ["x"]) { a in .tuple(try a.array("x").shape.map { .int($0) }) }
        t.add("argmax", ["x", "axis"]) { a in
            let x = try a.tensor("x")
            return reduce(x, axis: try axis(a, rank: x.rank), dtype: .int64) { v in Float(DLRuntime.argmax(v, 0, v.count)) }
        }
        t.add("mean", ["x", "axis"]) { a in
            let x = try a.tensor("x")
            guard x.count > 0 else { throw CnnError(.emptyReduction, "mean") }
            return reduce(x, axis: try axis(a, rank: x.rank), dtype: .float32) { v in Float(v.reduce(0.0) { $0 + Double($1) } / Double(v.count)) }
        }
        t.add("std", ["x", "axis"]) { a in
            let x = try a.tensor("x")
            guard x.count > 0 else { throw CnnError(.emptyReduction, "std") }
            return reduce(x, axis: try axis(a, rank: x.rank), dtype: .float32) { v in
                let m = v.reduce(0.0) { $0 + Double($1) } / Double(v.count)
                return Float((v.reduce(0.0) { $0 + (Double($1) - m) * (Double($1) - m) } / Double(v.count)).squareRoot())
            }
        }
        // NumPy's all/any on an array look at every element (the plain all/any iterate).
        t.add("tensor.all", ["x", "axis"]) { a in
            reduce(try a.tensor("x"), axis: try axis(a, rank: try a.tensor("x").rank), dtype: .bool) { v in v.allSatisfy { $0 != 0 } ? 1 : 0 }
        }
        t.add("tensor.any", ["x", "axis"]) { a in
            reduce(try a.tensor("x"), axis: try axis(a, rank: try a.tensor("x").rank), dtype: .bool) { v in v.contains { $0 != 0 } ? 1 : 0 }
        }
        t.add("sum", ["x", "axis"]) { a in
            let v = try a.required("x")
            if case .tensor(let b) = v {
                return reduce(b.t, axis: try axis(a, rank: b.rank), dtype: b.dtype.isInteger ? .int64 : .float32) { v in Float(v.reduce(0.0) { $0 + Double($1) }) }
            }
            var total: Value = .int(0)
            for item in try a.interp.iterate(v) { total = try a.interp.binary("+", total, item) }
            return total
        }
        for (name, pick) in [("max", { (x: Float, y: Float) in Swift.max(x, y) }), ("min", { (x: Float, y: Float) in Swift.min(x, y) })] {
            t.add(name, ["x", "axis", "*more"]) { a in
                let v = try a.required("x")
                if case .tensor(let b) = v, a.rest.isEmpty {
                    guard b.count > 0 else { throw CnnError(.emptyReduction, name) }
                    return reduce(b.t, axis: try axis(a, rank: b.rank), dtype: b.dtype) { v in v.dropFirst().reduce(v[0], pick) }
                }
                // max(a, b, ...) compares its arguments; max(list) the list's items.
                let items = a.has("axis") ? [v, try a.required("axis")] + a.rest : try a.interp.iterate(v)
                guard var best = items.first else { throw CnnError(.emptyReduction, name) }
                for item in items.dropFirst() where try a.interp.compare(name == "max" ? ">" : "<", item, best).truthy { best = item }
                return best
            }
        }
        t.add("concatenate", ["arrays", "axis", "name"]) { a in
            if let merged = try MergeBuiltins.concatenateLayer(a) { return merged }
            let parts = try a.interp.iterate(try a.required("arrays")).map(a.interp.toTensor)
            guard let first = parts.first else { throw CnnError(.emptyReduction, "concatenate") }
            guard try a.int("axis", 0) == 0 else { throw CnnError(.onlyAxisZero, "concatenate") }
            guard parts.allSatisfy({ Array($0.shape.dropFirst()) == Array(first.shape.dropFirst()) }) else {
                throw CnnError(.concatenateShapes, parts.map { pythonShape($0.shape) }.joined(separator: ", "))
            }
            var shape = first.shape; shape[0] = parts.reduce(0) { $0 + $1.shape[0] }
            return .tensor(Tensor(shape: shape, data: parts.flatMap(\.data), dtype: first.dtype))
        }
        t.add("transpose", ["x"]) { a in .tensor(try a.interp.transpose(try a.tensor("x"))) }
        for (name, f) in [("exp", { (x: Float) in expf(x) }), ("log", { (x: Float) in logf(x) }), ("sqrt", { (x: Float) in sqrtf(x) })] {
            t.add(name, ["x"]) { a in
                let v = try a.required("x")
                if case .tensor(let b) = v { return .tensor(b.t.map(f)) }
                return .float(Double(f(Float(try a.double("x")))))
            }
        }
        t.add("rand", ["*shape"]) { a in
            let s = try a.rest.map { guard let i = $0.integer else { throw a.fail("shape", .typeShape, $0) }; return i }
            try Limits.checkArray(s)
            var out = Tensor(zeros: s)
            RandomSource.with(seed: nil) { r in for i in 0..<out.count { out.data[i] = r.uniform(0, 1) } }
            return .tensor(out)
        }
        t.add("permutation", ["n"]) { a in
            var p = Array(0..<(try a.int("n")))
            p.shuffle(using: &RandomSource.shared)
            return .tensor(Tensor(shape: [p.count], data: p.map(Float.init), dtype: .int64))
        }
    }

    static func dtypeArgument(_ a: Arguments) throws -> DType {
        guard let v = a["dtype"] else { return .float32 }
        var name: String
        switch v {
        case .string(let s): name = s
        case .builtin(let b): name = b.name
        default: throw a.fail("dtype", .typeString, v)
        }
        switch name {
        case "float32", "float", "float64", "double": return .float32
        case "int", "int64", "int32", "long": return .int64
        case "uint8": return .uint8
        case "bool": return .bool
        default: throw CnnError(.unknownDType, name)
        }
    }

    static func convert(_ x: Tensor, _ d: DType) throws -> Tensor {
        switch d {
        case .float32: return x.withDType(.float32)
        case .int64: return x.map { $0.rounded(.towardZero) }.withDType(.int64)
        case .uint8: return x.map { Float(UInt8(truncatingIfNeeded: $0.clampedInt)) }.withDType(.uint8)
        case .bool: return x.map { $0 != 0 ? 1 : 0 }.withDType(.bool)
        }
    }
}
