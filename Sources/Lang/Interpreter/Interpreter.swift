import Foundation
import DLRuntime

/// How a statement ended: normally, or by return / break / continue.
enum Flow {
    case normal
    case returned(Value)
    case broke
    case continued
}

/// The tree-walking evaluator. Holds the session: global variables survive every error,
/// so a failed statement at the prompt loses nothing.
public final class Interpreter {
    public var globals: [String: Value] = [:]
    public let builtins: BuiltinTable
    /// Where `print`, progress bars and summaries go.
    public var output: TextSink
    /// Set while a cnnsh function runs: its local variables.
    var frames: [[String: Value]] = []
    /// Deepest allowed nesting of cnnsh function calls (Python's default is 1000).
    public var maxCallDepth = 1000
    /// The most statements one run may execute; nil (the default) is no limit, as Ctrl-C
    /// stops a runaway loop. The fuzzer sets one, so that every input ends.
    public var maxSteps: Int?
    private var steps = 0
    /// The folder of the running script: relative data paths are also looked up there.
    public var scriptDirectory: String?

    public init(output: TextSink, builtins: BuiltinTable = .standard) {
        self.output = output
        self.builtins = builtins
    }

    /// A user's path as given if it exists from the working folder, else next to the script.
    public func resolvePath(_ path: String) -> String {
        let expanded = (path as NSString).expandingTildeInPath
        if expanded.hasPrefix("/") || FileManager.default.fileExists(atPath: expanded) { return expanded }
        if let dir = scriptDirectory {
            let candidate = (dir as NSString).appendingPathComponent(expanded)
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
        }
        // Data sets by name, as load_mnist() finds MNIST: image_folder('PetImages').
        let data = DataDirectory.root.appendingPathComponent(expanded).path
        if FileManager.default.fileExists(atPath: data) { return data }
        return expanded
    }

    /// Forgets every variable and layer name (`:reset`).
    public func reset() {
        globals = [:]
        NameScope.reset()
    }

    // MARK: - running programs

    /// Parses and runs `source`. With `echo`, the value of each top-level expression
    /// statement (or only the last, with `echoLastOnly`) is shown as the REPL shows it.
    public func run(_ source: String, file: String, echo: Bool = false, echoLastOnly: Bool = false) throws {
        let program = try Parser.parse(source, file: file)
        try run(program, file: file, echo: echo, echoLastOnly: echoLastOnly)
    }

    public func run(_ program: [Stmt], file: String, echo: Bool = false, echoLastOnly: Bool = false) throws {
        currentFile = file
        for (i, stmt) in program.enumerated() {
            if echo, case .expression(let e) = stmt.kind, !echoLastOnly || i == program.count - 1 {
                let v = try evaluate(e)
                if case .none = v {} else { output.write(v.repr + "\n") }
                continue
            }
            switch try execute(stmt) {
            case .normal: break
            case .returned: throw located(CnnError(.returnOutsideFunction), stmt.line, stmt.column)
            case .broke, .continued: throw located(CnnError(.loopControlOutsideLoop), stmt.line, stmt.column)
            }
        }
    }

    var currentFile = "<stdin>"

    func located(_ e: CnnError, _ line: Int, _ column: Int) -> CnnError {
        var e = e
        if e.location == nil { e.location = SourceLocation(file: currentFile, line: line, column: column) }
        return e
    }

    // MARK: - names

    /// Named values the language provides (made fresh at each use: lists are mutable).
    static let constants: [String: () -> Value] = [
        "cifar10_classes": { .list(CIFAR10.classes.map { .string($0) }) },
    ]

    func lookup(_ name: String, _ e: Expr) throws -> Value {
        if let frame = frames.last, let v = frame[name] { return v }
        if let v = globals[name] { return v }
        if let b = builtins[name] { return .builtin(b) }
        if let c = Interpreter.constants[name] { return c() }
        if let m = Modules.alias(name) { return .module(m) }
        let known = Array(globals.keys) + (frames.last.map { Array($0.keys) } ?? []) + builtins.names + Array(Interpreter.constants.keys)
        if let s = suggest(name, among: known) { throw CnnError(.unknownNameSuggest, name, s) }
        throw CnnError(.unknownName, name)
    }

    func bind(_ name: String, _ value: Value) {
        if frames.isEmpty { globals[name] = value } else { frames[frames.count - 1][name] = value }
    }

    // MARK: - statements

    func execute(_ s: Stmt) throws -> Flow {
        do { try countStep() } catch let e as CnnError { throw located(e, s.line, s.column) }
        do {
            return try executeUnlocated(s)
        } catch let e as CnnError {
            throw located(e, s.line, s.column)
        }
    }

    /// One more statement, call or comprehension item: where Ctrl-C stops a program, and
    /// where `maxSteps` is counted.
    func countStep() throws {
        if Interrupt.requested { Interrupt.clear(); throw CnnError(.interrupted) }
        guard let maxSteps else { return }
        steps += 1
        if steps > maxSteps { throw CnnError(.stepLimit, maxSteps) }
    }

    func executeBlock(_ body: [Stmt]) throws -> Flow {
        for s in body {
            let f = try execute(s)
            if case .normal = f { continue }
            return f
        }
        return .normal
    }

    private func executeUnlocated(_ s: Stmt) throws -> Flow {
        switch s.kind {
        case .expression(let e):
            _ = try evaluate(e)
        case .assign(let targets, let valueExpr):
            let v = try evaluate(valueExpr)
            for t in targets { try assign(t, v) }
        case .augmented(let target, let op, let valueExpr):
            let current = try evaluateTarget(target)
            let result = try binary(op, current, try evaluate(valueExpr))
            try assign(target, result)
        case .def(let name, let params, let body):
            let defaults = try params.map { try $0.defaultValue.map(evaluate) }
            bind(name, .function(Function(name: name, parameters: params, defaults: defaults, body: body, expression: nil)))
        case .ret(let e):
            guard !frames.isEmpty else { throw CnnError(.returnOutsideFunction) }
            return .returned(try e.map(evaluate) ?? Value.none)
        case .forLoop(let target, let iterExpr, let body):
            for item in try iterate(try evaluate(iterExpr)) {
                try assign(target, item)
                switch try executeBlock(body) {
                case .broke: return .normal
                case .returned(let v): return .returned(v)
                case .normal, .continued: continue
                }
            }
        case .whileLoop(let cond, let body):
            while try evaluate(cond).truthy {
                switch try executeBlock(body) {
                case .broke: return .normal
                case .returned(let v): return .returned(v)
                case .normal, .continued: continue
                }
            }
        case .ifChain(let branches, let other):
            for (cond, body) in branches where try evaluate(cond).truthy {
                return try executeBlock(body)
            }
            if let other { return try executeBlock(other) }
        case .pass, .ignoredImport:
            break
        case .breakLoop: return .broke
        case .continueLoop: return .continued
        }
        return .normal
    }

    /// The current value of an assignment target (for `x += 1`).
    func evaluateTarget(_ t: Target) throws -> Value {
        switch t {
        case .name(let n): return try lookup(n, Expr(.name(n), 0, 0))
        case .`subscript`(let base, let idx):
            let b = try evaluate(base)
            if case .dict(let d) = b { return try dictItem(d, idx) }
            return try subscriptValue(b, try indices(idx))
        case .attribute(let base, let n): return try attribute(try evaluate(base), n)
        case .tuple: throw CnnError(.cannotAssign)
        }
    }

    func assign(_ t: Target, _ v: Value) throws {
        switch t {
        case .name(let n):
            bind(n, v)
        case .tuple(let targets):
            let items = try iterate(v)
            guard items.count == targets.count else { throw CnnError(.unpackCount, targets.count, items.count) }
            for (t, i) in zip(targets, items) { try assign(t, i) }
        case .`subscript`(let baseExpr, let idx):
            // `m[i][j] = v` on an array means `m[i, j] = v`, as NumPy's views make it. The
            // chain of plain subscripts is walked from its root, each base evaluated once:
            // lists and dicts are stepped into, and an array takes all remaining indices.
            var chain = [idx], root = baseExpr
            while case .`subscript`(let inner, let innerIdx) = root.kind,
                  innerIdx.allSatisfy({ if case .single = $0 { return true }; return false }) {
                chain.insert(innerIdx, at: 0)
                root = inner
            }
            var target = try evaluate(root)
            var k = 0
            while k < chain.count - 1 {
                if case .tensor = target { break }
                if case .dict(let d) = target { target = try dictItem(d, chain[k]) }
                else { target = try subscriptValue(target, try indices(chain[k])) }
                k += 1
            }
            if case .dict(let d) = target { try d.set(try dictKey(chain[k]), v); return }
            try setSubscript(target, try indices(Array(chain[k...].joined())), v)
        case .attribute(let base, let n):
            try setAttribute(try evaluate(base), n, v)
        }
    }

    /// The items of anything a `for` loop or unpacking can walk.
    func iterate(_ v: Value) throws -> [Value] {
        switch v {
        case .list(let l): return l.items
        case .tuple(let t): return t
        case .string(let s): return s.map { .string(String($0)) }
        case .dict(let d): return d.keys
        case .tensor(let b):
            guard b.rank > 0 else { throw CnnError(.notIterable, "0-d array") }
            let t = b.t   // once: for a data set in bytes, each read is a conversion
            return (0..<t.shape[0]).map { row(t, $0) }
        default: throw CnnError(.notIterable, v.typeName)
        }
    }

    /// Row `i` of an array along its first axis: a scalar for a vector.
    func row(_ t: Tensor, _ i: Int) -> Value {
        if t.rank == 1 { return .fromFloat32(t.data[i], dtype: t.dtype) }
        var r = t.slice(rows: i..<(i + 1))
        r.shape.removeFirst()
        return .tensor(r)
    }
}
