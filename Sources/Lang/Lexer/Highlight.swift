/// Splits source text into classified spans for syntax colouring (the HTML report).
/// Unlike the lexer it never fails and loses nothing: the spans joined give back the text,
/// half-typed strings and stray characters included.
public enum Highlight {
    public enum Kind: String, Sendable { case plain, keyword, builtin, string, number, comment }

    public static func spans(_ source: String) -> [(kind: Kind, text: String)] {
        let chars = Array(source)
        let builtins = Set(BuiltinTable.standard.names)
        var out: [(kind: Kind, text: String)] = []
        func emit(_ k: Kind, _ s: ArraySlice<Character>) {
            if let last = out.last, last.kind == k { out[out.count - 1].text += String(s) } else { out.append((k, String(s))) }
        }
        var i = 0
        while i < chars.count {
            let c = chars[i]
            var j = i + 1
            if c == "#" {
                while j < chars.count && chars[j] != "\n" { j += 1 }
                emit(.comment, chars[i..<j])
            } else if c == "'" || c == "\"" || ((c == "f" || c == "r") && j < chars.count && (chars[j] == "'" || chars[j] == "\"")) {
                let q0 = c == "'" || c == "\"" ? i : i + 1
                let quote = chars[q0]
                let triple = q0 + 2 < chars.count && chars[q0 + 1] == quote && chars[q0 + 2] == quote
                j = q0 + (triple ? 3 : 1)
                while j < chars.count {
                    if chars[j] == "\\" { j += 2; continue }
                    if !triple && chars[j] == "\n" { break }
                    if chars[j] == quote && (!triple || (j + 2 < chars.count && chars[j + 1] == quote && chars[j + 2] == quote)) {
                        j += triple ? 3 : 1
                        break
                    }
                    j += 1
                }
                j = min(j, chars.count)
                emit(.string, chars[i..<j])
            } else if c.isNumber || (c == "." && j < chars.count && chars[j].isNumber) {
                while j < chars.count && (chars[j].isNumber || chars[j] == "." || chars[j] == "_" || chars[j] == "e" ||
                                          ((chars[j] == "-" || chars[j] == "+") && chars[j - 1] == "e")) { j += 1 }
                emit(.number, chars[i..<j])
            } else if c.isLetter || c == "_" {
                while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") { j += 1 }
                let word = String(chars[i..<j])
                let afterDot = i > 0 && chars[i - 1] == "."
                emit(Lexer.keywords.contains(word) ? .keyword : (!afterDot && builtins.contains(word) ? .builtin : .plain), chars[i..<j])
            } else {
                emit(.plain, chars[i..<j])
            }
            i = j
        }
        return out
    }
}
