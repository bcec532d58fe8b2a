import Foundation
import Testing
@testable import Render

/// Charts drawn to text and SVG, checked by content: size, legend, and where the extreme
/// points land.
@Suite struct ChartTests {
    let chart = LineChart(title: "loss", series: [
        .init(name: "loss", points: [(1, 2.0), (2, 1.0), (3, 0.5), (4, 0.25)]),
        .init(name: "val_loss", points: [(1, 1.5), (2, 1.2), (3, 1.1), (4, 1.3)], dashed: true),
    ])

    /// The plot rows of a rendering (between the title and the x axis), without the y labels.
    func plotRows(_ lines: [String]) -> [String] {
        lines[1..<(lines.count - 3)].map { String($0.split(separator: "┤", maxSplits: 1, omittingEmptySubsequences: false).last!.split(separator: "│", maxSplits: 1, omittingEmptySubsequences: false).last!) }
    }

    @Test func brailleChartPutsTheExtremesOnTheEdgeRows() {
        let lines = TerminalChart(width: 40, height: 8).render(chart)
        #expect(lines.count == 1 + 8 + 3)  // title, rows, axis, x labels, legend
        #expect(lines[0].hasSuffix("loss"))
        let rows = plotRows(lines)
        // The largest value (2.0 at epoch 1) is in the top row's first cell, the smallest
        // (0.25 at epoch 4) in the bottom row's last cell.
        #expect(rows.first!.first.map { $0 != " " } == true)
        #expect(rows.last!.count == 40 && rows.last!.last != " ")
        // The y labels are the range's ends; the legend names both series, the dashed one so.
        #expect(lines[1].hasPrefix("     2┤") && lines[8].hasPrefix("  0.25┤"))
        #expect(lines.last!.contains("━━ loss") && lines.last!.contains("╌╌ val_loss"))
        #expect(lines[lines.count - 2].contains("1") && lines[lines.count - 2].hasSuffix("4  epoch"))
        // Every drawn cell is a braille character.
        #expect(rows.joined().allSatisfy { $0 == " " || (0x2800...0x28FF).contains($0.unicodeScalars.first!.value) })
    }

    @Test func colourWrapsEachSeriesInItsOwnAnsiCode() {
        let text = TerminalChart(width: 30, height: 6, color: true).render(chart).joined(separator: "\n")
        #expect(text.contains("\u{1B}[34m") && text.contains("\u{1B}[33m"))
        #expect(!TerminalChart(width: 30, height: 6).render(chart).joined().contains("\u{1B}"))
    }

    @Test func emptyAndFlatSeriesStillDraw() {
        #expect(TerminalChart().render(LineChart(title: "t", series: [])).last!.contains("no data"))
        let flat = LineChart(title: "flat", series: [.init(name: "a", points: [(1, 3), (2, 3)])])
        #expect(TerminalChart(width: 20, height: 4).render(flat).count == 8)
    }

    @Test func svgHasOnePolylinePerSeriesAndALegend() {
        let svg = SVGChart.render([chart, chart])
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>\n"))
        #expect(svg.contains("width=\"960\""))
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4)
        #expect(svg.contains("class=\"legend\" x=\"90.0\" y=\"320.0\">loss</text>"))
        #expect(svg.contains("stroke-dasharray"))
        // The first point of "loss" (epoch 1, the maximum 2.0) sits at the plot's top-left
        // corner (62, 34); its last (the minimum) at the bottom-right (464, 270).
        #expect(svg.contains("points=\"62.0,34.0 "))
        #expect(svg.contains(" 464.0,270.0\""))
    }

    @Test func tickLabelsAreShort() {
        #expect(LineChart.label(0.25) == "0.25" && LineChart.label(12.5) == "12.5" && LineChart.label(250) == "250")
        #expect(LineChart.label(0.00003) == "3.0e-05" && LineChart.label(0) == "0")
        #expect(LineChart.ticks(1...8, count: 5, integral: true) == [1, 3, 5, 7])
    }
}

@Suite struct BarChartTests {
    @Test func barsScaleToTheLargestAndShowTheirValues() {
        let chart = BarChart(title: "seconds", bars: [("A", 35.68), ("BB", 17.84), ("C", 0)])
        let lines = chart.terminal(width: 20)
        #expect(lines == ["seconds", "A  │████████████████████ 35.68", "BB │██████████ 17.84", "C  │ 0"])
        let svg = chart.svg()
        #expect(svg.components(separatedBy: "class=\"bar\"").count - 1 == 3)
        #expect(svg.contains("width=\"420.0\" height=\"20.0\"") && svg.contains("width=\"210.0\" height=\"20.0\""))
    }
}

@Suite struct HeatMapTests {
    let map = HeatMap(values: [[977, 519], [146, 1295]], labels: ["cat", "dog"], title: "report 001")

    @Test func cellsAreShadedByTheirShareOfTheLargest() {
        let lines = map.terminal(color: false)
        #expect(lines == ["report 001",
                          "        cat    dog   (columns: predicted)",
                          "cat │▓  977 ▒  519 ",
                          "dog │   146 █ 1295 ",
                          "     (rows: true class)"])
        #expect(map.terminal(color: true)[3].contains("\u{1B}[48;2;40;70;180m\u{1B}[97m"))  // the largest: darkest, light text
    }

    @Test func svgHasACellPerEntry() {
        let svg = map.svg()
        #expect(svg.components(separatedBy: "class=\"cell\"").count - 1 == 4)
        #expect(svg.contains(">1295</text>") && svg.contains("fill=\"rgb(40,70,180)\""))
    }
}
