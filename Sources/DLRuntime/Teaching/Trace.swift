/// `trace(model, x)`: one input through the network, layer by layer, with what each layer
/// made of it. Students see the shapes shrink, the values grow or vanish, and ReLU's zeros.
public struct TraceRow {
    public var layer: String
    public var shape: [Int]
    public var min: Float, mean: Double, max: Float
    /// Fraction of exact zeros: after ReLU, the units that are off for this input.
    public var zeros: Double
    /// The layer's output for the sample (per-sample shape), for `show_activations`.
    public var output: Tensor
}

extension Model {
    /// Runs `sample` (a per-sample tensor, no batch axis) through every layer in inference
    /// mode and records each layer's output.
    public func trace(sample: Tensor) throws -> [TraceRow] {
        var x = sample
        x.shape = [1] + sample.shape
        try ensureBuilt(forData: x)
        var rows: [TraceRow] = []
        forEachValue(x, training: false) { i, h in
            let layer = layers[i]
            var out = h
            out.shape = Array(h.shape.dropFirst())
            let s = Self.statistics(h.data)
            rows.append(TraceRow(layer: "\(layer.name) (\(layer.typeName))", shape: out.shape, min: s.min,
                                 mean: s.mean, max: s.max, zeros: s.zeros, output: out))
        }
        return rows
    }

    /// The trace as a table: layer, output shape, min / mean / max, and the share of zeros.
    public func traceText(sample: Tensor) throws -> String {
        let rows = try trace(sample: sample)
        let header = [Catalog.text(.traceLayer), Catalog.text(.traceShape), "min", Catalog.text(.traceMean), "max", Catalog.text(.traceZeros)]
        var table = [header]
        func add(_ name: String, _ shape: [Int], _ lo: Float, _ mean: Double, _ hi: Float, _ zeros: Double) {
            table.append([name, kerasShape(shape), Self.number(Double(lo)), Self.number(mean), Self.number(Double(hi)),
                          String(format: "%.0f%%", zeros * 100)])
        }
        let input = Self.statistics(sample.data)
        add(Catalog.text(.traceInput), sample.shape, input.min, input.mean, input.max, input.zeros)
        for r in rows { add(r.layer, r.shape, r.min, r.mean, r.max, r.zeros) }
        return TextTable.render(table, rightAligned: [2, 3, 4, 5]) + "\n"
    }

    /// Smallest, mean and largest value, and the fraction that is exactly zero.
    static func statistics(_ v: [Float]) -> (min: Float, mean: Double, max: Float, zeros: Double) {
        var lo = Float.infinity, hi = -Float.infinity, sum = 0.0, zeros = 0
        for x in v {
            lo = Swift.min(lo, x); hi = Swift.max(hi, x); sum += Double(x)
            if x == 0 { zeros += 1 }
        }
        let n = Double(Swift.max(v.count, 1))
        return (lo, sum / n, hi, Double(zeros) / n)
    }

    static func number(_ x: Double) -> String {
        x == 0 ? "0" : (abs(x) >= 1e4 || abs(x) < 1e-3 ? String(format: "%.3g", x) : String(format: "%.4f", x))
    }
}

/// Columns padded to their widest cell, two spaces apart, with a rule under the header.
public enum TextTable {
    public static func render(_ rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { c in rows.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { c, s in
                let pad = String(repeating: " ", count: widths[c] - s.count)
                return rightAligned.contains(c) ? pad + s : s + pad
            }.joined(separator: "  ").trimmingTrailing()
        }
        var out = [line(rows[0]), String(repeating: "-", count: widths.reduce(0, +) + 2 * (columns - 1))]
        out += rows.dropFirst().map(line)
        return out.joined(separator: "\n")
    }
}

extension String {
    /// The string without its trailing spaces (padded table cells at the end of a line).
    public func trimmingTrailing() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
