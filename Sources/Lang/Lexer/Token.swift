import DLRuntime

/// The kinds of token the lexer produces. Indentation becomes INDENT/DEDENT tokens as in
/// Python, so the parser sees blocks as brackets.
public enum TokenKind: Equatable, Sendable {
    case name(String)
    case int(Int)
    case float(Double)
    case string(String)
    case fstring(String)   // f'...': the parser reads the {expressions} inside
    case op(String)        // operators and punctuation: + - ** // == ( ) [ ] , : . ...
    case keyword(String)   // def return for in if elif else while and or not True False None ...
    case newline
    case indent
    case dedent
    case eof

    /// How the token reads in an error message ("expected ')' but found 'x'").
    public var display: String {
        switch self {
        case .name(let s): return "'\(s)'"
        case .int(let i): return "'\(i)'"
        case .float(let d): return "'\(d)'"
        case .string, .fstring: return Catalog.text(.tokenString)
        case .op(let s), .keyword(let s): return "'\(s)'"
        case .newline: return Catalog.text(.tokenEndOfLine)
        case .indent: return Catalog.text(.tokenIndent)
        case .dedent: return Catalog.text(.tokenDedent)
        case .eof: return Catalog.text(.tokenEndOfInput)
        }
    }
}

public struct Token: Sendable {
    public var kind: TokenKind
    public var line: Int
    public var column: Int
}
