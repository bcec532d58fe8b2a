import Foundation
import Testing
import DLRuntime
@testable import Render

/// PNG charts: the same layout as the SVG, drawn in pixels at twice the size.
@Suite struct RasterTests {
    let chart = LineChart(title: "loss", series: [
        .init(name: "loss", points: [(1, 2.0), (2, 1.0), (3, 0.5), (4, 0.25)]),
        .init(name: "val_loss", points: [(1, 1.5), (2, 1.5), (3, 1.5), (4, 1.5)], dashed: true),
    ])

    func decode(_ png: Data) throws -> RGBImage {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-\(UUID().uuidString).png").path
        try png.write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try ImageCodec.decode(path: path)
    }

    func pixel(_ im: RGBImage, _ x: Int, _ y: Int) -> (Int, Int, Int) {
        let o = (y * im.width + x) * 3
        return (Int(im.pixels[o]), Int(im.pixels[o + 1]), Int(im.pixels[o + 2]))
    }

    @Test func lineChartPixelsLandWhereTheSVGPutsThem() throws {
        let im = try decode(try SVGChart.png([chart]))
        #expect(im.width == 960 && im.height == 680)
        #expect(pixel(im, 2, 2) == (255, 255, 255))
        // The first point of "loss" is the plot's top-left corner, (62, 34) in SVG units:
        // matplotlib's blue (31, 119, 180) there; the last is the bottom-right, (464, 270).
        let first = pixel(im, 125, 69), last = pixel(im, 927, 539)
        #expect(first.2 > 150 && first.0 < 90, "\(first)")
        #expect(last.2 > 150 && last.0 < 90, "\(last)")
        // val_loss is flat and dashed: along its row, orange runs broken by gaps.
        let b = chart.bounds!
        let row = Int(((340 - 70) - (1.5 - b.y.lowerBound) / (b.y.upperBound - b.y.lowerBound) * (340 - 70 - 34)) * 2)
        let orange = (130..<920).map { pixel(im, $0, row) }.map { $0.0 > 200 && $0.1 > 100 && $0.1 < 160 && $0.2 < 80 }
        let runs = zip(orange, orange.dropFirst()).filter { !$0 && $1 }.count
        #expect(orange.filter { $0 }.count > 300 && runs > 30, "orange \(orange.filter { $0 }.count), dashes \(runs)")
        // The title "loss" is written in dark pixels above the plot, centred at x = 263.
        let title = (10..<44).flatMap { y in (480..<570).map { pixel(im, $0, y) } }.filter { $0.0 < 100 }.count
        #expect(title > 40)
    }

    @Test func barsAndHeatMapsAsPNG() throws {
        let bars = try decode(try BarChart(title: "t", bars: [(label: "a", value: 2), (label: "b", value: 1)]).png())
        // The longer bar spans the 420-unit plot width; the shorter stops at half of it.
        let left = Int((12 + 8.0) * 2), y0 = Int((34 + 10) * 2), y1 = Int((60 + 10) * 2)
        #expect(pixel(bars, left + 830, y0) == (31, 119, 180))
        #expect(pixel(bars, left + 410, y1) == (31, 119, 180) && pixel(bars, left + 430, y1) == (255, 255, 255))
        let map = try decode(try HeatMap(values: [[9, 1], [0, 3]], labels: ["x", "y"], title: "").png())
        // The largest count's cell is the darkest blue; a zero stays white.
        let left2 = (20 + 8.0) * 2
        let dark = pixel(map, Int(left2 + 10), 130), empty = pixel(map, Int(left2 + 10), 130 + 112)
        #expect(dark == (40, 70, 180) && empty == (255, 255, 255))
    }
}
