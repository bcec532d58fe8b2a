import Foundation

/// Keras's `DepthwiseConv2D`: each input channel convolved with its own `depth_multiplier`
/// kernels (no mixing across channels). Kernel (kh, kw, c, multiplier), output channel
/// c * multiplier + m. MobileNet's and EfficientNet's blocks are built on it.
///
/// Plain loops over NHWC rows, the batch split across cores: the channel loop is innermost
/// and contiguous, so it vectorises for multiplier 1.
public final class DepthwiseConv2D: ActivatedLayer {
    public var name = "depthwise_conv2d"
    public let typeName = "DepthwiseConv2D"
    public let kernel: (h: Int, w: Int)
    public let stride: (h: Int, w: Int)
    public let padding: Padding
    public let multiplier: Int
    public let activation: Activation
    public let useBias: Bool
    public private(set) var inputShape: [Int] = []
    public private(set) var outputShape: [Int] = []
    public private(set) var parameters: [Parameter] = []
    public var needsInputGradient = true
    public var skipActivationBackward = false

    var weight: Parameter { parameters[0] }
    var bias: Parameter? { useBias ? parameters[1] : nil }
    private var geometry = ConvGeometry.empty
    private var lastInput = Tensor(zeros: [0])
    private var lastOutput = Tensor(zeros: [0])
    private var lastPreActivation = Tensor(zeros: [0])

    public init(kernel: (Int, Int), stride: (Int, Int) = (1, 1), padding: Padding = .valid, multiplier: Int = 1,
                activation: Activation = .linear, useBias: Bool = true) {
        self.kernel = (kernel.0, kernel.1); self.stride = (stride.0, stride.1); self.padding = padding
        self.multiplier = multiplier; self.activation = activation; self.useBias = useBias
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        guard inputShape.count == 3 else { throw CnnError(.layerNeedsImage, name, typeName, kerasShape(inputShape)) }
        let c = inputShape[2]
        let g = ConvGeometry(input: inputShape, kernel: kernel, stride: stride, padding: padding, filters: c * multiplier)
        guard g.outH > 0 && g.outW > 0 else {
            throw CnnError(.layerInputTooSmall, name, kerasShape(inputShape), "\(kernel.h)x\(kernel.w)")
        }
        self.inputShape = inputShape
        geometry = g
        outputShape = [g.outH, g.outW, g.outC]
        // Keras's glorot fans for a (kh, kw, c, m) kernel: c*kh*kw in, m*kh*kw out.
        let area = kernel.h * kernel.w
        var w = Parameter("depthwise_kernel", glorotUniform(shape: [kernel.h, kernel.w, c, multiplier],
                                                            fanIn: area * c, fanOut: area * multiplier, random: &random))
        if let old = parameters.first, old.value.shape == w.value.shape { w = old }
        parameters = [w]
        if useBias { parameters.append(Parameter("bias", Tensor(zeros: [g.outC]))) }
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let g = geometry, batch = x.shape[0], m = multiplier, c = g.inC, oc = g.outC
        var y = Tensor(zeros: [batch] + outputShape)
        let xs = x.sampleSize, ys = y.sampleSize
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                weight.value.data.withUnsafeBufferPointer { wp in
                    let xin = SharedPointer(UnsafeMutablePointer(mutating: xp.baseAddress!)), yout = SharedPointer(yp.baseAddress!)
                    let w = wp.baseAddress!
                    let b = bias?.value.data
                    Parallel.forEachChunk(batch) { _, samples in
                        for n in samples {
                            let xn = xin.p + n * xs, yn = yout.p + n * ys
                            if let b { for p in 0..<(g.outH * g.outW) { for j in 0..<oc { yn[p * oc + j] = b[j] } } }
                            g.forEachTap { oy, ox, ky, kx, iy, ix in
                                let out = yn + (oy * g.outW + ox) * oc, inp = xn + (iy * g.inW + ix) * c
                                let wk = w + (ky * g.kW + kx) * oc
                                if m == 1 {
                                    for ch in 0..<c { out[ch] += inp[ch] * wk[ch] }
                                } else {
                                    for ch in 0..<c { for k in 0..<m { out[ch * m + k] += inp[ch] * wk[ch * m + k] } }
                                }
                            }
                            activation.insideKernel.apply(yn, rows: g.outH * g.outW, width: oc)
                        }
                    }
                }
            }
        }
        activation.finish(&y, keepingInputIn: &lastPreActivation, training: training)
        if training { lastInput = x; lastOutput = y }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        let g = geometry, batch = dy.shape[0], m = multiplier, c = g.inC, oc = g.outC
        var dz = dy
        if !skipActivationBackward {
            activation.backward(&dz, output: lastOutput, input: lastPreActivation, rows: batch * g.outH * g.outW, width: oc)
        }
        var dx = Tensor(zeros: needsInputGradient ? lastInput.shape : [1])
        let wantDx = needsInputGradient
        let parts = Parallel.parts(batch)
        let wSize = weight.value.count
        var partialW = [Float](repeating: 0, count: parts * wSize)
        var partialB = [Float](repeating: 0, count: parts * oc)
        let xs = lastInput.sampleSize, ys = dz.sampleSize
        lastInput.data.withUnsafeBufferPointer { xp in
            dz.data.withUnsafeBufferPointer { dp in
                weight.value.data.withUnsafeBufferPointer { wp in
                    dx.data.withUnsafeMutableBufferPointer { dxp in
                        partialW.withUnsafeMutableBufferPointer { pw in
                            partialB.withUnsafeMutableBufferPointer { pb in
                                let xin = SharedPointer(UnsafeMutablePointer(mutating: xp.baseAddress!))
                                let d = SharedPointer(UnsafeMutablePointer(mutating: dp.baseAddress!))
                                let w = wp.baseAddress!, dxo = SharedPointer(dxp.baseAddress!)
                                let pwo = SharedPointer(pw.baseAddress!), pbo = SharedPointer(pb.baseAddress!)
                                Parallel.forEachChunk(batch) { t, samples in
                                    let myW = pwo.p + t * wSize, myB = pbo.p + t * oc
                                    for n in samples {
                                        let xn = xin.p + n * xs, dn = d.p + n * ys, dxn = dxo.p + n * xs
                                        for p in 0..<(g.outH * g.outW) { for j in 0..<oc { myB[j] += dn[p * oc + j] } }
                                        g.forEachTap { oy, ox, ky, kx, iy, ix in
                                            let gr = dn + (oy * g.outW + ox) * oc, inp = xn + (iy * g.inW + ix) * c
                                            let k0 = (ky * g.kW + kx) * oc
                                            let wk = w + k0, gw = myW + k0
                                            if m == 1 {
                                                for ch in 0..<c { gw[ch] += inp[ch] * gr[ch] }
                                                if wantDx { let dxi = dxn + (iy * g.inW + ix) * c; for ch in 0..<c { dxi[ch] += wk[ch] * gr[ch] } }
                                            } else {
                                                for ch in 0..<c { for k in 0..<m { gw[ch * m + k] += inp[ch] * gr[ch * m + k] } }
                                                if wantDx {
                                                    let dxi = dxn + (iy * g.inW + ix) * c
                                                    for ch in 0..<c { for k in 0..<m { dxi[ch] += wk[ch * m + k] * gr[ch * m + k] } }
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
        }
        sumParts(partialW, parts: parts, into: &weight.grad.data)
        if let bias { sumParts(partialB, parts: parts, into: &bias.grad.data) }
        return dx
    }
}

/// Keras's `SeparableConv2D`: a depthwise convolution, then a 1x1 convolution mixing the
/// channels into `filters` (Xception's building block). Weights `depthwise_kernel`
/// (kh, kw, c, multiplier), `pointwise_kernel` (1, 1, c*multiplier, filters) and `bias`.
public final class SeparableConv2D: ActivatedLayer {
    public var name = "separable_conv2d"
    public let typeName = "SeparableConv2D"
    public let filters: Int
    public let depthwise: DepthwiseConv2D
    public let pointwise: Conv2D
    public var activation: Activation { pointwise.activation }
    public var useBias: Bool { pointwise.useBias }
    public var inputShape: [Int] { depthwise.inputShape }
    public var outputShape: [Int] { pointwise.outputShape }
    public private(set) var parameters: [Parameter] = []
    public var needsInputGradient: Bool {
        get { depthwise.needsInputGradient }
        set { depthwise.needsInputGradient = newValue }
    }
    public var skipActivationBackward: Bool {
        get { pointwise.skipActivationBackward }
        set { pointwise.skipActivationBackward = newValue }
    }

    public init(filters: Int, kernel: (Int, Int), stride: (Int, Int) = (1, 1), padding: Padding = .valid, multiplier: Int = 1,
                activation: Activation = .linear, useBias: Bool = true) {
        self.filters = filters
        depthwise = DepthwiseConv2D(kernel: kernel, stride: stride, padding: padding, multiplier: multiplier, useBias: false)
        pointwise = Conv2D(filters: filters, kernel: (1, 1), activation: activation, useBias: useBias)
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        do {
            try depthwise.build(inputShape: inputShape, random: &random)
            try pointwise.build(inputShape: depthwise.outputShape, random: &random)
        } catch let e as CnnError {
            throw CnnError(.layerShapeMismatch, name, typeName, kerasShape(inputShape), Catalog.text(.theInput), e.message)
        }
        depthwise.parameters[0].name = "depthwise_kernel"
        pointwise.parameters[0].name = "pointwise_kernel"
        parameters = depthwise.parameters + pointwise.parameters
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        pointwise.forward(depthwise.forward(x, training: training), training: training)
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        depthwise.backward(pointwise.backward(dy))
    }
}
