/// Text as a terminal would finally show it: colour escapes removed, and a carriage return
/// (a progress bar redrawing its line) replaced by what was written over it.
public enum TerminalText {
    public static func settled(_ raw: String) -> String {
        var lines: [String] = []
        for line in raw.split(separator: "\n", omittingEmptySubsequences: false) {
            var shown: [Character] = []
            var column = 0
            var chars = Array(line)[...]
            while let c = chars.first {
                chars = chars.dropFirst()
                if c == "\u{1B}" {
                    // CSI: ESC [ parameters final-byte; a bar's "erase to end of line" ends the line.
                    guard chars.first == "[" else { continue }
                    chars = chars.dropFirst()
                    while let p = chars.first, !(p.isLetter) { chars = chars.dropFirst() }
                    if chars.first == "K" { shown.removeSubrange(min(column, shown.count)...) }
                    chars = chars.dropFirst()
                } else if c == "\r" {
                    column = 0
                } else {
                    if column < shown.count { shown[column] = c } else { shown.append(c) }
                    column += 1
                }
            }
            lines.append(String(shown))
        }
        return lines.joined(separator: "\n")
    }
}
