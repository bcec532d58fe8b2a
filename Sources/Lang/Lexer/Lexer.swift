import DLRuntime

/// Turns source text into tokens with Python's layout rules: NEWLINE ends a logical line,
/// line breaks inside brackets are ignored, a trailing backslash continues the line, and
/// changes of indentation at the start of a line become INDENT / DEDENT.
public struct Lexer {
    static let keywords: Set<String> = ["def", "return", "for", "in", "if", "elif", "else", "while", "and", "or",
                                        "not", "True", "False", "None", "true", "false", "none", "import", "from",
                                        "as", "pass", "break", "continue", "lambda", "is", "del", "global"]
    static let operators = ["**=", "//=", "...", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "->",
                            "+", "-", "*", "/", "%", "<", ">", "=", "(", ")", "[", "]", "{", "}", ",", ":", ".", ";", "@"]

    let chars: [Character]
    let file: String
    var i = 0, line = 1, column = 1
    var indents = [0]
    var depth = 0
    /// Open brackets not yet closed, with where they were opened.
    var openBrackets: [(Character, Int, Int)] = []
    var tokens: [Token] = []
    var atLineStart = true

    public init(_ source: String, file: String) {
        chars = Array(source.replacingOccurrences(of: "\r\n", with: "\n"))
        self.file = file
    }

    /// Tokenises the whole source; throws on the first character it cannot read.
    public static func tokenize(_ source: String, file: String) throws -> [Token] {
        var lx = Lexer(source, file: file)
        return try lx.run()
    }

    func error(_ key: MessageKey, _ args: CustomStringConvertible..., line l: Int? = nil, column c: Int? = nil) -> CnnError {
        var e = CnnError(key, at: SourceLocation(file: file, line: l ?? line, column: c ?? column))
        e.args = args.map(\.description)
        return e
    }

    mutating func advance() -> Character {
        let c = chars[i]; i += 1
        if c == "\n" { line += 1; column = 1 } else { column += 1 }
        return c
    }

    func peek(_ k: Int = 0) -> Character? { i + k < chars.count ? chars[i + k] : nil }

    mutating func emit(_ kind: TokenKind, _ l: Int, _ c: Int) { tokens.append(Token(kind: kind, line: l, column: c)) }

    mutating func run() throws -> [Token] {
        while i < chars.count {
            if atLineStart && depth == 0 {
                try handleIndentation()
                if i >= chars.count { break }
            }
            let c = chars[i]
            let (l, col) = (line, column)
            if c == "\n" {
                _ = advance()
                if depth == 0 {
                    if let last = tokens.last, last.kind != .newline { emit(.newline, l, col) }
                    atLineStart = true
                }
            } else if c == " " || c == "\t" {
                _ = advance()
            } else if c == "#" {
                while let p = peek(), p != "\n" { _ = advance() }
            } else if c == "\\" && peek(1) == "\n" {
                _ = advance(); _ = advance()
            } else if c.isNumber || (c == "." && (peek(1)?.isNumber ?? false)) {
                try number(l, col)
            } else if c.isLetter || c == "_" {
                var s = ""
                while let p = peek(), p.isLetter || p.isNumber || p == "_" { s.append(advance()) }
                if (s == "f" || s == "r" || s == "b") && (peek() == "'" || peek() == "\"") {
                    try string(l, col, raw: s == "r", format: s == "f")
                } else {
                    emit(Lexer.keywords.contains(s) ? .keyword(s) : .name(s), l, col)
                }
            } else if c == "'" || c == "\"" {
                try string(l, col, raw: false)
            } else if let op = Lexer.operators.first(where: { matches($0) }) {
                for _ in op { _ = advance() }
                if "([{".contains(op) {
                    depth += 1; openBrackets.append((Character(op), l, col))
                    // The parser recurses once per bracket: a limit keeps it off the stack's edge.
                    if openBrackets.count > Parser.maxNesting { throw error(.nestedTooDeeply, Parser.maxNesting, line: l, column: col) }
                }
                if ")]}".contains(op) {
                    guard let open = openBrackets.popLast() else { throw error(.unmatchedBracket, op, line: l, column: col) }
                    let want: Character = open.0 == "(" ? ")" : open.0 == "[" ? "]" : "}"
                    if Character(op) != want { throw error(.mismatchedBracket, op, String(open.0), open.1, line: l, column: col) }
                    depth = max(0, depth - 1)
                }
                emit(.op(op), l, col)
            } else {
                throw error(.unexpectedCharacter, String(c))
            }
        }
        if let open = openBrackets.last {
            // Reported where the bracket opened (as Python 3.10 does): the end of the file
            // is rarely where the mistake is.
            throw error(.bracketNeverClosed, String(open.0), line: open.1, column: open.2)
        }
        if let last = tokens.last, last.kind != .newline { emit(.newline, line, column) }
        while indents.count > 1 { indents.removeLast(); emit(.dedent, line, column) }
        emit(.eof, line, column)
        return tokens
    }

    func matches(_ op: String) -> Bool {
        for (k, ch) in op.enumerated() where peek(k) != ch { return false }
        return true
    }

    /// Measures the indentation of a new line; blank and comment-only lines do not count.
    mutating func handleIndentation() throws {
        atLineStart = false
        var width = 0
        var j = i
        while j < chars.count, chars[j] == " " || chars[j] == "\t" {
            width += chars[j] == "\t" ? 8 - width % 8 : 1
            j += 1
        }
        if j >= chars.count || chars[j] == "\n" || chars[j] == "#" { return }
        while i < j { _ = advance() }
        if width > indents.last! {
            indents.append(width)
            emit(.indent, line, 1)
        } else {
            while width < indents.last! {
                indents.removeLast()
                emit(.dedent, line, column)
            }
            if width != indents.last! { throw error(.inconsistentDedent, column: 1) }
        }
    }

    mutating func number(_ l: Int, _ c: Int) throws {
        var s = ""
        var isFloat = false
        while let p = peek(), p.isNumber || p == "_" { let ch = advance(); if ch != "_" { s.append(ch) } }
        if peek() == ".", !(peek(1)?.isLetter ?? false) {
            isFloat = true; s.append(advance())
            while let p = peek(), p.isNumber { s.append(advance()) }
        }
        if let p = peek(), p == "e" || p == "E", let q = peek(1), q.isNumber || ((q == "-" || q == "+") && (peek(2)?.isNumber ?? false)) {
            isFloat = true; s.append(advance()); s.append(advance())
            while let p = peek(), p.isNumber { s.append(advance()) }
        }
        if isFloat {
            guard let d = Double(s) else { throw error(.badNumber, s, line: l, column: c) }
            emit(.float(d), l, c)
        } else {
            guard let v = Int(s) else { throw error(.badNumber, s, line: l, column: c) }
            emit(.int(v), l, c)
        }
    }

    mutating func string(_ l: Int, _ c: Int, raw: Bool, format: Bool = false) throws {
        let quote = advance()
        let triple = peek() == quote && peek(1) == quote
        if triple { _ = advance(); _ = advance() }
        var s = ""
        while true {
            guard let p = peek() else { throw error(.unterminatedString, line: l, column: c) }
            if p == "\n" && !triple { throw error(.unterminatedString, line: l, column: c) }
            if p == quote {
                if !triple { _ = advance(); break }
                if peek(1) == quote && peek(2) == quote { _ = advance(); _ = advance(); _ = advance(); break }
            }
            let ch = advance()
            if ch == "\\" && !raw, let e = peek() {
                _ = advance()
                switch e {
                case "n": s.append("\n")
                case "t": s.append("\t")
                case "\\": s.append("\\")
                case "'": s.append("'")
                case "\"": s.append("\"")
                case "\n": break
                default: s.append("\\"); s.append(e)
                }
            } else {
                s.append(ch)
            }
        }
        emit(format ? .fstring(s) : .string(s), l, c)
    }
}
