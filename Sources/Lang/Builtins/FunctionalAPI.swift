import DLRuntime

/// Keras's functional style: `x = Input((32, 32, 3)); y = Conv2D(...)(x); ...;
/// Model(x, y)`. A layer applied to placeholders is built at once for their shapes (so a
/// wrong shape is reported at the line that causes it, as Keras does), and `Model` collects
/// the graph between the input and the output in Keras's layer order.
enum FunctionalAPI {
    /// The placeholders `argument` holds: one, or a list of them; nil for concrete data.
    static func placeholders(_ argument: Value, _ layer: Layer, interp: Interpreter) throws -> [SymbolicTensor]? {
        switch argument {
        case .symbolic(let s): return [s]
        case .list, .tuple:
            let items = try interp.iterate(argument)
            let symbolic = items.compactMap { v -> SymbolicTensor? in if case .symbolic(let s) = v { return s } else { return nil } }
            if symbolic.isEmpty { return nil }
            guard symbolic.count == items.count else { throw CnnError(.mixedPlaceholders, layer.name) }
            return symbolic
        default: return nil
        }
    }

    /// `layer(x)` or `layer([x, y])` on placeholders: the new placeholder, or nil when the
    /// argument is concrete data.
    static func call(_ layer: Layer, on argument: Value, interp: Interpreter) throws -> SymbolicTensor? {
        guard let inputs = try placeholders(argument, layer, interp: interp) else { return nil }
        var random = RandomSource.shared
        defer { RandomSource.shared = random }
        do {
            if let merge = layer as? MergeLayer {
                try merge.build(inputShapes: inputs.map(\.shape), random: &random)
            } else {
                guard inputs.count == 1 else { throw CnnError(.layerTakesOneInput, layer.name, layer.typeName, inputs.count) }
                try layer.build(inputShape: inputs[0].shape, random: &random)
            }
        } catch let e as CnnError {
            let sources = inputs.map { $0.layer?.name ?? $0.inputName }.joined(separator: ", ")
            throw CnnError(.layerShapeMismatch, layer.name, layer.typeName, inputs.map { kerasShape($0.shape) }.joined(separator: ", "),
                           sources, e.message)
        }
        // Keras names a layer when it is made; here, when first used, which is the same order
        // in a model-building function.
        if !(layer is ModelLayer) && (layer.name == layer.nameStem || layer.name.isEmpty) { layer.name = NameScope.unique(layer.nameStem) }
        return SymbolicTensor(layer: layer, inputs: inputs)
    }

    /// A merge layer applied to a list of arrays: computed at once (inference mode).
    static func mergeEagerly(_ layer: MergeLayer, _ argument: Value, _ keywords: [(String, Value)], interp: Interpreter) throws -> Tensor {
        for (k, _) in keywords where k != "training" { throw CnnError(.unknownKeywordHint, layer.name, k, "training", "") }
        let items: [Value]
        switch argument {
        case .list, .tuple: items = try interp.iterate(argument)
        default: throw CnnError(.mergeNeedsList, layer.name, layer.typeName)
        }
        let xs = try items.map { try interp.toTensor($0).withDType(.float32) }
        guard xs.allSatisfy({ $0.rank >= 1 && $0.shape[0] == xs.first?.shape[0] }) else {
            throw CnnError(.mergeShapes, layer.name, layer.typeName, xs.map { pythonShape($0.shape) }.joined(separator: ", "))
        }
        var random = RandomSource.shared
        try layer.build(inputShapes: xs.map { Array($0.shape.dropFirst()) }, random: &random)
        let training = keywords.first { $0.0 == "training" }?.1.truthy ?? false
        return layer.forward(xs, training: training)
    }

    /// One placeholder from `inputs=`/`outputs=`: itself or a one-element list.
    static func single(_ v: Value, _ a: Arguments, _ name: String) throws -> SymbolicTensor {
        switch v {
        case .symbolic(let s): return s
        case .list, .tuple:
            let items = try a.interp.iterate(v)
            guard items.count == 1 else { throw CnnError(.modelOneInputOutput, name, items.count) }
            return try single(items[0], a, name)
        default: throw a.fail(name, .typeSymbolic, v)
        }
    }

    /// `Model(inputs, outputs)`: the layers between them in Keras's order (deepest first,
    /// measured as the longest path to the output; ties in the order a depth-first walk from
    /// the output meets them), each with the values it reads.
    static func model(input: SymbolicTensor, output: SymbolicTensor, name: String) throws -> Model {
        guard input.layer == nil else { throw CnnError(.modelInputNotInput) }
        let roots = output.roots
        guard roots.count == 1, roots[0] === input else { throw CnnError(.modelOutputsNotFromInputs) }
        guard output.layer != nil else { throw CnnError(.modelHasNoLayers, name) }
        // Pre-order walk from the output: Keras's tie-break.
        var order: [ObjectIdentifier: Int] = [:]
        var nodes: [SymbolicTensor] = []
        func visit(_ t: SymbolicTensor) {
            guard t.layer != nil, order[ObjectIdentifier(t)] == nil else { return }
            order[ObjectIdentifier(t)] = nodes.count
            nodes.append(t)
            for i in t.inputs { visit(i) }
        }
        visit(output)
        // Longest path to the output: relax in reverse topological order (Kahn's algorithm
        // over readers first).
        var readers: [ObjectIdentifier: Int] = [:]
        for n in nodes { for i in n.inputs where i.layer != nil { readers[ObjectIdentifier(i), default: 0] += 1 } }
        var depth: [ObjectIdentifier: Int] = [ObjectIdentifier(output): 0]
        var ready = [output]
        while let n = ready.popLast() {
            let d = depth[ObjectIdentifier(n)]!
            for i in n.inputs where i.layer != nil {
                let id = ObjectIdentifier(i)
                depth[id] = max(depth[id] ?? 0, d + 1)
                readers[id]! -= 1
                if readers[id] == 0 { ready.append(i) }
            }
        }
        let sorted = nodes.sorted {
            let (a, b) = (ObjectIdentifier($0), ObjectIdentifier($1))
            return depth[a]! != depth[b]! ? depth[a]! > depth[b]! : order[a]! < order[b]!
        }
        var seenLayers = Set<ObjectIdentifier>()
        for n in sorted where !seenLayers.insert(ObjectIdentifier(n.layer!)).inserted {
            throw CnnError(.layerUsedTwice, n.layer!.name)
        }
        var position: [ObjectIdentifier: Int] = [ObjectIdentifier(input): 0]
        for (i, n) in sorted.enumerated() { position[ObjectIdentifier(n)] = i + 1 }
        let inbound = sorted.map { n in n.inputs.map { position[ObjectIdentifier($0)]! } }
        return try Model(name: name, builtLayers: sorted.map { $0.layer! }, inbound: inbound, inputShape: input.shape, inputName: input.inputName)
    }
}
