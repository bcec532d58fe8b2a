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
        // Signals stay ours: the handler only raises the interrupt flag, and `read` sees
        // poll() interrupted and clears the line itself.
        rl_catch_signals = 0
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

    /// The line readline's callback handed over: nil while waiting, .some(nil) at Ctrl-D.
    nonisolated(unsafe) static var delivered: String??

    /// One line, or nil at end of input (Ctrl-D); "\u{3}" when Ctrl-C dropped the line.
    ///
    /// Readline's callback interface with our own poll() loop: a Ctrl-C interrupts poll at
    /// once, whatever readline was doing, and the half-typed line is thrown away.
    func read(prompt: String) -> String? {
        guard interactive else { return readLine(strippingNewline: true) }
        LineReader.delivered = nil
        rl_callback_handler_install(prompt) { line in
            LineReader.delivered = .some(line.map { String(cString: $0) })
            free(line)
            rl_callback_handler_remove()
        }
        while LineReader.delivered == nil {
            var fds = [pollfd(fd: 0, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: Signals.wakeRead, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            if ready < 0 { continue }
            if fds[1].revents != 0 {
                Signals.drain()
                if Interrupt.requested {
                    Interrupt.clear()
                    rl_free_line_state()
                    rl_callback_sigcleanup()
                    rl_replace_line("", 0)
                    rl_callback_handler_remove()
                    fputs("^C\n", stdout)
                    fflush(stdout)
                    return "\u{3}"
                }
            }
            if fds[0].revents != 0 { rl_callback_read_char() }
        }
        return LineReader.delivered!
    }

    /// Adds an entry to the history and appends it to the history file at once, under a
    /// lock: other sessions' lines stay, two sessions typing at once lose nothing, and a
    /// crash loses nothing already typed. (A history file that cannot be written costs the
    /// history, never the session.)
    func remember(_ entry: String) {
        guard interactive, !entry.trimmingCharacters(in: .whitespaces).isEmpty else { return }
        add_history(entry)
        try? SharedLog.append(entry, to: historyPath, keepLast: 5000)
    }
}
