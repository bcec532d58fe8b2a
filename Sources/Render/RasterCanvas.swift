import Foundation
import DLRuntime

/// A drawing as pixels, for PNG charts: antialiased lines (coverage from each pixel's distance
/// to the segment), filled rectangles, and text from `FontAtlas`. Drawn at twice the layout's
/// size so that the picture stays sharp on high-density screens and in print.
public final class RasterCanvas: Canvas {
    public let width: Int, height: Int
    public private(set) var pixels: [UInt8]
    let scale = 2.0

    public init(width: Int, height: Int) {
        self.width = width * 2; self.height = height * 2
        pixels = [UInt8](repeating: 255, count: self.width * self.height * 3)
    }

    public func png() throws -> Data { try ImageCodec.encodePNG(pixels, width: width, height: height, channels: 3) }

    /// Mixes `color` into pixel (x, y) with opacity `alpha` (0...1).
    func blend(_ x: Int, _ y: Int, _ color: (Double, Double, Double), _ alpha: Double) {
        guard x >= 0, y >= 0, x < width, y < height, alpha > 0 else { return }
        let o = (y * width + x) * 3, a = min(alpha, 1)
        pixels[o] = UInt8((Double(pixels[o]) * (1 - a) + color.0 * a).rounded())
        pixels[o + 1] = UInt8((Double(pixels[o + 1]) * (1 - a) + color.1 * a).rounded())
        pixels[o + 2] = UInt8((Double(pixels[o + 2]) * (1 - a) + color.2 * a).rounded())
    }

    public func rect(x: Double, y: Double, width w: Double, height h: Double, fill: String?, stroke: String?, cssClass: String?) {
        if let fill, let c = Self.rgb(fill) {
            let x0 = Int((x * scale).rounded()), x1 = Int(((x + w) * scale).rounded())
            let y0 = Int((y * scale).rounded()), y1 = Int(((y + h) * scale).rounded())
            for py in max(0, y0)..<max(max(0, y0), min(height, y1)) {
                for px in max(0, x0)..<max(max(0, x0), min(width, x1)) { blend(px, py, c, 1) }
            }
        }
        if let stroke {
            line(x1: x, y1: y, x2: x + w, y2: y, color: stroke)
            line(x1: x + w, y1: y, x2: x + w, y2: y + h, color: stroke)
            line(x1: x + w, y1: y + h, x2: x, y2: y + h, color: stroke)
            line(x1: x, y1: y + h, x2: x, y2: y, color: stroke)
        }
    }

    public func line(x1: Double, y1: Double, x2: Double, y2: Double, color: String, width: Double, dashed: Bool) {
        segment((x1 * scale, y1 * scale), (x2 * scale, y2 * scale), color: color, width: width * scale, dashStart: dashed ? 0 : nil)
    }

    public func polyline(_ points: [(x: Double, y: Double)], color: String, width: Double, dashed: Bool, name: String) {
        var travelled = 0.0
        for (a, b) in zip(points, points.dropFirst()) {
            let p = (a.x * scale, a.y * scale), q = (b.x * scale, b.y * scale)
            segment(p, q, color: color, width: width * scale, dashStart: dashed ? travelled : nil)
            travelled += hypot(q.0 - p.0, q.1 - p.1)
        }
    }

    /// A thick segment: each pixel near it is covered by how far inside the stroke it lies.
    /// Dashes follow SVG's "6 4" (scaled), measured from `dashStart` along the path.
    func segment(_ p: (Double, Double), _ q: (Double, Double), color: String, width: Double, dashStart: Double?) {
        guard let c = Self.rgb(color) else { return }
        let dx = q.0 - p.0, dy = q.1 - p.1, length2 = dx * dx + dy * dy, length = length2.squareRoot()
        let r = width / 2, pad = r + 1
        let minX = Int((min(p.0, q.0) - pad).rounded(.down)), maxX = Int((max(p.0, q.0) + pad).rounded(.up))
        let minY = Int((min(p.1, q.1) - pad).rounded(.down)), maxY = Int((max(p.1, q.1) + pad).rounded(.up))
        let period = 10 * scale, on = 6 * scale
        for py in max(0, minY)...max(0, min(height - 1, maxY)) where py <= maxY {
            for px in max(0, minX)...max(0, min(self.width - 1, maxX)) where px <= maxX {
                let cx = Double(px) + 0.5, cy = Double(py) + 0.5
                let t = length2 > 0 ? max(0, min(1, ((cx - p.0) * dx + (cy - p.1) * dy) / length2)) : 0
                let d = hypot(cx - (p.0 + t * dx), cy - (p.1 + t * dy))
                let coverage = r + 0.5 - d
                guard coverage > 0 else { continue }
                if let start = dashStart, (start + t * length).truncatingRemainder(dividingBy: period) >= on { continue }
                blend(px, py, c, min(coverage, 1))
            }
        }
    }

    public func text(_ s: String, x: Double, y: Double, anchor: TextAnchor, size: Double, color: String, cssClass: String?) {
        guard let glyphs = Self.glyphs[size >= 14 ? 28 : 24], let c = Self.rgb(color) else { return }
        let shown = s.map { glyphs[$0] ?? glyphs["?"]! }
        let advance = shown.reduce(0) { $0 + $1.advance }
        var penX = Int((x * scale).rounded()) - (anchor == .middle ? advance / 2 : anchor == .end ? advance : 0)
        let baseline = Int((y * scale).rounded())
        for g in shown {
            for gy in 0..<g.height {
                for gx in 0..<g.width {
                    blend(penX + g.left + gx, baseline - g.top + gy, c, Double(g.coverage[gy * g.width + gx]) / 255)
                }
            }
            penX += g.advance
        }
    }

    /// The atlas with its coverage bytes decoded once, not at every character drawn.
    struct Glyph { let advance, left, top, width, height: Int; let coverage: [UInt8] }
    static let glyphs: [Int: [Character: Glyph]] = FontAtlas.sizes.mapValues { table in
        table.mapValues { g in
            Glyph(advance: g.advance, left: g.left, top: g.top, width: g.width, height: g.height,
                  coverage: Data(base64Encoded: g.coverage).map { [UInt8]($0) } ?? [])
        }
    }

    /// "#1f77b4", "#333", "rgb(40,70,180)", "white", "black"; nil for "none".
    static func rgb(_ s: String) -> (Double, Double, Double)? {
        switch s {
        case "white": return (255, 255, 255)
        case "black": return (0, 0, 0)
        case "none": return nil
        default: break
        }
        if s.hasPrefix("#") {
            var hex = Array(s.dropFirst())
            if hex.count == 3 { hex = hex.flatMap { [$0, $0] } }
            guard hex.count == 6, let v = Int(String(hex), radix: 16) else { return nil }
            return (Double(v >> 16 & 255), Double(v >> 8 & 255), Double(v & 255))
        }
        if s.hasPrefix("rgb(") {
            let parts = s.dropFirst(4).dropLast().split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 3 else { return nil }
            return (parts[0], parts[1], parts[2])
        }
        return nil
    }
}
