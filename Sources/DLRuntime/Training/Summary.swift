import Foundation

extension Model {
    /// `model.summary()` in Keras's layout: Layer (type) / Output Shape / Param # and the
    /// Total / Trainable / Non-trainable lines (with Keras 3's memory sizes).
    public func summaryText() throws -> String {
        guard isBuilt else { throw CnnError(.summaryNeedsBuild, name) }
        // A graph model adds Keras's "Connected to" column and its input layer's row.
        let graph = !isChain
        // Keras's columns (29, 26, 10), the first widened to fit the longest name: Keras
        // wraps a long name onto a second row instead, which is harder to read.
        let longest = (layers.map { "\($0.name) (\($0.typeName))" } + (graph ? ["\(inputName) (InputLayer)"] : [])).map(\.count).max() ?? 0
        let longestSource = graph ? (inbound.joined().map { valueName($0).count + 6 }.max() ?? 0) : 0
        let widths = [max(29, longest + 3), 26, graph ? 11 : 10, graph ? max(20, longestSource) : 0]
        let width = widths.reduce(0, +)
        func row(_ cells: [String]) -> String {
            var line = ""
            for (i, c) in cells.enumerated() {
                let cell = i == 0 ? " " + c : c
                line += i == cells.count - 1 ? cell : cell.padding(toLength: max(widths[i], cell.count + 1), withPad: " ", startingAt: 0)
            }
            return line
        }
        let rule = String(repeating: "_", count: width), double = String(repeating: "=", count: width)
        var lines = ["Model: \"\(name)\"", rule, row(["Layer (type)", "Output Shape", "Param #"] + (graph ? ["Connected to"] : [])), double]
        if graph {
            lines.append(row(["\(inputName) (InputLayer)", kerasShape(inputShape ?? []), "0", "-"]))
            lines.append("")
        }
        for (i, layer) in layers.enumerated() {
            let sources = inbound[i].map { valueName($0) + "[0][0]" }
            lines.append(row(["\(layer.name) (\(layer.typeName))", kerasShape(layer.outputShape), "\(layer.parameterCount)"]
                             + (graph ? [sources[0]] : [])))
            for more in sources.dropFirst() where graph { lines.append(row(["", "", "", more])) }
            lines.append(i == layers.count - 1 ? double : "")
        }
        let total = parameterCount, trainable = trainableCount
        lines.append("Total params: \(grouped(total)) (\(memorySize(total * 4)))")
        lines.append("Trainable params: \(grouped(trainable)) (\(memorySize(trainable * 4)))")
        lines.append("Non-trainable params: \(grouped(total - trainable)) (\(memorySize((total - trainable) * 4)))")
        lines.append(rule)
        return lines.joined(separator: "\n") + "\n"
    }
}

/// 1625866 -> "1,625,866".
public func grouped(_ n: Int) -> String {
    let s = String(abs(n))
    var out = ""
    for (i, c) in s.enumerated() {
        if i > 0 && (s.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

/// Keras 3's readable memory size: "6.20 MB", "0.00 B".
public func memorySize(_ bytes: Int) -> String {
    let units = ["B", "KB", "MB", "GB", "TB"]
    var v = Double(bytes), u = 0
    while v >= 1024 && u < units.count - 1 { v /= 1024; u += 1 }
    return String(format: "%.2f %@", v, units[u])
}
