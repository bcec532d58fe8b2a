import Foundation

/// NumPy broadcasting: shapes are aligned at the right; a dimension of 1 stretches.
public func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let n = max(a.count, b.count)
    var out = [Int](repeating: 1, count: n)
    for i in 0..<n {
        let x = i < n - a.count ? 1 : a[i - (n - a.count)]
        let y = i < n - b.count ? 1 : b[i - (n - b.count)]
        guard x == y || x == 1 || y == 1 else { return nil }
        out[i] = x == 1 ? y : x   // not max: a 1 against a 0 gives 0, as in NumPy
    }
    return out
}

/// `a op b` element-wise with broadcasting, for the language's arithmetic and comparisons.
public func elementwise(_ op: String, _ a: Tensor, _ b: Tensor) throws -> Tensor {
    guard let shape = broadcastShape(a.shape, b.shape) else {
        throw CnnError(.broadcastMismatch, op, pythonShape(a.shape), pythonShape(b.shape))
    }
    let comparison = ["<", ">", "<=", ">=", "==", "!="].contains(op)
    let integer = a.dtype.isInteger && b.dtype.isInteger && op != "/"
    let dtype: DType = comparison ? .bool : (integer ? .int64 : .float32)
    let f: (Float, Float) -> Float
    switch op {
    case "+": f = (+)
    case "-": f = (-)
    case "*": f = (*)
    case "/": f = (/)
    case "//": f = { ($0 / $1).rounded(.down) }
    case "%": f = { x, y in x - y * (x / y).rounded(.down) }
    case "**": f = { powf($0, $1) }
    case "<": f = { $0 < $1 ? 1 : 0 }
    case ">": f = { $0 > $1 ? 1 : 0 }
    case "<=": f = { $0 <= $1 ? 1 : 0 }
    case ">=": f = { $0 >= $1 ? 1 : 0 }
    case "==": f = { $0 == $1 ? 1 : 0 }
    case "!=": f = { $0 != $1 ? 1 : 0 }
    default: throw CnnError(.badOperands, op, "array", "array")
    }
    if integer && (op == "//" || op == "%") && b.data.contains(0) { throw CnnError(.divisionByZero) }
    let count = shape.reduce(1, *)
    var out = [Float](repeating: 0, count: count)
    if a.shape == b.shape {
        for i in 0..<count { out[i] = f(a.data[i], b.data[i]) }
    } else if b.count == 1 {
        let y = b.data[0]
        for i in 0..<count { out[i] = f(a.data[i], y) }
    } else if a.count == 1 {
        let x = a.data[0]
        for i in 0..<count { out[i] = f(x, b.data[i]) }
    } else {
        let sa = broadcastStrides(a.shape, to: shape), sb = broadcastStrides(b.shape, to: shape)
        var idx = [Int](repeating: 0, count: shape.count)
        var ia = 0, ib = 0
        for i in 0..<count {
            out[i] = f(a.data[ia], b.data[ib])
            var d = shape.count - 1
            while d >= 0 {
                idx[d] += 1; ia += sa[d]; ib += sb[d]
                if idx[d] < shape[d] { break }
                ia -= sa[d] * shape[d]; ib -= sb[d] * shape[d]; idx[d] = 0
                d -= 1
            }
        }
    }
    return Tensor(shape: shape, data: out, dtype: dtype)
}

/// Strides of `shape` seen as `target` (0 along stretched or missing dimensions).
func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    let offset = target.count - shape.count
    var strides = [Int](repeating: 0, count: target.count)
    var s = 1
    for i in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[i + offset] = shape[i] == 1 ? 0 : s
        s *= shape[i]
    }
    return strides
}
