import Foundation
import DLRuntime
import Lang

/// Runs a `.cnn` script cell by cell, as a notebook's "Run all" does. Every cell is parsed
/// before any runs, so a typo in the last cell is reported before minutes of training.
struct ScriptRunner {
    let session: Session

    func run(path: String) -> Int32 {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            FileHandle.standardError.write((Catalog.text(.errorLabel) + ": " + Catalog.text(.cannotReadScript, path) + "\n").data(using: .utf8)!)
            return 2
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
        var k = 0, number = 0
        for cell in cells where !cell.isMarkdown {
            defer { k += 1 }
            // Numbered like a notebook's executions: cells holding only comments do not count.
            if !programs[k].isEmpty { number += 1 }
            if let title = cell.title { session.out.write("In [\(number)]: \(title)\n") }
            do {
                try session.interpreter.run(programs[k], file: path, echo: true, echoLastOnly: true)
            } catch {
                let interrupted = Interrupt.requested || (error as? CnnError)?.key == .interrupted
                Interrupt.clear()
                session.report(error)
                return interrupted ? 130 : 1
            }
        }
        return 0
    }
}
