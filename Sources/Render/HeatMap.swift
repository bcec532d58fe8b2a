import Foundation

/// A confusion matrix as a heat map: rows are true classes, columns predicted ones, each cell
/// shaded by its share of the largest value and labelled with its value.
public struct HeatMap {
    public var values: [[Double]]
    public var labels: [String]
    public var title: String

    public init(values: [[Double]], labels: [String], title: String = "") {
        self.values = values; self.labels = labels; self.title = title
    }

    var largest: Double { values.joined().max().map { max($0, 0) } ?? 0 }

    static func text(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e9 ? String(Int(v)) : String(format: "%.2f", v) }

    /// The shade of a cell: 0 (empty) to 4 (the largest value).
    func level(_ v: Double) -> Int { largest > 0 ? min(4, Int((max(v, 0) / largest * 4).rounded())) : 0 }

    public func terminal(color: Bool) -> [String] {
        let shades = Array(" ░▒▓█")
        // A cell: its shade, a space, the value right-aligned, a space.
        let cell = max(values.joined().map { Self.text($0).count }.max() ?? 1, labels.map(\.count).max() ?? 1, 3) + 3
        let side = labels.map(\.count).max() ?? 1
        func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        var lines: [String] = title.isEmpty ? [] : [title]
        lines.append(pad("", side) + "  " + labels.map { pad($0, cell - 1) + " " }.joined() + "  (columns: predicted)")
        for (i, row) in values.enumerated() {
            var line = pad(labels[i], side) + " │"
            for v in row {
                let t = " " + pad(Self.text(v), cell - 2) + " "
                if color {
                    // White to dark blue, with light text on the dark end.
                    let f = largest > 0 ? max(v, 0) / largest : 0
                    let bg = (Int(255 - 215 * f), Int(255 - 185 * f), Int(255 - 75 * f))
                    line += "\u{1B}[48;2;\(bg.0);\(bg.1);\(bg.2)m\u{1B}[\(f > 0.5 ? 97 : 30)m" + t + "\u{1B}[0m"
                } else {
                    let s = shades[level(v)]
                    line += String(s) + String(t.dropFirst())
                }
            }
            lines.append(line)
        }
        lines.append(pad("", side) + "  (rows: true class)")
        return lines
    }

    public func svg() -> String {
        let n = Double(labels.count), size = 56.0, left = 20 + 8 * Double(labels.map(\.count).max() ?? 3), top = 60.0
        let w = left + size * n + 20, h = top + size * n + 40
        var s = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(w))\" height=\"\(Int(h))\" font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">\n"
        s += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n"
        s += "<text x=\"\(SVGChart.f(left))\" y=\"20\" font-size=\"14\">\(SVGChart.escape(title))</text>\n"
        for (j, l) in labels.enumerated() {
            s += "<text x=\"\(SVGChart.f(left + size * (Double(j) + 0.5)))\" y=\"\(SVGChart.f(top - 8))\" text-anchor=\"middle\">\(SVGChart.escape(l))</text>\n"
            s += "<text x=\"\(SVGChart.f(left - 6))\" y=\"\(SVGChart.f(top + size * (Double(j) + 0.5) + 4))\" text-anchor=\"end\">\(SVGChart.escape(l))</text>\n"
        }
        for (i, row) in values.enumerated() {
            for (j, v) in row.enumerated() {
                let f = largest > 0 ? max(v, 0) / largest : 0
                let fill = String(format: "rgb(%d,%d,%d)", Int(255 - 215 * f), Int(255 - 185 * f), Int(255 - 75 * f))
                let x = left + size * Double(j), y = top + size * Double(i)
                s += "<rect class=\"cell\" x=\"\(SVGChart.f(x))\" y=\"\(SVGChart.f(y))\" width=\"\(Int(size))\" height=\"\(Int(size))\" fill=\"\(fill)\"/>\n"
                s += "<text x=\"\(SVGChart.f(x + size / 2))\" y=\"\(SVGChart.f(y + size / 2 + 4))\" text-anchor=\"middle\" fill=\"\(f > 0.5 ? "white" : "black")\">\(Self.text(v))</text>\n"
            }
        }
        s += "<text x=\"\(SVGChart.f(left + size * n / 2))\" y=\"\(SVGChart.f(h - 12))\" text-anchor=\"middle\">predicted</text>\n"
        return s + "</svg>\n"
    }
}
