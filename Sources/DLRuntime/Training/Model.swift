import Foundation
/// Keras-style automatic names: the first `conv2d`, then `conv2d_1`, `conv2d_2`, ...
/// The counts are the session's, so one per thread (see `PerThread`): tests that run side by
/// side each number their own layers.
public enum NameScope {
    private static let counts = PerThread<[String: Int]>("NameScope") { [:] }

    public static func unique(_ stem: String) -> String {
        let n = counts.value[stem, default: 0]
        counts.value[stem] = n + 1
        return n == 0 ? stem : "\(stem)_\(n)"
    }

    /// Forgets all names (a fresh session).
    public static func reset() { counts.value = [:] }
}

/// A network: Sequential (layers applied in order) or a graph of layers (Keras's functional
/// models with `add`, `concatenate`, ...), built for a per-sample input shape.
///
/// `layers` is in Keras's order, a topological one. `inbound[i]` lists the values layer `i`
/// reads: 0 is the model's input and `k` the output of layer `k - 1`. A Sequential model's
/// layer `i` reads value `i`; the last layer's output is the model's output.
public final class Model {
    public var name: String
    public private(set) var layers: [Layer] = []
    public private(set) var inbound: [[Int]] = []
    /// The `Input` layer's name, shown in a graph model's summary.
    public var inputName = "input_layer"
    /// The per-sample input shape, once known (from `Input`, `input_shape=`, or the first data).
    public private(set) var inputShape: [Int]?
    public private(set) var isBuilt = false

    public var loss: Loss?
    public var optimizer: Optimizer?
    public var metrics: [String] = []
    /// The most recent `fit`'s history.
    public var history: History?

    public init(name: String? = nil, layers: [Layer] = [], inputShape: [Int]? = nil) {
        self.name = name ?? NameScope.unique("sequential")
        self.inputShape = inputShape
        for l in layers { add(l) }
    }

    /// A graph model: `layers` in topological order with the values each reads (see `inbound`).
    public init(name: String, layers: [Layer], inbound: [[Int]], inputShape: [Int], inputName: String) {
        precondition(layers.count == inbound.count)
        self.name = name; self.inputShape = inputShape; self.inputName = inputName
        // The layers arrive named (by the functional API, or from a file).
        self.layers = layers
        self.inbound = inbound
    }

    /// A graph model whose layers were already built for the shapes flowing into them (the
    /// functional API builds each layer when it is applied); draws no new weights.
    public convenience init(name: String, builtLayers: [Layer], inbound: [[Int]], inputShape: [Int], inputName: String) throws {
        self.init(name: name, layers: builtLayers, inbound: inbound, inputShape: inputShape, inputName: inputName)
        var shapes = [inputShape]
        for (i, layer) in layers.enumerated() {
            let ins = inbound[i].map { shapes[$0] }
            let built = (layer as? MergeLayer)?.inputShapes ?? [layer.inputShape]
            // A layer applied again elsewhere since was rebuilt for other shapes.
            guard built == ins else { throw CnnError(.layerUsedTwice, layer.name) }
            layer.needsInputGradient = inbound[i] != [0]
            shapes.append(layer.outputShape)
        }
        isBuilt = true
    }

    /// True when each layer reads the one before it (a Sequential model, or a functional one
    /// written as a chain).
    public var isChain: Bool { inbound.enumerated().allSatisfy { $0.element == [$0.offset] } }

    /// Appends a layer (Keras's `model.add`); the model must be built again.
    public func add(_ layer: Layer) {
        if !(layer is ModelLayer) && (layer.name == layer.nameStem || layer.name.isEmpty) { layer.name = NameScope.unique(layer.nameStem) }
        inbound.append([layers.count])
        layers.append(layer)
        isBuilt = false
    }

    public var outputShape: [Int] { layers.last?.outputShape ?? (inputShape ?? []) }
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
    public var trainableCount: Int { layers.reduce(0) { $0 + $1.trainableCount } }

    /// The name of value `v`: the input's, or the layer that wrote it.
    public func valueName(_ v: Int) -> String { v == 0 ? inputName : layers[v - 1].name }

    /// Creates every layer's weights for `inputShape`. A layer that cannot take the shape
    /// the layer before it produces is named, with both shapes, before any data flows.
    /// Initial weights come from `random`, or from the run's shared source.
    public func build(inputShape shape: [Int], random source: RandomSource? = nil) throws {
        if isBuilt && inputShape == shape { return }
        guard !layers.isEmpty else { throw CnnError(.modelHasNoLayers, name) }
        var shapes = [shape]
        var random = source ?? RandomSource.shared
        defer { if source == nil { RandomSource.shared = random } }
        for (i, layer) in layers.enumerated() {
            let ins = inbound[i].map { shapes[$0] }
            do {
                if let merge = layer as? MergeLayer {
                    try merge.build(inputShapes: ins, random: &random)
                } else {
                    try layer.build(inputShape: ins[0], random: &random)
                }
            } catch let e as CnnError {
                let before = inbound[i].map { $0 == 0 ? Catalog.text(.theInput) : layers[$0 - 1].name }.joined(separator: ", ")
                throw CnnError(.layerShapeMismatch, layer.name, layer.typeName, ins.map(kerasShape).joined(separator: ", "), before, e.message)
            }
            layer.needsInputGradient = inbound[i] != [0]
            shapes.append(layer.outputShape)
        }
        inputShape = shape
        isBuilt = true
    }

    /// Builds from a data tensor's sample shape if not built yet; checks it otherwise.
    public func ensureBuilt(forData x: some BatchSource) throws {
        let sample = Array(x.shape.dropFirst())
        if let declared = inputShape, declared != sample {
            throw CnnError(.dataShapeMismatch, pythonShape(x.shape), kerasShape(declared), name)
        }
        if !isBuilt { try build(inputShape: sample) }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        if isChain {
            var h = x, i = 0
            // Whether the last layer run handed its output over in the blocked layout.
            var handedOver = false
            while i < layers.count {
                let next = i + 1 < layers.count ? layers[i + 1] : nil
                if let conv = layers[i] as? Conv2D {
                    // Two convolutions in a row: the first may write for the second's kernels.
                    let handOver = (next as? Conv2D).map { conv.canHandOverBlocked(to: $0, batch: h.shape[0], training: training) } ?? false
                    conv.setLayouts(inputBlocked: handedOver, outputBlocked: handOver)
                    handedOver = handOver
                    // A convolution and the max-pooling after it, in one step where they can.
                    if let pool = next as? Pooling2D,
                       let y = Profiler.measure(conv.name + " + " + pool.name + " forward", { conv.forwardPooled(h, by: pool, training: training) }) {
                        h = y; i += 2; continue
                    }
                } else {
                    handedOver = false
                }
                let layer = layers[i]
                h = Profiler.measure(layer.name + " forward") { layer.forward(h, training: training) }
                i += 1
            }
            return h
        }
        var output = x
        forEachValue(x, training: training) { i, y in if i == layers.count - 1 { output = y } }
        return output
    }

    /// Runs the graph, handing each layer's output to `visit(i, y)` as it is computed; a value
    /// is dropped once the last layer reading it has run.
    public func forEachValue(_ x: Tensor, training: Bool, _ visit: (Int, Tensor) -> Void) {
        var lastUse = [Int](repeating: -1, count: layers.count + 1)
        for (i, ins) in inbound.enumerated() { for v in ins { lastUse[v] = i } }
        var values = [Tensor?](repeating: nil, count: layers.count + 1)
        values[0] = x
        for (i, layer) in layers.enumerated() {
            let ins = inbound[i].map { values[$0]! }
            for v in inbound[i] where lastUse[v] == i { values[v] = nil }
            let y = Profiler.measure(layer.name + " forward") {
                if let merge = layer as? MergeLayer { return merge.forward(ins, training: training) }
                return layer.forward(ins[0], training: training)
            }
            visit(i, y)
            if lastUse[i + 1] > i { values[i + 1] = y }
        }
    }

    /// The activation of the last layer, if it has one: the loss may differentiate through it.
    var outputActivation: Activation? { (layers.last as? ActivatedLayer)?.activation }

    /// Backpropagates dLoss/dOutput through every layer, leaving gradients in the parameters.
    /// With `throughLogits`, `dOutput` is already the gradient with respect to the last
    /// layer's pre-activation, so that layer skips its activation's backward step.
    /// In a graph, the gradients reaching a value from several readers are summed.
    /// Returns dLoss/dInput when the layers reading the input compute it (a model nested in
    /// another as a layer), else a placeholder.
    @discardableResult
    func backward(_ dOutput: Tensor, throughLogits: Bool) -> Tensor {
        let last = throughLogits ? layers.last as? ActivatedLayer : nil
        last?.skipActivationBackward = true
        defer { last?.skipActivationBackward = false }
        if isChain {
            var g = dOutput, i = layers.count - 1
            while i >= 0 {
                let start = Profiler.now()
                if i > 0, layers[i] is Pooling2D, let conv = layers[i - 1] as? Conv2D, conv.lastForwardPooled {
                    g = conv.backwardPooled(g)
                    Profiler.record(conv.name + " + " + layers[i].name + " backward", since: start)
                    i -= 2; continue
                }
                g = layers[i].backward(consume g)
                Profiler.record(layers[i].name + " backward", since: start)
                i -= 1
            }
            return g
        }
        var grads = [Tensor?](repeating: nil, count: layers.count + 1)
        grads[layers.count] = dOutput
        for i in stride(from: layers.count - 1, through: 0, by: -1) {
            guard let g = grads[i + 1] else { continue }
            grads[i + 1] = nil
            let layer = layers[i]
            let start = Profiler.now()
            let inputGrads = (layer as? MergeLayer)?.backward(merged: g) ?? [layer.backward(g)]
            Profiler.record(layer.name + " backward", since: start)
            for (v, d) in zip(inbound[i], inputGrads) where v > 0 || layer.needsInputGradient {
                if grads[v] == nil { grads[v] = d } else { grads[v]!.add(d) }
            }
        }
        return grads[0] ?? Tensor(zeros: [1])
    }

    /// Whether the layers reading the model's input compute dLoss/dInput (a nested model
    /// that is not first in its parent must pass gradients on).
    func setNeedsInputGradient(_ on: Bool) {
        for (layer, ins) in zip(layers, inbound) where ins.contains(0) {
            if ins == [0] { layer.needsInputGradient = on }
        }
    }
}

extension Tensor {
    /// self += other, element by element (gradients meeting at a value read twice).
    mutating func add(_ other: Tensor) {
        precondition(count == other.count)
        other.data.withUnsafeBufferPointer { op in
            data.withUnsafeMutableBufferPointer { p in
                let a = SharedPointer(p.baseAddress!), b = SharedPointer(UnsafeMutablePointer(mutating: op.baseAddress!))
                Parallel.forEachChunk(p.count, minChunk: 1 << 16) { _, r in for i in r { a.p[i] += b.p[i] } }
            }
        }
    }
}

extension Model {
    /// Copies of every parameter's values (moving statistics included), for
    /// `restore(weights:)`: early stopping's best epoch.
    public func weightSnapshot() -> [[Float]] { parameters.map(\.value.data) }

    public func restore(weights: [[Float]]) {
        for (p, w) in zip(parameters, weights) where p.value.count == w.count { p.value.data = w }
    }

    /// Takes another model's layers and input shape (Keras's `add` of a first layer that
    /// carries `input_shape=`).
    public func replaceLayers(with other: Model) {
        layers = other.layers
        inbound = other.inbound
        inputShape = other.inputShape
        isBuilt = other.isBuilt
    }
}
