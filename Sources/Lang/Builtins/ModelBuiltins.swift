import Foundation
import DLRuntime

/// Building models: `seq`/`Sequential`, the functional `Model(inputs, outputs)`, `add`,
/// `summary`, `compile`, and the optimizers.
enum ModelBuiltins {
    /// Turns the values a user lists in `seq(...)` into layers, taking the input shape from
    /// an `input(...)` entry or the first layer's `input_shape=`.
    static func layers(from values: [Value], function: String) throws -> (layers: [Layer], inputShape: [Int]?) {
        var layers: [Layer] = []
        var inputShape: [Int]?
        for v in values {
            switch v {
            case .layer(let box):
                if layers.isEmpty, let s = box.inputShape { inputShape = s }
                if layers.contains(where: { $0 === box.layer }) { throw CnnError(.layerUsedTwice, box.layer.name) }
                layers.append(box.layer)
            case .symbolic(let s) where s.layer == nil && layers.isEmpty:
                inputShape = s.shape
            // A model as a layer (a pretrained base under a new top).
            case .model(let m):
                if layers.isEmpty, let s = m.inputShape { inputShape = s }
                layers.append(ModelLayer(m))
            case .builtin(let b) where LayerBuiltins.activations[b.name] != nil:
                layers.append(ActivationLayer(LayerBuiltins.activations[b.name]!))
            case .builtin(let b) where LayerBuiltins.bare[b.name] != nil:
                layers.append(LayerBuiltins.bare[b.name]!())
            default:
                throw CnnError(.notALayer, function, v.typeName)
            }
        }
        return (layers, inputShape)
    }

    /// `.keras` is Keras 3's format; `.h5`/`.hdf5` alone are weights files (`save_weights`)
    /// or Keras 2's legacy model files.
    static func isKeras(_ path: String) -> Bool { (path as NSString).pathExtension.lowercased() == "keras" }
    static func isHDF5(_ path: String) -> Bool { ["h5", "hdf5"].contains((path as NSString).pathExtension.lowercased()) }

    /// The parameters of a model or layer argument (the model must be built).
    static func parameters(_ a: Arguments, _ name: String) throws -> [DLRuntime.Parameter] {
        switch try a.required(name) {
        case .model(let m):
            guard m.isBuilt else { throw CnnError(.summaryNeedsBuild, m.name) }
            return m.parameters
        case .layer(let box): return box.layer.parameters
        case let v: throw a.fail(name, .typeModel, v)
        }
    }

    static func model(_ a: Arguments, _ name: String) throws -> Model {
        guard case .model(let m) = try a.required(name) else { throw a.fail(name, .typeModel, try a.required(name)) }
        return m
    }

    /// Makes a model and builds it at once when its input shape is known.
    static func makeModel(_ layers: [Layer], inputShape: [Int]?, name: String?) throws -> Model {
        let m = Model(name: name, layers: layers, inputShape: inputShape)
        if let s = inputShape, !layers.isEmpty { try m.build(inputShape: s) }
        return m
    }

    static func register(_ t: inout BuiltinTable) {
        LayerBuiltins.register(&t)
        t.add("seq", ["*layers", "name"]) { a in
            let (layers, shape) = try layers(from: a.rest, function: "seq")
            return .model(try makeModel(layers, inputShape: shape, name: try a["name"].map { _ in try a.string("name") }))
        }
        t.add("Sequential", ["layers", "name"]) { a in
            let items = try a["layers"].map(a.interp.iterate) ?? []
            let (layers, shape) = try layers(from: items, function: "Sequential")
            return .model(try makeModel(layers, inputShape: shape, name: try a["name"].map { _ in try a.string("name") }))
        }
        t.add("Model", ["inputs", "outputs", "name"]) { a in
            let input = try FunctionalAPI.single(try a.required("inputs"), a, "inputs")
            let output = try FunctionalAPI.single(try a.required("outputs"), a, "outputs")
            let name = try a["name"].map { _ in try a.string("name") } ?? NameScope.unique("functional")
            return .model(try FunctionalAPI.model(input: input, output: output, name: name))
        }
        // `add(model, layer)` (Keras's model.add) or `add([x, y])` (keras.layers.add).
        t.add("add", ["model", "layer", "name"]) { a in
            if case .model = try a.required("model") {} else {
                return try MergeBuiltins.apply(.add, a["model"]!, a)
            }
            let m = try model(a, "model")
            let (layers, shape) = try layers(from: [try a.required("layer")], function: "add")
            if m.layers.isEmpty && shape != nil {
                let fresh = try makeModel(layers, inputShape: shape, name: m.name)
                m.replaceLayers(with: fresh)
            } else {
                for l in layers { m.add(l) }
                if let s = m.inputShape { try m.build(inputShape: s) }
            }
            return .none
        }
        t.add("summary", ["model", "input"]) { a in
            let m = try model(a, "model")
            if a.has("input") { try m.build(inputShape: try a.shape("input")) }
            a.interp.output.write(try m.summaryText())
            return .none
        }
        t.add("save", ["model", "path"]) { a in
            let m = try model(a, "model")
            let path = a.interp.resolvePath(try a.string("path"))
            if isKeras(path) { try KerasFile.save(m, to: path) }
            else if isHDF5(path) { throw CnnError(.kerasSaveH5, path) }
            else { try ModelFile.save(m, to: path) }
            return .none
        }
        t.alias("save_model", "save")
        t.add("load_model", ["path"]) { a in
            let path = a.interp.resolvePath(try a.string("path"))
            if isKeras(path) || isHDF5(path) { return .model(try KerasFile.load(path: path)) }
            return .model(try ModelFile.load(path: path))
        }
        // Keras's weights files: what save_weights writes, or a .keras file's weights.
        t.add("save_weights", ["model", "path"]) { a in
            try KerasFile.saveWeights(try model(a, "model"), to: a.interp.resolvePath(try a.string("path")))
            return .none
        }
        t.add("load_weights", ["model", "path"]) { a in
            try KerasFile.loadWeights(try model(a, "model"), path: a.interp.resolvePath(try a.string("path")))
            return .none
        }
        // Fine-tuning: freeze the layers up to and including `upto` (all without it), so fit
        // trains only the rest; unfreeze undoes it (moving statistics stay non-trainable).
        t.add("freeze", ["model", "upto"]) { a in
            let m = try model(a, "model")
            let last = a.has("upto") ? try TeachingBuiltins.layerIndex(a, m, "upto") : m.layers.count - 1
            for layer in m.layers[...last] { layer.isTrainable = false }
            a.interp.output.write(Catalog.text(.frozeLayers, last + 1, m.layers.count, grouped(m.parameterCount - m.trainableCount)) + "\n")
            return .none
        }
        t.add("unfreeze", ["model"]) { a in
            for layer in try model(a, "model").layers { layer.isTrainable = true }
            return .none
        }
        // Keras's get_weights/set_weights on a model or a layer: copies of the arrays, in
        // parameter order (kernel, bias; BatchNormalization's four).
        t.add("get_weights", ["obj"]) { a in
            .list(try parameters(a, "obj").map { .tensor($0.value) })
        }
        t.add("set_weights", ["obj", "weights"]) { a in
            let params = try parameters(a, "obj")
            let given = try a.interp.iterate(try a.required("weights"))
            guard given.count == params.count else { throw CnnError(.weightCountMismatch, params.count, given.count) }
            let values = try given.map { try a.interp.toTensor($0) }
            for (p, v) in zip(params, values) where v.shape != p.value.shape {
                throw CnnError(.weightShapeMismatch, p.name, pythonShape(p.value.shape), pythonShape(v.shape))
            }
            for (p, v) in zip(params, values) { p.value.data = v.data }
            return .none
        }
        t.add("count_params", ["model"]) { a in
            switch try a.required("model") {
            case .model(let m):
                guard m.isBuilt else { throw CnnError(.summaryNeedsBuild, m.name) }
                return .int(m.parameterCount)
            case .layer(let l): return .int(l.layer.parameterCount)
            case let v: throw a.fail("model", .typeModel, v)
            }
        }
        t.add("compile", ["model", "optimizer", "loss", "metrics"]) { a in
            let m = try model(a, "model")
            let opt = try optimizer(a["optimizer"] ?? .string("rmsprop"), a)
            guard let lossValue = a["loss"] else { throw CnnError(.missingArgument, "compile", "loss") }
            let loss = try lossArgument(lossValue, a)
            var metrics: [String] = []
            for v in try a["metrics"].map(a.interp.iterate) ?? [] {
                guard case .string(let s) = v else { throw a.fail("metrics", .typeString, v) }
                metrics.append(s)
            }
            try m.compile(optimizer: opt, loss: loss, metrics: metrics)
            return .none
        }
        OptimizerBuiltins.register(&t)
    }

    static func lossArgument(_ v: Value, _ a: Arguments) throws -> Loss {
        var name: String
        switch v {
        case .string(let s): name = s
        case .builtin(let b): name = b.name
        default: throw a.fail("loss", .typeString, v)
        }
        guard let loss = Loss.named(name) else {
            let names = Loss.allCases.map(\.rawValue)
            let hint = suggest(name, among: names).map { Catalog.text(.didYouMean, $0) } ?? ""
            throw CnnError(.unknownLoss, name, names.joined(separator: ", "), hint)
        }
        return loss
    }

    /// `optimizer='adam'`, `optimizer=adam`, or `optimizer=Adam(learning_rate=0.01)`.
    static func optimizer(_ v: Value, _ a: Arguments) throws -> Optimizer {
        switch v {
        case .optimizer(let o): return o
        case .string(let s):
            guard let k = Optimizer.Kind(rawValue: s.lowercased()) else { throw unknownOptimizer(s) }
            return Optimizer(k)
        case .builtin(let b):
            guard let k = Optimizer.Kind(rawValue: b.name.lowercased()) else { throw unknownOptimizer(b.name) }
            return Optimizer(k)
        default: throw a.fail("optimizer", .typeOptimizer, v)
        }
    }

    static func unknownOptimizer(_ s: String) -> CnnError {
        let names = Optimizer.Kind.allCases.map(\.rawValue)
        let hint = suggest(s.lowercased(), among: names).map { Catalog.text(.didYouMean, $0) } ?? ""
        return CnnError(.unknownOptimizer, s, names.joined(separator: ", "), hint)
    }
}

/// `adam(learning_rate=...)`, `Adam(...)`, ... with Keras's defaults.
enum OptimizerBuiltins {
    static func register(_ t: inout BuiltinTable) {
        let names: [(String, String, Optimizer.Kind)] = [("adam", "Adam", .adam), ("sgd", "SGD", .sgd), ("rmsprop", "RMSprop", .rmsprop),
                                                         ("adagrad", "Adagrad", .adagrad), ("adadelta", "Adadelta", .adadelta)]
        for (short, keras, kind) in names {
            t.add(short, ["learning_rate", "momentum", "nesterov", "rho", "beta_1", "beta_2", "epsilon", "lr"]) { a in
                let o = Optimizer(kind)
                if a.has("learning_rate") || a.has("lr") {
                    let lr = try a.double(a.has("learning_rate") ? "learning_rate" : "lr")
                    guard lr > 0 && lr.isFinite else { throw CnnError(.mustBePositive, "learning_rate", lr) }
                    o.learningRate = Float(lr)
                }
                if a.has("momentum") { o.momentum = Float(try a.double("momentum")) }
                o.nesterov = a.bool("nesterov", false)
                if a.has("rho") { o.rho = Float(try a.double("rho")) }
                if a.has("beta_1") { o.beta1 = Float(try a.double("beta_1")) }
                if a.has("beta_2") { o.beta2 = Float(try a.double("beta_2")) }
                if a.has("epsilon") { o.epsilon = Float(try a.double("epsilon")) }
                return .optimizer(o)
            }
            t.alias(keras, short)
        }
    }
}
