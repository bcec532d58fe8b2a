import DLRuntime

/// Turns an error into what the user reads: `file:line:col: error: message`, then the
/// source line and a caret under the column. The one place errors become text.
public struct Diagnostics {
    /// Source text of every file or cell run in this session, by name.
    public var sources: [String: String] = [:]

    public init() {}

    public func render(_ e: Error) -> String {
        guard let ce = e as? CnnError else { return Catalog.text(.errorLabel) + ": \(e)" }
        guard let loc = ce.location else { return Catalog.text(.errorLabel) + ": " + ce.message }
        var out = "\(loc.file):\(loc.line):\(loc.column): \(Catalog.text(.errorLabel)): \(ce.message)"
        if let src = sources[loc.file] {
            let lines = src.split(separator: "\n", omittingEmptySubsequences: false)
            if loc.line >= 1 && loc.line <= lines.count {
                let line = String(lines[loc.line - 1]).replacingOccurrences(of: "\t", with: " ")
                let caret = String(repeating: " ", count: max(0, loc.column - 1)) + "^"
                out += "\n    " + line + "\n    " + caret
            }
        }
        return out
    }
}
