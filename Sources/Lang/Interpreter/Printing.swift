import DLRuntime

extension Value {
    /// A scalar read out of a float32 array prints as NumPy prints it (0.1, not 0.10000000149).
    static func fromFloat32(_ f: Float, dtype: DType) -> Value {
        if dtype == .bool { return .bool(f != 0) }
        if dtype.isInteger { return f.isFinite ? .int(f.clampedInt) : .float(Double(f)) }
        return .float(Double(f.description) ?? Double(f))
    }

    /// `str(v)`: what `print` shows.
    public var str: String {
        switch self {
        case .string(let s): return s
        case .tensor(let b): return formatArray(b.t)
        default: return repr
        }
    }

    /// `repr(v)`: what the REPL echoes and containers show.
    public var repr: String {
        switch self {
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .float(let d): return formatFloat(d)
        case .string(let s): return "'" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "'", with: "\\'").replacingOccurrences(of: "\n", with: "\\n") + "'"
        case .list(let l): return "[" + l.items.map(\.repr).joined(separator: ", ") + "]"
        case .tuple(let t): return t.count == 1 ? "(\(t[0].repr),)" : "(" + t.map(\.repr).joined(separator: ", ") + ")"
        case .dict(let d): return "{" + zip(d.keys, d.values).map { "\($0.repr): \($1.repr)" }.joined(separator: ", ") + "}"
        case .tensor(let b):
            let body = formatArray(b.t, separator: ", ", indent: 6)
            return b.dtype == .float32 || b.dtype == .int64 ? "array(\(body))" : "array(\(body), dtype=\(b.dtype.rawValue))"
        case .layer(let l): return "<\(l.layer.typeName) name=\(l.layer.name)>"
        case .model(let m): return "<\(m.isChain ? "Sequential" : "Functional") name=\(m.name), \(m.layers.count) layers\(m.isBuilt ? ", \(grouped(m.parameterCount)) params" : "")>"
        case .optimizer(let o): return "<\(o.displayName) learning_rate=\(o.learningRate)>"
        case .history(let h): return "<History epochs=\(h.epochs.count) keys=[" + h.keys.map { "'\($0)'" }.joined(separator: ", ") + "]>"
        case .function(let f): return "<function \(f.name)>"
        case .builtin(let b): return "<builtin \(b.name)>"
        case .method(let b, let s): return "<method \(b.name) of \(s.typeName)>"
        case .module(let m): return "<module '\(m)'>"
        case .callback: return "<Callback>"
        case .symbolic(let s): return "<KerasTensor shape=\(kerasShape(s.shape))>"
        }
    }
}

/// Python's float repr: shortest round-trip digits, `5.0`, `1e-07`.
func formatFloat(_ d: Double) -> String {
    if d.isNaN { return "nan" }
    if d.isInfinite { return d > 0 ? "inf" : "-inf" }
    var s = d.description
    if let e = s.firstIndex(of: "e") {
        // Swift writes 1e-07 like Python; Python also pads the exponent to two digits.
        let mantissa = s[..<e], exp = s[s.index(after: e)...]
        let sign = exp.hasPrefix("-") ? "-" : "+"
        let digits = exp.drop(while: { $0 == "-" || $0 == "+" })
        s = String(mantissa.hasSuffix(".0") ? mantissa.dropLast(2) : mantissa) + "e" + sign + (digits.count < 2 ? "0" : "") + digits
    }
    return s
}

/// NumPy's array printing: `[0. 1. 0.]`, `[[1 2]\n [3 4]]`, with `...` past 1000 values.
func formatArray(_ t: Tensor, separator: String = " ", indent: Int = 0) -> String {
    if t.rank == 0 { return Value.fromFloat32(t.data.first ?? 0, dtype: t.dtype).repr }
    let summarize = t.count > 1000
    let integral = t.data.allSatisfy { $0 == $0.rounded() && $0.isFinite }
    let cell: (Float) -> String
    if t.dtype == .bool {
        cell = { $0 != 0 ? "True" : "False" }
    } else if t.dtype.isInteger {
        cell = { $0.integerText }
    } else if integral {
        cell = { $0.integerText + "." }
    } else {
        let maxAbs = t.data.reduce(Float(0)) { max($0, abs($1)) }
        let scientific = maxAbs >= 1e8 || (maxAbs < 1e-4 && maxAbs > 0)
        cell = { v in
            if !v.isFinite { return v.isNaN ? "nan" : (v > 0 ? "inf" : "-inf") }
            if scientific { return String(format: "%.8e", v) }
            // The float32 value's shortest round-trip digits (0.3, not 0.30000001), as NumPy
            // prints a float32 array; at most 8 decimals, like NumPy's default precision.
            let short = v.description
            if !short.contains("e"), let dot = short.firstIndex(of: "."), short.distance(from: dot, to: short.endIndex) <= 9 {
                return short.hasSuffix(".0") ? String(short.dropLast()) : short
            }
            var s = String(format: "%.8f", v)
            while s.hasSuffix("0") { s.removeLast() }
            return s
        }
    }
    // NumPy aligns the decimal points: integer parts padded left, fractions right.
    var intWidth = 0, fracWidth = 0
    let aligned = t.dtype == .float32 && !integral
    for v in t.data {
        let s = cell(v)
        if aligned, let dot = s.firstIndex(of: ".") {
            intWidth = max(intWidth, s.distance(from: s.startIndex, to: dot))
            fracWidth = max(fracWidth, s.distance(from: dot, to: s.endIndex) - 1)
        } else {
            intWidth = max(intWidth, s.count)
        }
    }
    func padded(_ v: Float) -> String {
        let s = cell(v)
        guard aligned, let dot = s.firstIndex(of: ".") else { return String(repeating: " ", count: max(0, intWidth - s.count)) + s }
        let i = s.distance(from: s.startIndex, to: dot), f = s.distance(from: dot, to: s.endIndex) - 1
        return String(repeating: " ", count: intWidth - i) + s + String(repeating: " ", count: fracWidth - f)
    }
    func render(_ offset: Int, _ axis: Int, _ pad: Int) -> String {
        let n = t.shape[axis]
        let stride = t.shape[(axis + 1)...].reduce(1, *)
        var idx = Array(0..<n)
        var elided = false
        if summarize && n > 6 { idx = [0, 1, 2, n - 3, n - 2, n - 1]; elided = true }
        var parts: [String] = []
        for (k, i) in idx.enumerated() {
            if elided && k == 3 { parts.append("...") }
            if axis == t.rank - 1 {
                parts.append(padded(t.data[offset + i]))
            } else {
                parts.append(render(offset + i * stride, axis + 1, pad + 1))
            }
        }
        if axis == t.rank - 1 { return "[" + parts.joined(separator: separator) + "]" }
        let newlines = String(repeating: "\n", count: t.rank - axis - 1)
        let lead = String(repeating: " ", count: pad + 1)
        return "[" + parts.joined(separator: separator.trimmingTrailingSpace + newlines + lead) + "]"
    }
    return render(0, 0, indent)
}

extension String {
    var trimmingTrailingSpace: String { var s = self; while s.hasSuffix(" ") { s.removeLast() }; return s }
}
