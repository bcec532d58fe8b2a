import Foundation
import DLRuntime
import Render

/// `plot`: training curves from histories (loss and accuracy, train and validation), or
/// y against x from arrays, drawn in the terminal or written to an SVG file.
enum PlotBuiltins {
    /// One history's curves of `metric` (and its val_ twin), named with `prefix`.
    static func curves(_ h: History, metric: String, prefix: String) -> [LineChart.Series] {
        [metric, "val_" + metric].compactMap { key in
            guard let values = h.values[key] else { return nil }
            let points = zip(h.epochs, values).map { (x: Double($0 + 1), y: $1) }
            let name = prefix.isEmpty ? key : prefix + (key.hasPrefix("val_") ? " val" : "")
            return LineChart.Series(name: name, points: points, dashed: key.hasPrefix("val_"))
        }
    }

    /// The charts for `plot(history)` / `plot([h1, h2], labels=[...])`: a loss panel and,
    /// when recorded, an accuracy panel.
    static func historyCharts(_ histories: [History], labels: [String]) throws -> [LineChart] {
        guard histories.contains(where: { !$0.epochs.isEmpty }) else { throw CnnError(.plotEmptyHistory) }
        var charts: [LineChart] = []
        for metric in ["loss", "accuracy"] where histories.contains(where: { $0.values[metric] != nil }) {
            let series = zip(histories, labels).flatMap { curves($0, metric: metric, prefix: $1) }
            charts.append(LineChart(title: metric, series: series))
        }
        return charts
    }

    static func numbers(_ a: Arguments, _ v: Value) throws -> [Double] {
        let t = try a.interp.toTensor(v)
        return t.data.map(Double.init)
    }

    static func register(_ t: inout BuiltinTable) {
        t.add("plot", ["data", "y", "labels", "title", "file", "width", "height"]) { a in
            let data = try a.required("data")
            var charts: [LineChart]
            let given = try a["labels"].map { try a.interp.iterate($0).map(\.str) }
            switch data {
            case .history(let h):
                charts = try historyCharts([h], labels: [""])
            case .list(let l) where !l.items.isEmpty && l.items.allSatisfy({ if case .history = $0 { return true }; return false }):
                let hs = l.items.map { v -> History in if case .history(let h) = v { return h }; fatalError() }
                let names = given ?? hs.indices.map { "run \($0 + 1)" }
                guard names.count == hs.count else { throw CnnError(.plotLabelsCount, names.count, hs.count) }
                charts = try historyCharts(hs, labels: names)
            default:
                // plot(y) against 0, 1, 2, ... or plot(x, y).
                var x = try numbers(a, data), y: [Double]
                if a.has("y") { y = try numbers(a, try a.required("y")) } else { y = x; x = y.indices.map(Double.init) }
                guard x.count == y.count else { throw CnnError(.plotLengths, x.count, y.count) }
                guard !y.isEmpty else { throw CnnError(.plotEmptyHistory) }
                let name = given?.first ?? "y"
                charts = [LineChart(title: try a.string("title", ""), xLabel: a.has("y") ? "x" : "index",
                                    series: [LineChart.Series(name: name, points: zip(x, y).map { (x: $0, y: $1) })])]
            }
            if case .history = data, a.has("title") {
                let title = try a.string("title")
                charts = charts.map { var c = $0; c.title = "\(title): \(c.title)"; return c }
            }
            if try Display.writeChart(a, svg: { SVGChart.render(charts) }, png: { try SVGChart.png(charts) }) { return .none }
            // The y labels and axis take up to 14 columns beside the plot.
            let width = try a.int("width", max(20, min(60, Display.columns - 14)))
            let height = try a.int("height", 12)
            guard width >= 10 && height >= 4 else { throw CnnError(.plotTooSmall, width, height) }
            let renderer = TerminalChart(width: width, height: height, color: Display.color(a))
            Display.write(a, charts.flatMap(renderer.render)) { .svg(SVGChart.render(charts)) }
            return .none
        }
        t.add("bar", ["labels", "values", "title", "file", "width"]) { a in
            let labels = try a.interp.iterate(try a.required("labels")).map(\.str)
            let values = try numbers(a, try a.required("values"))
            guard labels.count == values.count else { throw CnnError(.plotLengths, labels.count, values.count) }
            guard !values.isEmpty else { throw CnnError(.plotEmptyHistory) }
            let chart = BarChart(title: try a.string("title", ""), bars: zip(labels, values).map { (label: $0, value: $1) })
            if try Display.writeChart(a, svg: chart.svg, png: chart.png) { return .none }
            let width = try a.int("width", 50)
            guard width >= 10 else { throw CnnError(.plotTooSmall, width, labels.count) }
            Display.write(a, chart.terminal(width: width)) { .svg(chart.svg()) }
            return .none
        }
        t.add("plot_confusion", ["cm", "labels", "title", "file"]) { a in
            let cm = try a.tensor("cm")
            guard cm.rank == 2, cm.shape[0] == cm.shape[1], cm.shape[0] > 0 else { throw CnnError(.confusionShape, pythonShape(cm.shape)) }
            let k = cm.shape[0]
            let labels = try a["labels"].map { try a.interp.iterate($0).map(\.str) } ?? (0..<k).map(String.init)
            guard labels.count == k else { throw CnnError(.targetNamesCount, labels.count, k) }
            let rows = (0..<k).map { i in (0..<k).map { Double(cm.data[i * k + $0]) } }
            let map = HeatMap(values: rows, labels: labels, title: try a.string("title", ""))
            if try Display.writeChart(a, svg: map.svg, png: map.png) { return .none }
            Display.write(a, map.terminal(color: Display.color(a))) { .svg(map.svg()) }
            return .none
        }
    }
}
