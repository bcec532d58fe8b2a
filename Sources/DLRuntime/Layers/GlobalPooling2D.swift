/// Keras's `GlobalAveragePooling2D` and `GlobalMaxPooling2D`: one value per channel from the
/// whole feature map, (h, w, c) -> (c).
public final class GlobalPooling2D: Layer {
    public let kind: PoolKind
    public var name: String
    public var typeName: String { kind == .max ? "GlobalMaxPooling2D" : "GlobalAveragePooling2D" }
    public private(set) var inputShape: [Int] = []
    public private(set) var outputShape: [Int] = []
    public let parameters: [Parameter] = []
    public var needsInputGradient = true
    /// Max: for each (sample, channel) of the last training batch, the flat input index that won.
    private var winners: [Int] = []
    private var lastInputShape: [Int] = []

    public init(_ kind: PoolKind) {
        self.kind = kind
        name = kind == .max ? "global_max_pooling2d" : "global_average_pooling2d"
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        guard inputShape.count == 3 else { throw CnnError(.layerNeedsImage, name, typeName, kerasShape(inputShape)) }
        self.inputShape = inputShape
        outputShape = [inputShape[2]]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let batch = x.shape[0], c = inputShape[2], positions = inputShape[0] * inputShape[1]
        var y = Tensor(zeros: [batch, c])
        if training {
            lastInputShape = x.shape
            if kind == .max && winners.count != batch * c { winners = [Int](repeating: 0, count: batch * c) }
        }
        x.data.withUnsafeBufferPointer { xp in
            for n in 0..<batch {
                let base = n * positions * c
                for ch in 0..<c {
                    switch kind {
                    case .average:
                        var s: Float = 0
                        for p in 0..<positions { s += xp[base + p * c + ch] }
                        y.data[n * c + ch] = s / Float(positions)
                    case .max:
                        var best = base + ch
                        for p in 1..<max(positions, 1) where xp[base + p * c + ch] > xp[best] { best = base + p * c + ch }
                        y.data[n * c + ch] = xp[best]
                        if training { winners[n * c + ch] = best }
                    }
                }
            }
        }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        let batch = lastInputShape[0], c = inputShape[2], positions = inputShape[0] * inputShape[1]
        var dx = Tensor(zeros: lastInputShape)
        for n in 0..<batch {
            for ch in 0..<c {
                let g = dy.data[n * c + ch]
                switch kind {
                case .average:
                    let share = g / Float(positions)
                    for p in 0..<positions { dx.data[n * positions * c + p * c + ch] = share }
                case .max:
                    dx.data[winners[n * c + ch]] = g
                }
            }
        }
        return dx
    }
}
