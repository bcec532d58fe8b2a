import Foundation

/// Horizontal bars, one per label (report 002's training time per model), drawn with
/// eighth-block characters in a terminal or as SVG.
public struct BarChart: Drawing {
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

    var size: (width: Int, height: Int) {
        let left = 12.0 + 8 * Double(bars.map(\.label.count).max() ?? 4)
        return (Int(left + 420 + 80), Int(50 + 26 * Double(bars.count)))
    }

    public var canvasSize: (width: Int, height: Int) { (size.width, size.height) }

    public func draw(on c: Canvas) {
        let rowHeight = 26.0, left = 12.0 + 8 * Double(bars.map(\.label.count).max() ?? 4), plotWidth = 420.0
        let top = bars.map { max($0.value, 0) }.max() ?? 0
        c.text(title, x: left, y: 20, anchor: .start, size: 14)
        for (i, b) in bars.enumerated() {
            let y = 34 + rowHeight * Double(i), w = top > 0 ? max(b.value, 0) / top * plotWidth : 0
            c.text(b.label, x: left - 6, y: y + 15, anchor: .end)
            c.rect(x: left, y: y, width: w, height: 20, fill: SVGChart.palette[0], stroke: nil, cssClass: "bar")
            c.text(Self.valueText(b.value), x: left + w + 5, y: y + 15)
        }
    }
}
