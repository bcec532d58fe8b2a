import Foundation

/// Keras's progress display: on a terminal a bar redrawn in place,
/// `211/422 [==============>...............] - ETA: 18s - loss: 0.1533 - accuracy: 0.9541`;
/// elsewhere (or verbose 2) one line when the epoch ends.
public final class ProgressBar {
    let total: Int
    let sink: TextSink
    let redraw: Bool
    let start = Date()
    private var lastDraw = Date.distantPast
    private var lastWidth = 0

    /// What a step is: training steps print `ms/step`, the image loader `ms/image`.
    let unit: String

    public init(total: Int, sink: TextSink, verbose: Int, unit: String = "step") {
        self.total = total; self.sink = sink; self.unit = unit
        redraw = verbose == 1 && sink.isTerminal
    }

    public var elapsed: Double { Date().timeIntervalSince(start) }

    /// Called after each step with the running means so far.
    public func update(step: Int, logs: [(String, Double)]) {
        guard redraw, step < total else { return }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let eta = elapsed / Double(step) * Double(total - step)
        draw("\(counter(step)) \(bar(step)) - ETA: \(ProgressBar.eta(eta))" + ProgressBar.format(logs))
    }

    /// The epoch's last line, with validation figures if any.
    public func finish(logs: [(String, Double)]) {
        let t = elapsed
        let perStep = ProgressBar.perStep(t / Double(max(total, 1)), unit: unit)
        if redraw {
            draw("\(counter(total)) \(bar(total)) - \(Int(t.rounded()))s \(perStep)" + ProgressBar.format(logs))
            sink.write("\n")
        } else {
            sink.write("\(total)/\(total) - \(Int(t.rounded()))s - \(perStep)" + ProgressBar.format(logs) + "\n")
        }
    }

    private func draw(_ line: String) {
        let pad = max(0, lastWidth - line.count)
        sink.write("\r" + line + String(repeating: " ", count: pad))
        lastWidth = line.count
    }

    private func counter(_ step: Int) -> String {
        let w = String(total).count
        return String(repeating: " ", count: w - String(step).count) + "\(step)/\(total)"
    }

    private func bar(_ step: Int) -> String {
        let width = 30
        let done = Int(Double(width) * Double(step) / Double(max(total, 1)))
        if step >= total { return "[" + String(repeating: "=", count: width) + "]" }
        return "[" + String(repeating: "=", count: max(done - 1, 0)) + (done > 0 ? ">" : "")
            + String(repeating: ".", count: width - max(done, 0)) + "]"
    }

    /// ` - loss: 0.1234 - accuracy: 0.9876`, Keras's number format.
    public static func format(_ logs: [(String, Double)]) -> String {
        logs.map { " - \($0.0): \(formatValue($0.1))" }.joined()
    }

    public static func formatValue(_ v: Double) -> String {
        abs(v) > 1e-3 || v == 0 ? String(format: "%.4f", v) : String(format: "%.4e", v)
    }

    static func eta(_ s: Double) -> String {
        let t = Int(s.rounded())
        if t >= 3600 { return String(format: "%d:%02d:%02d", t / 3600, t % 3600 / 60, t % 60) }
        if t >= 60 { return String(format: "%d:%02d", t / 60, t % 60) }
        return "\(t)s"
    }

    static func perStep(_ s: Double, unit: String = "step") -> String {
        if s >= 1 { return String(format: "%.0fs/", s) + unit }
        if s >= 1e-3 { return String(format: "%.0fms/", s * 1e3) + unit }
        return String(format: "%.0fus/", s * 1e6) + unit
    }
}
