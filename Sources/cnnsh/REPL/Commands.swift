import Foundation
import DLRuntime
import Lang

/// The prompt's `:` commands, which act on the session rather than compute:
/// `:help [name]`, `:vars`, `:cells FILE`, `:run FILE N`, `:load FILE`, `:reset`,
/// `:time statement`, `:history`, `:quit`.
struct Commands {
    let session: Session

    enum Outcome { case handled, quit }

    static let names = ["help", "vars", "cells", "run", "load", "reset", "time", "history", "quit"]

    func run(_ line: String, history: [String]) -> Outcome {
        let body = line.dropFirst().trimmingCharacters(in: .whitespaces)
        let typed = String(body.prefix { !$0.isWhitespace })
        let rest = body.dropFirst(typed.count).trimmingCharacters(in: .whitespaces)
        // A unique prefix is enough: `:hist`, `:v`.
        let matches = Commands.names.filter { $0.hasPrefix(typed) }
        let name = !typed.isEmpty && matches.count == 1 ? matches[0] : typed
        let out = session.out
        switch name {
        case "q", "quit", "exit":
            return .quit
        case "help", "h":
            session.execute(rest.isEmpty ? "help()" : "help(\"\(rest.replacingOccurrences(of: "\"", with: ""))\")", file: "<:help>", echo: false)
        case "vars":
            let names = session.interpreter.globals.keys.sorted()
            if names.isEmpty { out.write(Catalog.text(.noVariables) + "\n") }
            for n in names { out.write(describe(n, session.interpreter.globals[n]!) + "\n") }
        case "reset":
            session.interpreter.reset()
            out.write(Catalog.text(.sessionReset) + "\n")
        case "time":
            let start = Date()
            session.execute(rest, file: "<:time>", echo: true)
            out.write(String(format: "%.3f s\n", Date().timeIntervalSince(start)))
        case "history":
            for (i, h) in history.enumerated() { out.write(String(format: "%4d  ", i + 1) + h.replacingOccurrences(of: "\n", with: "\n      ") + "\n") }
        case "load":
            guard let text = read(rest) else { break }
            session.interpreter.scriptDirectory = (rest as NSString).deletingLastPathComponent
            for cell in Cells.split(text) where !cell.isMarkdown {
                if !session.execute(cell.source, file: rest, echo: true, echoLastOnly: true) { break }
            }
        case "cells":
            guard let text = read(rest) else { break }
            for (i, cell) in Cells.split(text).enumerated() {
                let kind = cell.isMarkdown ? " [markdown]" : ""
                out.write(String(format: "%3d", i + 1) + "  line \(max(1, cell.firstLine - 1))\(kind): \(cell.title ?? "")\n")
            }
        case "run":
            let parts = rest.split(separator: " ")
            guard parts.count == 2, let n = Int(parts[1]) else { out.write(Catalog.text(.runUsage) + "\n"); break }
            let path = String(parts[0])
            guard let text = read(path) else { break }
            let cells = Cells.split(text)
            guard n >= 1 && n <= cells.count else { out.write(Catalog.text(.cellOutOfRange, path, cells.count, n) + "\n"); break }
            session.interpreter.scriptDirectory = (path as NSString).deletingLastPathComponent
            if !cells[n - 1].isMarkdown { session.execute(cells[n - 1].source, file: path, echo: true, echoLastOnly: true) }
        default:
            let hint = suggest(name, among: Commands.names).map { Catalog.text(.didYouMean, ":" + $0) } ?? ""
            out.write(Catalog.text(.unknownCommand, name, Commands.names.map { ":" + $0 }.joined(separator: " "), hint) + "\n")
        }
        return .handled
    }

    /// A script's text, or nil after saying why it cannot be read.
    private func read(_ path: String) -> String? {
        let resolved = session.interpreter.resolvePath(path)
        guard !path.isEmpty, let text = try? String(contentsOfFile: resolved, encoding: .utf8) else {
            session.report(CnnError(.cannotReadScript, path.isEmpty ? "(no file given)" : path))
            return nil
        }
        session.diagnostics.sources[path] = text
        return text
    }

    /// `name  type  shape/size` for `:vars`.
    private func describe(_ name: String, _ v: Value) -> String {
        let detail: String
        switch v {
        case .tensor(let b): detail = pythonShape(b.shape) + " " + b.dtype.rawValue
        case .model(let m): detail = m.isBuilt ? "\(m.layers.count) layers, \(grouped(m.parameterCount)) params" : "\(m.layers.count) layers, not built"
        case .list(let l): detail = "\(l.items.count) items"
        case .history(let h): detail = "\(h.epochs.count) epochs"
        case .string(let s): detail = "'" + s.prefix(40) + (s.count > 40 ? "...'" : "'")
        case .int, .float, .bool: detail = v.repr
        default: detail = ""
        }
        return name.padding(toLength: max(name.count, 14), withPad: " ", startingAt: 0) + "  " + v.typeName.padding(toLength: 10, withPad: " ", startingAt: 0) + "  " + detail
    }
}
