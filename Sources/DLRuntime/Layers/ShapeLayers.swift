/// Layers that move or rescale values without weights: `ZeroPadding2D`, `Rescaling`,
/// `Reshape` (the zoo's stems and squeeze-and-excitation blocks use them).

/// Keras's `ZeroPadding2D`: zero rows above and below, zero columns left and right.
public final class ZeroPadding2D: Layer {
    public var name = "zero_padding2d"
    public let typeName = "ZeroPadding2D"
    public let top: Int, bottom: Int, left: Int, right: Int
    public private(set) var inputShape: [Int] = []
    public private(set) var outputShape: [Int] = []
    public let parameters: [Parameter] = []
    public var needsInputGradient = true

    public init(top: Int, bottom: Int, left: Int, right: Int) {
        self.top = top; self.bottom = bottom; self.left = left; self.right = right
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        guard inputShape.count == 3 else { throw CnnError(.layerNeedsImage, name, typeName, kerasShape(inputShape)) }
        self.inputShape = inputShape
        outputShape = [inputShape[0] + top + bottom, inputShape[1] + left + right, inputShape[2]]
    }

    /// Copies each input row into its place in the padded output, or back (`toPadded` false).
    private func copyRows(batch: Int, _ small: UnsafeMutablePointer<Float>, _ padded: UnsafeMutablePointer<Float>, toPadded: Bool) {
        let (h, w, c) = (inputShape[0], inputShape[1], inputShape[2])
        let (oh, ow) = (outputShape[0], outputShape[1])
        let s = SharedPointer(small), p = SharedPointer(padded)
        Parallel.forEachChunk(batch * h, minChunk: 64) { _, rows in
            for r in rows {
                let n = r / h, y = r % h
                let a = s.p + r * w * c, b = p.p + ((n * oh + y + top) * ow + left) * c
                if toPadded { b.update(from: a, count: w * c) } else { a.update(from: b, count: w * c) }
            }
        }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let batch = x.shape[0]
        var y = Tensor(zeros: [batch] + outputShape)
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { copyRows(batch: batch, UnsafeMutablePointer(mutating: xp.baseAddress!), $0.baseAddress!, toPadded: true) }
        }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        let batch = dy.shape[0]
        var dx = Tensor(uninitialized: [batch] + inputShape)
        dy.data.withUnsafeBufferPointer { gp in
            dx.data.withUnsafeMutableBufferPointer { copyRows(batch: batch, $0.baseAddress!, UnsafeMutablePointer(mutating: gp.baseAddress!), toPadded: false) }
        }
        return dx
    }
}

/// Keras's `Rescaling(scale, offset)`: y = x * scale + offset, e.g. pixels 0..255 -> 0..1
/// inside the model.
public final class Rescaling: Layer {
    public var name = "rescaling"
    public let typeName = "Rescaling"
    public let scale: Float, offset: Float
    public private(set) var inputShape: [Int] = []
    public var outputShape: [Int] { inputShape }
    public let parameters: [Parameter] = []
    public var needsInputGradient = true

    public init(scale: Float, offset: Float = 0) { self.scale = scale; self.offset = offset }

    public func build(inputShape: [Int], random: inout RandomSource) throws { self.inputShape = inputShape }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        var y = x
        y.dtype = .float32
        let (a, b) = (scale, offset)
        y.data.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] = p[i] * a + b } }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        var g = dy
        let a = scale
        g.data.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= a } }
        return g
    }
}

/// Keras's `Reshape(target_shape)`: the same values under another per-sample shape; one
/// axis may be -1 (inferred).
public final class Reshape: Layer {
    public var name = "reshape"
    public let typeName = "Reshape"
    public let target: [Int]
    public private(set) var inputShape: [Int] = []
    public private(set) var outputShape: [Int] = []
    public let parameters: [Parameter] = []
    public var needsInputGradient = true

    public init(_ target: [Int]) { self.target = target }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        let size = inputShape.reduce(1, *)
        var out = target
        let known = target.filter { $0 != -1 }.reduce(1, *)
        let unknown = target.filter { $0 == -1 }.count
        if unknown == 1 && known > 0 && size % known == 0 { out = target.map { $0 == -1 ? size / known : $0 } }
        guard unknown <= 1, out.allSatisfy({ $0 > 0 }), out.reduce(1, *) == size else {
            throw CnnError(.reshapeSize, name, kerasShape(inputShape), size, kerasShape(target))
        }
        self.inputShape = inputShape
        outputShape = out
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor { x.reshaped([x.shape[0]] + outputShape) }

    public func backward(_ dy: consuming Tensor) -> Tensor { dy.reshaped([dy.shape[0]] + inputShape) }
}

/// Keras's `Normalization` over the last axis: y = (x - mean) / sqrt(variance). Its mean,
/// variance and sample count are non-trainable weights (EfficientNet's stem has one: 3 + 3
/// + 1 parameters), 0 and 1 until set.
public final class Normalization: Layer {
    public var name = "normalization"
    public let typeName = "Normalization"
    public private(set) var inputShape: [Int] = []
    public var outputShape: [Int] { inputShape }
    public private(set) var parameters: [Parameter] = []
    public var needsInputGradient = true
    let initialMean: [Float]?, initialVariance: [Float]?

    public init(mean: [Float]? = nil, variance: [Float]? = nil) { initialMean = mean; initialVariance = variance }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        guard let c = inputShape.last, c > 0 else { throw CnnError(.layerNeedsImage, name, typeName, kerasShape(inputShape)) }
        for given in [initialMean, initialVariance] {
            if let given, given.count != c && given.count != 1 { throw CnnError(.normalizationStatistics, name, given.count, c) }
        }
        self.inputShape = inputShape
        if parameters.first?.value.shape == [c] { return }
        func values(_ v: [Float]?, _ dflt: Float) -> Tensor {
            Tensor(shape: [c], data: v.map { $0.count == 1 ? Array(repeating: $0[0], count: c) : $0 } ?? Array(repeating: dflt, count: c))
        }
        parameters = [Parameter("mean", values(initialMean, 0), trainable: false),
                      Parameter("variance", values(initialVariance, 1), trainable: false),
                      Parameter("count", Tensor(scalar: 0), trainable: false)]
    }

    /// 1 / sqrt(variance) per channel, with Keras's floor on the deviation.
    private var inverseDeviation: [Float] { parameters[1].value.data.map { 1 / max($0.squareRoot(), 1e-7) } }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let c = parameters[0].value.count, mean = parameters[0].value.data, inv = inverseDeviation
        var y = x
        y.dtype = .float32
        y.data.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] = (p[i] - mean[i % c]) * inv[i % c] } }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        let c = parameters[0].value.count, inv = inverseDeviation
        var g = dy
        g.data.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= inv[i % c] } }
        return g
    }
}
