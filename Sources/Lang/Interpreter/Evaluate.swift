import Foundation
import DLRuntime

extension Interpreter {
    /// Evaluates an expression; an error raised inside gets this expression's position
    /// unless a more precise one (an inner expression's) is already attached.
    public func evaluate(_ e: Expr) throws -> Value {
        do {
            return try evaluateUnlocated(e)
        } catch let err as CnnError {
            throw located(err, e.line, e.column)
        }
    }

    private func evaluateUnlocated(_ e: Expr) throws -> Value {
        switch e.kind {
        case .int(let i): return .int(i)
        case .float(let d): return .float(d)
        case .string(let s): return .string(s)
        case .fstring(let parts): return .string(try format(parts))
        case .bool(let b): return .bool(b)
        case .none: return .none
        case .name(let n): return try lookup(n, e)
        case .list(let items): return .list(try items.map(evaluate))
        case .tuple(let items): return .tuple(try items.map(evaluate))
        case .dict(let pairs):
            let d = DictBox()
            for (k, v) in pairs { try d.set(try evaluate(k), try evaluate(v)) }
            return .dict(d)
        case .binary(let op, let a, let b):
            return try binary(op, try evaluate(a), try evaluate(b))
        case .unary(let op, let a):
            let v = try evaluate(a)
            return op == "-" ? try negate(v) : v
        case .compare(let ops, let operands):
            var left = try evaluate(operands[0])
            var result: Value = .bool(true)
            for (i, op) in ops.enumerated() {
                let right = try evaluate(operands[i + 1])
                result = try compare(op, left, right)
                if case .tensor = result { return result }   // element-wise: no chaining
                if !result.truthy { return .bool(false) }
                left = right
            }
            return result
        case .and(let a, let b):
            let l = try evaluate(a)
            return l.truthy ? try evaluate(b) : l
        case .or(let a, let b):
            let l = try evaluate(a)
            return l.truthy ? l : try evaluate(b)
        case .not(let a): return .bool(!(try evaluate(a).truthy))
        case .conditional(let then, let cond, let other):
            return try evaluate(cond).truthy ? try evaluate(then) : try evaluate(other)
        case .call(let fn, let args):
            let callee = try evaluate(fn)
            var positional: [Value] = []
            var keywords: [(String, Value)] = []
            for a in args {
                if a.star { positional += try iterate(try evaluate(a.value)) }
                else if let k = a.keyword { keywords.append((k, try evaluate(a.value))) }
                else { positional.append(try evaluate(a.value)) }
            }
            return try call(callee, positional, keywords)
        case .attribute(let base, let name):
            return try attribute(try evaluate(base), name)
        case .`subscript`(let base, let idx):
            let b = try evaluate(base)
            if case .dict(let d) = b { return try dictItem(d, idx) }
            return try subscriptValue(b, try indices(idx))
        case .lambda(let params, let body):
            let defaults = try params.map { try $0.defaultValue.map(evaluate) }
            return .function(Function(name: "<lambda>", parameters: params, defaults: defaults, body: [], expression: body))
        case .listComprehension(let element, let target, let iterExpr, let cond):
            var out: [Value] = []
            for item in try iterate(try evaluate(iterExpr)) {
                try countStep()
                try assign(target, item)
                if let cond, !(try evaluate(cond).truthy) { continue }
                out.append(try evaluate(element))
            }
            return .list(out)
        }
    }

    func format(_ parts: [FormatPart]) throws -> String {
        var s = ""
        for p in parts {
            switch p {
            case .text(let t): s += t
            case .value(let e, let spec):
                let v = try evaluate(e)
                s += try spec.map { try formatSpec(v, $0) } ?? v.str
            }
        }
        return s
    }

    /// The common part of Python's format mini-language: `.4f`, `.2%`, `d`, `>8`, `,`.
    func formatSpec(_ v: Value, _ spec: String) throws -> String {
        var spec = Substring(spec)
        var align: Character?, width = 0
        if let f = spec.first, "<>^".contains(f) { align = f; spec = spec.dropFirst() }
        while let c = spec.first, let d = c.wholeNumberValue, c.isASCII { width = width * 10 + d; spec = spec.dropFirst() }
        let comma = spec.first == ","
        if comma { spec = spec.dropFirst() }
        var precision: Int?
        if spec.first == "." {
            spec = spec.dropFirst()
            var p = 0
            while let c = spec.first, let d = c.wholeNumberValue, c.isASCII { p = p * 10 + d; spec = spec.dropFirst() }
            precision = p
        }
        var out: String
        switch spec {
        case "f", "e", "%":
            guard let d = v.number else { throw CnnError(.formatNeedsNumber, String(spec), v.typeName) }
            let p = precision ?? 6
            out = spec == "%" ? String(format: "%.\(p)f%%", d * 100) : String(format: "%.\(p)\(spec)", d)
        case "d":
            guard let i = v.integer else { throw CnnError(.formatNeedsNumber, "d", v.typeName) }
            out = comma ? grouped(i) : String(i)
        case "":
            if comma, let i = v.integer { out = grouped(i) }
            else if let p = precision, let d = v.number { out = String(format: "%.\(p)g", d) }
            else { out = v.str }
        default:
            throw CnnError(.badFormatSpec, String(spec))
        }
        if out.count < width {
            let pad = String(repeating: " ", count: width - out.count)
            let right = align == ">" || (align == nil && v.number != nil)
            out = right ? pad + out : out + pad
        }
        return out
    }

    // MARK: - calls

    /// Calls a function value with evaluated arguments.
    public func call(_ callee: Value, _ positional: [Value], _ keywords: [(String, Value)]) throws -> Value {
        switch callee {
        case .builtin(let b):
            return try b.invoke(self, positional, keywords)
        case .method(let b, let selfValue):
            return try b.invoke(self, [selfValue] + positional, keywords)
        case .function(let f):
            return try callFunction(f, positional, keywords)
        case .layer(let box):
            guard positional.count == 1 else { throw CnnError(.layerCallNeedsInput, box.layer.name) }
            // Functional API: a layer applied to placeholders adds a node to the graph.
            if let symbolic = try FunctionalAPI.call(box.layer, on: positional[0], interp: self) { return .symbolic(symbolic) }
            if box.layer is MergeLayer { return .tensor(TensorBox(try FunctionalAPI.mergeEagerly(box.layer as! MergeLayer, positional[0], keywords, interp: self))) }
            // Eager, as in Keras: a layer applied to a batch computes at once, in inference
            // mode unless training=True (dropout's two behaviours, batchnorm's statistics).
            guard let x = try? toTensor(positional[0]), x.rank >= 1 else { throw CnnError(.layerCallNeedsInput, box.layer.name) }
            for (k, _) in keywords where k != "training" {
                throw CnnError(.unknownKeywordHint, box.layer.name, k, "training", "")
            }
            let training = keywords.first { $0.0 == "training" }?.1.truthy ?? false
            return .tensor(TensorBox(try box.layer.applyEagerly(x, training: training)))
        case .model(let m):
            // base(inputs) in a functional model: the whole model as one layer of the graph.
            if positional.count == 1, let symbolic = try FunctionalAPI.call(ModelLayer(m), on: positional[0], interp: self) {
                return .symbolic(symbolic)
            }
            guard positional.count == 1, case .tensor(let x) = positional[0] else { throw CnnError(.notCallable, "Model") }
            return .tensor(try m.predict(x: x.t, verbose: 0, sink: output))
        default:
            throw CnnError(.notCallable, callee.typeName)
        }
    }

    func callFunction(_ f: Function, _ positional: [Value], _ keywords: [(String, Value)]) throws -> Value {
        guard frames.count < maxCallDepth else { throw CnnError(.recursionTooDeep, maxCallDepth) }
        try countStep()
        guard positional.count <= f.parameters.count else {
            throw CnnError(.tooManyArguments, f.name, f.parameters.count, positional.count)
        }
        var locals: [String: Value] = [:]
        for (i, v) in positional.enumerated() { locals[f.parameters[i].name] = v }
        for (k, v) in keywords {
            guard f.parameters.contains(where: { $0.name == k }) else {
                throw CnnError(.unknownKeyword, f.name, k, f.parameters.map(\.name).joined(separator: ", "))
            }
            locals[k] = v
        }
        for (i, p) in f.parameters.enumerated() where locals[p.name] == nil {
            guard let d = f.defaults[i] else { throw CnnError(.missingArgument, f.name, p.name) }
            locals[p.name] = d
        }
        frames.append(locals)
        defer { frames.removeLast() }
        if let e = f.expression { return try evaluate(e) }
        if case .returned(let v) = try executeBlock(f.body) { return v }
        return .none
    }
}

extension Interpreter {
    /// A dict lookup: `h.history["val_loss"]`; the key is any hashable value.
    func dictKey(_ idx: [IndexItem]) throws -> Value {
        guard idx.count == 1, case .single(let e) = idx[0] else { throw CnnError(.dictKeySlice) }
        return try evaluate(e)
    }

    func dictItem(_ d: DictBox, _ idx: [IndexItem]) throws -> Value {
        let key = try dictKey(idx)
        guard let v = d.get(key) else {
            let keys = d.keys.map(\.repr).joined(separator: ", ")
            throw CnnError(.keyNotFound, key.repr, keys)
        }
        return v
    }
}
