/// A model used as a layer of another (Keras's nesting: `Sequential([base, Dense(1)])`, or
/// `base(inputs)` in a functional model), as fine-tuning a pretrained network does. Its
/// weights are the inner model's, so freezing it freezes them; summary shows it as one row.
public final class ModelLayer: Layer {
    public let model: Model
    public var name: String {
        get { model.name }
        set { model.name = newValue }
    }
    public var typeName: String { model.isChain ? "Sequential" : "Functional" }
    public var inputShape: [Int] { model.inputShape ?? [] }
    public var outputShape: [Int] { model.outputShape }
    public var parameters: [Parameter] { model.parameters }
    public var needsInputGradient = true {
        didSet { model.setNeedsInputGradient(needsInputGradient) }
    }

    public init(_ model: Model) { self.model = model }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        if model.isBuilt, let s = model.inputShape, s != inputShape {
            throw CnnError(.dataShapeMismatch, kerasShape(inputShape), kerasShape(s), model.name)
        }
        try model.build(inputShape: inputShape, random: random)
        model.setNeedsInputGradient(needsInputGradient)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor { model.forward(x, training: training) }

    public func backward(_ dy: consuming Tensor) -> Tensor { model.backward(dy, throughLogits: false) }
}

extension Model {
    /// The same network with every nested model's layers spliced in where it stood (the
    /// layers themselves shared, weights and all): what model files store, since Keras reads
    /// a flat graph as well as a nested one and predicts the same.
    public func inliningNestedModels() throws -> Model {
        guard layers.contains(where: { $0 is ModelLayer }), let shape = inputShape else { return self }
        var newLayers: [Layer] = [], newInbound: [[Int]] = []
        var value = [0]   // this model's value index -> the flat model's
        for (i, layer) in layers.enumerated() {
            let ins = inbound[i].map { value[$0] }
            if let nested = layer as? ModelLayer {
                let inner = try nested.model.inliningNestedModels()
                var innerValue = [ins[0]]
                for (j, l) in inner.layers.enumerated() {
                    newInbound.append(inner.inbound[j].map { innerValue[$0] })
                    newLayers.append(l)
                    innerValue.append(newLayers.count)
                }
                value.append(innerValue.last!)
            } else {
                newInbound.append(ins)
                newLayers.append(layer)
                value.append(newLayers.count)
            }
        }
        let flat = try Model(name: name, builtLayers: newLayers, inbound: newInbound, inputShape: shape, inputName: inputName)
        flat.loss = loss; flat.optimizer = optimizer; flat.metrics = metrics
        return flat
    }
}
