import Foundation

/// A line chart: named series of (x, y) points on shared axes. Built by `plot(history)`,
/// drawn as Unicode braille in a terminal (`TerminalChart`) or as an SVG file (`SVGChart`).
public struct LineChart {
    public struct Series {
        public var name: String
        public var points: [(x: Double, y: Double)]
        /// Validation curves are drawn dashed in SVG, as Keras tutorials draw them.
        public var dashed: Bool
        public init(name: String, points: [(x: Double, y: Double)], dashed: Bool = false) {
            self.name = name; self.points = points; self.dashed = dashed
        }
    }

    public var title: String
    public var xLabel: String
    public var series: [Series]

    public init(title: String, xLabel: String = "epoch", series: [Series]) {
        self.title = title; self.xLabel = xLabel; self.series = series
    }

    /// The smallest and largest x and y over every finite point; a flat range is widened so
    /// that it can be drawn.
    public var bounds: (x: ClosedRange<Double>, y: ClosedRange<Double>)? {
        let all = series.flatMap(\.points).filter { $0.x.isFinite && $0.y.isFinite }
        guard let first = all.first else { return nil }
        var x0 = first.x, x1 = first.x, y0 = first.y, y1 = first.y
        for p in all { x0 = min(x0, p.x); x1 = max(x1, p.x); y0 = min(y0, p.y); y1 = max(y1, p.y) }
        if x0 == x1 { x0 -= 1; x1 += 1 }
        if y0 == y1 { let pad = max(abs(y0) * 0.1, 0.5); y0 -= pad; y1 += pad }
        return (x0...x1, y0...y1)
    }

    /// True when every x is a whole number (epochs): ticks then fall on whole numbers.
    public var integralX: Bool { series.allSatisfy { $0.points.allSatisfy { $0.x == $0.x.rounded() } } }

    /// Up to `count` tick values from the low end to the high end of `range`, evenly spaced
    /// (whole numbers when `integral`).
    public static func ticks(_ range: ClosedRange<Double>, count: Int, integral: Bool = false) -> [Double] {
        let span = range.upperBound - range.lowerBound
        guard integral else { return (0..<count).map { range.lowerBound + span * Double($0) / Double(count - 1) } }
        // Whole steps from the first value: 1 3 5 7 for epochs 1 to 8.
        let step = max(1, (span / Double(count - 1)).rounded(.up))
        return Array(stride(from: range.lowerBound.rounded(), through: range.upperBound, by: step))
    }

    /// A tick label: few digits, no trailing zeros (0.25, 1.5, 12, 3.2e-05).
    public static func label(_ v: Double) -> String {
        if v == 0 { return "0" }
        if abs(v) >= 1e5 || abs(v) < 1e-3 { return String(format: "%.1e", v) }
        var s = String(format: abs(v) >= 100 ? "%.0f" : abs(v) >= 10 ? "%.1f" : "%.3f", v)
        if s.contains(".") { while s.hasSuffix("0") { s.removeLast() }; if s.hasSuffix(".") { s.removeLast() } }
        return s
    }
}
