import Foundation

/// Horizontal bars, one per label (report 002's training time per model), drawn with
/// eighth-block characters in a terminal or as SVG.
public struct BarChart {
    public var title: String
    public var bars: [(label: String, value: Double)]

    public init(title: String, bars: [(label: String, value: Double)]) { self.title = title; self.bars = bars }

    /// A bar's value as written beside it: up to two decimals (35.68, 20, 0.5).
    static func valueText(_ v: Double) -> String {
        var s = String(format: "%.2f", v)
        while s.hasSuffix("0") { s.removeLast() }
        if s.hasSuffix(".") { s.removeLast() }
        return s
    }

    /// Bars scaled so the largest value fills `width` cells; values printed after each bar.
    public func terminal(width: Int = 50) -> [String] {
        let top = bars.map { max($0.value, 0) }.max() ?? 0
        let labelWidth = bars.map(\.label.count).max() ?? 0
        let eighths = Array(" ▏▎▍▌▋▊▉")
        var lines = title.isEmpty ? [] : [title]
        for (label, value) in bars {
            let cells = top > 0 ? max(value, 0) / top * Double(width) : 0
            let whole = Int(cells), part = Int((cells - Double(whole)) * 8)
            let bar = String(repeating: "█", count: whole) + (part > 0 ? String(eighths[part]) : "")
            lines.append(label + String(repeating: " ", count: labelWidth - label.count) + " │" + bar + " " + Self.valueText(value))
        }
        return lines
    }

    public func svg() -> String {
        let rowHeight = 26.0, left = 12.0 + 8 * Double(bars.map(\.label.count).max() ?? 4), plotWidth = 420.0
        let height = 50 + rowHeight * Double(bars.count)
        let top = bars.map { max($0.value, 0) }.max() ?? 0
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(left + plotWidth + 80))\" height=\"\(Int(height))\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(SVGChart.f(left))\" y=\"20\" font-size=\"14\">\(SVGChart.escape(title))</text>\n"
        for (i, b) in bars.enumerated() {
            let y = 34 + rowHeight * Double(i), w = top > 0 ? max(b.value, 0) / top * plotWidth : 0
            s += "<text x=\"\(SVGChart.f(left - 6))\" y=\"\(SVGChart.f(y + 15))\" text-anchor=\"end\">\(SVGChart.escape(b.label))</text>\n"
            s += "<rect class=\"bar\" x=\"\(SVGChart.f(left))\" y=\"\(SVGChart.f(y))\" width=\"\(SVGChart.f(w))\" height=\"20\" fill=\"\(SVGChart.palette[0])\"/>\n"
            s += "<text x=\"\(SVGChart.f(left + w + 5))\" y=\"\(SVGChart.f(y + 15))\">\(Self.valueText(b.value))</text>\n"
        }
        return s + "</svg>\n"
    }
}
