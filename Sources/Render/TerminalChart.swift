/// Draws a `LineChart` with Unicode braille: each character cell holds 2x4 dots, so a
/// 60x12 plot area has 120x48 points of resolution. Colour (ANSI) when asked for, one per
/// series; without colour, series differ by their dot pattern only where they do not overlap,
/// and the legend names them in drawing order.
public struct TerminalChart {
    public var width: Int
    public var height: Int
    public var color: Bool

    /// ANSI colours for the series, in order (blue, orange-ish yellow, green, red, magenta, cyan).
    static let palette = [34, 33, 32, 31, 35, 36]

    public init(width: Int = 60, height: Int = 12, color: Bool = false) {
        self.width = width; self.height = height; self.color = color
    }

    /// The dot row (0 = top) and column where a point falls.
    static func dot(_ p: (x: Double, y: Double), _ b: (x: ClosedRange<Double>, y: ClosedRange<Double>), columns: Int, rows: Int) -> (row: Int, col: Int) {
        let fx = (p.x - b.x.lowerBound) / (b.x.upperBound - b.x.lowerBound)
        let fy = (b.y.upperBound - p.y) / (b.y.upperBound - b.y.lowerBound)
        return (Int((fy * Double(rows - 1)).rounded()), Int((fx * Double(columns - 1)).rounded()))
    }

    public func render(_ chart: LineChart) -> [String] {
        guard let b = chart.bounds else { return [chart.title, "  (no data)"] }
        let dotRows = height * 4, dotCols = width * 2
        var bits = [[UInt8]](repeating: [UInt8](repeating: 0, count: width), count: height)
        var owner = [[Int]](repeating: [Int](repeating: -1, count: width), count: height)
        func set(_ r: Int, _ c: Int, _ s: Int) {
            guard r >= 0, r < dotRows, c >= 0, c < dotCols else { return }
            let masks: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
            bits[r / 4][c / 2] |= masks[r % 4][c % 2]
            owner[r / 4][c / 2] = s
        }
        for (s, series) in chart.series.enumerated() {
            let pts = series.points.filter { $0.x.isFinite && $0.y.isFinite }.map { Self.dot($0, b, columns: dotCols, rows: dotRows) }
            if pts.count == 1 { set(pts[0].row, pts[0].col, s) }
            // Validation curves are dashed (two dots on, two off) so they read apart from the
            // training curves without colour.
            var along = 0
            for (a, z) in zip(pts, pts.dropFirst()) {
                // A straight line of dots from a to z (enough steps to leave no gaps).
                let steps = max(abs(z.row - a.row), abs(z.col - a.col), 1)
                for i in 0..<steps {
                    let t = Double(i) / Double(steps)
                    if !series.dashed || along % 4 < 2 {
                        set(Int((Double(a.row) + t * Double(z.row - a.row)).rounded()), Int((Double(a.col) + t * Double(z.col - a.col)).rounded()), s)
                    }
                    along += 1
                }
            }
            if let last = pts.last { set(last.row, last.col, s) }
        }
        let yTicks = LineChart.ticks(b.y, count: min(5, height))
        let tickRows = Dictionary(yTicks.map { (Self.dot((b.x.lowerBound, $0), b, columns: dotCols, rows: dotRows).row / 4, LineChart.label($0)) },
                                  uniquingKeysWith: { a, _ in a })
        let margin = (tickRows.values.map(\.count).max() ?? 1) + 1
        var lines = [String(repeating: " ", count: margin + 1) + chart.title]
        for r in 0..<height {
            let tick = tickRows[r]
            var line = pad(tick ?? "", margin) + (tick == nil ? "│" : "┤")
            for c in 0..<width {
                let ch = bits[r][c] == 0 ? " " : String(UnicodeScalar(0x2800 + UInt32(bits[r][c]))!)
                if color && owner[r][c] >= 0 && bits[r][c] != 0 {
                    line += "\u{1B}[\(Self.palette[owner[r][c] % Self.palette.count])m" + ch + "\u{1B}[0m"
                } else {
                    line += ch
                }
            }
            lines.append(line.trimmingTrailing())
        }
        // The x axis: ticks at the ends and, room permitting, in between; labels below them.
        let xTicks = LineChart.ticks(b.x, count: width >= 40 ? 5 : 2, integral: chart.integralX)
        var axis = Array(repeating: Character("─"), count: width)
        var labels = Array(repeating: Character(" "), count: width + 8)
        for v in xTicks {
            let c = Self.dot((v, b.y.lowerBound), b, columns: dotCols, rows: dotRows).col / 2
            axis[c] = "┬"
            let text = Array(LineChart.label(v))
            let start = max(0, min(c - text.count / 2, labels.count - text.count))
            for (i, ch) in text.enumerated() where labels[start + i] == " " { labels[start + i] = ch }
        }
        lines.append(String(repeating: " ", count: margin) + "└" + String(axis))
        lines.append(String(repeating: " ", count: margin + 1) + String(labels).trimmingTrailing() + "  " + chart.xLabel)
        let legend = chart.series.enumerated().map { i, s in
            let mark = color ? "\u{1B}[\(Self.palette[i % Self.palette.count])m━━\u{1B}[0m" : (s.dashed ? "╌╌" : "━━")
            return mark + " " + s.name
        }
        lines.append(String(repeating: " ", count: margin + 1) + legend.joined(separator: "   "))
        return lines
    }

    private func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
}
