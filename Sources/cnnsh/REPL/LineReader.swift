import Foundation
@preconcurrency import CReadline
import DLRuntime
import Lang

/// Reads lines: GNU readline with history and Tab completion on a terminal, plain reads
/// otherwise (readline on a pipe would echo the prompt and input into the output).
final class LineReader {
    let interactive: Bool
    let historyPath: String
    /// Names Tab completes: builtins and the session's variables, refreshed before each read.
    nonisolated(unsafe) static var candidates: [String] = []
    /// Set by the signal hook when Ctrl-C arrives while a line is being edited.
    nonisolated(unsafe) static var cancelled = false

    init() {
        interactive = isatty(0) != 0
        historyPath = (ProcessInfo.processInfo.environment["CNNSH_HISTORY"]
                       ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cnnsh_history").path)
        guard interactive else { return }
        using_history()
        read_history(historyPath)
        rl_attempted_completion_function = { text, _, _ in
            rl_attempted_completion_over = 1
            return rl_completion_matches(text) { prefix, state in LineReader.complete(prefix, state) }
        }
        rl_basic_word_break_characters = UnsafePointer(strdup(" \t\n\"\\'`@$><=;|&{(,[+-*/%"))
        rl_signal_event_hook = {
            if Interrupt.requested {
                Interrupt.clear()
                LineReader.cancelled = true
                rl_replace_line("", 0)
                rl_done = 1
            }
            return 0
        }
    }

    nonisolated(unsafe) static var matches: [String] = []

    static func complete(_ prefix: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
        if state == 0 {
            let p = prefix.map { String(cString: $0) } ?? ""
            // `model.fi<Tab>`: complete the part after the last dot.
            let head = p.contains(".") ? String(p[...p.lastIndex(of: ".")!]) : ""
            let stem = String(p.dropFirst(head.count))
            matches = candidates.filter { $0.hasPrefix(stem) }.sorted().map { head + $0 }
        }
        guard Int(state) < matches.count else { return nil }
        return strdup(matches[Int(state)])
    }

    /// One line, or nil at end of input (Ctrl-D).
    func read(prompt: String) -> String? {
        guard interactive else { return readLine(strippingNewline: true) }
        LineReader.cancelled = false
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        if LineReader.cancelled { print(""); return "\u{3}" }   // Ctrl-C: drop the entry
        return String(cString: raw)
    }

    /// Adds an entry to the history and appends it to the history file at once (other
    /// sessions' lines stay; a crash loses nothing already typed).
    func remember(_ entry: String) {
        guard interactive, !entry.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(entry)
        if !FileManager.default.fileExists(atPath: historyPath) { FileManager.default.createFile(atPath: historyPath, contents: nil) }
        append_history(1, historyPath)
        history_truncate_file(historyPath, 5000)
    }
}
