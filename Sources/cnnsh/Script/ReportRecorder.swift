import Foundation
import DLRuntime
import Lang
import Render

/// Records a script run for `--html`: everything printed still reaches the terminal as it
/// happens, and is also kept, with the charts and images, under the cell that produced it.
final class ReportRecorder: FigureSink {
    let terminal: TextSink
    private(set) var report: HTMLReport
    private var current: HTMLReport.CodeCell?
    private var started = Date()

    var isTerminal: Bool { terminal.isTerminal }

    init(terminal: TextSink, title: String, subtitle: String) {
        self.terminal = terminal
        report = HTMLReport(title: title, subtitle: subtitle)
    }

    func write(_ s: String) {
        terminal.write(s)
        guard current != nil else { return }
        if case .text(let t)? = current!.outputs.last {
            current!.outputs[current!.outputs.count - 1] = .text(t + s)
        } else {
            current!.outputs.append(.text(s))
        }
    }

    func figure(_ f: Figure, terminalText: String) {
        terminal.write(terminalText)
        current?.outputs.append(.figure(f))
    }

    func markdown(_ text: String) { report.cells.append(.markdown(text)) }

    func begin(number: Int, title: String?, source: String) {
        let spans = Highlight.spans(source.trimmingCharacters(in: .newlines)).map { (kind: $0.kind.rawValue, text: $0.text) }
        current = HTMLReport.CodeCell(number: number, title: title, spans: spans)
        started = Date()
    }

    func end(error: String? = nil) {
        guard var cell = current else { return }
        cell.seconds = Date().timeIntervalSince(started)
        cell.error = error
        report.cells.append(.code(cell))
        current = nil
    }

    /// Adds the run's total time to the page's subtitle.
    func finish(seconds: Double) {
        report.subtitle += " · " + Catalog.text(.reportTotalTime, HTMLReport.duration(seconds))
    }

    func save(to path: String) throws {
        try AtomicFile.write(Data(report.html().utf8), to: path)
    }
}

extension Cell {
    /// A markdown cell's text without the `# ` that keeps it a comment in the script.
    var markdownText: String {
        source.split(separator: "\n", omittingEmptySubsequences: false).map { line -> Substring in
            if line.hasPrefix("# ") { return line.dropFirst(2) }
            if line.hasPrefix("#") { return line.dropFirst() }
            return line
        }.joined(separator: "\n").trimmingCharacters(in: .newlines)
    }
}
