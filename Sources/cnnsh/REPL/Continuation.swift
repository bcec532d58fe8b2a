/// Decides whether the text typed so far is a complete entry or the prompt should show
/// `... ` and read more: an open bracket or string, a line ending in `:` that opens a
/// block (which ends at an empty line), or a trailing backslash.
enum Continuation {
    static func needsMore(_ lines: [String]) -> Bool {
        guard let last = lines.last else { return false }
        var depth = 0
        var opensBlock = false
        var inTriple: Character?
        for line in lines {
            var quote: Character?
            var prev: Character = " "
            var lastCode: Character?
            var chars = Array(line)[...]
            while let c = chars.first {
                chars = chars.dropFirst()
                if let t = inTriple {
                    if c == t && chars.prefix(2).elementsEqual([t, t]) { chars = chars.dropFirst(2); inTriple = nil }
                    continue
                }
                if let q = quote {
                    if c == q && prev != "\\" { quote = nil }
                    prev = c; continue
                }
                if c == "#" { break }
                if (c == "'" || c == "\"") {
                    if chars.prefix(2).elementsEqual([c, c]) { chars = chars.dropFirst(2); inTriple = c; continue }
                    quote = c
                } else if "([{".contains(c) { depth += 1 }
                else if ")]}".contains(c) { depth -= 1 }
                if c != " " && c != "\t" { lastCode = c }
                prev = c
            }
            if lastCode == ":" && depth == 0 { opensBlock = true }
        }
        if inTriple != nil || depth > 0 { return true }
        if last.hasSuffix("\\") { return true }
        if opensBlock { return !last.trimmingCharacters(in: .whitespaces).isEmpty }
        return false
    }
}
