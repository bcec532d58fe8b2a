import DLRuntime

extension Interpreter {
    /// `value.name`: a property, or a method bound to the value.
    func attribute(_ v: Value, _ name: String) throws -> Value {
        if case .module(let m) = v {
            if m == "keras.datasets.cifar10" && name == "load_data", let b = builtins["load_cifar10"] { return .builtin(b) }
            if let b = builtins[Modules.renamed[name] ?? name] { return .builtin(b) }
            if Modules.names[name] != nil { return .module(m + "." + name) }
            throw CnnError(.unknownAttribute, m, name, suggest(name, among: builtins.names).map { Catalog.text(.didYouMean, $0) } ?? "")
        }
        if let p = try property(v, name) { return p }
        let methods = methodNames(v)
        if methods.contains(name) {
            if let b = builtins[methodKey(v) + "." + name] ?? builtins[name] { return .method(b, v) }
        }
        let hint = suggest(name, among: methods + propertyNames(v)).map { Catalog.text(.didYouMean, $0) } ?? ""
        throw CnnError(.unknownAttribute, v.typeName, name, hint)
    }

    func methodKey(_ v: Value) -> String {
        switch v {
        case .list: return "list"
        case .dict: return "dict"
        case .string: return "str"
        default: return v.typeName
        }
    }

    func methodNames(_ v: Value) -> [String] {
        switch v {
        case .list: return ["append", "extend", "pop", "insert", "index", "count", "copy", "reverse", "sort"]
        case .dict: return ["keys", "values", "items", "get", "copy"]
        case .string: return ["format", "upper", "lower", "join", "split", "strip", "replace", "startswith", "endswith"]
        case .tensor: return ["reshape", "astype", "argmax", "sum", "mean", "max", "min", "flatten", "copy", "squeeze", "tolist", "std", "round", "transpose", "all", "any"]
        case .model: return ["fit", "compile", "evaluate", "predict", "summary", "add", "save", "count_params", "get_weights", "set_weights", "save_weights", "load_weights"]
        case .layer: return ["count_params", "get_weights", "set_weights"]
        default: return []
        }
    }

    func propertyNames(_ v: Value) -> [String] {
        switch v {
        case .tensor: return ["shape", "ndim", "size", "dtype", "T"]
        case .model: return ["layers", "name", "input_shape", "output_shape", "optimizer", "history", "loss", "trainable"]
        case .layer: return ["name", "trainable", "output_shape", "input_shape", "weights"]
        case .history: return ["history", "epoch"]
        case .symbolic: return ["shape", "ndim"]
        case .optimizer: return ["learning_rate", "lr", "iterations"]
        default: return []
        }
    }

    func property(_ v: Value, _ name: String) throws -> Value? {
        switch (v, name) {
        case (.tensor(let b), "shape"): return .tuple(b.shape.map { .int($0) })
        // A placeholder's batch axis is unknown, as Keras prints it: (None, 224, 224, 3).
        case (.symbolic(let s), "shape"): return .tuple([.none] + s.shape.map { .int($0) })
        case (.symbolic(let s), "ndim"): return .int(s.shape.count + 1)
        case (.tensor(let b), "ndim"): return .int(b.rank)
        case (.tensor(let b), "size"): return .int(b.count)
        case (.tensor(let b), "dtype"): return .string(b.dtype.rawValue)
        case (.tensor(let b), "T"): return .tensor(try transpose(b.t))
        case (.model(let m), "layers"): return .list(m.layers.map { .layer(LayerBox($0)) })
        case (.model(let m), "name"): return .string(m.name)
        case (.model(let m), "input_shape"): return m.inputShape.map { .tuple([.none] + $0.map { .int($0) }) } ?? Value.none
        case (.model(let m), "output_shape"): return .tuple([.none] + m.outputShape.map { .int($0) })
        case (.model(let m), "optimizer"): return m.optimizer.map { .optimizer($0) } ?? Value.none
        case (.model(let m), "history"): return m.history.map { .history($0) } ?? Value.none
        case (.model(let m), "loss"): return m.loss.map { .string($0.rawValue) } ?? Value.none
        case (.layer(let l), "name"): return .string(l.layer.name)
        case (.layer(let l), "output_shape"): return .tuple([.none] + l.layer.outputShape.map { .int($0) })
        case (.layer(let l), "input_shape"): return .tuple([.none] + l.layer.inputShape.map { .int($0) })
        case (.layer(let l), "trainable"): return .bool(l.layer.isTrainable)
        case (.model(let m), "trainable"): return .bool(m.layers.allSatisfy(\.isTrainable))
        case (.layer(let l), "weights"): return .list(l.layer.parameters.map { .tensor($0.value) })
        case (.history(let h), "history"):
            let d = DictBox()
            for k in h.keys { try d.set(.string(k), .list((h.values[k] ?? []).map { .float($0) })) }
            return .dict(d)
        case (.history(let h), "epoch"): return .list(h.epochs.map { .int($0) })
        case (.optimizer(let o), "learning_rate"), (.optimizer(let o), "lr"): return .float(Double(o.learningRate.description) ?? 0)
        case (.optimizer(let o), "iterations"): return .int(o.iterations)
        default: return nil
        }
    }

    func setAttribute(_ v: Value, _ name: String, _ newValue: Value) throws {
        switch (v, name) {
        case (.layer(let l), "trainable"):
            l.layer.isTrainable = newValue.truthy
        // Keras's base_model.trainable = False: every layer frozen at once.
        case (.model(let m), "trainable"):
            for layer in m.layers { layer.isTrainable = newValue.truthy }
        case (.optimizer(let o), "learning_rate"), (.optimizer(let o), "lr"):
            guard let x = newValue.number else { throw CnnError(.expectedNumber, name, newValue.typeName) }
            o.learningRate = Float(x)
        case (.model(let m), "name"):
            guard case .string(let s) = newValue else { throw CnnError(.expectedString, name, newValue.typeName) }
            m.name = s
        default:
            throw CnnError(.cannotSetAttribute, v.typeName, name)
        }
    }

    func transpose(_ t: Tensor) throws -> Tensor {
        guard t.rank == 2 else { return t.rank < 2 ? t : try permute(t) }
        let (r, c) = (t.shape[0], t.shape[1])
        var out = Tensor(zeros: [c, r], dtype: t.dtype)
        for i in 0..<r { for j in 0..<c { out.data[j * r + i] = t.data[i * c + j] } }
        return out
    }

    /// Reverses all axes (NumPy's `.T` on n-d arrays).
    func permute(_ t: Tensor) throws -> Tensor {
        let shape = Array(t.shape.reversed())
        var out = Tensor(zeros: shape, dtype: t.dtype)
        var strides = [Int](repeating: 1, count: t.rank)
        for i in stride(from: t.rank - 2, through: 0, by: -1) { strides[i] = strides[i + 1] * t.shape[i + 1] }
        var idx = [Int](repeating: 0, count: t.rank)
        for k in 0..<out.count {
            var src = 0
            for d in 0..<t.rank { src += idx[t.rank - 1 - d] * strides[d] }
            out.data[k] = t.data[src]
            var d = t.rank - 1
            while d >= 0 { idx[d] += 1; if idx[d] < shape[d] { break }; idx[d] = 0; d -= 1 }
        }
        return out
    }
}
