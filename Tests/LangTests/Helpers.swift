import Testing
import DLRuntime
@testable import Lang

/// Runs a program in a fresh interpreter; returns what it printed (echoing the last
/// expression, as a notebook cell does).
func run(_ source: String) throws -> String {
    let out = TextBuffer()
    let interp = Interpreter(output: out)
    try interp.run(source, file: "test.cnn", echo: true, echoLastOnly: true)
    return out.text
}

/// The error a program raises, rendered as the user sees it.
func failure(_ source: String) -> (error: CnnError?, text: String) {
    let interp = Interpreter(output: TextBuffer())
    var d = Diagnostics()
    d.sources["test.cnn"] = source
    do {
        try interp.run(source, file: "test.cnn")
        return (nil, "")
    } catch let e as CnnError {
        return (e, d.render(e))
    } catch {
        return (nil, "\(error)")
    }
}
