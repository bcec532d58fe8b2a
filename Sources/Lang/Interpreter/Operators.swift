import Foundation
import DLRuntime

extension Interpreter {
    /// `a op b` with Python's rules for numbers, strings and lists, NumPy's for arrays.
    func binary(_ op: String, _ a: Value, _ b: Value) throws -> Value {
        switch (a, b) {
        case (.tensor(let x), _):
            if let bytes = x.bytes, let scaled = scaledDataSet(op, bytes, b) { return scaled }
            guard let y = try tensorOperand(b) else { throw CnnError(.badOperands, op, a.typeName, b.typeName) }
            if op == "@" { return matmulValue(try x.t.matmul(y)) }
            return .tensor(try elementwise(op, x.t, y))
        case (_, .tensor(let y)):
            guard let x = try tensorOperand(a) else { throw CnnError(.badOperands, op, a.typeName, b.typeName) }
            if op == "@" { return matmulValue(try x.matmul(y.t)) }
            return .tensor(try elementwise(op, x, y.t))
        case (.string(let s), .string(let t)) where op == "+": return .string(s + t)
        case (.string(let s), .int(let n)) where op == "*":
            try Limits.checkCount(Double(s.utf8.count) * Double(max(n, 0)), bytesPerItem: 1, what: "string")
            return .string(String(repeating: s, count: max(n, 0)))
        case (.string(let s), _) where op == "%": return .string(try percentFormat(s, b))
        case (.list(let l), .list(let m)) where op == "+": return .list(l.items + m.items)
        case (.tuple(let l), .tuple(let m)) where op == "+": return .tuple(l + m)
        case (.list(let l), .int(let n)) where op == "*": return .list(try repeated(l.items, n))
        case (.int(let n), .list(let l)) where op == "*": return .list(try repeated(l.items, n))
        default: break
        }
        if case .int(let x) = a.intLike, case .int(let y) = b.intLike {
            switch op {
            case "+": return .int(x &+ y)
            case "-": return .int(x &- y)
            case "*": return .int(x &* y)
            case "/": guard y != 0 else { throw CnnError(.divisionByZero) }; return .float(Double(x) / Double(y))
            case "//": guard y != 0 else { throw CnnError(.divisionByZero) }; return .int(Int((Double(x) / Double(y)).rounded(.down)))
            case "%": guard y != 0 else { throw CnnError(.divisionByZero) }; return .int(((x % y) + y) % y)
            case "**":
                // Python's integers have no limit; past Int's range the result is a float.
                let r = pow(Double(x), Double(y))
                return y >= 0 ? (r.exactInt.map { .int($0) } ?? .float(r)) : .float(r)
            default: break
            }
        }
        if let x = a.number, let y = b.number, a.isScalar, b.isScalar {
            switch op {
            case "+": return .float(x + y)
            case "-": return .float(x - y)
            case "*": return .float(x * y)
            case "/": guard y != 0 else { throw CnnError(.divisionByZero) }; return .float(x / y)
            case "//": guard y != 0 else { throw CnnError(.divisionByZero) }; return .float((x / y).rounded(.down))
            case "%": guard y != 0 else { throw CnnError(.divisionByZero) }; return .float(x - y * (x / y).rounded(.down))
            case "**": return .float(pow(x, y))
            default: break
            }
        }
        throw CnnError(.badOperands, op, a.typeName, b.typeName)
    }

    /// Python's `list * n`, refused before allocating when it cannot fit.
    func repeated(_ items: [Value], _ n: Int) throws -> [Value] {
        try Limits.checkCount(Double(items.count) * Double(max(n, 0)), bytesPerItem: Double(MemoryLayout<Value>.stride), what: "list")
        return Array([[Value]](repeating: items, count: max(n, 0)).joined())
    }

    /// A value that can stand beside an array in arithmetic: a number, or a (nested) list.
    func tensorOperand(_ v: Value) throws -> Tensor? {
        switch v {
        case .tensor(let b): return b.t
        case .int(let i): return Tensor(scalar: Float(i), dtype: .int64)
        case .bool(let b): return Tensor(scalar: b ? 1 : 0, dtype: .int64)
        case .float(let d): return Tensor(scalar: Float(d))
        case .list, .tuple: return try toTensor(v)
        default: return nil
        }
    }

    /// A matrix product's result; vector @ vector is a number, as NumPy's dot product is.
    func matmulValue(_ t: Tensor) -> Value {
        guard t.rank == 0 else { return .tensor(TensorBox(t)) }
        return t.dtype.isInteger ? .int(Int(t.data[0])) : .float(Double(t.data[0]))
    }

    func negate(_ v: Value) throws -> Value {
        switch v {
        case .int(let i): return .int(-i)
        case .float(let d): return .float(-d)
        case .bool(let b): return .int(b ? -1 : 0)
        case .tensor(let b): return .tensor(b.t.map { -$0 }.withDType(b.dtype == .uint8 ? .int64 : b.dtype))
        default: throw CnnError(.badOperand, "-", v.typeName)
        }
    }

    func compare(_ op: String, _ a: Value, _ b: Value) throws -> Value {
        switch op {
        case "in", "not in":
            let found = try contains(b, a)
            return .bool(op == "in" ? found : !found)
        case "is", "is not":
            var same: Bool
            switch (a, b) {
            case (.none, .none): same = true
            case (.bool(let x), .bool(let y)): same = x == y
            case (.list(let x), .list(let y)): same = x === y
            case (.tensor(let x), .tensor(let y)): same = x === y
            default: same = false
            }
            return .bool(op == "is" ? same : !same)
        default: break
        }
        if case .tensor = a, let y = try tensorOperand(b), case .tensor(let x) = a { return .tensor(try elementwise(op, x.t, y)) }
        if case .tensor(let y) = b, let x = try tensorOperand(a) { return .tensor(try elementwise(op, x, y.t)) }
        if let x = a.number, let y = b.number, a.isScalar, b.isScalar {
            return .bool(compareNumbers(op, x, y))
        }
        if case .string(let x) = a, case .string(let y) = b {
            switch op {
            case "==": return .bool(x == y)
            case "!=": return .bool(x != y)
            case "<": return .bool(x < y)
            case ">": return .bool(x > y)
            case "<=": return .bool(x <= y)
            case ">=": return .bool(x >= y)
            default: break
            }
        }
        if op == "==" || op == "!=" {
            let eq = valuesEqual(a, b)
            return .bool(op == "==" ? eq : !eq)
        }
        throw CnnError(.badOperands, op, a.typeName, b.typeName)
    }

    func compareNumbers(_ op: String, _ x: Double, _ y: Double) -> Bool {
        switch op {
        case "<": return x < y
        case ">": return x > y
        case "<=": return x <= y
        case ">=": return x >= y
        case "==": return x == y
        default: return x != y
        }
    }

    func valuesEqual(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case (.none, .none): return true
        case (.string(let x), .string(let y)): return x == y
        case (.list(let x), .list(let y)): return x.items.count == y.items.count && zip(x.items, y.items).allSatisfy(valuesEqual)
        case (.tuple(let x), .tuple(let y)): return x.count == y.count && zip(x, y).allSatisfy(valuesEqual)
        default:
            if let x = a.number, let y = b.number, a.isScalar, b.isScalar { return x == y }
            return false
        }
    }

    func contains(_ container: Value, _ item: Value) throws -> Bool {
        switch container {
        case .list(let l): return l.items.contains { valuesEqual($0, item) }
        case .tuple(let t): return t.contains { valuesEqual($0, item) }
        case .dict(let d): return d.get(item) != nil
        case .string(let s):
            guard case .string(let sub) = item else { throw CnnError(.badOperands, "in", item.typeName, "str") }
            return s.contains(sub)
        case .tensor(let b):
            guard let x = item.number else { return false }
            return b.t.data.contains(Float(x))
        default: throw CnnError(.notIterable, container.typeName)
        }
    }

    /// `"%d %s" % (a, b)`: the old Python formatting some notebooks still use.
    func percentFormat(_ s: String, _ args: Value) throws -> String {
        var items: [Value]
        if case .tuple(let t) = args { items = t } else { items = [args] }
        var out = "", chars = Array(s)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            guard c == "%" else { out.append(c); continue }
            var spec = ""
            while let d = chars.first, !"sdfreig%".contains(d) { spec.append(d); chars = chars.dropFirst() }
            guard let conv = chars.first else { break }
            chars = chars.dropFirst()
            if conv == "%" { out += "%"; continue }
            guard !items.isEmpty else { throw CnnError(.formatArgumentCount) }
            let v = items.removeFirst()
            switch conv {
            case "s": out += v.str
            case "r": out += v.repr
            default:
                guard let d = v.number else { throw CnnError(.formatNeedsNumber, String(conv), v.typeName) }
                out += conv == "d" || conv == "i" ? String(format: "%\(spec)d", d.clampedInt) : String(format: "%\(spec)\(conv)", d)
            }
        }
        return out
    }
}

extension Value {
    /// Integers and bools as `.int`; anything else unchanged.
    var intLike: Value {
        switch self {
        case .bool(let b): return .int(b ? 1 : 0)
        default: return self
        }
    }

    var isScalar: Bool {
        switch self {
        case .int, .float, .bool: return true
        default: return false
        }
    }
}

extension Tensor {
    func withDType(_ d: DType) -> Tensor { var t = self; t.dtype = d; return t }
}
