import Foundation

/// Keras's `BatchNormalization` over the last axis (the channels of NHWC images, the units
/// of a dense layer). Training normalises with the batch's own mean and (biased) variance and
/// moves the running statistics toward them; inference uses the running statistics.
/// gamma and beta are trained; moving_mean and moving_variance are non-trainable parameters
/// (they count in `summary`'s "Non-trainable params" and are saved with the model).
/// `scale: false` leaves gamma out (fixed at 1) and `center: false` beta (fixed at 0), as
/// InceptionV3 does: Keras then has three or two parameters per channel.
public final class BatchNormalization: Layer {
    public var name = "batch_normalization"
    public let typeName = "BatchNormalization"
    public let momentum: Float
    public let epsilon: Float
    public let center: Bool
    public let scale: Bool
    public private(set) var inputShape: [Int] = []
    public var outputShape: [Int] { inputShape }
    public private(set) var parameters: [Parameter] = []
    public var needsInputGradient = true
    /// The last training batch's normalised input and 1/sqrt(var + eps) per channel.
    private var normalized = Tensor(zeros: [0])
    private var inverseStd: [Float] = []

    /// gamma and beta when trained; the fixed 1s and 0s they stand for otherwise.
    private(set) var gamma: Parameter, beta: Parameter
    var movingMean: Parameter { parameters[parameters.count - 2] }
    var movingVariance: Parameter { parameters[parameters.count - 1] }

    public init(momentum: Float = KerasDefaults.batchNorm.momentum, epsilon: Float = KerasDefaults.batchNorm.epsilon,
                center: Bool = true, scale: Bool = true) {
        self.momentum = momentum; self.epsilon = epsilon; self.center = center; self.scale = scale
        gamma = Parameter("gamma", Tensor(zeros: [0])); beta = Parameter("beta", Tensor(zeros: [0]))
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        guard let c = inputShape.last, c > 0 else { throw CnnError(.layerNeedsImage, name, typeName, kerasShape(inputShape)) }
        self.inputShape = inputShape
        if parameters.first?.value.shape == [c] { return }  // rebuilt for the same channels: keep what it learned
        gamma = Parameter("gamma", Tensor(filled: 1, shape: [c]), trainable: scale)
        beta = Parameter("beta", Tensor(zeros: [c]), trainable: center)
        parameters = (scale ? [gamma] : []) + (center ? [beta] : []) +
            [Parameter("moving_mean", Tensor(zeros: [c]), trainable: false),
             Parameter("moving_variance", Tensor(filled: 1, shape: [c]), trainable: false)]
    }

    private var channels: Int { inputShape.last! }

    /// Set when the last forward pass normalised with the moving statistics while training
    /// (a frozen layer): backward then differentiates that affine map.
    private var frozenForward = false

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let c = channels, rows = x.count / c
        var y = Tensor(uninitialized: x.shape)
        // A frozen layer runs in inference mode even while the model trains, as in Keras:
        // fine-tuning then leaves its statistics alone.
        frozenForward = training && !isTrainable
        if !training || frozenForward {
            let inv = movingVariance.value.data.map { 1 / ($0 + epsilon).squareRoot() }
            let scale = zip(gamma.value.data, inv).map(*)
            let shift = (0..<c).map { beta.value.data[$0] - movingMean.value.data[$0] * scale[$0] }
            Self.affine(x, into: &y, scale: scale, shift: shift, rows: rows, c: c)
            return y
        }
        let (mean, variance) = Self.moments(x, rows: rows, c: c)
        inverseStd = variance.map { 1 / ($0 + epsilon).squareRoot() }
        if normalized.count != x.count { normalized = Tensor(uninitialized: x.shape) } else { normalized.shape = x.shape }
        // One pass writes both xhat (kept for backward) and y = gamma * xhat + beta.
        let inv = inverseStd, g = gamma.value.data, b = beta.value.data
        x.data.withUnsafeBufferPointer { xp in
            normalized.data.withUnsafeMutableBufferPointer { np in
                y.data.withUnsafeMutableBufferPointer { yp in
                    let xs = SharedPointer(UnsafeMutablePointer(mutating: xp.baseAddress!))
                    let ns = SharedPointer(np.baseAddress!), ys = SharedPointer(yp.baseAddress!)
                    Parallel.forEachChunk(rows, minChunk: 256) { _, r in
                        for i in r {
                            let xr = xs.p + i * c, nr = ns.p + i * c, yr = ys.p + i * c
                            for j in 0..<c {
                                let h = (xr[j] - mean[j]) * inv[j]
                                nr[j] = h
                                yr[j] = h * g[j] + b[j]
                            }
                        }
                    }
                }
            }
        }
        for j in 0..<c {
            movingMean.value.data[j] = momentum * movingMean.value.data[j] + (1 - momentum) * mean[j]
            movingVariance.value.data[j] = momentum * movingVariance.value.data[j] + (1 - momentum) * variance[j]
        }
        return y
    }

    /// dgamma = sum(dy * xhat), dbeta = sum(dy),
    /// dx = gamma / sqrt(var + eps) * (dy - mean(dy) - xhat * mean(dy * xhat)).
    public func backward(_ dy: consuming Tensor) -> Tensor {
        let c = channels, rows = dy.count / c
        if frozenForward {
            // y = x * gamma / sqrt(moving_var + eps) + shift: dx = dy times that scale.
            var g = dy
            let scale = (0..<c).map { gamma.value.data[$0] / (movingVariance.value.data[$0] + epsilon).squareRoot() }
            g.data.withUnsafeMutableBufferPointer { p in for i in p.indices { p[i] *= scale[i % c] } }
            return g
        }
        let (sumDy, sumDyX) = Self.sums(dy, normalized, rows: rows, c: c)
        gamma.grad.data = sumDyX
        beta.grad.data = sumDy
        guard needsInputGradient else { return dy }
        let n = Float(rows)
        let k = (0..<c).map { gamma.value.data[$0] * inverseStd[$0] }
        let meanDy = sumDy.map { $0 / n }, meanDyX = sumDyX.map { $0 / n }
        var g = dy
        g.data.withUnsafeMutableBufferPointer { gp in
            normalized.data.withUnsafeMutableBufferPointer { xp in
                let gs = SharedPointer(gp.baseAddress!), xs = SharedPointer(xp.baseAddress!)
                Parallel.forEachChunk(rows, minChunk: 256) { _, r in
                    for i in r {
                        let gr = gs.p + i * c, xr = xs.p + i * c
                        for j in 0..<c { gr[j] = k[j] * (gr[j] - meanDy[j] - xr[j] * meanDyX[j]) }
                    }
                }
            }
        }
        return g
    }

    /// out = x * scale + shift per channel.
    static func affine(_ x: Tensor, into out: inout Tensor, scale: [Float], shift: [Float], rows: Int, c: Int) {
        x.data.withUnsafeBufferPointer { xp in
            out.data.withUnsafeMutableBufferPointer { op in
                let xs = SharedPointer(UnsafeMutablePointer(mutating: xp.baseAddress!)), os = SharedPointer(op.baseAddress!)
                Parallel.forEachChunk(rows, minChunk: 256) { _, r in
                    for i in r {
                        let xr = xs.p + i * c, orow = os.p + i * c
                        for j in 0..<c { orow[j] = xr[j] * scale[j] + shift[j] }
                    }
                }
            }
        }
    }

    /// Per-channel mean and biased variance, two passes (the second over x - mean) so a large
    /// mean does not swamp the variance.
    static func moments(_ x: Tensor, rows: Int, c: Int) -> (mean: [Float], variance: [Float]) {
        let sums = x.data.withUnsafeBufferPointer { xp in
            let xs = SharedPointer(UnsafeMutablePointer(mutating: xp.baseAddress!))
            return columnSums(rows: rows, c: c) { i, a, _ in
                let xr = xs.p + i * c
                for j in 0..<c { a[j] += xr[j] }
            }
        }
        let mean = sums.a.map { Float($0 / Double(rows)) }
        let squares = x.data.withUnsafeBufferPointer { xp in
            let xs = SharedPointer(UnsafeMutablePointer(mutating: xp.baseAddress!))
            return columnSums(rows: rows, c: c) { i, a, _ in
                let xr = xs.p + i * c
                for j in 0..<c { let d = xr[j] - mean[j]; a[j] += d * d }
            }
        }
        return (mean, squares.a.map { Float($0 / Double(rows)) })
    }

    /// Per-channel sum(dy) and sum(dy * xhat).
    static func sums(_ dy: Tensor, _ xhat: Tensor, rows: Int, c: Int) -> ([Float], [Float]) {
        let s = dy.data.withUnsafeBufferPointer { gp in
            xhat.data.withUnsafeBufferPointer { xp in
                let gs = SharedPointer(UnsafeMutablePointer(mutating: gp.baseAddress!))
                let xs = SharedPointer(UnsafeMutablePointer(mutating: xp.baseAddress!))
                return columnSums(rows: rows, c: c) { i, a, b in
                    let gr = gs.p + i * c, xr = xs.p + i * c
                    for j in 0..<c { a[j] += gr[j]; b[j] += gr[j] * xr[j] }
                }
            }
        }
        return (s.a.map { Float($0) }, s.b.map { Float($0) })
    }

    /// Two per-channel sums over all rows, accumulated by `add(row, a, b)`: in parallel over
    /// row ranges, in Float over blocks of 64 rows and in Double across blocks, so millions
    /// of rows keep float32-level accuracy.
    @inline(__always)
    static func columnSums(rows: Int, c: Int,
                           _ add: (Int, UnsafeMutablePointer<Float>, UnsafeMutablePointer<Float>) -> Void) -> (a: [Double], b: [Double]) {
        let parts = Parallel.parts(rows, minChunk: 256)
        var totals = [Double](repeating: 0, count: parts * 2 * c)
        totals.withUnsafeMutableBufferPointer { tp in
            let ts = SharedPointer(tp.baseAddress!)
            Parallel.forEachChunk(rows, minChunk: 256) { t, r in
                let ta = ts.p + t * 2 * c, tb = ta + c
                let block = UnsafeMutablePointer<Float>.allocate(capacity: 2 * c)
                defer { block.deallocate() }
                var start = r.lowerBound
                while start < r.upperBound {
                    block.initialize(repeating: 0, count: 2 * c)
                    for i in start..<min(r.upperBound, start + 64) { add(i, block, block + c) }
                    for j in 0..<c { ta[j] += Double(block[j]); tb[j] += Double(block[c + j]) }
                    start += 64
                }
            }
        }
        var a = [Double](repeating: 0, count: c), b = a
        for t in 0..<parts { for j in 0..<c { a[j] += totals[t * 2 * c + j]; b[j] += totals[t * 2 * c + c + j] } }
        return (a, b)
    }
}
