import CKernels

/// The two window reductions of Keras's pooling layers.
public enum PoolKind: Sendable {
    /// `MaxPooling2D`: the largest value of each window; padding (with "same") never wins.
    case max
    /// `AveragePooling2D`: the mean of the window's values inside the image (TensorFlow
    /// leaves "same" padding out of the count).
    case average
}

/// Keras's `MaxPooling2D` and `AveragePooling2D`. Max's backward sends each output's
/// gradient to the input position that won; average's shares it among the window.
///
/// Fast paths: the course's MaxPooling2D() (2x2 windows at stride 2, no padding) in a C loop
/// (`cnnsh_max_pool_2x2`), other pools with oneDNN's primitives (`OneDNNPoolPlan`); the loops
/// below are the fallback and the reference the tests hold both against.
public final class Pooling2D: Layer {
    public let kind: PoolKind
    public var name: String
    public var typeName: String { kind == .max ? "MaxPooling2D" : "AveragePooling2D" }
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
    /// Forces the plain loops (tests compare them with the fast paths).
    var useOneDNN = true
    /// The 2x2 path: which of each window's four values won, per output value of the last
    /// training batch, and whether that batch took this path.
    private var winners2x2: [UInt8] = []
    private var lastTook2x2 = false

    /// 2x2 windows at stride 2 with no padding, max: the C loop's case. In net_1's training
    /// (128 x 28 x 28 x 64) it took 2.0 ms forward and 2.5 backward a batch, against oneDNN's
    /// 4.5 and 5.7.
    private var takes2x2: Bool {
        // No padding on either side: "same" over an odd size pads after, and the loop
        // would read past the image.
        useOneDNN && kind == .max && pool == (2, 2) && stride == (2, 2) && geometry.padTop == 0 && geometry.padLeft == 0
            && geometry.outH * 2 <= geometry.inH && geometry.outW * 2 <= geometry.inW
    }

    /// The course's MaxPooling2D (2x2 windows at stride 2, no padding), which a convolution
    /// before it may apply itself (`Conv2D.forwardPooled`).
    var isPlain2x2Max: Bool { takes2x2 }

    func plan(batch: Int, inference: Bool = false) -> OneDNNPoolPlan? {
        guard useOneDNN else { return nil }
        return plans.plan(batch: batch, inference: inference) { OneDNNPoolPlan(geometry, kind: kind, batch: batch, inference: inference) }
    }

    public init(_ kind: PoolKind = .max, pool: (Int, Int) = (2, 2), stride: (Int, Int)? = nil, padding: Padding = .valid) {
        self.kind = kind
        name = kind == .max ? "max_pooling2d" : "average_pooling2d"
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
        if training { lastTook2x2 = takes2x2 }
        if takes2x2 {
            if training { lastPlan = nil; lastInputShape = x.shape; if winners2x2.count != y.count { winners2x2 = [UInt8](repeating: 0, count: y.count) } }
            let xs = x.sampleSize, ys = y.sampleSize
            forEachPart(x, &y, winners: &winners2x2, training: training) { xin, yo, wo, r in
                cnnsh_max_pool_2x2(xin + r.lowerBound * xs, yo.p + r.lowerBound * ys, wo.map { $0.p + r.lowerBound * ys }, r.count,
                                   Int32(g.inH), Int32(g.inW), Int32(g.outH), Int32(g.outW), Int32(g.inC))
            }
            return y
        }
        if let plan = plan(batch: batch, inference: !training) {
            x.data.withUnsafeBufferPointer { xp in
                y.data.withUnsafeMutableBufferPointer { plan.forward(x: UnsafeMutablePointer(mutating: xp.baseAddress!), y: $0.baseAddress!) }
            }
            if training { lastPlan = plan; lastInputShape = x.shape }
            return y
        }
        if training { lastPlan = nil; lastInputShape = x.shape }
        if kind == .average { averageForward(x, into: &y); return y }
        if training && winners.count != y.count { winners = [Int32](repeating: 0, count: y.count) }
        let xs = x.sampleSize, ys = y.sampleSize
        forEachPart(x, &y, winners: &winners, training: training) { xin, yo, wo, range in
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
        return y
    }

    /// Runs `body(x, y, winners, range)` for parts of the batch in parallel, with pointers to
    /// the input, the output and, in training, the winners array (nil otherwise).
    private func forEachPart<W>(_ x: Tensor, _ y: inout Tensor, winners: inout [W], training: Bool,
                                _ body: (UnsafePointer<Float>, SharedPointer<Float>, SharedPointer<W>?, Range<Int>) -> Void) {
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                winners.withUnsafeMutableBufferPointer { wp in
                    let xin = xp.baseAddress!, yo = SharedPointer(yp.baseAddress!)
                    let wo = training ? SharedPointer(wp.baseAddress!) : nil
                    Parallel.forEachChunk(x.shape[0]) { _, range in body(xin, yo, wo, range) }
                }
            }
        }
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        if lastTook2x2 {
            let g = geometry, batch = dy.shape[0]
            var dx = Tensor(uninitialized: lastInputShape)
            let xs = dx.sampleSize, ys = dy.sampleSize
            dy.data.withUnsafeBufferPointer { dyp in
                dx.data.withUnsafeMutableBufferPointer { dxp in
                    winners2x2.withUnsafeBufferPointer { wp in
                        let gin = dyp.baseAddress!, w = wp.baseAddress!, out = SharedPointer(dxp.baseAddress!)
                        Parallel.forEachChunk(batch) { _, r in
                            cnnsh_max_pool_2x2_backward(gin + r.lowerBound * ys, w + r.lowerBound * ys, out.p + r.lowerBound * xs, r.count,
                                                        Int32(g.inH), Int32(g.inW), Int32(g.outH), Int32(g.outW), Int32(g.inC))
                        }
                    }
                }
            }
            return dx
        }
        if let plan = lastPlan {
            var dx = Tensor(uninitialized: lastInputShape)
            dy.data.withUnsafeMutableBufferPointer { dyp in
                dx.data.withUnsafeMutableBufferPointer { plan.backward(dy: dyp.baseAddress!, dx: $0.baseAddress!) }
            }
            return dx
        }
        if kind == .average { return averageBackward(dy) }
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

    /// Calls `body(output, input, share)` for every output pixel and every input pixel of its
    /// window that lies inside the image (flat offsets of their first channel, per batch of
    /// `batch` samples); `share` is 1 / that window's size. Average pooling's forward and
    /// backward passes are both this walk.
    private func forEachAveragedPair(batch: Int, _ body: (Int, Int, Float) -> Void) {
        let g = geometry, c = g.inC
        let xs = inputShape.reduce(1, *), ys = outputShape.reduce(1, *)
        for n in 0..<batch {
            for oy in 0..<g.outH { for ox in 0..<g.outW {
                let y0 = oy * g.sH - g.padTop, x0 = ox * g.sW - g.padLeft
                let rows = max(y0, 0)..<min(y0 + g.kH, g.inH), cols = max(x0, 0)..<min(x0 + g.kW, g.inW)
                let share = 1 / Float(rows.count * cols.count), out = n * ys + (oy * g.outW + ox) * c
                for iy in rows { for ix in cols { body(out, n * xs + (iy * g.inW + ix) * c, share) } }
            }}
        }
    }

    private func averageForward(_ x: Tensor, into y: inout Tensor) {
        let c = geometry.inC
        y.data.withUnsafeMutableBufferPointer { yp in
            yp.update(repeating: 0)
            x.data.withUnsafeBufferPointer { xp in
                forEachAveragedPair(batch: x.shape[0]) { o, i, share in
                    for ch in 0..<c { yp[o + ch] += xp[i + ch] * share }
                }
            }
        }
    }

    private func averageBackward(_ dy: Tensor) -> Tensor {
        let c = geometry.inC
        var dx = Tensor(zeros: lastInputShape)
        dx.data.withUnsafeMutableBufferPointer { dp in
            dy.data.withUnsafeBufferPointer { gp in
                forEachAveragedPair(batch: dy.shape[0]) { o, i, share in
                    for ch in 0..<c { dp[i + ch] += gp[o + ch] * share }
                }
            }
        }
        return dx
    }
}
