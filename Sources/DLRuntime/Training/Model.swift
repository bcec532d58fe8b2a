import Foundation
/// Keras-style automatic names: the first `conv2d`, then `conv2d_1`, `conv2d_2`, ...
/// A lock guards the counts: models may be made on several threads at once (the test
/// runner does).
public enum NameScope {
    nonisolated(unsafe) private static var counts: [String: Int] = [:]
    private static let lock = NSLock()

    public static func unique(_ stem: String) -> String {
        lock.lock()
        defer { lock.unlock() }
        let n = counts[stem, default: 0]
        counts[stem] = n + 1
        return n == 0 ? stem : "\(stem)_\(n)"
    }

    /// Forgets all names (a fresh session).
    public static func reset() {
        lock.lock()
        defer { lock.unlock() }
        counts = [:]
    }
}

/// A Sequential network: layers applied in order, built for a per-sample input shape.
public final class Model {
    public var name: String
    public private(set) var layers: [Layer] = []
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

    /// Appends a layer (Keras's `model.add`); the model must be built again.
    public func add(_ layer: Layer) {
        if layer.name == layer.nameStem || layer.name.isEmpty { layer.name = NameScope.unique(layer.nameStem) }
        layers.append(layer)
        isBuilt = false
    }

    public var outputShape: [Int] { layers.last?.outputShape ?? (inputShape ?? []) }
    public var parameters: [Parameter] { layers.flatMap(\.parameters) }
    public var parameterCount: Int { layers.reduce(0) { $0 + $1.parameterCount } }
    public var trainableCount: Int { layers.reduce(0) { $0 + $1.trainableCount } }

    /// Creates every layer's weights for `inputShape`. A layer that cannot take the shape
    /// the layer before it produces is named, with both shapes, before any data flows.
    /// Initial weights come from `random`, or from the run's shared source.
    public func build(inputShape shape: [Int], random source: RandomSource? = nil) throws {
        if isBuilt && inputShape == shape { return }
        guard !layers.isEmpty else { throw CnnError(.modelHasNoLayers, name) }
        var s = shape
        var random = source ?? RandomSource.shared
        defer { if source == nil { RandomSource.shared = random } }
        for (i, layer) in layers.enumerated() {
            do {
                try layer.build(inputShape: s, random: &random)
            } catch let e as CnnError {
                let before = i == 0 ? Catalog.text(.theInput) : layers[i - 1].name
                throw CnnError(.layerShapeMismatch, layer.name, layer.typeName, kerasShape(s), before, e.message)
            }
            layer.needsInputGradient = i > 0
            s = layer.outputShape
        }
        inputShape = shape
        isBuilt = true
    }

    /// Builds from a data tensor's sample shape if not built yet; checks it otherwise.
    public func ensureBuilt(forData x: Tensor) throws {
        let sample = Array(x.shape.dropFirst())
        if let declared = inputShape, declared != sample {
            throw CnnError(.dataShapeMismatch, pythonShape(x.shape), kerasShape(declared), name)
        }
        if !isBuilt { try build(inputShape: sample) }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        var h = x
        for layer in layers { h = Profiler.measure(layer.name + " forward") { layer.forward(h, training: training) } }
        return h
    }

    /// The activation of the last layer, if it has one: the loss may differentiate through it.
    var outputActivation: Activation? { (layers.last as? ActivatedLayer)?.activation }

    /// Backpropagates dLoss/dOutput through every layer, leaving gradients in the parameters.
    /// With `throughLogits`, `dOutput` is already the gradient with respect to the last
    /// layer's pre-activation, so that layer skips its activation's backward step.
    func backward(_ dOutput: Tensor, throughLogits: Bool) {
        let last = throughLogits ? layers.last as? ActivatedLayer : nil
        last?.skipActivationBackward = true
        defer { last?.skipActivationBackward = false }
        var g = dOutput
        for layer in layers.reversed() {
            let start = Profiler.now()
            g = layer.backward(consume g)
            Profiler.record(layer.name + " backward", since: start)
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
        inputShape = other.inputShape
        isBuilt = other.isBuilt
    }
}
