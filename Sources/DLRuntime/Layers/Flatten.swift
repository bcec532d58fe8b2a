/// Keras's `Flatten`: one vector per sample; the values do not move in memory.
public final class Flatten: Layer {
    public var name = "flatten"
    public let typeName = "Flatten"
    public private(set) var inputShape: [Int] = []
    public private(set) var outputShape: [Int] = []
    public let parameters: [Parameter] = []
    public var needsInputGradient = true

    public init() {}

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        self.inputShape = inputShape
        outputShape = [inputShape.reduce(1, *)]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor { x.reshaped([x.shape[0]] + outputShape) }

    public func backward(_ dy: consuming Tensor) -> Tensor { dy.reshaped([dy.shape[0]] + inputShape) }
}
