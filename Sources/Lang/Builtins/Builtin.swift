import DLRuntime

/// A function the language provides, bound by name. `parameters` are the names positional
/// arguments fill in order and keywords may name; a trailing "*rest" takes any more.
public struct Builtin: Sendable {
    public let name: String
    public let parameters: [String]
    let body: @Sendable (Arguments) throws -> Value

    /// Binds the call's arguments to the parameter names, then runs the body.
    func invoke(_ interp: Interpreter, _ positional: [Value], _ keywords: [(String, Value)]) throws -> Value {
        // Parameters before a "*rest" entry take positional arguments; those after it are
        // keyword-only, as in Python's print(*values, sep=' ', end='\n').
        let star = parameters.firstIndex { $0.hasPrefix("*") }
        let positionalNames = star.map { Array(parameters[..<$0]) } ?? parameters
        let fixed = parameters.filter { !$0.hasPrefix("*") }
        var values: [String: Value] = [:]
        var rest: [Value] = []
        for (i, v) in positional.enumerated() {
            if i < positionalNames.count { values[positionalNames[i]] = v }
            else if star != nil { rest.append(v) }
            else { throw CnnError(.tooManyArguments, name, positionalNames.count, positional.count) }
        }
        for (k, v) in keywords {
            guard fixed.contains(k) else {
                let hint = suggest(k, among: fixed).map { Catalog.text(.didYouMean, $0) } ?? ""
                throw CnnError(.unknownKeywordHint, name, k, fixed.joined(separator: ", "), hint)
            }
            if values[k] != nil { throw CnnError(.duplicateArgument, name, k) }
            values[k] = v
        }
        return try body(Arguments(function: name, values: values, rest: rest, interp: interp))
    }
}

/// A call's bound arguments with typed accessors that explain what was wrong.
public struct Arguments {
    public let function: String
    var values: [String: Value]
    public let rest: [Value]
    let interp: Interpreter

    public subscript(_ name: String) -> Value? {
        if let v = values[name], case .none = v { return nil }
        return values[name]
    }

    public func has(_ name: String) -> Bool { self[name] != nil }

    public func required(_ name: String) throws -> Value {
        guard let v = self[name] else { throw CnnError(.missingArgument, function, name) }
        return v
    }

    func fail(_ name: String, _ expected: MessageKey, _ v: Value) -> CnnError {
        CnnError(.wrongArgumentType, function, name, Catalog.text(expected), v.typeName)
    }

    public func int(_ name: String, _ dflt: Int? = nil) throws -> Int {
        guard let v = self[name] else {
            if let dflt { return dflt }
            throw CnnError(.missingArgument, function, name)
        }
        guard let i = v.integer, v.isScalar || v.isOneElementInteger || v.integer != nil else { throw fail(name, .typeInteger, v) }
        return i
    }

    public func double(_ name: String, _ dflt: Double? = nil) throws -> Double {
        guard let v = self[name] else {
            if let dflt { return dflt }
            throw CnnError(.missingArgument, function, name)
        }
        guard let d = v.number else { throw fail(name, .typeNumber, v) }
        return d
    }

    public func bool(_ name: String, _ dflt: Bool) -> Bool { self[name]?.truthy ?? dflt }

    public func string(_ name: String, _ dflt: String? = nil) throws -> String {
        guard let v = self[name] else {
            if let dflt { return dflt }
            throw CnnError(.missingArgument, function, name)
        }
        guard case .string(let s) = v else { throw fail(name, .typeString, v) }
        return s
    }

    public func tensor(_ name: String) throws -> Tensor {
        let v = try required(name)
        if case .tensor(let b) = v { return b.t }
        if let t = try? interp.toTensor(v) { return t }
        throw fail(name, .typeArray, v)
    }

    /// A pair like `(3, 3)` or a single `3` meaning `(3, 3)`, as Keras accepts both.
    public func pair(_ name: String, _ dflt: (Int, Int)? = nil) throws -> (Int, Int) {
        guard let v = self[name] else {
            if let dflt { return dflt }
            throw CnnError(.missingArgument, function, name)
        }
        if let i = v.integer, v.isScalar { return (i, i) }
        if case .tuple(let t) = v, t.count == 2, let a = t[0].integer, let b = t[1].integer { return (a, b) }
        if case .list(let l) = v, l.items.count == 2, let a = l.items[0].integer, let b = l.items[1].integer { return (a, b) }
        throw fail(name, .typePair, v)
    }

    /// A shape such as `(28, 28, 1)`.
    public func shape(_ name: String) throws -> [Int] {
        let v = try required(name)
        let items: [Value]
        switch v {
        case .tuple(let t): items = t
        case .list(let l): items = l.items
        case .int: items = [v]
        default: throw fail(name, .typeShape, v)
        }
        return try items.map { guard let i = $0.integer, i > 0 else { throw fail(name, .typeShape, v) }; return i }
    }
}

/// The name -> builtin table the interpreter consults after variables.
public struct BuiltinTable: Sendable {
    private var table: [String: Builtin] = [:]
    /// Second names (Keras's class names, NumPy's synonyms) and the builtin each stands for.
    public private(set) var aliases: [String: String] = [:]

    public subscript(_ name: String) -> Builtin? { table[name] }

    /// User-visible names (method-only entries like "list.append" excluded).
    public var names: [String] { table.keys.filter { !$0.contains(".") }.sorted() }

    mutating func add(_ name: String, _ parameters: [String], _ body: @escaping @Sendable (Arguments) throws -> Value) {
        table[name] = Builtin(name: name, parameters: parameters, body: body)
    }

    mutating func alias(_ name: String, _ existing: String) {
        if let b = table[existing] {
            table[name] = Builtin(name: name, parameters: b.parameters, body: b.body)
            aliases[name] = existing
        }
    }

    /// The table without the builtins that read or write files or reach the network: the
    /// loaders, savers and plots to files, callbacks that write, and the zoo's models (which
    /// fetch weights). For the fuzzer, which runs whatever programs it invents.
    public func withoutFileAccess() -> BuiltinTable {
        let pathParameters: Set = ["path", "file", "filepath", "filename", "log_dir", "directory", "weights"]
        var t = self
        t.table = table.filter { name, b in
            !name.hasPrefix("load_") && b.parameters.allSatisfy { !pathParameters.contains($0) }
        }
        t.aliases = aliases.filter { t.table[$0.key] != nil }
        return t
    }

    public static let standard: BuiltinTable = {
        var t = BuiltinTable()
        CoreBuiltins.register(&t)
        ArrayBuiltins.register(&t)
        ModelBuiltins.register(&t)
        TrainingBuiltins.register(&t)
        DataBuiltins.register(&t)
        MetricsBuiltins.register(&t)
        PlotBuiltins.register(&t)
        ImageBuiltins.register(&t)
        TeachingBuiltins.register(&t)
        return t
    }()
}
