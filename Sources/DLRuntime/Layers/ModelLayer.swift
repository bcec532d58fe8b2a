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
