import Foundation
import CDNNL

/// oneDNN's primitives for one weighted layer (a convolution or a dense layer) at one batch
/// size: forward (with the ReLU fused in when that is the activation), backward-data and
/// backward-weights, on our row-major activations and Keras-layout weights. oneDNN may want
/// weights in a blocked layout of its own; the plan reorders them in and out at each call
/// (thousands of values, against far more multiply-adds). Big dense kernels are the
/// exception: they stay in Keras's layout (`innerProduct`). Winograd convolutions want their
/// activations in a blocked layout too (`OneDNNBlockedActivations`, inference plans only).
final class OneDNNPlan {
    let fusedRelu: Bool
    private let dnnl = OneDNN.shared
    private var src, dst, userWeights, bias: dnnl_memory_desc_t
    private var forwardWeights = dnnl_memory_desc_t(), dataWeights = dnnl_memory_desc_t(), gradWeights = dnnl_memory_desc_t()
    private var forwardPrimitive, dataPrimitive, weightsPrimitive: dnnl_primitive_t?
    private var toForward, toData, fromGrad: dnnl_primitive_t?
    private var forwardBuffer: [Float] = [], dataBuffer: [Float] = [], gradBuffer: [Float] = []
    /// The forward's activations in its own layout when it does not take our NHWC (Winograd).
    private var blocked: OneDNNBlockedActivations?
    /// Inference plans: the weights the forward copy was last reordered from. predict's
    /// batches see the same weights, and Winograd's reorder is a transform (1 ms a batch for
    /// net_1's second layer), so it is skipped while they compare equal.
    private var reorderedFrom: [Float]?
    /// The kernels oneDNN picked, e.g. "brgconv:avx512_core" or "jit:avx512_core".
    private(set) var implementations: [String] = []

    /// What a layer kind supplies: its operation descriptors, each made with weights of
    /// layout "any" (`weights`) so that oneDNN picks its fastest.
    struct Operations {
        /// (prop_kind, weights, bias) -> forward primitive descriptor (attr: the fused ReLU).
        var forward: (dnnl_prop_kind_t, UnsafePointer<dnnl_memory_desc_t>, UnsafePointer<dnnl_memory_desc_t>, dnnl_primitive_attr_t?) -> dnnl_primitive_desc_t?
        /// (weights, forward hint) -> backward-data primitive descriptor.
        var backwardData: (UnsafePointer<dnnl_memory_desc_t>, dnnl_primitive_desc_t?) -> dnnl_primitive_desc_t?
        /// (weights, bias, forward hint) -> backward-weights primitive descriptor; nil when
        /// oneDNN's kernel for it is poor and the layer computes that gradient itself.
        var backwardWeights: ((UnsafePointer<dnnl_memory_desc_t>, UnsafePointer<dnnl_memory_desc_t>, dnnl_primitive_desc_t?) -> dnnl_primitive_desc_t?)?
    }

    /// False when the layer must compute its weight gradient itself (`Operations.backwardWeights`).
    var hasWeightsPass: Bool { weightsPrimitive != nil }

    /// Nil when oneDNN is missing or declines (the caller falls back). An `inference` plan
    /// has only a forward pass.
    init?(src: dnnl_memory_desc_t, dst: dnnl_memory_desc_t, userWeights: dnnl_memory_desc_t, anyWeights: dnnl_memory_desc_t,
          bias: dnnl_memory_desc_t, useBias: Bool, activation: Activation, inference: Bool, operations ops: Operations) {
        guard OneDNN.shared.available else { return nil }
        self.src = src; self.dst = dst; self.userWeights = userWeights; self.bias = bias
        fusedRelu = activation == .relu
        var anyWeights = anyWeights
        // A zero descriptor means "no bias" to oneDNN.
        var biasArgument = useBias ? bias : dnnl_memory_desc_t()

        var attr: dnnl_primitive_attr_t?
        dnnl_primitive_attr_create(&attr)
        defer { dnnl_primitive_attr_destroy(attr) }
        if fusedRelu {
            var postOps: dnnl_post_ops_t?
            dnnl_post_ops_create(&postOps)
            dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_relu, 0, 0)
            dnnl_primitive_attr_set_post_ops(attr, postOps)
            dnnl_post_ops_destroy(postOps)
        }
        guard let fpd = ops.forward(inference ? dnnl_forward_inference : dnnl_forward_training, &anyWeights, &biasArgument, attr) else { return nil }
        defer { dnnl_primitive_desc_destroy(fpd) }
        guard let (fp, fw) = instantiate(fpd, weights: dnnl_query_weights_md) else { return nil }
        (forwardPrimitive, forwardWeights) = (fp, fw)
        guard var innerSrc = dnnl_primitive_desc_query_md(fpd, dnnl_query_src_md, 0)?.pointee,
              var innerDst = dnnl_primitive_desc_query_md(fpd, dnnl_query_dst_md, 0)?.pointee else { return nil }
        if dnnl_memory_desc_equal(&self.src, &innerSrc) == 0 || dnnl_memory_desc_equal(&self.dst, &innerDst) == 0 {
            // Only inference plans reorder their activations (the backward passes do not).
            guard inference, let b = OneDNNBlockedActivations(userSrc: src, src: innerSrc, userDst: dst, dst: innerDst) else { return nil }
            blocked = b
        }
        toForward = dnnl.reorder(from: &self.userWeights, to: &forwardWeights)
        forwardBuffer = [Float](repeating: 0, count: dnnl_memory_desc_get_size(&forwardWeights) / 4)
        if inference {
            if toForward != nil { reorderedFrom = [] }
            return
        }

        guard let bpd = ops.backwardData(&anyWeights, fpd) else { return nil }
        defer { dnnl_primitive_desc_destroy(bpd) }
        guard let (bp, bw) = instantiate(bpd, weights: dnnl_query_weights_md) else { return nil }
        (dataPrimitive, dataWeights) = (bp, bw)
        toData = dnnl.reorder(from: &self.userWeights, to: &dataWeights)
        dataBuffer = [Float](repeating: 0, count: dnnl_memory_desc_get_size(&dataWeights) / 4)

        guard let backwardWeights = ops.backwardWeights else { return }
        guard let wpd = backwardWeights(&anyWeights, &biasArgument, fpd) else { return nil }
        defer { dnnl_primitive_desc_destroy(wpd) }
        guard let (wp, gw) = instantiate(wpd, weights: dnnl_query_diff_weights_md) else { return nil }
        (weightsPrimitive, gradWeights) = (wp, gw)
        fromGrad = dnnl.reorder(from: &gradWeights, to: &self.userWeights)
        gradBuffer = [Float](repeating: 0, count: dnnl_memory_desc_get_size(&gradWeights) / 4)
    }

    /// The primitive of a primitive descriptor and the weights layout it chose; records
    /// which kernel oneDNN picked.
    private func instantiate(_ pd: dnnl_primitive_desc_t?, weights query: dnnl_query_t) -> (dnnl_primitive_t?, dnnl_memory_desc_t)? {
        var p: dnnl_primitive_t?
        guard dnnl_primitive_create(&p, pd) == dnnl_success, let md = dnnl_primitive_desc_query_md(pd, query, 0) else { return nil }
        implementations.append(OneDNN.implementation(pd))
        return (p, md.pointee)
    }

    deinit {
        for p in [forwardPrimitive, dataPrimitive, weightsPrimitive, toForward, toData, fromGrad] where p != nil {
            dnnl_primitive_destroy(p)
        }
    }

    /// Weights as `primitive` wants them: the user's buffer itself, or a reordered copy.
    /// An inference plan (its only pass is the forward) remakes the copy only when the
    /// weights differ from `reorderedFrom`.
    private func weights(_ w: UnsafeMutablePointer<Float>, reorder: dnnl_primitive_t?, into buffer: inout [Float],
                         _ md: inout dnnl_memory_desc_t, _ body: (dnnl_memory_t?) -> Void) {
        let user = dnnl.memory(&userWeights, w)
        defer { dnnl_memory_destroy(user) }
        guard let reorder else { body(user); return }
        let bytes = dnnl_memory_desc_get_size(&userWeights)
        let unchanged = reorderedFrom?.withUnsafeBytes { $0.count == bytes && memcmp($0.baseAddress!, w, bytes) == 0 } ?? false
        buffer.withUnsafeMutableBufferPointer { b in
            let m = dnnl.memory(&md, b.baseAddress)
            defer { dnnl_memory_destroy(m) }
            if !unchanged { dnnl.execute(reorder, [(DNNL_ARG_FROM, user), (DNNL_ARG_TO, m)]) }
            body(m)
        }
        if reorderedFrom != nil && !unchanged { reorderedFrom = Array(UnsafeBufferPointer(start: w, count: bytes / 4)) }
    }

    /// y = conv(x, w) + b, with ReLU applied when fused.
    func forward(x: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>?, y: UnsafeMutablePointer<Float>) {
        let bs = b.map { dnnl.memory(&bias, $0) }
        defer { if let bs { dnnl_memory_destroy(bs) } }
        func run(_ xs: dnnl_memory_t?, _ ys: dnnl_memory_t?) {
            weights(w, reorder: toForward, into: &forwardBuffer, &forwardWeights) { ws in
                var args: [(Int32, dnnl_memory_t?)] = [(DNNL_ARG_SRC, xs), (DNNL_ARG_WEIGHTS, ws), (DNNL_ARG_DST, ys)]
                if let bs { args.append((DNNL_ARG_BIAS, bs)) }
                dnnl.execute(forwardPrimitive, args)
            }
        }
        if let blocked {
            blocked.loadSrc(x)
            run(blocked.srcMemory, blocked.dstMemory)
            blocked.storeDst(y)
            return
        }
        let xs = dnnl.memory(&src, x), ys = dnnl.memory(&dst, y)
        defer { dnnl_memory_destroy(xs); dnnl_memory_destroy(ys) }
        run(xs, ys)
    }

    /// dx = dLoss/dInput from dz = dLoss/dPre-activation.
    func backwardData(dz: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>) {
        let dzs = dnnl.memory(&dst, dz), dxs = dnnl.memory(&src, dx)
        defer { dnnl_memory_destroy(dzs); dnnl_memory_destroy(dxs) }
        weights(w, reorder: toData, into: &dataBuffer, &dataWeights) { ws in
            dnnl.execute(dataPrimitive, [(DNNL_ARG_DIFF_DST, dzs), (DNNL_ARG_WEIGHTS, ws), (DNNL_ARG_DIFF_SRC, dxs)])
        }
    }

    /// dw, db = dLoss/dWeights and dLoss/dBias (overwritten, not accumulated).
    func backwardWeights(x: UnsafeMutablePointer<Float>, dz: UnsafeMutablePointer<Float>, dw: UnsafeMutablePointer<Float>, db: UnsafeMutablePointer<Float>?) {
        let xs = dnnl.memory(&src, x), dzs = dnnl.memory(&dst, dz), user = dnnl.memory(&userWeights, dw)
        let dbs = db.map { dnnl.memory(&bias, $0) }
        defer { dnnl_memory_destroy(xs); dnnl_memory_destroy(dzs); dnnl_memory_destroy(user); if let dbs { dnnl_memory_destroy(dbs) } }
        func run(_ target: dnnl_memory_t?) {
            var args: [(Int32, dnnl_memory_t?)] = [(DNNL_ARG_SRC, xs), (DNNL_ARG_DIFF_DST, dzs), (DNNL_ARG_DIFF_WEIGHTS, target)]
            if let dbs { args.append((DNNL_ARG_DIFF_BIAS, dbs)) }
            dnnl.execute(weightsPrimitive, args)
        }
        guard let fromGrad else { run(user); return }
        gradBuffer.withUnsafeMutableBufferPointer { b in
            let m = dnnl.memory(&gradWeights, b.baseAddress)
            defer { dnnl_memory_destroy(m) }
            run(m)
            dnnl.execute(fromGrad, [(DNNL_ARG_FROM, m), (DNNL_ARG_TO, user)])
        }
    }
}

/// Creates a primitive descriptor for an operation descriptor, or nil.
func primitiveDescriptor(_ desc: UnsafeRawPointer, _ attr: dnnl_primitive_attr_t?, hint: dnnl_primitive_desc_t?) -> dnnl_primitive_desc_t? {
    var pd: dnnl_primitive_desc_t?
    guard dnnl_primitive_desc_create(&pd, desc, attr, OneDNN.shared.engine, hint) == dnnl_success else { return nil }
    return pd
}

extension OneDNNPlan {
    /// A 2-D convolution over NHWC activations with Keras's (kh, kw, in, out) kernel: oneDNN's
    /// Winograd algorithm where it pays (`winogradPays`), else its direct one.
    static func convolution(_ g: ConvGeometry, batch: Int, activation: Activation, useBias: Bool, inference: Bool) -> OneDNNPlan? {
        if inference && winogradPays(g, batch: batch),
           let plan = convolution(g, batch: batch, activation: activation, useBias: useBias, inference: true, winograd: true) {
            return plan
        }
        return convolution(g, batch: batch, activation: activation, useBias: useBias, inference: inference, winograd: false)
    }

    /// oneDNN's Winograd kernels (AVX-512 only) take 3x3 kernels at stride 1 over channels in
    /// multiples of 16, such as net_1's second layer (32 to 64 channels); other channel counts
    /// they pad to 16 and are slower. There, at batch 32, the inference pass took 1.8 ms
    /// against the direct kernel's 3.3, plus 0.4 ms of reorders to their blocked layout and
    /// back (and a 1 ms transform of the weights, made once per predict: `reorderedFrom`):
    /// net_1's predict on 10,000 images took 1.56-1.68 s against 1.85-1.98.
    /// Training stays direct: the forward and data passes were faster (7.5 and 8.4 ms against
    /// 13.3 and 15.1 at batch 128) but a whole epoch was not measurably so, while the reorder
    /// buffers and oneDNN's Winograd scratch space added 130-155 MB to net_1's peak memory;
    /// that scratch space grows with the batch, hence the limit of 32 (predict's and
    /// evaluate's default). CNNSH_NO_WINOGRAD=1 turns them off.
    static func winogradPays(_ g: ConvGeometry, batch: Int) -> Bool {
        g.kH == 3 && g.kW == 3 && g.sH == 1 && g.sW == 1 && g.inC % 16 == 0 && g.outC % 16 == 0 && batch <= 32
            && ProcessInfo.processInfo.environment["CNNSH_NO_WINOGRAD"] == nil
    }

    private static func convolution(_ g: ConvGeometry, batch: Int, activation: Activation, useBias: Bool, inference: Bool, winograd: Bool) -> OneDNNPlan? {
        let userSrc = OneDNN.descriptor([batch, g.inC, g.inH, g.inW], dnnl_nhwc)
        let userDst = OneDNN.descriptor([batch, g.outC, g.outH, g.outW], dnnl_nhwc)
        // Winograd picks its own activation layout; the plan reorders to and from it.
        var src = winograd ? OneDNN.descriptor([batch, g.inC, g.inH, g.inW], dnnl_format_tag_any) : userSrc
        var dst = winograd ? OneDNN.descriptor([batch, g.outC, g.outH, g.outW], dnnl_format_tag_any) : userDst
        let weights = [g.outC, g.inC, g.kH, g.kW]
        func dims(_ a: [Int]) -> [Int64] { a.map(Int64.init) + [Int64](repeating: 0, count: 12 - a.count) }
        var strides = dims([g.sH, g.sW]), padL = dims([g.padTop, g.padLeft])
        var padR = dims([max(0, (g.outH - 1) * g.sH + g.kH - g.inH - g.padTop), max(0, (g.outW - 1) * g.sW + g.kW - g.inW - g.padLeft)])
        let algorithm = winograd ? dnnl_convolution_winograd : inference ? dnnl_convolution_auto : dnnl_convolution_direct
        // With one input channel oneDNN 2.6 has only a slow generic kernel for the weights
        // gradient (MNIST's first layer: its whole backward pass took 5.6 ms a batch of 32 with
        // it, 3.6 ms with Conv2D's im2col + sgemm, the same at batch 128). With three (CIFAR-10)
        // oneDNN's is already the faster.
        let ops = Operations(
            forward: { prop, w, b, attr in
                var d = dnnl_convolution_desc_t()
                guard dnnl_convolution_forward_desc_init(&d, prop, algorithm, &src, w, b, &dst, &strides, &padL, &padR) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, attr, hint: nil)
            },
            backwardData: { w, hint in
                var d = dnnl_convolution_desc_t()
                guard dnnl_convolution_backward_data_desc_init(&d, dnnl_convolution_direct, &src, w, &dst, &strides, &padL, &padR) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, nil, hint: hint)
            },
            backwardWeights: g.inC == 1 ? nil : { w, b, hint in
                var d = dnnl_convolution_desc_t()
                guard dnnl_convolution_backward_weights_desc_init(&d, dnnl_convolution_direct, &src, w, b, &dst, &strides, &padL, &padR) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, nil, hint: hint)
            })
        return OneDNNPlan(src: userSrc, dst: userDst, userWeights: OneDNN.descriptor(weights, dnnl_hwio),
                          anyWeights: OneDNN.descriptor(weights, dnnl_format_tag_any), bias: OneDNN.descriptor([g.outC], dnnl_a),
                          useBias: useBias, activation: activation, inference: inference, operations: ops)
    }

    /// Dense kernels of at least this many weights stay in Keras's layout. In oneDNN's
    /// blocked layout they would be reordered three times a step, and its gemm kernel on the
    /// plain layout is as fast or faster besides: net_1's 1.6-million-weight kernel took 17
    /// ms a step this way against 34 blocked (batch 128; 8 against 16 at batch 32).
    static let plainDenseWeights = 1 << 16

    /// A dense layer: (batch, inputs) x Keras's (inputs, units) kernel.
    static func innerProduct(inputs: Int, units: Int, batch: Int, activation: Activation, useBias: Bool, inference: Bool) -> OneDNNPlan? {
        var src = OneDNN.descriptor([batch, inputs], dnnl_nc)
        var dst = OneDNN.descriptor([batch, units], dnnl_nc)
        let ops = Operations(
            forward: { prop, w, b, attr in
                var d = dnnl_inner_product_desc_t()
                guard dnnl_inner_product_forward_desc_init(&d, prop, &src, w, b, &dst) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, attr, hint: nil)
            },
            backwardData: { w, hint in
                var d = dnnl_inner_product_desc_t()
                guard dnnl_inner_product_backward_data_desc_init(&d, &src, w, &dst) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, nil, hint: hint)
            },
            backwardWeights: { w, b, hint in
                var d = dnnl_inner_product_desc_t()
                guard dnnl_inner_product_backward_weights_desc_init(&d, &src, w, b, &dst) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, nil, hint: hint)
            })
        return OneDNNPlan(src: src, dst: dst, userWeights: OneDNN.descriptor([units, inputs], dnnl_io),
                          anyWeights: OneDNN.descriptor([units, inputs], inputs * units >= plainDenseWeights ? dnnl_io : dnnl_format_tag_any),
                          bias: OneDNN.descriptor([units], dnnl_a),
                          useBias: useBias, activation: activation, inference: inference, operations: ops)
    }
}

extension OneDNNPlan {
    /// y = activation(layer(x)) for a layer's weight and optional bias parameters; the
    /// activation is fused when it is ReLU and applied here otherwise.
    func run(x: Tensor, weight: Parameter, bias: Parameter?, activation: Activation, into y: inout Tensor) {
        let width = y.shape.last ?? 1, count = y.count
        x.data.withUnsafeBufferPointer { xp in
            y.data.withUnsafeMutableBufferPointer { yp in
                weight.value.data.withUnsafeMutableBufferPointer { wp in
                    let xb = UnsafeMutablePointer(mutating: xp.baseAddress!), wb = wp.baseAddress!, yb = yp.baseAddress!
                    let go = { (b: UnsafeMutablePointer<Float>?) in self.forward(x: xb, w: wb, b: b, y: yb) }
                    if let bias { bias.value.data.withUnsafeMutableBufferPointer { go($0.baseAddress!) } } else { go(nil) }
                    if !fusedRelu { activation.apply(yb, rows: count / width, width: width) }
                }
            }
        }
    }

    /// Fills the weight and bias gradients from the layer's input `x` and dz (the gradient at
    /// the activation's input) when the plan has that pass (`hasWeightsPass`), and dx (the
    /// input gradient) when one is wanted.
    func gradients(x: Tensor, dz: inout Tensor, weight: Parameter, bias: Parameter?, dx: inout Tensor, wantInput: Bool) {
        x.data.withUnsafeBufferPointer { xp in
            dz.data.withUnsafeMutableBufferPointer { dp in
                if hasWeightsPass {
                    weight.grad.data.withUnsafeMutableBufferPointer { gw in
                        let xb = UnsafeMutablePointer(mutating: xp.baseAddress!), db = dp.baseAddress!, gb = gw.baseAddress!
                        let go = { (b: UnsafeMutablePointer<Float>?) in self.backwardWeights(x: xb, dz: db, dw: gb, db: b) }
                        Profiler.measure("  weights gradient") {
                            if let bias { bias.grad.data.withUnsafeMutableBufferPointer { go($0.baseAddress!) } } else { go(nil) }
                        }
                    }
                }
                guard wantInput else { return }
                weight.value.data.withUnsafeMutableBufferPointer { wp in
                    dx.data.withUnsafeMutableBufferPointer { dxp in
                        Profiler.measure("  input gradient") { backwardData(dz: dp.baseAddress!, w: wp.baseAddress!, dx: dxp.baseAddress!) }
                    }
                }
            }
        }
    }
}
