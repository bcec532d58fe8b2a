import DLRuntime

/// Recursive-descent parser for cnnsh's Python-flavoured language. One method per rule:
///
///     program     -> statement* EOF
///     statement   -> compound | simple (";" simple)* NEWLINE
///     compound    -> def | for | while | if
///     def         -> "def" NAME "(" params? ")" ":" block
///     for         -> "for" targets "in" exprlist ":" block
///     while       -> "while" expression ":" block
///     if          -> "if" expression ":" block ("elif" expression ":" block)* ("else" ":" block)?
///     block       -> NEWLINE INDENT statement+ DEDENT | simple (";" simple)* NEWLINE
///     simple      -> "return" exprlist? | "pass" | "break" | "continue" | import
///                  | exprlist (("=" exprlist)+ | augop expression)?
///     exprlist    -> expression ("," expression)* ","?          (a tuple when a comma appears)
///     expression  -> "lambda" params? ":" expression | or ("if" or "else" expression)?
///     or          -> and ("or" and)*
///     and         -> not ("and" not)*
///     not         -> "not" not | comparison
///     comparison  -> sum (("<"|">"|"=="|">="|"<="|"!="|"in"|"not" "in"|"is" "not"?) sum)*
///     sum         -> term (("+"|"-") term)*
///     term        -> unary (("*"|"/"|"//"|"%"|"@") unary)*
///     unary       -> ("-"|"+") unary | power
///     power       -> postfix ("**" unary)?
///     postfix     -> atom ("(" args ")" | "[" indices "]" | "." NAME)*
///     atom        -> NUMBER | STRING+ | FSTRING | NAME | True | False | None
///                  | "(" exprlist? ")" | "[" (exprlist | expression "for" targets "in" or ("if" or)?)? "]"
///                  | "{" (expression ":" expression ("," ...)*)? "}"
public struct Parser {
    var tokens: [Token]
    var p = 0
    let file: String
    /// How deeply expressions may nest (brackets, unary signs, `not`): Python allows about 200.
    static let maxNesting = 200
    var nesting = 0

    public init(tokens: [Token], file: String) { self.tokens = tokens; self.file = file }

    /// Parses a whole program (a script, a cell, or one REPL entry).
    public static func parse(_ source: String, file: String) throws -> [Stmt] {
        var parser = Parser(tokens: try Lexer.tokenize(source, file: file), file: file)
        return try parser.program()
    }

    // MARK: - helpers

    var current: Token { tokens[p] }
    var kind: TokenKind { tokens[p].kind }

    func error(_ key: MessageKey, _ args: CustomStringConvertible..., at token: Token? = nil) -> CnnError {
        let t = token ?? current
        var e = CnnError(key, at: SourceLocation(file: file, line: t.line, column: t.column))
        e.args = args.map(\.description)
        return e
    }

    func check(_ op: String) -> Bool { kind == .op(op) }
    func checkKeyword(_ k: String) -> Bool { kind == .keyword(k) }

    mutating func advance() -> Token { let t = tokens[p]; if p < tokens.count - 1 { p += 1 }; return t }

    mutating func match(_ op: String) -> Bool { if check(op) { p += 1; return true }; return false }
    mutating func matchKeyword(_ k: String) -> Bool { if checkKeyword(k) { p += 1; return true }; return false }

    mutating func expect(_ op: String) throws {
        guard match(op) else { throw error(.expectedToken, "'\(op)'", kind.display) }
    }

    mutating func expectName() throws -> String {
        guard case .name(let n) = kind else { throw error(.expectedName, kind.display) }
        p += 1
        return n
    }

    mutating func expectNewline() throws {
        guard kind == .newline || kind == .eof else { throw error(.expectedEndOfLine, kind.display) }
        if kind == .newline { p += 1 }
    }

    // MARK: - statements

    mutating func program() throws -> [Stmt] {
        var out: [Stmt] = []
        while kind != .eof {
            if kind == .newline { p += 1; continue }
            if kind == .indent { throw error(.unexpectedIndent) }
            out += try statement()
        }
        return out
    }

    mutating func statement() throws -> [Stmt] {
        switch kind {
        case .keyword("def"): return [try defStatement()]
        case .keyword("for"): return [try forStatement()]
        case .keyword("while"): return [try whileStatement()]
        case .keyword("if"): return [try ifStatement()]
        default: return try simpleLine()
        }
    }

    mutating func simpleLine() throws -> [Stmt] {
        var out = [try simple()]
        while match(";") {
            if kind == .newline || kind == .eof { break }
            out.append(try simple())
        }
        try expectNewline()
        return out
    }

    mutating func block() throws -> [Stmt] {
        try expect(":")
        if kind != .newline { return try simpleLine() }
        p += 1
        guard kind == .indent else { throw error(.expectedIndentedBlock, kind.display) }
        p += 1
        var body: [Stmt] = []
        while kind != .dedent && kind != .eof {
            if kind == .newline { p += 1; continue }
            body += try statement()
        }
        if kind == .dedent { p += 1 }
        return body
    }

    mutating func defStatement() throws -> Stmt {
        let t = advance()
        let name = try expectName()
        try expect("(")
        let params = try parameters(closing: ")")
        try expect(")")
        if match("->") { _ = try expression() }
        return Stmt(.def(name, params, try block()), t.line, t.column)
    }

    mutating func parameters(closing: String) throws -> [Parameter] {
        var params: [Parameter] = []
        while !check(closing) {
            let name = try expectName()
            if closing != ":" && match(":") { _ = try expression() }   // a type annotation, ignored
            let d: Expr? = match("=") ? try expression() : nil
            params.append(Parameter(name: name, defaultValue: d))
            if !match(",") { break }
        }
        return params
    }

    mutating func forStatement() throws -> Stmt {
        let t = advance()
        let target = try targetList()
        guard matchKeyword("in") else { throw error(.expectedToken, "'in'", kind.display) }
        let iter = try exprList()
        return Stmt(.forLoop(target, iter, try block()), t.line, t.column)
    }

    mutating func whileStatement() throws -> Stmt {
        let t = advance()
        let cond = try expression()
        return Stmt(.whileLoop(cond, try block()), t.line, t.column)
    }

    mutating func ifStatement() throws -> Stmt {
        let t = advance()
        var branches = [(try expression(), try block())]
        var other: [Stmt]?
        while true {
            if matchKeyword("elif") { branches.append((try expression(), try block())); continue }
            if matchKeyword("else") { other = try block() }
            break
        }
        return Stmt(.ifChain(branches, other), t.line, t.column)
    }

    mutating func simple() throws -> Stmt {
        let t = current
        switch kind {
        case .keyword("return"):
            p += 1
            let value = (kind == .newline || kind == .eof || check(";")) ? nil : try exprList()
            return Stmt(.ret(value), t.line, t.column)
        case .keyword("pass"): p += 1; return Stmt(.pass, t.line, t.column)
        case .keyword("break"): p += 1; return Stmt(.breakLoop, t.line, t.column)
        case .keyword("continue"): p += 1; return Stmt(.continueLoop, t.line, t.column)
        case .keyword("import"), .keyword("from"):
            // Pasted notebook cells start with imports; the names they bring are builtins here.
            while kind != .newline && kind != .eof && !check(";") { p += 1 }
            return Stmt(.ignoredImport, t.line, t.column)
        case .keyword("global"):
            while kind != .newline && kind != .eof && !check(";") { p += 1 }
            return Stmt(.pass, t.line, t.column)
        default: break
        }
        let first = try exprList()
        if check("=") {
            var targets = [try toTarget(first)]
            var value = first
            while match("=") {
                value = try exprList()
                if check("=") { targets.append(try toTarget(value)) }
            }
            return Stmt(.assign(targets, value), t.line, t.column)
        }
        for op in ["+=", "-=", "*=", "/=", "//=", "%=", "**="] where check(op) {
            p += 1
            let value = try expression()
            return Stmt(.augmented(try toTarget(first), String(op.dropLast()), value), t.line, t.column)
        }
        return Stmt(.expression(first), t.line, t.column)
    }

    /// Reinterprets a parsed expression as an assignment target.
    func toTarget(_ e: Expr) throws -> Target {
        switch e.kind {
        case .name(let n): return .name(n)
        case .tuple(let items), .list(let items): return .tuple(try items.map(toTarget))
        case .`subscript`(let base, let idx): return .`subscript`(base, idx)
        case .attribute(let base, let n): return .attribute(base, n)
        default:
            throw CnnError(.cannotAssign, at: SourceLocation(file: file, line: e.line, column: e.column))
        }
    }

    mutating func targetList() throws -> Target {
        let t = current
        var items = [try postfix()]
        var isTuple = false
        while match(",") {
            isTuple = true
            if checkKeyword("in") || check("=") { break }
            items.append(try postfix())
        }
        return try toTarget(isTuple ? Expr(.tuple(items), t.line, t.column) : items[0])
    }

    // MARK: - expressions

    mutating func exprList() throws -> Expr {
        let t = current
        let first = try expression()
        guard check(",") else { return first }
        var items = [first]
        while match(",") {
            if kind == .newline || kind == .eof || check("=") || check(")") || check(";") || check(":") { break }
            items.append(try expression())
        }
        return Expr(.tuple(items), t.line, t.column)
    }

    mutating func expression() throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > 4 * Parser.maxNesting { throw error(.nestedTooDeeply, Parser.maxNesting) }
        let t = current
        if matchKeyword("lambda") {
            let params = try parameters(closing: ":")
            try expect(":")
            return Expr(.lambda(params, try expression()), t.line, t.column)
        }
        let value = try orExpr()
        if checkKeyword("if") {
            // A conditional expression, unless this "if" starts a comprehension filter.
            let save = p
            p += 1
            let cond = try orExpr()
            if matchKeyword("else") {
                return Expr(.conditional(value, cond, try expression()), t.line, t.column)
            }
            p = save
        }
        return value
    }

    mutating func orExpr() throws -> Expr {
        var e = try andExpr()
        while checkKeyword("or") { let t = advance(); e = Expr(.or(e, try andExpr()), t.line, t.column) }
        return e
    }

    mutating func andExpr() throws -> Expr {
        var e = try notExpr()
        while checkKeyword("and") { let t = advance(); e = Expr(.and(e, try notExpr()), t.line, t.column) }
        return e
    }

    mutating func notExpr() throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > 4 * Parser.maxNesting { throw error(.nestedTooDeeply, Parser.maxNesting) }
        if checkKeyword("not") { let t = advance(); return Expr(.not(try notExpr()), t.line, t.column) }
        return try comparison()
    }

    mutating func comparison() throws -> Expr {
        let t = current
        let first = try sum()
        var ops: [String] = [], operands = [first]
        while true {
            if let op = ["<", ">", "==", ">=", "<=", "!="].first(where: { check($0) }) {
                p += 1; ops.append(op)
            } else if checkKeyword("in") {
                p += 1; ops.append("in")
            } else if checkKeyword("not"), p + 1 < tokens.count, tokens[p + 1].kind == .keyword("in") {
                p += 2; ops.append("not in")
            } else if checkKeyword("is") {
                p += 1; ops.append(matchKeyword("not") ? "is not" : "is")
            } else { break }
            operands.append(try sum())
        }
        return ops.isEmpty ? first : Expr(.compare(ops, operands), t.line, t.column)
    }

    mutating func sum() throws -> Expr {
        var e = try term()
        while check("+") || check("-") {
            let t = advance()
            guard case .op(let op) = t.kind else { break }
            e = Expr(.binary(op, e, try term()), t.line, t.column)
        }
        return e
    }

    mutating func term() throws -> Expr {
        var e = try unary()
        while check("*") || check("/") || check("//") || check("%") || check("@") {
            let t = advance()
            guard case .op(let op) = t.kind else { break }
            e = Expr(.binary(op, e, try unary()), t.line, t.column)
        }
        return e
    }

    mutating func unary() throws -> Expr {
        nesting += 1
        defer { nesting -= 1 }
        if nesting > 4 * Parser.maxNesting { throw error(.nestedTooDeeply, Parser.maxNesting) }
        if check("-") || check("+") {
            let t = advance()
            guard case .op(let op) = t.kind else { return try unary() }
            return Expr(.unary(op, try unary()), t.line, t.column)
        }
        return try power()
    }

    mutating func power() throws -> Expr {
        let base = try postfix()
        if check("**") { let t = advance(); return Expr(.binary("**", base, try unary()), t.line, t.column) }
        return base
    }

    mutating func postfix() throws -> Expr {
        var e = try atom()
        while true {
            let t = current
            if match("(") {
                e = Expr(.call(e, try arguments()), t.line, t.column)
                try expect(")")
            } else if match("[") {
                e = Expr(.`subscript`(e, try indices()), t.line, t.column)
                try expect("]")
            } else if match(".") {
                e = Expr(.attribute(e, try expectName()), t.line, t.column)
            } else {
                return e
            }
        }
    }

    mutating func arguments() throws -> [Argument] {
        var args: [Argument] = []
        while !check(")") {
            if match("*") {
                args.append(Argument(keyword: nil, value: try expression(), star: true))
            } else if case .name(let n) = kind, p + 1 < tokens.count, tokens[p + 1].kind == .op("=") {
                p += 2
                args.append(Argument(keyword: n, value: try expression()))
            } else {
                let value = try expression()
                if checkKeyword("for") {
                    args.append(Argument(keyword: nil, value: try comprehension(value)))
                } else {
                    if args.contains(where: { $0.keyword != nil }) { throw error(.positionalAfterKeyword) }
                    args.append(Argument(keyword: nil, value: value))
                }
            }
            if !match(",") { break }
        }
        return args
    }

    mutating func indices() throws -> [IndexItem] {
        var items: [IndexItem] = []
        repeat {
            if check("]") { break }
            var start: Expr?
            if !check(":") { start = try expression() }
            if match(":") {
                let stop: Expr? = (check(":") || check(",") || check("]")) ? nil : try expression()
                var step: Expr?
                if match(":") { step = (check(",") || check("]")) ? nil : try expression() }
                items.append(.slice(start, stop, step))
            } else if let start {
                items.append(.single(start))
            }
        } while match(",")
        if items.isEmpty { throw error(.expectedExpression, kind.display) }
        return items
    }

    mutating func comprehension(_ element: Expr) throws -> Expr {
        let t = advance() // "for"
        let target = try targetList()
        guard matchKeyword("in") else { throw error(.expectedToken, "'in'", kind.display) }
        let iter = try orExpr()
        let cond: Expr? = matchKeyword("if") ? try orExpr() : nil
        return Expr(.listComprehension(element, target, iter, cond), t.line, t.column)
    }

    mutating func atom() throws -> Expr {
        let t = current
        switch kind {
        case .int(let v): p += 1; return Expr(.int(v), t.line, t.column)
        case .float(let v): p += 1; return Expr(.float(v), t.line, t.column)
        case .string(var s):
            p += 1
            while case .string(let more) = kind { s += more; p += 1 }   // "a" "b" concatenates
            return Expr(.string(s), t.line, t.column)
        case .fstring(let s): p += 1; return Expr(.fstring(try formatParts(s, at: t)), t.line, t.column)
        case .name(let n): p += 1; return Expr(.name(n), t.line, t.column)
        case .keyword("True"), .keyword("true"): p += 1; return Expr(.bool(true), t.line, t.column)
        case .keyword("False"), .keyword("false"): p += 1; return Expr(.bool(false), t.line, t.column)
        case .keyword("None"), .keyword("none"): p += 1; return Expr(.none, t.line, t.column)
        case .op("("):
            p += 1
            if match(")") { return Expr(.tuple([]), t.line, t.column) }
            let e = try exprList()
            if checkKeyword("for") { let c = try comprehension(e); try expect(")"); return c }
            try expect(")")
            return e
        case .op("["):
            p += 1
            var items: [Expr] = []
            if !check("]") {
                let first = try expression()
                if checkKeyword("for") {
                    let c = try comprehension(first)
                    try expect("]")
                    return c
                }
                items.append(first)
                while match(",") {
                    if check("]") { break }
                    items.append(try expression())
                }
            }
            try expect("]")
            return Expr(.list(items), t.line, t.column)
        case .op("{"):
            p += 1
            var pairs: [(Expr, Expr)] = []
            while !check("}") {
                let k = try expression()
                try expect(":")
                pairs.append((k, try expression()))
                if !match(",") { break }
            }
            try expect("}")
            return Expr(.dict(pairs), t.line, t.column)
        default:
            throw error(.expectedExpression, kind.display)
        }
    }

    /// Splits an f-string into text and `{expression:spec}` parts, parsing each expression.
    func formatParts(_ s: String, at t: Token) throws -> [FormatPart] {
        var parts: [FormatPart] = []
        var text = ""
        var chars = Array(s)[...]
        while let c = chars.first {
            chars = chars.dropFirst()
            if c == "{" && chars.first == "{" { text.append("{"); chars = chars.dropFirst(); continue }
            if c == "}" && chars.first == "}" { text.append("}"); chars = chars.dropFirst(); continue }
            guard c == "{" else { text.append(c); continue }
            if !text.isEmpty { parts.append(.text(text)); text = "" }
            var inner = "", depth = 0
            while let d = chars.first, !(d == "}" && depth == 0) {
                if "([{".contains(d) { depth += 1 }
                if ")]}".contains(d) { depth -= 1 }
                inner.append(d); chars = chars.dropFirst()
            }
            guard chars.first == "}" else { throw error(.unterminatedFormat, at: t) }
            chars = chars.dropFirst()
            var spec: String?
            if let colon = topLevelColon(inner) {
                spec = String(inner[inner.index(after: colon)...])
                inner = String(inner[..<colon])
            }
            if inner.hasSuffix("=") { inner.removeLast() }
            var sub = Parser(tokens: try Lexer.tokenize(inner, file: file), file: file)
            let e = try sub.expression()
            parts.append(.value(Expr(e.kind, t.line, t.column), spec: spec))
        }
        if !text.isEmpty { parts.append(.text(text)) }
        return parts
    }

    func topLevelColon(_ s: String) -> String.Index? {
        var depth = 0
        for i in s.indices {
            let c = s[i]
            if "([{".contains(c) { depth += 1 } else if ")]}".contains(c) { depth -= 1 } else if c == ":" && depth == 0 { return i }
        }
        return nil
    }
}
