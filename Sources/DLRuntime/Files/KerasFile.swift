import Foundation

/// Keras 3's `.keras` files (a zip of metadata.json, config.json and model.weights.h5) and
/// `.weights.h5` files, both ways, for every layer cnnsh has.
///
/// The weights file keeps each layer's variables under `layers/<key>/vars/<i>`, where the key
/// is the layer's class in snake case, numbered per class in the model's layer order
/// (`conv2d`, `conv2d_1`, ...; a functional model's input layer counts as `input_layer`), not
/// the layer's own name. Variables come in the layer's own order: kernel and bias; gamma,
/// beta, moving mean and variance.
public enum KerasFile {
    typealias JSON = [String: Any]
    static let kerasVersion = "3.15.1"   // the Keras the tests read these files with

    // MARK: reading

    public static func load(path: String) throws -> Model {
        let (model, weights, compile) = try architecture(try readBytes(path), path: path)
        try withTemporaryFile(weights) { try loadWeights(model, keys: weightKeys(model), from: try HDF5File.open($0), path: path) }
        if let compile { try? applyCompile(compile, to: model) }
        return model
    }

    /// A `.keras` file's model, built with fresh weights, with the bytes of its weights file
    /// and its compile settings (for `load`, and for the fuzzer, which stops short of HDF5).
    public static func architecture(_ bytes: [UInt8], path: String) throws -> (Model, weights: [UInt8], compile: [String: Any]?) {
        // A Keras 2 full-model HDF5 file starts with HDF5's signature.
        if bytes.starts(with: [0x89, 0x48, 0x44, 0x46]) { throw CnnError(.kerasLegacyH5, path) }
        let entries = try ZipArchive.read(bytes, path: path)
        if let meta = entries["metadata.json"], let m = try? JSONSerialization.jsonObject(with: Data(meta)) as? JSON,
           let version = m["keras_version"] as? String, version.hasPrefix("2.") {
            throw CnnError(.kerasVersion2, path, version)
        }
        guard let configBytes = entries["config.json"], let weights = entries["model.weights.h5"] else {
            throw CnnError(.kerasFileIncomplete, path)
        }
        guard let root = try? JSONSerialization.jsonObject(with: Data(configBytes)) as? JSON else {
            throw CnnError(.kerasConfigBad, path, "config.json")
        }
        return (try modelFromConfig(root), weights, root["compile_config"] as? JSON)
    }

    /// Weights alone into a built model: from a `.weights.h5` file Keras's `save_weights`
    /// wrote (or a published Keras 2 one), or from the weights inside a `.keras` file.
    public static func loadWeights(_ model: Model, path: String) throws {
        guard model.isBuilt else { throw CnnError(.summaryNeedsBuild, model.name) }
        let model = try model.inliningNestedModels()
        let keys = weightKeys(model)
        guard (path as NSString).pathExtension.lowercased() == "keras" else {   // the HDF5 file itself
            guard FileManager.default.isReadableFile(atPath: path) else { throw CnnError(.fileNotReadable, path) }
            return try loadWeights(model, keys: keys, from: try HDF5File.open(path), path: path)
        }
        guard let weights = try ZipArchive.read(try readBytes(path), path: path)["model.weights.h5"] else { throw CnnError(.kerasFileIncomplete, path) }
        try withTemporaryFile(weights) { try loadWeights(model, keys: keys, from: try HDF5File.open($0), path: path) }
    }

    static func readBytes(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CnnError(.fileNotReadable, path) }
        return [UInt8](data)
    }

    /// The layers and their connections from config.json; with each layer, its key in the
    /// weights file.
    static func modelFromConfig(_ root: JSON) throws -> Model {
        guard let className = root["class_name"] as? String, let config = root["config"] as? JSON,
              let entries = config["layers"] as? [JSON] else { throw CnnError(.kerasConfigBad, "model", "layers") }
        let name = config["name"] as? String ?? "model"
        switch className {
        case "Sequential":
            var inputShape: [Int]?
            var layers: [Layer] = []
            for e in entries {
                let cls = e["class_name"] as? String ?? "", c = e["config"] as? JSON ?? [:]
                if cls == "InputLayer" { inputShape = sampleShape(c["batch_shape"] ?? c["batch_input_shape"]); continue }
                layers.append(try KerasLayerConfig.makeLayer(cls, c))
            }
            inputShape = inputShape ?? sampleShape(config["build_input_shape"]) ?? sampleShape((root["build_config"] as? JSON)?["input_shape"])
            let model = Model(name: name, layers: [], inputShape: nil)
            for l in layers { model.add(l) }
            for (l, e) in zip(layers, entries.filter { $0["class_name"] as? String != "InputLayer" }) {
                l.name = (e["config"] as? JSON)?["name"] as? String ?? l.name
            }
            guard let shape = inputShape else { throw CnnError(.kerasConfigBad, name, "input shape") }
            try model.build(inputShape: shape, random: RandomSource(seed: 0))
            return model
        case "Functional", "Model":
            var inputName: String?, inputShape: [Int]?
            var layers: [Layer] = [], inbound: [[Int]] = []
            var position: [String: Int] = [:]
            for e in entries {
                let cls = e["class_name"] as? String ?? "", c = e["config"] as? JSON ?? [:]
                let layerName = e["name"] as? String ?? c["name"] as? String ?? cls
                if cls == "InputLayer" {
                    guard inputName == nil else { throw CnnError(.kerasSeveralInputs, name) }
                    inputName = layerName; inputShape = sampleShape(c["batch_shape"] ?? c["batch_input_shape"])
                    position[layerName] = 0
                    continue
                }
                let layer = try KerasLayerConfig.makeLayer(cls, c)
                layer.name = layerName
                let sources = try inboundNames(e["inbound_nodes"], layer: layerName)
                inbound.append(try sources.map { s in
                    guard let p = position[s] else { throw CnnError(.kerasConfigBad, layerName, "inbound node \(s)") }
                    return p
                })
                layers.append(layer)
                position[layerName] = layers.count
            }
            guard let inputName, let shape = inputShape else { throw CnnError(.kerasConfigBad, name, "input layer") }
            // The output must be the last layer: cnnsh's models end where their graph ends.
            if let out = historyNames(config["output_layers"]), out.count != 1 || out[0] != layers.last?.name {
                throw CnnError(.kerasSeveralOutputs, name)
            }
            let model = Model(name: name, layers: layers, inbound: inbound, inputShape: shape, inputName: inputName)
            try model.build(inputShape: shape, random: RandomSource(seed: 0))
            return model
        default:
            throw CnnError(.kerasUnsupportedLayer, className, name)
        }
    }

    /// Keras's class for a layer in files: activation layers made by name are `Activation`.
    static func kerasClass(_ l: Layer) -> String {
        l is ActivationLayer && !["ReLU", "LeakyReLU", "ELU", "Softmax"].contains(l.typeName) ? "Activation" : l.typeName
    }

    /// The weights file's keys: class names in snake case, numbered per class.
    struct KeyCounter {
        var used: [String: Int] = [:]
        mutating func key(for className: String) -> String {
            let stem = kerasSnakeCase(className)
            if let n = used[stem] { used[stem] = n + 1; return "\(stem)_\(n + 1)" }
            used[stem] = 0
            return stem
        }
    }

    /// (A functional model's input layer has a key of its own, `input_layer`, which no other
    /// class shares: it changes no layer's number.)
    static func weightKeys(_ model: Model) -> [String] {
        var counter = KeyCounter()
        return model.layers.map { counter.key(for: kerasClass($0)) }
    }

    /// (None, 28, 28, 1) as JSON -> [28, 28, 1].
    static func sampleShape(_ v: Any?) -> [Int]? {
        guard let a = v as? [Any], a.count >= 2 else { return nil }
        let dims = a.dropFirst().compactMap { $0 as? Int }
        return dims.count == a.count - 1 ? dims : nil
    }

    /// The layer names an entry's `inbound_nodes` reads (Keras 3's `__keras_tensor__` args).
    static func inboundNames(_ nodes: Any?, layer: String) throws -> [String] {
        guard let nodes = nodes as? [JSON], nodes.count == 1 else {
            throw CnnError(.kerasSharedLayer, layer)
        }
        var names: [String] = []
        func walk(_ v: Any) {
            if let d = v as? JSON {
                if let c = d["config"] as? JSON, let h = c["keras_history"] as? [Any], let n = h.first as? String { names.append(n); return }
                for (_, x) in d { walk(x) }
            } else if let a = v as? [Any] {
                for x in a { walk(x) }
            }
        }
        walk(nodes[0]["args"] ?? [])
        guard !names.isEmpty else { throw CnnError(.kerasConfigBad, layer, "inbound_nodes") }
        return names
    }

    static func historyNames(_ v: Any?) -> [String]? {
        if let one = v as? [Any], let n = one.first as? String { return [n] }
        if let many = v as? [[Any]] { return many.compactMap { $0.first as? String } }
        return nil
    }

    static func loadWeights(_ model: Model, keys: [String], from file: HDF5File, path: String) throws {
        if let names = file.strings("/", "layer_names") { return try loadLegacyWeights(model, layerNames: names, from: file, path: path) }
        var loaded: [(Parameter, Tensor)] = []
        for (layer, key) in zip(model.layers, keys) {
            for (i, p) in layer.parameters.enumerated() {
                let object = "layers/\(key)/vars/\(i)"
                guard file.exists(object) else { throw CnnError(.kerasWeightsMissing, path, layer.name, object) }
                let t = try file.read(object)
                guard t.shape == p.value.shape || (t.count == p.value.count && p.value.rank == 0) else {
                    throw CnnError(.kerasWeightsShape, layer.name, p.name, pythonShape(p.value.shape), pythonShape(t.shape), path)
                }
                loaded.append((p, t))
            }
        }
        // Everything checked before anything changes: a mismatch leaves the model as it was.
        for (p, t) in loaded { p.value.data = t.data }
    }

    /// Keras 2's weights layout, which keras.applications' pretrained files use: the root lists
    /// the layers (`layer_names`), each layer group lists its weights (`weight_names`), and the
    /// datasets sit at `<layer>/<weight name>`. Layers with weights are matched in order, as
    /// Keras does, so unnamed layers numbered differently in this session still match.
    static func loadLegacyWeights(_ model: Model, layerNames: [String], from file: HDF5File, path: String) throws {
        var stored: [(layer: String, weights: [String])] = []
        for name in layerNames {
            let weights = file.strings(name, "weight_names") ?? []
            if !weights.isEmpty { stored.append((name, weights)) }
        }
        let ours = model.layers.filter { !$0.parameters.isEmpty }
        guard stored.count == ours.count else { throw CnnError(.kerasWeightsCount, path, stored.count, ours.count) }
        var tensors: [[Tensor]] = []
        for ((group, weights), layer) in zip(stored, ours) {
            guard weights.count == layer.parameters.count else {
                throw CnnError(.kerasWeightsShape, layer.name, "\(layer.parameters.count) weights", "", "\(weights.count) (\(group))", path)
            }
            let values = try weights.map { try file.read(group + "/" + $0) }
            for (p, t) in zip(layer.parameters, values) where t.shape != p.value.shape {
                throw CnnError(.kerasWeightsShape, layer.name, p.name, pythonShape(p.value.shape), pythonShape(t.shape), path)
            }
            tensors.append(values)
        }
        // Everything checked before anything changes: a mismatch leaves the model as it was.
        for (layer, values) in zip(ours, tensors) { for (p, t) in zip(layer.parameters, values) { p.value.data = t.data } }
    }

    static func applyCompile(_ c: JSON, to model: Model) throws {
        guard let lossName = c["loss"] as? String, let loss = Loss.named(lossName),
              let opt = c["optimizer"] as? JSON, let kindName = (opt["class_name"] as? String)?.lowercased(),
              let kind = Optimizer.Kind(rawValue: kindName) else { return }
        let o = Optimizer(kind)
        let oc = opt["config"] as? JSON ?? [:]
        if let lr = oc["learning_rate"] as? Double { o.learningRate = Float(lr) }
        for (key, set) in [("beta_1", { o.beta1 = $0 }), ("beta_2", { o.beta2 = $0 }), ("epsilon", { o.epsilon = $0 }),
                           ("rho", { o.rho = $0 }), ("momentum", { o.momentum = $0 })] as [(String, (Float) -> Void)] {
            if let v = oc[key] as? Double { set(Float(v)) }
        }
        if let n = oc["nesterov"] as? Bool { o.nesterov = n }
        let metrics = (c["metrics"] as? [Any])?.compactMap { $0 as? String }.filter { ["accuracy", "acc"].contains($0) } ?? []
        try model.compile(optimizer: o, loss: loss, metrics: metrics)
    }

    // MARK: writing

    public static func save(_ model: Model, to path: String) throws {
        guard model.isBuilt, let inputShape = model.inputShape else { throw CnnError(.summaryNeedsBuild, model.name) }
        let model = try model.inliningNestedModels()
        let config = try configJSON(model, inputShape: inputShape)
        let meta: JSON = ["keras_version": kerasVersion, "date_saved": ISO8601DateFormatter().string(from: Date())]
        let weights = try withTemporaryFile([]) { tmp -> [UInt8] in
            try writeWeights(model, to: tmp)
            return try readBytes(tmp)
        }
        let zip = ZipArchive.write([("metadata.json", try json(meta)), ("config.json", try json(config)), ("model.weights.h5", weights)])
        try AtomicFile.write(Data(zip), to: path)
    }

    /// `save_weights`: the weights file alone, written beside and renamed into place.
    public static func saveWeights(_ model: Model, to path: String) throws {
        guard model.isBuilt else { throw CnnError(.summaryNeedsBuild, model.name) }
        let model = try model.inliningNestedModels()
        let bytes = try withTemporaryFile([]) { tmp -> [UInt8] in
            try writeWeights(model, to: tmp)
            return try readBytes(tmp)
        }
        try AtomicFile.write(Data(bytes), to: path)
    }

    static func writeWeights(_ model: Model, to path: String) throws {
        let file = try HDF5File.create(path)
        try file.group("layers")
        if !model.isChain {
            try file.group("layers/input_layer/vars")
            try file.setAttribute("layers/input_layer/vars", "name", model.inputName)
        }
        for (layer, key) in zip(model.layers, weightKeys(model)) {
            let vars = "layers/\(key)/vars"
            try file.group(vars)
            try file.setAttribute(vars, "name", layer.name)
            for (i, p) in layer.parameters.enumerated() { try file.write("\(vars)/\(i)", p.value) }
        }
        try file.group("vars")
        try file.setAttribute("vars", "name", model.name)
    }

    static func configJSON(_ model: Model, inputShape: [Int]) throws -> JSON {
        let batchShape: [Any] = [NSNull()] + inputShape
        func withShape(_ s: [Int]) -> [Any] { [NSNull()] + s }
        let inputLayer: JSON = ["module": "keras.layers", "class_name": "InputLayer", "registered_name": NSNull(),
                                "config": ["batch_shape": batchShape, "dtype": "float32", "sparse": false, "ragged": false,
                                           "name": model.inputName, "optional": false]]
        var shapes = [inputShape]
        var entries: [JSON] = []
        for (i, layer) in model.layers.enumerated() {
            let (cls, c) = try KerasLayerConfig.config(layer)
            let ins = model.inbound[i]
            let inputShapes = ins.map { withShape(shapes[$0]) }
            var e: JSON = ["module": "keras.layers", "class_name": cls, "config": c, "registered_name": NSNull(),
                           "build_config": ["input_shape": layer is MergeLayer ? inputShapes as Any : inputShapes[0]]]
            if !model.isChain {
                let tensors: [JSON] = ins.map { v in
                    ["class_name": "__keras_tensor__",
                     "config": ["shape": withShape(shapes[v]), "dtype": "float32", "keras_history": [model.valueName(v), 0, 0]]]
                }
                e["name"] = layer.name
                e["inbound_nodes"] = [["args": layer is MergeLayer ? [tensors] : tensors, "kwargs": [String: Any]()]]
            }
            entries.append(e)
            shapes.append(layer.outputShape)
        }
        var root: JSON
        if model.isChain {
            root = ["module": "keras", "class_name": "Sequential", "registered_name": NSNull(),
                    "config": ["name": model.name, "trainable": true, "layers": [inputLayer] + entries, "build_input_shape": batchShape],
                    "build_config": ["input_shape": batchShape]]
        } else {
            var input = inputLayer
            input["name"] = model.inputName
            input["inbound_nodes"] = [Any]()
            root = ["module": "keras.src.models.functional", "class_name": "Functional", "registered_name": "Functional",
                    "config": ["name": model.name, "trainable": true, "layers": [input] + entries,
                               "input_layers": [model.inputName, 0, 0], "output_layers": [model.layers.last!.name, 0, 0]],
                    "build_config": ["input_shape": NSNull()]]
        }
        if let loss = model.loss, let o = model.optimizer { root["compile_config"] = compileJSON(loss, o, model.metrics) }
        return root
    }

    /// Keras's compile_config: the optimizer with its settings, the loss and the metrics.
    static func compileJSON(_ loss: Loss, _ o: Optimizer, _ metrics: [String]) -> JSON {
        var c: JSON = ["name": o.kind.rawValue, "learning_rate": Double(o.learningRate), "weight_decay": NSNull(), "clipnorm": NSNull(),
                       "global_clipnorm": NSNull(), "clipvalue": NSNull(), "use_ema": false, "ema_momentum": 0.99,
                       "ema_overwrite_frequency": NSNull(), "loss_scale_factor": NSNull(), "gradient_accumulation_steps": NSNull()]
        switch o.kind {
        case .adam: c["beta_1"] = Double(o.beta1); c["beta_2"] = Double(o.beta2); c["epsilon"] = Double(o.epsilon); c["amsgrad"] = false
        case .sgd: c["momentum"] = Double(o.momentum); c["nesterov"] = o.nesterov
        case .rmsprop: c["rho"] = Double(o.rho); c["momentum"] = Double(o.momentum); c["epsilon"] = Double(o.epsilon); c["centered"] = false
        case .adagrad: c["initial_accumulator_value"] = Double(KerasDefaults.adagrad.initialAccumulator); c["epsilon"] = Double(o.epsilon)
        case .adadelta: c["rho"] = Double(o.rho); c["epsilon"] = Double(o.epsilon)
        }
        return ["optimizer": ["module": "keras.optimizers", "class_name": o.displayName, "config": c, "registered_name": NSNull()],
                "loss": loss.rawValue, "loss_weights": NSNull(), "metrics": metrics, "weighted_metrics": NSNull(),
                "run_eagerly": false, "steps_per_execution": 1, "jit_compile": false]
    }

    static func json(_ object: Any) throws -> [UInt8] {
        [UInt8](try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    /// Runs `body` with the path of a temporary file holding `bytes` (HDF5 reads and writes
    /// files, not memory), removed afterwards.
    static func withTemporaryFile<R>(_ bytes: [UInt8], _ body: (String) throws -> R) throws -> R {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-\(UUID().uuidString).h5").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        if !bytes.isEmpty { guard FileManager.default.createFile(atPath: tmp, contents: Data(bytes)) else { throw CnnError(.fileNotWritable, tmp) } }
        return try body(tmp)
    }
}
