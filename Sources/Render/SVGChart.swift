import Foundation

/// Draws `LineChart`s side by side (matplotlib's default colours) on a `Canvas`: as one
/// self-contained SVG for `plot(history, file="curves.svg")` and the HTML report, or as a
/// PNG for `file="curves.png"`.
public enum SVGChart {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
    static let panel = (width: 480.0, height: 340.0)
    static let margin = (left: 62.0, right: 16.0, top: 34.0, bottom: 70.0)

    /// The panels side by side.
    struct Panels: Drawing {
        let charts: [LineChart]
        var canvasSize: (width: Int, height: Int) { (Int(panel.width) * max(charts.count, 1), Int(panel.height)) }
        func draw(on canvas: Canvas) {
            for (i, chart) in charts.enumerated() { drawPanel(chart, offset: Double(i) * panel.width, on: canvas) }
        }
    }

    public static func render(_ charts: [LineChart]) -> String { Panels(charts: charts).svg() }

    public static func png(_ charts: [LineChart]) throws -> Data { try Panels(charts: charts).png() }

    static func drawPanel(_ chart: LineChart, offset: Double, on c: Canvas) {
        let x0 = offset + margin.left, x1 = offset + panel.width - margin.right
        let y0 = margin.top, y1 = panel.height - margin.bottom
        c.text(chart.title, x: (x0 + x1) / 2, y: 20, anchor: .middle, size: 14)
        c.rect(x: x0, y: y0, width: x1 - x0, height: y1 - y0, fill: nil, stroke: "#333", cssClass: nil)
        guard let b = chart.bounds else {
            c.text("no data", x: (x0 + x1) / 2, y: (y0 + y1) / 2, anchor: .middle)
            return
        }
        func px(_ x: Double) -> Double { x0 + (x - b.x.lowerBound) / (b.x.upperBound - b.x.lowerBound) * (x1 - x0) }
        func py(_ y: Double) -> Double { y1 - (y - b.y.lowerBound) / (b.y.upperBound - b.y.lowerBound) * (y1 - y0) }
        for v in LineChart.ticks(b.y, count: 5) {
            c.line(x1: x0 - 4, y1: py(v), x2: x1, y2: py(v), color: "#ddd")
            c.text(LineChart.label(v), x: x0 - 7, y: py(v) + 4, anchor: .end)
        }
        for v in LineChart.ticks(b.x, count: 5, integral: chart.integralX) {
            c.line(x1: px(v), y1: y1, x2: px(v), y2: y1 + 4, color: "#333")
            c.text(LineChart.label(v), x: px(v), y: y1 + 17, anchor: .middle)
        }
        c.text(chart.xLabel, x: (x0 + x1) / 2, y: y1 + 34, anchor: .middle)
        for (i, series) in chart.series.enumerated() {
            let colour = palette[i % palette.count]
            let points = series.points.filter { $0.x.isFinite && $0.y.isFinite }.map { (x: px($0.x), y: py($0.y)) }
            c.polyline(points, color: colour, width: 2, dashed: series.dashed, name: series.name)
            // The legend under the plot, one entry per series.
            let lx = x0 + Double(i % 3) * 140, ly = y1 + 50 + Double(i / 3) * 16
            c.line(x1: lx, y1: ly - 4, x2: lx + 22, y2: ly - 4, color: colour, width: 2, dashed: series.dashed)
            c.text(series.name, x: lx + 28, y: ly, anchor: .start, size: 12, color: "black", cssClass: "legend")
        }
    }
}
