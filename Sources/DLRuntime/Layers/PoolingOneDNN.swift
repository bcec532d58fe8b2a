import CDNNL

/// oneDNN's pooling for one Pooling2D at one batch size, on NHWC activations. For max
/// pooling the forward pass leaves in a workspace which input won each window and the
/// backward pass reads it to route each gradient back; "same" padding never wins, as in
/// Keras. Average pooling leaves the padding out of the count, as TensorFlow does. An
/// inference plan (predict, evaluate, validation) keeps no workspace and has no backward pass:
/// writing the winners cost a fifth of net_1's predict time.
final class OneDNNPoolPlan {
    private let dnnl = OneDNN.shared
    private var src, dst: dnnl_memory_desc_t
    private var workspace = dnnl_memory_desc_t()
    private var forwardPrimitive, backwardPrimitive: dnnl_primitive_t?
    /// The winners of the last forward pass (opaque bytes in oneDNN's layout).
    private var workspaceBuffer: [UInt8] = []

    init?(_ g: ConvGeometry, kind: PoolKind, batch: Int, inference: Bool) {
        guard OneDNN.shared.available else { return nil }
        src = OneDNN.descriptor([batch, g.inC, g.inH, g.inW], dnnl_nhwc)
        dst = OneDNN.descriptor([batch, g.outC, g.outH, g.outW], dnnl_nhwc)
        var strides = [Int64(g.sH), Int64(g.sW)] + [Int64](repeating: 0, count: 10)
        var kernel = [Int64(g.kH), Int64(g.kW)] + [Int64](repeating: 0, count: 10)
        var dilation = [Int64](repeating: 0, count: 12)
        var padL = [Int64(g.padTop), Int64(g.padLeft)] + [Int64](repeating: 0, count: 10)
        var padR = [Int64(max(0, (g.outH - 1) * g.sH + g.kH - g.inH - g.padTop)),
                    Int64(max(0, (g.outW - 1) * g.sW + g.kW - g.inW - g.padLeft))] + [Int64](repeating: 0, count: 10)

        let algorithm = kind == .max ? dnnl_pooling_max : dnnl_pooling_avg_exclude_padding
        var fd = dnnl_pooling_v2_desc_t()
        guard dnnl_pooling_v2_forward_desc_init(&fd, inference ? dnnl_forward_inference : dnnl_forward_training, algorithm, &src, &dst,
                                                &strides, &kernel, &dilation, &padL, &padR) == dnnl_success else { return nil }
        var fpd: dnnl_primitive_desc_t?
        guard dnnl_primitive_desc_create(&fpd, &fd, nil, dnnl.engine, nil) == dnnl_success else { return nil }
        defer { dnnl_primitive_desc_destroy(fpd) }
        guard dnnl_primitive_create(&forwardPrimitive, fpd) == dnnl_success else { return nil }
        // Average pooling has no workspace (a null or zero-size descriptor).
        if let ws = dnnl_primitive_desc_query_md(fpd, dnnl_query_workspace_md, 0) { workspace = ws.pointee }
        workspaceBuffer = [UInt8](repeating: 0, count: dnnl_memory_desc_get_size(&workspace))
        if inference { return }

        var bd = dnnl_pooling_v2_desc_t()
        guard dnnl_pooling_v2_backward_desc_init(&bd, algorithm, &src, &dst,
                                                 &strides, &kernel, &dilation, &padL, &padR) == dnnl_success else { return nil }
        var bpd: dnnl_primitive_desc_t?
        guard dnnl_primitive_desc_create(&bpd, &bd, nil, dnnl.engine, fpd) == dnnl_success else { return nil }
        defer { dnnl_primitive_desc_destroy(bpd) }
        guard dnnl_primitive_create(&backwardPrimitive, bpd) == dnnl_success else { return nil }
    }

    deinit {
        if forwardPrimitive != nil { dnnl_primitive_destroy(forwardPrimitive) }
        if backwardPrimitive != nil { dnnl_primitive_destroy(backwardPrimitive) }
    }

    func forward(x: UnsafeMutablePointer<Float>, y: UnsafeMutablePointer<Float>) {
        execute(forwardPrimitive, (DNNL_ARG_SRC, x), (DNNL_ARG_DST, y))
    }

    /// dx from dy and the winners recorded by the last `forward`.
    func backward(dy: UnsafeMutablePointer<Float>, dx: UnsafeMutablePointer<Float>) {
        precondition(backwardPrimitive != nil, "an inference pooling plan has no backward pass")
        execute(backwardPrimitive, (DNNL_ARG_DIFF_SRC, dx), (DNNL_ARG_DIFF_DST, dy))
    }

    /// Runs a pass on an input-side buffer (described by `src`), an output-side buffer
    /// (described by `dst`) and the workspace.
    private func execute(_ primitive: dnnl_primitive_t?, _ a: (Int32, UnsafeMutablePointer<Float>), _ b: (Int32, UnsafeMutablePointer<Float>)) {
        let am = dnnl.memory(&src, a.1), bm = dnnl.memory(&dst, b.1)
        defer { dnnl_memory_destroy(am); dnnl_memory_destroy(bm) }
        if workspaceBuffer.isEmpty { dnnl.execute(primitive, [(a.0, am), (b.0, bm)]); return }
        workspaceBuffer.withUnsafeMutableBytes { w in
            let ws = dnnl.memory(&workspace, w.baseAddress)
            defer { dnnl_memory_destroy(ws) }
            dnnl.execute(primitive, [(a.0, am), (b.0, bm), (DNNL_ARG_WORKSPACE, ws)])
        }
    }
}
