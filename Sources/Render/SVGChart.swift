import Foundation

/// Draws `LineChart`s side by side as one self-contained SVG (matplotlib's default colours),
/// for `plot(history, file="curves.svg")` and the HTML report.
public enum SVGChart {
    static let palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f"]
    static let panel = (width: 480.0, height: 340.0)
    static let margin = (left: 62.0, right: 16.0, top: 34.0, bottom: 70.0)

    public static func render(_ charts: [LineChart]) -> String {
        let w = panel.width * Double(max(charts.count, 1)), h = panel.height
        var svg = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(w))" height="\(Int(h))" viewBox="0 0 \(Int(w)) \(Int(h))" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>

        """
        for (i, chart) in charts.enumerated() { svg += panelSVG(chart, offset: Double(i) * panel.width) }
        return svg + "</svg>\n"
    }

    static func panelSVG(_ chart: LineChart, offset: Double) -> String {
        let x0 = offset + margin.left, x1 = offset + panel.width - margin.right
        let y0 = margin.top, y1 = panel.height - margin.bottom
        var s = "<text x=\"\(f((x0 + x1) / 2))\" y=\"20\" text-anchor=\"middle\" font-size=\"14\">\(escape(chart.title))</text>\n"
        s += "<rect x=\"\(f(x0))\" y=\"\(f(y0))\" width=\"\(f(x1 - x0))\" height=\"\(f(y1 - y0))\" fill=\"none\" stroke=\"#333\"/>\n"
        guard let b = chart.bounds else {
            return s + "<text x=\"\(f((x0 + x1) / 2))\" y=\"\(f((y0 + y1) / 2))\" text-anchor=\"middle\">no data</text>\n"
        }
        func px(_ x: Double) -> Double { x0 + (x - b.x.lowerBound) / (b.x.upperBound - b.x.lowerBound) * (x1 - x0) }
        func py(_ y: Double) -> Double { y1 - (y - b.y.lowerBound) / (b.y.upperBound - b.y.lowerBound) * (y1 - y0) }
        for v in LineChart.ticks(b.y, count: 5) {
            s += "<line x1=\"\(f(x0 - 4))\" y1=\"\(f(py(v)))\" x2=\"\(f(x1))\" y2=\"\(f(py(v)))\" stroke=\"#ddd\"/>\n"
            s += "<text x=\"\(f(x0 - 7))\" y=\"\(f(py(v) + 4))\" text-anchor=\"end\">\(LineChart.label(v))</text>\n"
        }
        for v in LineChart.ticks(b.x, count: 5, integral: chart.integralX) {
            s += "<line x1=\"\(f(px(v)))\" y1=\"\(f(y1))\" x2=\"\(f(px(v)))\" y2=\"\(f(y1 + 4))\" stroke=\"#333\"/>\n"
            s += "<text x=\"\(f(px(v)))\" y=\"\(f(y1 + 17))\" text-anchor=\"middle\">\(LineChart.label(v))</text>\n"
        }
        s += "<text x=\"\(f((x0 + x1) / 2))\" y=\"\(f(y1 + 34))\" text-anchor=\"middle\">\(escape(chart.xLabel))</text>\n"
        for (i, series) in chart.series.enumerated() {
            let colour = palette[i % palette.count]
            let pts = series.points.filter { $0.x.isFinite && $0.y.isFinite }.map { "\(f(px($0.x))),\(f(py($0.y)))" }
            let dash = series.dashed ? " stroke-dasharray=\"6 4\"" : ""
            s += "<polyline class=\"series\" data-name=\"\(escape(series.name))\" points=\"\(pts.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>\n"
            // The legend under the plot, one entry per series.
            let lx = x0 + Double(i % 3) * 140, ly = y1 + 50 + Double(i / 3) * 16
            s += "<line x1=\"\(f(lx))\" y1=\"\(f(ly - 4))\" x2=\"\(f(lx + 22))\" y2=\"\(f(ly - 4))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>\n"
            s += "<text class=\"legend\" x=\"\(f(lx + 28))\" y=\"\(f(ly))\">\(escape(series.name))</text>\n"
        }
        return s
    }

    static func f(_ v: Double) -> String { String(format: "%.1f", v) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
