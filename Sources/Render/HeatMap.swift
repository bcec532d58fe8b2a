import Foundation

/// A confusion matrix as a heat map: rows are true classes, columns predicted ones, each cell
/// shaded by its share of the largest value and labelled with its value.
public struct HeatMap: Drawing {
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

    var layout: (size: Double, left: Double, top: Double, width: Int, height: Int) {
        let n = Double(labels.count), size = 56.0, left = 20 + 8 * Double(labels.map(\.count).max() ?? 3), top = 60.0
        return (size, left, top, Int(left + size * n + 20), Int(top + size * n + 40))
    }

    public var canvasSize: (width: Int, height: Int) { (layout.width, layout.height) }

    public func draw(on c: Canvas) {
        let (size, left, top, _, h) = layout
        let n = Double(labels.count)
        c.text(title, x: left, y: 20, anchor: .start, size: 14)
        for (j, l) in labels.enumerated() {
            c.text(l, x: left + size * (Double(j) + 0.5), y: top - 8, anchor: .middle)
            c.text(l, x: left - 6, y: top + size * (Double(j) + 0.5) + 4, anchor: .end)
        }
        for (i, row) in values.enumerated() {
            for (j, v) in row.enumerated() {
                let f = largest > 0 ? max(v, 0) / largest : 0
                let fill = String(format: "rgb(%d,%d,%d)", Int(255 - 215 * f), Int(255 - 185 * f), Int(255 - 75 * f))
                let x = left + size * Double(j), y = top + size * Double(i)
                c.rect(x: x, y: y, width: size, height: size, fill: fill, stroke: nil, cssClass: "cell")
                c.text(Self.text(v), x: x + size / 2, y: y + size / 2 + 4, anchor: .middle, size: 12, color: f > 0.5 ? "white" : "black", cssClass: nil)
            }
        }
        c.text("predicted", x: left + size * n / 2, y: Double(h) - 12, anchor: .middle)
    }
}
