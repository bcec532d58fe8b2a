/// Keras's `MaxPooling2D`: the largest value of each window; padding (with "same") never wins.
/// Backward sends each output's gradient to the input position that won.
///
/// Fast path: oneDNN's pooling primitives (`OneDNNPoolPlan`); the loops below are the
/// fallback and the reference the tests hold it against.
public final class MaxPool2D: Layer {
    public var name = "max_pooling2d"
    public let typeName = "MaxPooling2D"
    public let pool: (h: Int, w: Int)
    public let stride: (h: Int, w: Int)
    public let padding: Padding
    public private(set) var inputShape: [Int] = []
    public private(set) var outputShape: [Int] = []
    public let parameters: [Parameter] = []
    public var needsInputGradient = true
    private var geometry = ConvGeometry.empty
    /// For each output value of the last training batch, the flat index of its input.
    private var winners: [Int32] = []
    private var lastInputShape: [Int] = []
    /// oneDNN plans by batch size (nil where oneDNN declined), and the one the last training
    /// forward pass used (its workspace holds the winners).
    private var plans = PlanCache<OneDNNPoolPlan>()
    private var lastPlan: OneDNNPoolPlan?
    /// Forces the plain loops (tests compare the two).
    var useOneDNN = true

    func plan(batch: Int) -> OneDNNPoolPlan? {
        guard useOneDNN else { return nil }
        // One plan serves both purposes: pooling's forward pass is the same either way.
        return plans.plan(batch: batch, inference: false) { OneDNNPoolPlan(geometry, batch: batch) }
    }

    public init(pool: (Int, Int) = (2, 2), stride: (Int, Int)? = nil, padding: Padding = .valid) {
        self.pool = (pool.0, pool.1)
        self.stride = stride.map { ($0.0, $0.1) } ?? (pool.0, pool.1)
        self.padding = padding
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        guard inputShape.count == 3 else { throw CnnError(.layerNeedsImage, name, typeName, kerasShape(inputShape)) }
        let g = ConvGeometry(input: inputShape, kernel: pool, stride: stride, padding: padding, filters: inputShape[2])
        guard g.outH > 0 && g.outW > 0 else {
            throw CnnError(.layerInputTooSmall, name, kerasShape(inputShape), "\(pool.h)x\(pool.w)")
        }
        geometry = g
        plans.reset()
        self.inputShape = inputShape
        outputShape = [g.outH, g.outW, g.inC]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let g = geometry, batch = x.shape[0]
        var y = Tensor(uninitialized: [batch] + outputShape)
        if let plan = plan(batch: batch) {
            x.data.withUnsafeBufferPointer { xp in
                y.data.withUnsafeMutableBufferPointer { plan.forward(x: UnsafeMutablePointer(mutating: xp.baseAddress!), y: $0.baseAddress!) }
            }
            if training { lastPlan = plan; lastInputShape = x.shape }
            return y
        }
        if training {
            lastPlan = nil
            if winners.count != y.count { winners = [Int32](repeating: 0, count: y.count) }
            lastInputShape = x.shape
        }
        let xs = x.sampleSize, ys = y.sampleSize
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                winners.withUnsafeMutableBufferPointer { wp in
                    let xin = xp.baseAddress!, yo = SharedPointer(yp.baseAddress!)
                    let wo = training ? SharedPointer(wp.baseAddress!) : nil
                    Parallel.forEachChunk(batch) { _, range in
                        // Channels innermost: each window row is a run of contiguous values,
                        // compared a channel vector at a time.
                        let c = g.inC
                        for n in range {
                            let xn = xin + n * xs
                            for oy in 0..<g.outH { for ox in 0..<g.outW {
                                let o = n * ys + (oy * g.outW + ox) * c
                                let out = yo.p + o
                                var first = true
                                for ky in 0..<g.kH {
                                    let iy = oy * g.sH + ky - g.padTop
                                    if iy < 0 || iy >= g.inH { continue }
                                    for kx in 0..<g.kW {
                                        let ix = ox * g.sW + kx - g.padLeft
                                        if ix < 0 || ix >= g.inW { continue }
                                        let base = (iy * g.inW + ix) * c
                                        let src = xn + base
                                        if first {
                                            for ch in 0..<c { out[ch] = src[ch] }
                                            if let wo { for ch in 0..<c { wo.p[o + ch] = Int32(n * xs + base + ch) } }
                                            first = false
                                        } else if let wo {
                                            // Selects, not branches, so the loop vectorises.
                                            let at = wo.p + o, start = Int32(n * xs + base)
                                            for ch in 0..<c {
                                                let v = src[ch], better = v > out[ch]
                                                out[ch] = better ? v : out[ch]
                                                at[ch] = better ? start + Int32(ch) : at[ch]
                                            }
                                        } else {
                                            for ch in 0..<c { out[ch] = max(out[ch], src[ch]) }
                                        }
                                    }
                                }
                            }}
                        }
                    }
                }
            }
        }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        if let plan = lastPlan {
            var dx = Tensor(uninitialized: lastInputShape)
            dy.data.withUnsafeMutableBufferPointer { dyp in
                dx.data.withUnsafeMutableBufferPointer { plan.backward(dy: dyp.baseAddress!, dx: $0.baseAddress!) }
            }
            return dx
        }
        var dx = Tensor(zeros: lastInputShape)
        dx.data.withUnsafeMutableBufferPointer { d in
            dy.data.withUnsafeBufferPointer { g in
                winners.withUnsafeBufferPointer { w in
                    for i in 0..<g.count { d[Int(w[i])] += g[i] }
                }
            }
        }
        return dx
    }
}
