/// A script split at its `# %%` lines (Jupytext's percent format), the way a notebook is
/// split into cells. Markdown cells (`# %% [markdown]`) are prose and do not run.
public struct Cell {
    public var title: String?
    public var isMarkdown: Bool
    /// The cell's code, with blank lines before it so that line numbers match the file.
    public var source: String
    public var firstLine: Int
}

public enum Cells {
    public static func split(_ text: String) -> [Cell] {
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
        var cells: [Cell] = []
        var current = Cell(title: nil, isMarkdown: false, source: "", firstLine: 1)
        var body: [Substring] = []
        func close() {
            current.source = String(repeating: "\n", count: current.firstLine - 1) + body.joined(separator: "\n")
            if !body.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) || current.title != nil { cells.append(current) }
        }
        for (i, line) in lines.enumerated() {
            if line.hasPrefix("# %%") {
                close()
                var rest = line.dropFirst(4).trimmingCharacters(in: .whitespaces)
                let markdown = rest.hasPrefix("[markdown]")
                if markdown { rest = String(rest.dropFirst("[markdown]".count)).trimmingCharacters(in: .whitespaces) }
                current = Cell(title: rest.isEmpty ? nil : rest, isMarkdown: markdown, source: "", firstLine: i + 2)
                body = []
            } else {
                body.append(line)
            }
        }
        close()
        return cells
    }
}
