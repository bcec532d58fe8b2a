import Foundation
import CKernels

/// 2-D convolution over NHWC images, Keras's `Conv2D`: kernel in Keras's (kh, kw, in, out)
/// layout, glorot-uniform weights, zero biases, an optional fused activation.
///
/// Fast path: oneDNN's convolution primitives (`OneDNNPlan`). Fallback when oneDNN is
/// not there or declines: per sample, im2col into a (outH*outW) x (kh*kw*in) matrix and one
/// sgemm, the batch split across cores. `ConvReference` is the plain loop the tests hold
/// both against.
public final class Conv2D: ActivatedLayer {
    public var name = "conv2d"
    public let typeName = "Conv2D"
    public let filters: Int
    public let kernel: (h: Int, w: Int)
    public let stride: (h: Int, w: Int)
    public let padding: Padding
    public let activation: Activation
    public let useBias: Bool
    public private(set) var inputShape: [Int] = []
    public private(set) var outputShape: [Int] = []
    public private(set) var parameters: [Parameter] = []
    public var needsInputGradient = true
    public var skipActivationBackward = false

    var weight: Parameter { parameters[0] }
    var bias: Parameter? { useBias ? parameters[1] : nil }
    private(set) var geometry = ConvGeometry.empty
    /// The last training batch's input and output (internal: `forwardPooled` sets them too).
    var lastInput = Tensor(zeros: [0])
    var lastOutput = Tensor(zeros: [0])
    /// Whether the last training forward pass went through `forwardPooled`, and what its
    /// backward pass needs: the pooled output (ReLU's mask) and which value of each window won.
    var lastForwardPooled = false
    var pooledOutput = Tensor(zeros: [0])
    var pooledWinners: [UInt8] = []
    /// The pre-activation, kept only for swish.
    private var lastPreActivation = Tensor(zeros: [0])
    private var plans = PlanCache<OneDNNPlan>(), blockedOutputPlans = PlanCache<OneDNNPlan>()
    /// Forces the im2col path (tests compare the two).
    var useOneDNN = true
    /// The layouts of the last forward pass, which its backward pass keeps: the input (and
    /// so the input gradient) and the output (and its gradient) in oneDNN's blocked layout
    /// nChw16c instead of NHWC. `Model` hands activations over this way between two
    /// convolutions where it can (`canHandOverBlocked`); everywhere else both are false.
    private(set) var inputBlocked = false, outputBlocked = false
    /// True between `setLayouts` and the forward pass it is for: any other forward pass (a
    /// layer called on its own, as the teaching tools do) runs in NHWC.
    private var layoutsSet = false

    func plan(batch: Int, inference: Bool = false, blockedOutput: Bool = false) -> OneDNNPlan? {
        guard useOneDNN else { return nil }
        let plan = blockedOutput ? blockedOutputPlans.plan(batch: batch, inference: inference) {
            OneDNNPlan.convolution(geometry, batch: batch, activation: activation.insideKernel, useBias: useBias, inference: inference,
                                   blockedOutput: true)
        } : plans.plan(batch: batch, inference: inference) {
            OneDNNPlan.convolution(geometry, batch: batch, activation: activation.insideKernel, useBias: useBias, inference: inference)
        }
        plan?.inputBlocked = inputBlocked
        return plan
    }

    /// Whether this layer can write its output for `next` in the blocked layout that
    /// `next`'s kernels read (Winograd's), which saves `next` two reorders of its input and
    /// one of its input gradient per step. Only a first layer (no input gradient wanted):
    /// oneDNN 2.6's input-gradient kernels for a blocked output are its reference loops, and
    /// its direct kernels take their input as NCHW there (`planInput`), so the gradient
    /// would come back in NCHW. The activation must be element-wise, since it then runs
    /// over the blocked layout.
    func canHandOverBlocked(to next: Conv2D, batch: Int, training: Bool) -> Bool {
        guard !needsInputGradient, activation != .softmax, filters % 16 == 0, next.inputShape == outputShape,
              let mine = plan(batch: batch, inference: !training, blockedOutput: true),
              let theirs = next.plan(batch: batch, inference: !training) else { return false }
        // Where oneDNN has only its reference loops for the blocked output, NHWC is faster.
        // (A training plan also makes an input-gradient pass, which is never run here.)
        let run = [mine.kernels.forward, training ? mine.kernels.weights : nil].compactMap { $0 }
        return theirs.takesBlockedInput && !run.contains { $0.hasPrefix("ref") }
    }

    /// Sets the layouts for the next forward pass (see `inputBlocked`); `Model` calls it.
    func setLayouts(inputBlocked: Bool, outputBlocked: Bool) {
        self.inputBlocked = inputBlocked; self.outputBlocked = outputBlocked
        layoutsSet = true
    }

    /// Called at the start of a forward pass: the layouts `setLayouts` set for it, or NHWC.
    func takeLayouts() {
        if !layoutsSet { inputBlocked = false; outputBlocked = false }
        layoutsSet = false
    }

    public init(filters: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1), padding: Padding = .valid,
                activation: Activation = .linear, useBias: Bool = true) {
        self.filters = filters; self.kernel = (kernel.0, kernel.1); self.stride = (stride.0, stride.1)
        self.padding = padding; self.activation = activation; self.useBias = useBias
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        guard inputShape.count == 3 else {
            throw CnnError(.layerNeedsImage, name, typeName, kerasShape(inputShape))
        }
        let g = ConvGeometry(input: inputShape, kernel: kernel, stride: stride, padding: padding, filters: filters)
        guard g.outH > 0 && g.outW > 0 else {
            throw CnnError(.layerInputTooSmall, name, kerasShape(inputShape), "\(kernel.h)x\(kernel.w)")
        }
        self.inputShape = inputShape
        geometry = g
        plans.reset(); blockedOutputPlans.reset()
        outputShape = [g.outH, g.outW, filters]
        let fanIn = kernel.h * kernel.w * g.inC, fanOut = kernel.h * kernel.w * filters
        var w = Parameter("kernel", glorotUniform(shape: [kernel.h, kernel.w, g.inC, filters], fanIn: fanIn, fanOut: fanOut, random: &random))
        if let old = parameters.first, old.value.shape == w.value.shape { w = old }
        parameters = [w]
        if useBias { parameters.append(Parameter("bias", Tensor(zeros: [filters]))) }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        takeLayouts()
        let batch = x.shape[0]
        let plan = plan(batch: batch, inference: !training, blockedOutput: outputBlocked)
        precondition(plan != nil || !(inputBlocked || outputBlocked), "blocked layouts without a oneDNN plan")
        // oneDNN writes every output value; the im2col path accumulates into zeros.
        var y = plan != nil ? Tensor(uninitialized: [batch] + outputShape) : Tensor(zeros: [batch] + outputShape)
        let input = planInput(x)
        if let plan {
            plan.run(x: input, weight: weight, bias: bias, activation: activation.insideKernel, into: &y)
        } else {
            forwardIm2col(x, into: &y)
        }
        activation.finish(&y, keepingInputIn: &lastPreActivation, training: training)
        if training { lastInput = input; lastOutput = y; lastForwardPooled = false }
        return y
    }

    /// The input as the plan takes it: as it is, or, for a blocked output over several input
    /// channels (CIFAR-10's first layer), an NCHW copy (one channel: NCHW is NHWC).
    private func planInput(_ x: Tensor) -> Tensor {
        guard outputBlocked && geometry.inC > 1 else { return x }
        let g = geometry, batch = x.shape[0], plane = g.inH * g.inW
        var nchw = Tensor(uninitialized: x.shape)
        x.data.withUnsafeBufferPointer { xp in
            nchw.data.withUnsafeMutableBufferPointer { np in
                let xs = xp.baseAddress!, ns = SharedPointer(np.baseAddress!)
                Parallel.forEachChunk(batch) { _, images in
                    for n in images {
                        let src = xs + n * plane * g.inC, dst = ns.p + n * plane * g.inC
                        for i in 0..<plane { for c in 0..<g.inC { dst[c * plane + i] = src[i * g.inC + c] } }
                    }
                }
            }
        }
        return nchw
    }

    private func forwardIm2col(_ x: Tensor, into y: inout Tensor) {
        let g = geometry, batch = x.shape[0]
        let rows = g.outH * g.outW
        let xs = x.sampleSize, ys = y.sampleSize
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                weight.value.data.withUnsafeBufferPointer { wp in
                    let xin = xp.baseAddress!, yout = SharedPointer(yp.baseAddress!), w = wp.baseAddress!
                    let b = bias?.value.data
                    Parallel.forEachChunk(batch) { _, range in
                        var col = [Float](repeating: 0, count: rows * g.patch)
                        col.withUnsafeMutableBufferPointer { cp in
                            for n in range {
                                g.im2col(xin + n * xs, into: cp.baseAddress!)
                                let out = yout.p + n * ys
                                sgemm(m: rows, n: g.outC, k: g.patch, a: cp.baseAddress!, lda: g.patch,
                                      b: w, ldb: g.outC, c: out, ldc: g.outC)
                                if let b { for r in 0..<rows { for c in 0..<g.outC { out[r * g.outC + c] += b[c] } } }
                                activation.insideKernel.apply(out, rows: rows, width: g.outC)
                            }
                        }
                    }
                }
            }
        }
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        let g = geometry, batch = dy.shape[0]
        let rows = g.outH * g.outW
        var dz = dy
        let plan = plan(batch: batch, blockedOutput: outputBlocked)
        // A first layer over one-channel images (MNIST's) applies ReLU's mask inside its C
        // weight-gradient loop: nothing else reads dz, so it needs no pass of its own.
        let maskInside = plan.map { !$0.hasWeightsPass } == true && !needsInputGradient && activation == .relu && !skipActivationBackward
        if !skipActivationBackward && !maskInside {
            activation.backward(&dz, output: lastOutput, input: lastPreActivation, rows: batch * rows, width: g.outC)
        }
        let dxShape = needsInputGradient ? lastInput.shape : [1]
        var dx = plan != nil ? Tensor(uninitialized: dxShape) : Tensor(zeros: dxShape)
        if let plan {
            // A plan may leave the weights gradient to us (one input channel).
            if !plan.hasWeightsPass { Profiler.measure("  weights gradient") { oneChannelWeightGradient(dz, reluOutput: maskInside ? lastOutput : nil) } }
            plan.gradients(x: lastInput, dz: &dz, weight: weight, bias: bias, dx: &dx, wantInput: needsInputGradient)
        } else {
            backwardIm2col(dz, into: &dx, inputGradient: needsInputGradient)
        }
        return dx
    }

    /// The weight and bias gradients of a layer over one-channel images, in C without an
    /// im2col matrix (`cnnsh_conv1_weight_gradient`), the batch split across cores.
    /// With `reluOutput` (the layer's output), dz is the gradient at the ReLU's output.
    private func oneChannelWeightGradient(_ dz: Tensor, reluOutput: Tensor?) {
        let g = geometry, batch = dz.shape[0], parts = Parallel.parts(batch)
        precondition(g.inC == 1)
        // One weight and bias gradient per thread, summed after.
        var partialW = [Float](repeating: 0, count: parts * g.patch * g.outC)
        var partialB = [Float](repeating: 0, count: parts * g.outC)
        let xs = lastInput.sampleSize, ys = dz.sampleSize, withBias = bias != nil
        let mask = reluOutput ?? Tensor(zeros: [0])
        lastInput.data.withUnsafeBufferPointer { xp in
            dz.data.withUnsafeBufferPointer { dp in
                mask.data.withUnsafeBufferPointer { mp in
                    partialW.withUnsafeMutableBufferPointer { pw in
                        partialB.withUnsafeMutableBufferPointer { pb in
                            let x = xp.baseAddress!, d = dp.baseAddress!, y = reluOutput == nil ? nil : mp.baseAddress
                            let pwo = SharedPointer(pw.baseAddress!), pbo = SharedPointer(pb.baseAddress!)
                            Parallel.forEachChunk(batch) { t, range in
                                cnnsh_conv1_weight_gradient(x + range.lowerBound * xs, d + range.lowerBound * ys, range.count,
                                                            Int32(g.inH), Int32(g.inW), Int32(g.outH), Int32(g.outW), Int32(g.kH), Int32(g.kW),
                                                            Int32(g.sH), Int32(g.sW), Int32(g.padTop), Int32(g.padLeft), Int32(g.outC),
                                                            outputBlocked ? 1 : 0, y.map { $0 + range.lowerBound * ys },
                                                            pwo.p + t * g.patch * g.outC, withBias ? pbo.p + t * g.outC : nil)
                            }
                        }
                    }
                }
            }
        }
        sumParts(partialW, parts: parts, into: &weight.grad.data)
        if let bias { sumParts(partialB, parts: parts, into: &bias.grad.data) }
    }

    private func backwardIm2col(_ dz: Tensor, into dx: inout Tensor, inputGradient wantDx: Bool) {
        let g = geometry, batch = dz.shape[0]
        let rows = g.outH * g.outW
        let parts = Parallel.parts(batch)
        // One weight/bias gradient per thread, summed after: no locks in the hot loop.
        var partialW = [Float](repeating: 0, count: parts * g.patch * g.outC)
        var partialB = [Float](repeating: 0, count: parts * g.outC)
        let xs = lastInput.sampleSize, ys = dz.sampleSize
        lastInput.data.withUnsafeBufferPointer { xp in
            dz.data.withUnsafeBufferPointer { dp in
                weight.value.data.withUnsafeBufferPointer { wp in
                    dx.data.withUnsafeMutableBufferPointer { dxp in
                        partialW.withUnsafeMutableBufferPointer { pw in
                            partialB.withUnsafeMutableBufferPointer { pb in
                                let xin = xp.baseAddress!, d = dp.baseAddress!, w = wp.baseAddress!
                                let dxo = SharedPointer(dxp.baseAddress!)
                                let pwo = SharedPointer(pw.baseAddress!), pbo = SharedPointer(pb.baseAddress!)
                                Parallel.forEachChunk(batch) { t, range in
                                    var col = [Float](repeating: 0, count: rows * g.patch)
                                    let myW = pwo.p + t * g.patch * g.outC, myB = pbo.p + t * g.outC
                                    col.withUnsafeMutableBufferPointer { cp in
                                        for n in range {
                                            let dn = d + n * ys
                                            g.im2col(xin + n * xs, into: cp.baseAddress!)
                                            sgemm(transA: true, m: g.patch, n: g.outC, k: rows, a: cp.baseAddress!, lda: g.patch,
                                                  b: dn, ldb: g.outC, beta: 1, c: myW, ldc: g.outC)
                                            for r in 0..<rows { for c in 0..<g.outC { myB[c] += dn[r * g.outC + c] } }
                                            if wantDx {
                                                sgemm(transB: true, m: rows, n: g.patch, k: g.outC, a: dn, lda: g.outC,
                                                      b: w, ldb: g.outC, c: cp.baseAddress!, ldc: g.patch)
                                                g.col2im(cp.baseAddress!, into: dxo.p + n * xs)
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        sumParts(partialW, parts: parts, into: &weight.grad.data)
        if let bias { sumParts(partialB, parts: parts, into: &bias.grad.data) }
    }
}

/// Adds `parts` equal slices of `partial` into `out` (overwriting it).
func sumParts(_ partial: [Float], parts: Int, into out: inout [Float]) {
    let n = out.count
    for i in 0..<n {
        var s: Float = 0
        for t in 0..<parts { s += partial[t * n + i] }
        out[i] = s
    }
}

/// Keras's default kernel initialiser: uniform in +-sqrt(6 / (fan_in + fan_out)).
public func glorotUniform(shape: [Int], fanIn: Int, fanOut: Int, random: inout RandomSource) -> Tensor {
    let limit = Float((6.0 / Double(fanIn + fanOut)).squareRoot())
    var t = Tensor(zeros: shape)
    for i in 0..<t.count { t.data[i] = random.uniform(-limit, limit) }
    return t
}
