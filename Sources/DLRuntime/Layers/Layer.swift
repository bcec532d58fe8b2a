/// A weight tensor of a layer with the gradient the last backward pass left for it.
public final class Parameter {
    /// Keras's weight name (`kernel`, `bias`, `gamma`, ...); a composite layer renames its
    /// parts' weights (`depthwise_kernel`).
    public internal(set) var name: String
    public var value: Tensor
    /// Made at the first backward pass: a model that only predicts (a pretrained network)
    /// never holds a second copy of its weights' size.
    public lazy var grad = Tensor(zeros: value.shape)
    /// Moving statistics (batch normalisation) are parameters that no optimizer touches;
    /// freezing a layer (`layer.trainable = False`) turns the others off too.
    public var trainable: Bool
    /// False for moving statistics: unfreezing a layer never makes them trainable.
    public let trainableByDefault: Bool

    public init(_ name: String, _ value: Tensor, trainable: Bool = true) {
        self.name = name; self.value = value; self.trainable = trainable; trainableByDefault = trainable
    }
}

/// One layer of a network. Shapes here are per sample (no batch axis), as Keras prints them
/// after `None`. Forward and backward live side by side in each layer's file.
public protocol Layer: AnyObject {
    /// Unique within a model: `conv2d`, `conv2d_1`, ... as Keras names them.
    var name: String { get set }
    /// The Keras class name shown in `summary`: `Conv2D`, `Dense`, ...
    var typeName: String { get }
    /// Set by `build`.
    var inputShape: [Int] { get }
    var outputShape: [Int] { get }
    var parameters: [Parameter] { get }
    /// False for the first layer: its input gradient is never used, so it is not computed.
    var needsInputGradient: Bool { get set }

    /// Creates the weights for a per-sample input shape; throws when the shape does not fit.
    func build(inputShape: [Int], random: inout RandomSource) throws
    /// Batch forward pass; keeps what backward needs when `training`.
    func forward(_ x: Tensor, training: Bool) -> Tensor
    /// Given dLoss/dOutput of the last forward, stores parameter gradients and returns dLoss/dInput.
    /// `dy` is consumed: a layer may overwrite it in place (no copy of a large gradient).
    func backward(_ dy: consuming Tensor) -> Tensor
}

extension Layer {
    /// Keras's `layer.trainable`: false once frozen. Freezing keeps the weights as they are
    /// during `fit` (and a frozen BatchNormalization uses its moving statistics, as Keras's does).
    public var isTrainable: Bool {
        get { !parameters.contains { $0.trainableByDefault && !$0.trainable } }
        set { for p in parameters { p.trainable = newValue && p.trainableByDefault } }
    }

    public var parameterCount: Int { parameters.reduce(0) { $0 + $1.value.count } }
    public var trainableCount: Int { parameters.filter(\.trainable).reduce(0) { $0 + $1.value.count } }
    /// The snake_case stem Keras derives layer names from (`Conv2D` -> `conv2d`).
    public var nameStem: String { kerasSnakeCase(typeName) }
}

/// `MaxPooling2D` -> `max_pooling2d`, as Keras's auto-naming does.
public func kerasSnakeCase(_ s: String) -> String {
    var out = ""
    let chars = Array(s)
    for (i, c) in chars.enumerated() {
        if c.isUppercase && i > 0 && (chars[i - 1].isLowercase || (i + 1 < chars.count && chars[i + 1].isLowercase && chars[i - 1].isUppercase)) {
            out += "_"
        }
        out += c.lowercased()
    }
    return out
}

/// A layer that ends in an element-wise activation (Keras's `activation=` argument).
public protocol ActivatedLayer: Layer {
    var activation: Activation { get }
    /// Set while the loss supplies the gradient with respect to the pre-activation.
    var skipActivationBackward: Bool { get set }
}
