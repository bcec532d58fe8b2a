import Foundation
import DLRuntime
import Lang

/// Runs a `.cnn` script cell by cell, as a notebook's "Run all" does. Every cell is parsed
/// before any runs, so a typo in the last cell is reported before minutes of training.
/// With `report`, the run is also written as one HTML page there (even when a cell fails
/// or Ctrl-C stops it, so the work done so far is kept).
struct ScriptRunner {
    let session: Session

    func run(path: String, report: String? = nil) -> Int32 {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            fail(Catalog.text(.cannotReadScript, path))
            return 2
        }
        if let report {
            // Checked first: finding out after an hour of training would lose the report.
            do { try AtomicFile.checkWritable(report) } catch { session.report(error); return 2 }
        }
        session.diagnostics.sources[path] = text
        session.interpreter.scriptDirectory = (path as NSString).deletingLastPathComponent
        let cells = Cells.split(text)
        var programs: [[Stmt]] = []
        var failed = false
        for cell in cells where !cell.isMarkdown {
            do {
                programs.append(try Parser.parse(cell.source, file: path))
            } catch {
                session.report(error)
                failed = true
            }
        }
        if failed { return 1 }

        let recorder = report.map { _ in
            ReportRecorder(terminal: session.out, title: (path as NSString).lastPathComponent,
                           subtitle: Catalog.text(.reportSubtitle, version, ISO8601DateFormatter().string(from: Date())))
        }
        if let recorder { session.interpreter.output = recorder }
        let started = Date()
        defer {
            if let recorder, let report {
                session.interpreter.output = session.out
                recorder.finish(seconds: Date().timeIntervalSince(started))
                do {
                    try recorder.save(to: report)
                    session.out.write(Catalog.text(.reportWritten, report) + "\n")
                } catch {
                    session.report(error)
                }
            }
        }

        var k = 0, number = 0
        for cell in cells {
            if cell.isMarkdown { recorder?.markdown(cell.markdownText); continue }
            defer { k += 1 }
            // Numbered like a notebook's executions: cells holding only comments do not
            // count, and the report shows their comments as prose.
            if programs[k].isEmpty {
                recorder?.markdown((cell.title.map { "### " + $0 + "\n" } ?? "") + cell.markdownText)
                continue
            }
            number += 1
            if let title = cell.title { session.out.write("In [\(number)]: \(title)\n") }
            recorder?.begin(number: number, title: cell.title, source: cell.source)
            do {
                try session.interpreter.run(programs[k], file: path, echo: true, echoLastOnly: true)
                recorder?.end()
            } catch {
                let interrupted = Interrupt.requested || (error as? CnnError)?.key == .interrupted
                Interrupt.clear()
                recorder?.end(error: session.diagnostics.render(error))
                session.report(error)
                return interrupted ? 130 : 1
            }
        }
        return 0
    }

    func fail(_ message: String) {
        FileHandle.standardError.write((Catalog.text(.errorLabel) + ": " + message + "\n").data(using: .utf8)!)
    }
}
