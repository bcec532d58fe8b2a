/// Keras's `Dense`: y = activation(x W + b), W of shape (in, out), glorot-uniform init.
///
/// Fast path: oneDNN's inner-product primitives (`OneDNNPlan.innerProduct`). Fallback: sgemm
/// with the batch split across cores for the forward and input-gradient products and the
/// weight gradient by rows of W, so both cores work with one-threaded BLAS. Tests hold the
/// two against each other.
public final class Dense: ActivatedLayer {
    public var name = "dense"
    public let typeName = "Dense"
    public let units: Int
    public let activation: Activation
    public let useBias: Bool
    public private(set) var inputShape: [Int] = []
    public private(set) var outputShape: [Int] = []
    public private(set) var parameters: [Parameter] = []
    public var needsInputGradient = true
    public var skipActivationBackward = false
    private var lastInput = Tensor(zeros: [0])
    private var lastOutput = Tensor(zeros: [0])
    /// The pre-activation, kept only for swish.
    private var lastPreActivation = Tensor(zeros: [0])

    var weight: Parameter { parameters[0] }
    var bias: Parameter? { useBias ? parameters[1] : nil }
    private var plans = PlanCache<OneDNNPlan>()
    /// Forces the BLAS path (tests compare the two).
    var useOneDNN = true

    func plan(batch: Int, inference: Bool = false) -> OneDNNPlan? {
        guard useOneDNN, let inputs = inputShape.first else { return nil }
        return plans.plan(batch: batch, inference: inference) {
            OneDNNPlan.innerProduct(inputs: inputs, units: units, batch: batch, activation: activation.insideKernel, useBias: useBias, inference: inference)
        }
    }

    public init(units: Int, activation: Activation = .linear, useBias: Bool = true) {
        self.units = units; self.activation = activation; self.useBias = useBias
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        guard inputShape.count == 1 else { throw CnnError(.denseNeedsVector, name, kerasShape(inputShape)) }
        self.inputShape = inputShape
        outputShape = [units]
        plans.reset()
        var w = Parameter("kernel", glorotUniform(shape: [inputShape[0], units], fanIn: inputShape[0], fanOut: units, random: &random))
        if let old = parameters.first, old.value.shape == w.value.shape { w = old }
        parameters = [w]
        if useBias { parameters.append(Parameter("bias", Tensor(zeros: [units]))) }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let batch = x.shape[0], k = inputShape[0], n = units
        var y = Tensor(uninitialized: [batch, n])  // both paths write every value
        if let plan = plan(batch: batch, inference: !training) {
            plan.run(x: x, weight: weight, bias: bias, activation: activation.insideKernel, into: &y)
            activation.finish(&y, keepingInputIn: &lastPreActivation, training: training)
            if training { lastInput = x; lastOutput = y }
            return y
        }
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                weight.value.data.withUnsafeBufferPointer { wp in
                    let xi = xp.baseAddress!, yo = SharedPointer(yp.baseAddress!), w = wp.baseAddress!
                    let b = bias?.value.data
                    Parallel.forEachChunk(batch, minChunk: 8) { _, r in
                        let out = yo.p + r.lowerBound * n
                        sgemm(m: r.count, n: n, k: k, a: xi + r.lowerBound * k, lda: k, b: w, ldb: n, c: out, ldc: n)
                        if let b { for i in 0..<r.count { for j in 0..<n { out[i * n + j] += b[j] } } }
                        activation.insideKernel.apply(out, rows: r.count, width: n)
                    }
                }
            }
        }
        activation.finish(&y, keepingInputIn: &lastPreActivation, training: training)
        if training { lastInput = x; lastOutput = y }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        let batch = dy.shape[0], k = inputShape[0], n = units
        var dz = dy
        if !skipActivationBackward { activation.backward(&dz, output: lastOutput, input: lastPreActivation, rows: batch, width: n) }
        var dx = Tensor(uninitialized: needsInputGradient ? [batch, k] : [1])
        let wantDx = needsInputGradient
        if let plan = plan(batch: batch) {
            plan.gradients(x: lastInput, dz: &dz, weight: weight, bias: bias, dx: &dx, wantInput: wantDx)
            return dx
        }
        lastInput.data.withUnsafeBufferPointer { xp in
            dz.data.withUnsafeBufferPointer { dp in
                weight.value.data.withUnsafeBufferPointer { wp in
                    weight.grad.data.withUnsafeMutableBufferPointer { gp in
                        dx.data.withUnsafeMutableBufferPointer { dxp in
                            let xi = xp.baseAddress!, d = dp.baseAddress!, w = wp.baseAddress!
                            let go = SharedPointer(gp.baseAddress!), dxo = SharedPointer(dxp.baseAddress!)
                            // dW[k, n] = x^T dz, split by rows of dW.
                            Parallel.forEachChunk(k, minChunk: 16) { _, r in
                                sgemm(transA: true, m: r.count, n: n, k: batch, a: xi + r.lowerBound, lda: k,
                                      b: d, ldb: n, c: go.p + r.lowerBound * n, ldc: n)
                            }
                            // dx[batch, k] = dz W^T, split by samples.
                            if wantDx {
                                Parallel.forEachChunk(batch, minChunk: 8) { _, r in
                                    sgemm(transB: true, m: r.count, n: k, k: n, a: d + r.lowerBound * n, lda: n,
                                          b: w, ldb: n, c: dxo.p + r.lowerBound * k, ldc: k)
                                }
                            }
                        }
                    }
                }
            }
        }
        if let bias {
            for j in 0..<n {
                var s: Float = 0
                for i in 0..<batch { s += dz.data[i * n + j] }
                bias.grad.data[j] = s
            }
        }
        return dx
    }
}
