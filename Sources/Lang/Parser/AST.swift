import DLRuntime

/// An expression with the place it starts in the source.
public final class Expr {
    public let kind: ExprKind
    public let line: Int
    public let column: Int
    init(_ kind: ExprKind, _ line: Int, _ column: Int) { self.kind = kind; self.line = line; self.column = column }
}

public struct Argument {
    public var keyword: String?
    public var value: Expr
    /// `*args` at a call site.
    public var star = false
}

public enum IndexItem {
    case single(Expr)
    case slice(Expr?, Expr?, Expr?)
}

/// One part of an f-string: literal text, or an expression with an optional format spec.
public enum FormatPart {
    case text(String)
    case value(Expr, spec: String?)
}

public struct Parameter {
    public var name: String
    public var defaultValue: Expr?
}

public indirect enum ExprKind {
    case int(Int)
    case float(Double)
    case string(String)
    case fstring([FormatPart])
    case bool(Bool)
    case none
    case name(String)
    case list([Expr])
    case tuple([Expr])
    case dict([(Expr, Expr)])
    case binary(String, Expr, Expr)
    case unary(String, Expr)
    case compare([String], [Expr])       // a < b <= c: ops between operands
    case and(Expr, Expr)
    case or(Expr, Expr)
    case not(Expr)
    case conditional(Expr, Expr, Expr)   // then if cond else other
    case call(Expr, [Argument])
    case attribute(Expr, String)
    case `subscript`(Expr, [IndexItem])
    case lambda([Parameter], Expr)
    case listComprehension(Expr, Target, Expr, Expr?)
}

/// What an assignment or a `for` binds to.
public indirect enum Target {
    case name(String)
    case tuple([Target])
    case `subscript`(Expr, [IndexItem])
    case attribute(Expr, String)
}

/// A statement with the place it starts.
public final class Stmt {
    public let kind: StmtKind
    public let line: Int
    public let column: Int
    init(_ kind: StmtKind, _ line: Int, _ column: Int) { self.kind = kind; self.line = line; self.column = column }
}

public indirect enum StmtKind {
    case expression(Expr)
    case assign([Target], Expr)
    case augmented(Target, String, Expr)
    case def(String, [Parameter], [Stmt])
    case ret(Expr?)
    case forLoop(Target, Expr, [Stmt])
    case whileLoop(Expr, [Stmt])
    case ifChain([(Expr, [Stmt])], [Stmt]?)
    case pass
    case breakLoop
    case continueLoop
    case ignoredImport
}
