import Foundation
import DLRuntime
import Lang

/// One user's session: the interpreter with its variables, and the source of everything
/// run so far (for error carets). Shared by the prompt, scripts and `-c`.
final class Session {
    let out = StandardOutput()
    let interpreter: Interpreter
    var diagnostics = Diagnostics()

    init() {
        interpreter = Interpreter(output: out)
    }

    /// Runs source text; reports an error and returns false instead of throwing, so the
    /// caller (the prompt) goes on.
    @discardableResult
    func execute(_ source: String, file: String, echo: Bool, echoLastOnly: Bool = false) -> Bool {
        diagnostics.sources[file] = source
        do {
            try interpreter.run(source, file: file, echo: echo, echoLastOnly: echoLastOnly)
            return true
        } catch {
            Interrupt.clear()
            report(error)
            return false
        }
    }

    func report(_ error: Error) {
        fflush(stdout)
        FileHandle.standardError.write((diagnostics.render(error) + "\n").data(using: .utf8)!)
    }

    func runCode(_ code: String) -> Int32 {
        execute(code, file: "<-c>", echo: true, echoLastOnly: true) ? 0 : 1
    }
}
