import CDNNL

/// oneDNN's convolution primitives for one Conv2D at one batch size: forward (with the
/// ReLU fused in when that is the activation), backward-data and backward-weights, on our
/// NHWC activations and Keras-layout (kh, kw, in, out) weights. oneDNN may want weights in
/// a blocked layout of its own; the plan reorders them in and out at each call (a few
/// thousand values, against millions of multiply-adds).
final class OneDNNConvPlan {
    let batch: Int
    let fusedRelu: Bool
    private let dnnl = OneDNN.shared
    private var src, dst, userWeights, bias: dnnl_memory_desc_t
    private var forwardWeights = dnnl_memory_desc_t(), dataWeights = dnnl_memory_desc_t(), gradWeights = dnnl_memory_desc_t()
    private var forwardPrimitive, dataPrimitive, weightsPrimitive: dnnl_primitive_t?
    private var toForward, toData, fromGrad: dnnl_primitive_t?
    private var forwardBuffer, dataBuffer, gradBuffer: [Float]
    /// The kernels oneDNN picked, e.g. "brg:avx512_core" or "jit:avx512_core".
    private(set) var implementations: [String] = []

    /// Nil when oneDNN is missing or refuses this convolution (the caller falls back).
    /// An `inference` plan has only a forward pass, and lets oneDNN choose the algorithm
    /// (`auto`: Winograd where oneDNN has it for these layouts) since no gradient flows back.
    init?(_ g: ConvGeometry, batch: Int, activation: Activation, useBias: Bool, inference: Bool = false) {
        guard OneDNN.shared.available else { return nil }
        self.batch = batch
        fusedRelu = activation == .relu
        src = OneDNN.descriptor([batch, g.inC, g.inH, g.inW], dnnl_nhwc)
        dst = OneDNN.descriptor([batch, g.outC, g.outH, g.outW], dnnl_nhwc)
        userWeights = OneDNN.descriptor([g.outC, g.inC, g.kH, g.kW], dnnl_hwio)
        bias = OneDNN.descriptor([g.outC], dnnl_a)
        var anyWeights = OneDNN.descriptor([g.outC, g.inC, g.kH, g.kW], dnnl_format_tag_any)
        // A zero descriptor means "no bias" to oneDNN.
        var biasArgument = useBias ? bias : dnnl_memory_desc_t()
        var strides: [Int64] = [Int64(g.sH), Int64(g.sW)] + [Int64](repeating: 0, count: 10)
        var padL: [Int64] = [Int64(g.padTop), Int64(g.padLeft)] + [Int64](repeating: 0, count: 10)
        var padR: [Int64] = [Int64(max(0, (g.outH - 1) * g.sH + g.kH - g.inH - g.padTop)),
                             Int64(max(0, (g.outW - 1) * g.sW + g.kW - g.inW - g.padLeft))] + [Int64](repeating: 0, count: 10)
        forwardBuffer = []; dataBuffer = []; gradBuffer = []

        // Forward, with ReLU as a post-op.
        var fd = dnnl_convolution_desc_t()
        guard dnnl_convolution_forward_desc_init(&fd, inference ? dnnl_forward_inference : dnnl_forward_training,
                                                 inference ? dnnl_convolution_auto : dnnl_convolution_direct, &src, &anyWeights,
                                                 &biasArgument, &dst, &strides, &padL, &padR) == dnnl_success else { return nil }
        var attr: dnnl_primitive_attr_t?
        dnnl_primitive_attr_create(&attr)
        defer { dnnl_primitive_attr_destroy(attr) }
        if fusedRelu {
            var ops: dnnl_post_ops_t?
            dnnl_post_ops_create(&ops)
            dnnl_post_ops_append_eltwise(ops, 1, dnnl_eltwise_relu, 0, 0)
            dnnl_primitive_attr_set_post_ops(attr, ops)
            dnnl_post_ops_destroy(ops)
        }
        var fpd: dnnl_primitive_desc_t?
        guard dnnl_primitive_desc_create(&fpd, &fd, attr, dnnl.engine, nil) == dnnl_success else { return nil }
        defer { dnnl_primitive_desc_destroy(fpd) }
        guard let (fp, fw) = instantiate(fpd, weights: dnnl_query_weights_md) else { return nil }
        (forwardPrimitive, forwardWeights) = (fp, fw)
        toForward = dnnl.reorder(from: &userWeights, to: &forwardWeights)
        forwardBuffer = [Float](repeating: 0, count: dnnl_memory_desc_get_size(&forwardWeights) / 4)
        if inference { return }

        // Backward data: dLoss/dInput from dLoss/dOutput and the weights.
        var bd = dnnl_convolution_desc_t()
        guard dnnl_convolution_backward_data_desc_init(&bd, dnnl_convolution_direct, &src, &anyWeights, &dst,
                                                       &strides, &padL, &padR) == dnnl_success else { return nil }
        var bpd: dnnl_primitive_desc_t?
        guard dnnl_primitive_desc_create(&bpd, &bd, nil, dnnl.engine, fpd) == dnnl_success else { return nil }
        defer { dnnl_primitive_desc_destroy(bpd) }
        guard let (bp, bw) = instantiate(bpd, weights: dnnl_query_weights_md) else { return nil }
        (dataPrimitive, dataWeights) = (bp, bw)

        // Backward weights: dLoss/dKernel and dLoss/dBias.
        var wd = dnnl_convolution_desc_t()
        guard dnnl_convolution_backward_weights_desc_init(&wd, dnnl_convolution_direct, &src, &anyWeights,
                                                          &biasArgument, &dst, &strides, &padL, &padR) == dnnl_success else { return nil }
        var wpd: dnnl_primitive_desc_t?
        guard dnnl_primitive_desc_create(&wpd, &wd, nil, dnnl.engine, fpd) == dnnl_success else { return nil }
        defer { dnnl_primitive_desc_destroy(wpd) }
        guard let (wp, gw) = instantiate(wpd, weights: dnnl_query_diff_weights_md) else { return nil }
        (weightsPrimitive, gradWeights) = (wp, gw)

        toData = dnnl.reorder(from: &userWeights, to: &dataWeights)
        fromGrad = dnnl.reorder(from: &gradWeights, to: &userWeights)
        dataBuffer = [Float](repeating: 0, count: dnnl_memory_desc_get_size(&dataWeights) / 4)
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
    private func weights(_ w: UnsafeMutablePointer<Float>, reorder: dnnl_primitive_t?, into buffer: inout [Float],
                         _ md: inout dnnl_memory_desc_t, _ body: (dnnl_memory_t?) -> Void) {
        let user = dnnl.memory(&userWeights, w)
        defer { dnnl_memory_destroy(user) }
        guard let reorder else { body(user); return }
        buffer.withUnsafeMutableBufferPointer { b in
            let m = dnnl.memory(&md, b.baseAddress)
            defer { dnnl_memory_destroy(m) }
            dnnl.execute(reorder, [(DNNL_ARG_FROM, user), (DNNL_ARG_TO, m)])
            body(m)
        }
    }

    /// y = conv(x, w) + b, with ReLU applied when fused.
    func forward(x: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>?, y: UnsafeMutablePointer<Float>) {
        let xs = dnnl.memory(&src, x), ys = dnnl.memory(&dst, y)
        let bs = b.map { dnnl.memory(&bias, $0) }
        defer { dnnl_memory_destroy(xs); dnnl_memory_destroy(ys); if let bs { dnnl_memory_destroy(bs) } }
        weights(w, reorder: toForward, into: &forwardBuffer, &forwardWeights) { ws in
            var args: [(Int32, dnnl_memory_t?)] = [(DNNL_ARG_SRC, xs), (DNNL_ARG_WEIGHTS, ws), (DNNL_ARG_DST, ys)]
            if let bs { args.append((DNNL_ARG_BIAS, bs)) }
            dnnl.execute(forwardPrimitive, args)
        }
    }

    /// dx = dLoss/dInput from dz = dLoss/dPre-activation.
    func backwardData(dz: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>) {
        let dzs = dnnl.memory(&dst, dz), dxs = dnnl.memory(&src, dx)
        defer { dnnl_memory_destroy(dzs); dnnl_memory_destroy(dxs) }
        weights(w, reorder: toData, into: &dataBuffer, &dataWeights) { ws in
            dnnl.execute(dataPrimitive, [(DNNL_ARG_DIFF_DST, dzs), (DNNL_ARG_WEIGHTS, ws), (DNNL_ARG_DIFF_SRC, dxs)])
        }
    }

    /// dw, db = dLoss/dKernel and dLoss/dBias (overwritten, not accumulated).
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
