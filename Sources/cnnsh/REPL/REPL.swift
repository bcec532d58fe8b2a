import Foundation
import DLRuntime
import Lang

/// The interactive prompt: `cnnsh> ` for a new entry, `... ` while brackets or a block
/// are open. An error ends the entry, never the session.
struct REPL {
    let session: Session

    func run() -> Int32 {
        let reader = LineReader()
        if reader.interactive { session.out.write(Catalog.text(.welcome, version) + "\n") }
        var buffer: [String] = []
        var entry = 0
        var history: [String] = []
        while true {
            LineReader.candidates = session.interpreter.builtins.names + Array(session.interpreter.globals.keys)
            guard let line = reader.read(prompt: buffer.isEmpty ? "cnnsh> " : "... ") else {
                if reader.interactive { print("") }
                if !buffer.isEmpty { submit(buffer.joined(separator: "\n"), &entry, reader) }
                return 0
            }
            if line == "\u{3}" { buffer = []; continue }
            // `:help`, `:vars`, ...: commands to the session, only at the start of an entry.
            if buffer.isEmpty && line.hasPrefix(":") {
                reader.remember(line)
                history.append(line)
                if Commands(session: session).run(line, history: history) == .quit { return 0 }
                continue
            }
            buffer.append(line)
            if Continuation.needsMore(buffer) { continue }
            let text = buffer.joined(separator: "\n")
            buffer = []
            if text.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            history.append(text)
            submit(text, &entry, reader)
        }
    }

    func submit(_ text: String, _ entry: inout Int, _ reader: LineReader) {
        entry += 1
        reader.remember(text)
        Interrupt.clear()
        session.execute(text, file: reader.interactive ? "<input \(entry)>" : "<stdin>", echo: true)
        // A Ctrl-C that came as the entry finished anyway (a save, a load) is spent: it must
        // not clear the next line the user types.
        Interrupt.clear()
        Signals.drain()
    }
}
