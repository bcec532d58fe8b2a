import Foundation

/// What the charts draw with, so that one layout makes both the SVG and the PNG of a chart.
/// Coordinates are SVG's: pixels from the top left, text placed at its baseline.
public protocol Canvas {
    func text(_ s: String, x: Double, y: Double, anchor: TextAnchor, size: Double, color: String, cssClass: String?)
    func rect(x: Double, y: Double, width: Double, height: Double, fill: String?, stroke: String?, cssClass: String?)
    func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String, width: Double, dashed: Bool)
    /// A series' curve; `name` is kept in the SVG (data-name) for tools and tests.
    func polyline(_ points: [(x: Double, y: Double)], color: String, width: Double, dashed: Bool, name: String)
}

public enum TextAnchor: String { case start, middle, end }

/// A chart that lays itself out once on any canvas: it is then an SVG or a PNG for free.
public protocol Drawing {
    var canvasSize: (width: Int, height: Int) { get }
    func draw(on canvas: Canvas)
}

extension Drawing {
    public func svg() -> String {
        let canvas = SVGCanvas(width: canvasSize.width, height: canvasSize.height)
        draw(on: canvas)
        return canvas.render()
    }

    public func png() throws -> Data {
        let canvas = RasterCanvas(width: canvasSize.width, height: canvasSize.height)
        draw(on: canvas)
        return try canvas.png()
    }
}

extension Canvas {
    func text(_ s: String, x: Double, y: Double, anchor: TextAnchor = .start, size: Double = 12, color: String = "black") {
        text(s, x: x, y: y, anchor: anchor, size: size, color: color, cssClass: nil)
    }
    func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String) {
        line(x1: x1, y1: y1, x2: x2, y2: y2, color: color, width: 1, dashed: false)
    }
}

/// A drawing as SVG text, white background, DejaVu Sans 12.
public final class SVGCanvas: Canvas {
    let width: Int, height: Int
    private var body = ""

    public init(width: Int, height: Int) { self.width = width; self.height = height }

    public func render() -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(width)" height="\(height)" viewBox="0 0 \(width) \(height)" font-family="DejaVu Sans, Arial, sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        \(body)</svg>

        """
    }

    public func text(_ s: String, x: Double, y: Double, anchor: TextAnchor, size: Double, color: String, cssClass: String?) {
        var attrs = (cssClass.map { " class=\"\($0)\"" } ?? "") + " x=\"\(f(x))\" y=\"\(f(y))\""
        if anchor != .start { attrs += " text-anchor=\"\(anchor.rawValue)\"" }
        if size != 12 { attrs += " font-size=\"\(Int(size))\"" }
        if color != "black" { attrs += " fill=\"\(color)\"" }
        body += "<text\(attrs)>\(Self.escape(s))</text>\n"
    }

    public func rect(x: Double, y: Double, width: Double, height: Double, fill: String?, stroke: String?, cssClass: String?) {
        let c = cssClass.map { " class=\"\($0)\"" } ?? ""
        body += "<rect\(c) x=\"\(f(x))\" y=\"\(f(y))\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"\(fill ?? "none")\""
            + (stroke.map { " stroke=\"\($0)\"" } ?? "") + "/>\n"
    }

    public func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String, width: Double, dashed: Bool) {
        body += "<line x1=\"\(f(x1))\" y1=\"\(f(y1))\" x2=\"\(f(x2))\" y2=\"\(f(y2))\" stroke=\"\(color)\""
            + (width != 1 ? " stroke-width=\"\(f(width))\"" : "") + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n"
    }

    public func polyline(_ points: [(x: Double, y: Double)], color: String, width: Double, dashed: Bool, name: String) {
        let pts = points.map { "\(f($0.x)),\(f($0.y))" }.joined(separator: " ")
        body += "<polyline class=\"series\" data-name=\"\(Self.escape(name))\" points=\"\(pts)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"\(f(width))\""
            + (dashed ? " stroke-dasharray=\"6 4\"" : "") + "/>\n"
    }

    func f(_ v: Double) -> String { String(format: "%.1f", v) }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
