import Foundation
import CDNNL

/// oneDNN's primitives for one weighted layer (a convolution or a dense layer) at one batch
/// size: forward (with the ReLU fused in when that is the activation), backward-data and
/// backward-weights, on our row-major activations and Keras-layout weights. oneDNN may want
/// weights in a blocked layout of its own; the plan reorders them in and out at each call
/// (thousands of values, against far more multiply-adds). Big dense kernels are the
/// exception: they stay in Keras's layout (`innerProduct`). Winograd convolutions want their
/// activations in a blocked layout too (`OneDNNBlockedActivations`), and run on slices of
/// the batch (`winograd`).
final class OneDNNPlan {
    let fusedRelu: Bool
    private let dnnl = OneDNN.shared
    private var src, dst, userWeights, bias: dnnl_memory_desc_t
    private var forwardWeights = dnnl_memory_desc_t(), dataWeights = dnnl_memory_desc_t(), gradWeights = dnnl_memory_desc_t()
    private var forwardPrimitive, dataPrimitive, weightsPrimitive: dnnl_primitive_t?
    private var toForward, toData, fromGrad: dnnl_primitive_t?
    /// The three passes' scratch space (user mode: see `OneDNN.scratchpadAttribute`).
    private var forwardScratch, dataScratch, weightsScratch: OneDNN.Scratchpad?
    /// The weights and their gradient in the primitives' layouts.
    private var forwardBuffer = AlignedBuffer(count: 0), dataBuffer = AlignedBuffer(count: 0), gradBuffer = AlignedBuffer(count: 0)
    /// The activations in the primitives' own layout when they do not take our NHWC (Winograd).
    private var blocked: OneDNNBlockedActivations?
    /// Inference plans: the weights the forward copy was last reordered from. predict's
    /// batches see the same weights, and Winograd's reorder is a transform (1 ms a batch for
    /// net_1's second layer), so it is skipped while they compare equal.
    private var reorderedFrom: [Float]?
    /// The kernels oneDNN picked for each pass, e.g. "brgconv:avx512_core" or
    /// "jit:avx512_core"; nil for a pass the plan does not have.
    struct Kernels { var forward, inputGradient, weights: String? }
    private(set) var kernels = Kernels()
    /// All of them, in the order forward, input gradient, weights.
    var implementations: [String] { [kernels.forward, kernels.inputGradient, kernels.weights].compactMap { $0 } }
    /// The batch in slices: the primitives run `repeats` times on consecutive slices of the
    /// images they were made for, then `tail` takes the images left over.
    fileprivate var repeats = 1
    fileprivate var tail: OneDNNPlan?
    /// Floats per image of the input and of the output.
    private let srcImage, dstImage, images: Int
    /// Weight and bias gradients of the slices after the first, before they are added.
    private var sliceGradient: [Float] = []

    /// What a layer kind supplies: its operation descriptors, each made with weights of
    /// layout "any" (`weights`) so that oneDNN picks its fastest.
    struct Operations {
        /// (prop_kind, weights, bias) -> forward primitive descriptor (attr: the fused ReLU).
        var forward: (dnnl_prop_kind_t, UnsafePointer<dnnl_memory_desc_t>, UnsafePointer<dnnl_memory_desc_t>, dnnl_primitive_attr_t?) -> dnnl_primitive_desc_t?
        /// (weights, forward hint, attr) -> backward-data primitive descriptor.
        var backwardData: (UnsafePointer<dnnl_memory_desc_t>, dnnl_primitive_desc_t?, dnnl_primitive_attr_t?) -> dnnl_primitive_desc_t?
        /// (weights, bias, forward hint, attr) -> backward-weights primitive descriptor; nil
        /// when oneDNN's kernel for it is poor and the layer computes that gradient itself.
        var backwardWeights: ((UnsafePointer<dnnl_memory_desc_t>, UnsafePointer<dnnl_memory_desc_t>, dnnl_primitive_desc_t?,
                               dnnl_primitive_attr_t?) -> dnnl_primitive_desc_t?)?
    }

    /// False when the layer must compute its weight gradient itself (`Operations.backwardWeights`).
    var hasWeightsPass: Bool { weightsPrimitive != nil }

    /// Nil when oneDNN is missing or declines (the caller falls back). An `inference` plan
    /// has only a forward pass.
    init?(src: dnnl_memory_desc_t, dst: dnnl_memory_desc_t, userWeights: dnnl_memory_desc_t, anyWeights: dnnl_memory_desc_t,
          bias: dnnl_memory_desc_t, useBias: Bool, activation: Activation, inference: Bool, operations ops: Operations) {
        guard OneDNN.shared.available else { return nil }
        self.src = src; self.dst = dst; self.userWeights = userWeights; self.bias = bias
        images = Int(src.dims.0)
        srcImage = dnnl_memory_desc_get_size(&self.src) / 4 / max(images, 1)
        dstImage = dnnl_memory_desc_get_size(&self.dst) / 4 / max(images, 1)
        fusedRelu = activation == .relu
        var anyWeights = anyWeights
        // A zero descriptor means "no bias" to oneDNN.
        var biasArgument = useBias ? bias : dnnl_memory_desc_t()

        // The backward passes take the scratchpad mode; the forward also the fused ReLU.
        let attr = OneDNN.scratchpadAttribute(), backwardAttr = OneDNN.scratchpadAttribute()
        defer { dnnl_primitive_attr_destroy(attr); dnnl_primitive_attr_destroy(backwardAttr) }
        if fusedRelu {
            var postOps: dnnl_post_ops_t?
            dnnl_post_ops_create(&postOps)
            dnnl_post_ops_append_eltwise(postOps, 1, dnnl_eltwise_relu, 0, 0)
            dnnl_primitive_attr_set_post_ops(attr, postOps)
            dnnl_post_ops_destroy(postOps)
        }
        guard let fpd = ops.forward(inference ? dnnl_forward_inference : dnnl_forward_training, &anyWeights, &biasArgument, attr) else { return nil }
        defer { dnnl_primitive_desc_destroy(fpd) }
        guard let (fp, fw) = instantiate(fpd, weights: dnnl_query_weights_md, kernel: \.forward) else { return nil }
        (forwardPrimitive, forwardWeights) = (fp, fw)
        forwardScratch = OneDNN.Scratchpad(fpd)
        guard var innerSrc = dnnl_primitive_desc_query_md(fpd, dnnl_query_src_md, 0)?.pointee,
              var innerDst = dnnl_primitive_desc_query_md(fpd, dnnl_query_dst_md, 0)?.pointee else { return nil }
        if dnnl_memory_desc_equal(&self.src, &innerSrc) == 0 || dnnl_memory_desc_equal(&self.dst, &innerDst) == 0 {
            guard let b = OneDNNBlockedActivations(userSrc: src, src: innerSrc, userDst: dst, dst: innerDst) else { return nil }
            blocked = b
        }
        toForward = dnnl.reorder(from: &self.userWeights, to: &forwardWeights)
        forwardBuffer = AlignedBuffer(bytes: dnnl_memory_desc_get_size(&forwardWeights))
        if inference {
            if toForward != nil { reorderedFrom = [] }
            return
        }

        guard let bpd = ops.backwardData(&anyWeights, fpd, backwardAttr) else { return nil }
        defer { dnnl_primitive_desc_destroy(bpd) }
        // The backward passes must use the forward's activation layouts (the blocked buffers).
        guard takes(bpd, dnnl_query_diff_src_md, innerSrc), takes(bpd, dnnl_query_diff_dst_md, innerDst),
              let (bp, bw) = instantiate(bpd, weights: dnnl_query_weights_md, kernel: \.inputGradient) else { return nil }
        (dataPrimitive, dataWeights) = (bp, bw)
        dataScratch = OneDNN.Scratchpad(bpd)
        toData = dnnl.reorder(from: &self.userWeights, to: &dataWeights)
        dataBuffer = AlignedBuffer(bytes: dnnl_memory_desc_get_size(&dataWeights))

        guard let backwardWeights = ops.backwardWeights else { return }
        guard let wpd = backwardWeights(&anyWeights, &biasArgument, fpd, backwardAttr) else { return nil }
        defer { dnnl_primitive_desc_destroy(wpd) }
        guard takes(wpd, dnnl_query_src_md, innerSrc), takes(wpd, dnnl_query_diff_dst_md, innerDst),
              let (wp, gw) = instantiate(wpd, weights: dnnl_query_diff_weights_md, kernel: \.weights) else { return nil }
        (weightsPrimitive, gradWeights) = (wp, gw)
        weightsScratch = OneDNN.Scratchpad(wpd)
        fromGrad = dnnl.reorder(from: &gradWeights, to: &self.userWeights)
        gradBuffer = AlignedBuffer(bytes: dnnl_memory_desc_get_size(&gradWeights))
    }

    /// The primitive of a primitive descriptor and the weights layout it chose; records
    /// which kernel oneDNN picked for the pass.
    private func instantiate(_ pd: dnnl_primitive_desc_t?, weights query: dnnl_query_t,
                             kernel: WritableKeyPath<Kernels, String?>) -> (dnnl_primitive_t?, dnnl_memory_desc_t)? {
        var p: dnnl_primitive_t?
        guard dnnl_primitive_create(&p, pd) == dnnl_success, let md = dnnl_primitive_desc_query_md(pd, query, 0) else { return nil }
        kernels[keyPath: kernel] = OneDNN.implementation(pd)
        return (p, md.pointee)
    }

    /// Whether a primitive's activation argument `query` has the layout `expected`.
    private func takes(_ pd: dnnl_primitive_desc_t?, _ query: dnnl_query_t, _ expected: dnnl_memory_desc_t) -> Bool {
        guard var md = dnnl_primitive_desc_query_md(pd, query, 0)?.pointee else { return false }
        var expected = expected
        return dnnl_memory_desc_equal(&md, &expected) != 0
    }

    deinit {
        for p in [forwardPrimitive, dataPrimitive, weightsPrimitive, toForward, toData, fromGrad] where p != nil {
            dnnl_primitive_destroy(p)
        }
    }

    /// Weights as `primitive` wants them: the user's buffer itself, or a reordered copy.
    /// An inference plan (its only pass is the forward) remakes the copy only when the
    /// weights differ from `reorderedFrom`.
    private func weights(_ w: UnsafeMutablePointer<Float>, reorder: dnnl_primitive_t?, into buffer: AlignedBuffer,
                         _ md: inout dnnl_memory_desc_t, _ body: (dnnl_memory_t?) -> Void) {
        let user = dnnl.memory(&userWeights, w)
        defer { dnnl_memory_destroy(user) }
        guard let reorder else { body(user); return }
        let bytes = dnnl_memory_desc_get_size(&userWeights)
        let unchanged = reorderedFrom?.withUnsafeBytes { $0.count == bytes && memcmp($0.baseAddress!, w, bytes) == 0 } ?? false
        let m = dnnl.memory(&md, buffer.pointer)
        defer { dnnl_memory_destroy(m) }
        if !unchanged { dnnl.execute(reorder, [(DNNL_ARG_FROM, user), (DNNL_ARG_TO, m)]) }
        body(m)
        if reorderedFrom != nil && !unchanged { reorderedFrom = Array(UnsafeBufferPointer(start: w, count: bytes / 4)) }
    }

    /// y = conv(x, w) + b, with ReLU applied when fused. The weights are reordered once for
    /// all of this plan's slices; the tail, a plan of its own, does the same for its images.
    func forward(x: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>?, y: UnsafeMutablePointer<Float>) {
        forward(x: x, w: w, b: b, y: .buffer(y))
    }

    /// The output side of a convolution: our buffer for the whole batch, in the plan's own
    /// output layout (NHWC, or nChw16c for a plan made with `blockedOutput`); or, when the
    /// plan `handsOutBlocked`, a visitor that gets each slice in the kernels' blocked layout
    /// nChw16c: `(first image, images, pointer)`. The forward pass hands the visitor its
    /// output to read; the backward pass hands it the buffer to fill with the output's
    /// gradient. Pooling reads and writes that layout itself (`Conv2D.forwardPooled`), which
    /// saves two reorders.
    enum OutputSide {
        case buffer(UnsafeMutablePointer<Float>)
        case blocked((Int, Int, UnsafeMutablePointer<Float>) -> Void)

        /// The same side for the images from `n` on, each `size` floats.
        func dropping(_ n: Int, imageSize size: Int) -> OutputSide {
            switch self {
            case .buffer(let p): .buffer(p + n * size)
            case .blocked(let visit): .blocked { first, count, p in visit(first + n, count, p) }
            }
        }
    }

    /// True when the output is in the blocked layout nChw16c for every slice, so that the
    /// plan can take `OutputSide.blocked`.
    var handsOutBlocked: Bool {
        (blocked?.dstIsBlocked16 ?? false) && (tail?.handsOutBlocked ?? true)
    }

    /// True when the primitives take their input in the blocked layout nChw16c, so that a
    /// layer before can hand its output over in it (`inputBlocked`).
    var takesBlockedInput: Bool {
        (blocked?.srcIsBlocked16 ?? false) && (tail?.takesBlockedInput ?? true)
    }

    /// Set by the layer for each call: the input x (and the input gradient dx to write) are
    /// whole batches in nChw16c, so the slices read and write them in place, without the
    /// reorders to and from NHWC. Needs `takesBlockedInput`.
    var inputBlocked = false {
        didSet { tail?.inputBlocked = inputBlocked }
    }

    func forward(x: UnsafeMutablePointer<Float>, w: UnsafeMutablePointer<Float>, b: UnsafeMutablePointer<Float>?, y: OutputSide) {
        let bs = b.flatMap { dnnl.memory(&bias, $0) }
        defer { if let bs { dnnl_memory_destroy(bs) } }
        weights(w, reorder: toForward, into: forwardBuffer, &forwardWeights) { ws in
            for k in 0..<repeats { forwardSlice(x: x + k * images * srcImage, y: y.dropping(k * images, imageSize: dstImage), weights: ws, bias: bs) }
        }
        tail?.forward(x: x + repeats * images * srcImage, w: w, b: b, y: y.dropping(repeats * images, imageSize: dstImage))
    }

    private func forwardSlice(x: UnsafeMutablePointer<Float>, y: OutputSide, weights ws: dnnl_memory_t?, bias bs: dnnl_memory_t?) {
        func run(_ xs: dnnl_memory_t?, _ ys: dnnl_memory_t?) {
            var args: [(Int32, dnnl_memory_t?)] = [(DNNL_ARG_SRC, xs), (DNNL_ARG_WEIGHTS, ws), (DNNL_ARG_DST, ys)]
            if let bs { args.append((DNNL_ARG_BIAS, bs)) }
            dnnl.execute(forwardPrimitive, args, scratchpad: forwardScratch)
        }
        if let blocked {
            if inputBlocked {
                let xs = blocked.srcMemory(over: x)
                defer { dnnl_memory_destroy(xs) }
                run(xs, blocked.dstMemory)
            } else {
                blocked.loadSrc(x)
                run(blocked.srcMemory, blocked.dstMemory)
            }
            switch y {
            case .buffer(let p): blocked.storeDst(p)
            case .blocked(let visit): visit(0, images, blocked.dstPointer)
            }
            return
        }
        guard case .buffer(let y) = y else { preconditionFailure("a blocked output side needs handsOutBlocked") }
        let xs = dnnl.memory(&src, x), ys = dnnl.memory(&dst, y)
        defer { dnnl_memory_destroy(xs); dnnl_memory_destroy(ys) }
        run(xs, ys)
    }

    /// The backward passes from dz = dLoss/dPre-activation: dw, db = dLoss/dWeights and
    /// dLoss/dBias (overwritten, not accumulated) when `dw` is given (the plan must have that
    /// pass), and dx = dLoss/dInput when `dx` is given. Slice by slice, each slice's two passes
    /// share its output gradient in the blocked layout; the weights for the data pass are
    /// reordered once for all slices, and the slices after the first add their gradients in.
    func backward(x: UnsafeMutablePointer<Float>, dz: OutputSide, w: UnsafeMutablePointer<Float>,
                  dw: UnsafeMutablePointer<Float>?, db: UnsafeMutablePointer<Float>?, dx: UnsafeMutablePointer<Float>?) {
        func slices(_ ws: dnnl_memory_t?) {
            for k in 0..<repeats {
                let first = k * images
                let run = { (gw: UnsafeMutablePointer<Float>?, gb: UnsafeMutablePointer<Float>?) in
                    self.backwardSlice(x: x + first * self.srcImage, dz: dz.dropping(first, imageSize: self.dstImage), dataWeights: ws,
                                       dw: gw, db: gb, dx: dx.map { $0 + first * self.srcImage })
                }
                if k > 0, let dw { addingSliceGradient(to: dw, db, run) } else { run(dw, db) }
            }
        }
        if dx != nil { weights(w, reorder: toData, into: dataBuffer, &dataWeights, slices) } else { slices(nil) }
        guard let tail else { return }
        let first = repeats * images
        let rest = { (gw: UnsafeMutablePointer<Float>?, gb: UnsafeMutablePointer<Float>?) in
            tail.backward(x: x + first * self.srcImage, dz: dz.dropping(first, imageSize: self.dstImage), w: w, dw: gw, db: gb, dx: dx.map { $0 + first * self.srcImage })
        }
        if let dw { addingSliceGradient(to: dw, db, rest) } else { rest(nil, nil) }
    }

    /// Runs `body` on scratch weight and bias gradients (no bias one when `db` is nil) and
    /// adds them to `dw` and `db`.
    private func addingSliceGradient(to dw: UnsafeMutablePointer<Float>, _ db: UnsafeMutablePointer<Float>?,
                                     _ body: (UnsafeMutablePointer<Float>?, UnsafeMutablePointer<Float>?) -> Void) {
        let weightCount = dnnl_memory_desc_get_size(&userWeights) / 4
        let biasCount = db == nil ? 0 : dnnl_memory_desc_get_size(&bias) / 4
        if sliceGradient.count < weightCount + biasCount { sliceGradient = [Float](repeating: 0, count: weightCount + biasCount) }
        sliceGradient.withUnsafeMutableBufferPointer { g in
            let gw = g.baseAddress!, gb = db == nil ? nil : gw + weightCount
            body(gw, gb)
            for i in 0..<weightCount { dw[i] += gw[i] }
            if let db, let gb { for i in 0..<biasCount { db[i] += gb[i] } }
        }
    }

    private func backwardSlice(x: UnsafeMutablePointer<Float>, dz: OutputSide, dataWeights ws: dnnl_memory_t?,
                               dw: UnsafeMutablePointer<Float>?, db: UnsafeMutablePointer<Float>?, dx: UnsafeMutablePointer<Float>?) {
        // The output gradient as the primitives take it: ours, or in the blocked buffer.
        let dzs: dnnl_memory_t?
        if let blocked {
            switch dz {
            case .buffer(let p): blocked.loadDst(p)
            case .blocked(let fill): fill(0, images, blocked.dstPointer)
            }
            dzs = blocked.dstMemory
        } else {
            guard case .buffer(let dz) = dz else { preconditionFailure("a blocked output side needs handsOutBlocked") }
            dzs = dnnl.memory(&dst, dz)
        }
        defer { if blocked == nil { dnnl_memory_destroy(dzs) } }
        // The input and its gradient: our buffers as they are (plain, or handed over blocked),
        // or copies through the blocked buffer.
        let copies = blocked != nil && !inputBlocked
        func ours(_ p: UnsafeMutablePointer<Float>) -> dnnl_memory_t? { blocked?.srcMemory(over: p) ?? dnnl.memory(&src, p) }
        if let dw {
            // The forward's blocked copy of this slice's input was overwritten by the next
            // slice; a copy kept per slice would cost the memory that slicing saves.
            if copies { blocked!.loadSrc(x) }
            let xs = copies ? blocked!.srcMemory : ours(x)
            defer { if !copies { dnnl_memory_destroy(xs) } }
            Profiler.measure("  weights gradient") { weightsPass(xs: xs, dzs: dzs, dw: dw, db: db) }
        }
        guard let dx else { return }
        Profiler.measure("  input gradient") {
            // The blocked input side is free once the weights pass has read it.
            let dxs = copies ? blocked!.srcMemory : ours(dx)
            defer { if !copies { dnnl_memory_destroy(dxs) } }
            dnnl.execute(dataPrimitive, [(DNNL_ARG_DIFF_DST, dzs), (DNNL_ARG_WEIGHTS, ws), (DNNL_ARG_DIFF_SRC, dxs)], scratchpad: dataScratch)
            if copies { blocked!.storeSrc(dx) }
        }
    }

    private func weightsPass(xs: dnnl_memory_t?, dzs: dnnl_memory_t?, dw: UnsafeMutablePointer<Float>, db: UnsafeMutablePointer<Float>?) {
        let user = dnnl.memory(&userWeights, dw)
        let dbs = db.map { dnnl.memory(&bias, $0) }
        defer { dnnl_memory_destroy(user); if let dbs { dnnl_memory_destroy(dbs) } }
        func run(_ target: dnnl_memory_t?) {
            var args: [(Int32, dnnl_memory_t?)] = [(DNNL_ARG_SRC, xs), (DNNL_ARG_DIFF_DST, dzs), (DNNL_ARG_DIFF_WEIGHTS, target)]
            if let dbs { args.append((DNNL_ARG_DIFF_BIAS, dbs)) }
            dnnl.execute(weightsPrimitive, args, scratchpad: weightsScratch)
        }
        guard let fromGrad else { run(user); return }
        let m = dnnl.memory(&gradWeights, gradBuffer.pointer)
        defer { dnnl_memory_destroy(m) }
        run(m)
        dnnl.execute(fromGrad, [(DNNL_ARG_FROM, m), (DNNL_ARG_TO, user)])
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
    /// With `blockedOutput` the output (and its gradient) is nChw16c, for a layer after that
    /// takes it so (`takesBlockedInput`), and the direct algorithm is used.
    static func convolution(_ g: ConvGeometry, batch: Int, activation: Activation, useBias: Bool, inference: Bool,
                            blockedOutput: Bool = false) -> OneDNNPlan? {
        if blockedOutput {
            return convolution(g, batch: batch, activation: activation, useBias: useBias, inference: inference, winograd: false,
                               output: dnnl_nChw16c)
        }
        if winogradPays(g), let plan = winograd(g, batch: batch, activation: activation, useBias: useBias, inference: inference) {
            return plan
        }
        return convolution(g, batch: batch, activation: activation, useBias: useBias, inference: inference, winograd: false)
    }

    /// oneDNN's Winograd kernels (AVX-512 only) take 3x3 kernels at stride 1 over channels in
    /// multiples of 16, such as net_1's second layer (32 to 64 channels); other channel counts
    /// they pad to 16 and are slower. For that layer at batch 128 a training step's three
    /// passes took 27.6 ms in slices of 32 images, reorders to their blocked layout and back
    /// included, against 40-42 ms for the direct kernels (the inference pass at batch 32:
    /// 1.8 ms against 3.3). CNNSH_NO_WINOGRAD=1 turns them off.
    static func winogradPays(_ g: ConvGeometry) -> Bool {
        g.kH == 3 && g.kW == 3 && g.sH == 1 && g.sW == 1 && g.inC % 16 == 0 && g.outC % 16 == 0
            && ProcessInfo.processInfo.environment["CNNSH_NO_WINOGRAD"] == nil
    }

    /// Winograd's scratch space holds every 6x6 tile of the input and output transformed, 36
    /// floats per channel for each 4x4 block of output: a whole batch of 128 took 130-155 MB
    /// more memory for net_1. So the plan runs on slices of the batch, as many images as fit
    /// in `winogradSliceBytes` (at most `winogradSliceImages`): 24 images for net_1's second
    /// layer (28x28, "same"), 32 for it over 26x26 ("valid"), 4 for a 63x63 layer of the
    /// cats-vs-dogs model. Slices also keep the transforms in cache: 32 images four times
    /// took 27.6 ms where 128 at once took 35.5. Budgets of 32 and 64 MB made no difference
    /// to net_1's step that this machine's noise would show; 8 MB (12 images) was slower.
    static let winogradSliceBytes = 16 << 20, winogradSliceImages = 32

    static func winogradSlice(_ g: ConvGeometry) -> Int {
        let tiles = ((g.outH + 3) / 4) * ((g.outW + 3) / 4)
        let bytesPerImage = tiles * 36 * (g.inC + g.outC) * 4
        return max(1, min(winogradSliceImages, winogradSliceBytes / max(bytesPerImage, 1)))
    }

    /// A Winograd plan over `batch` images in slices (`winogradSlice`), or nil when oneDNN
    /// declines.
    private static func winograd(_ g: ConvGeometry, batch: Int, activation: Activation, useBias: Bool, inference: Bool) -> OneDNNPlan? {
        let slice = min(batch, winogradSlice(g)), left = batch % slice
        guard let plan = convolution(g, batch: slice, activation: activation, useBias: useBias, inference: inference, winograd: true) else { return nil }
        plan.repeats = batch / slice
        if left > 0 {
            guard let tail = convolution(g, batch: left, activation: activation, useBias: useBias, inference: inference, winograd: true) else { return nil }
            plan.tail = tail
        }
        return plan
    }

    private static func convolution(_ g: ConvGeometry, batch: Int, activation: Activation, useBias: Bool, inference: Bool, winograd: Bool,
                                    output: dnnl_format_tag_t = dnnl_nhwc) -> OneDNNPlan? {
        // Beside a blocked output oneDNN's direct kernels take their input as NCHW (with NHWC
        // they fall back to their reference loops): with one channel the same bytes as NHWC;
        // with more, the layer hands the plan an NCHW copy (`Conv2D.planInput`).
        let userSrc = OneDNN.descriptor([batch, g.inC, g.inH, g.inW], output != dnnl_nhwc ? dnnl_nchw : dnnl_nhwc)
        let userDst = OneDNN.descriptor([batch, g.outC, g.outH, g.outW], output)
        // Winograd picks its own activation layout; the plan reorders to and from it.
        var src = winograd ? OneDNN.descriptor([batch, g.inC, g.inH, g.inW], dnnl_format_tag_any) : userSrc
        var dst = winograd ? OneDNN.descriptor([batch, g.outC, g.outH, g.outW], dnnl_format_tag_any) : userDst
        let weights = [g.outC, g.inC, g.kH, g.kW]
        func dims(_ a: [Int]) -> [Int64] { a.map(Int64.init) + [Int64](repeating: 0, count: 12 - a.count) }
        var strides = dims([g.sH, g.sW]), padL = dims([g.padTop, g.padLeft])
        var padR = dims([max(0, (g.outH - 1) * g.sH + g.kH - g.inH - g.padTop), max(0, (g.outW - 1) * g.sW + g.kW - g.inW - g.padLeft)])
        let algorithm = winograd ? dnnl_convolution_winograd : inference ? dnnl_convolution_auto : dnnl_convolution_direct
        let backwardAlgorithm = winograd ? dnnl_convolution_winograd : dnnl_convolution_direct
        // With one input channel oneDNN 2.6 has only a slow generic kernel for the weights
        // gradient (MNIST's first layer: its whole backward pass took 5.6 ms a batch of 32 with
        // it), so Conv2D computes that one itself (`cnnsh_conv1_weight_gradient`). With three
        // (CIFAR-10) oneDNN's is already the faster.
        let ops = Operations(
            forward: { prop, w, b, attr in
                var d = dnnl_convolution_desc_t()
                guard dnnl_convolution_forward_desc_init(&d, prop, algorithm, &src, w, b, &dst, &strides, &padL, &padR) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, attr, hint: nil)
            },
            backwardData: { w, hint, attr in
                var d = dnnl_convolution_desc_t()
                guard dnnl_convolution_backward_data_desc_init(&d, backwardAlgorithm, &src, w, &dst, &strides, &padL, &padR) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, attr, hint: hint)
            },
            backwardWeights: g.inC == 1 ? nil : { w, b, hint, attr in
                var d = dnnl_convolution_desc_t()
                guard dnnl_convolution_backward_weights_desc_init(&d, backwardAlgorithm, &src, w, b, &dst, &strides, &padL, &padR) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, attr, hint: hint)
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
            backwardData: { w, hint, attr in
                var d = dnnl_inner_product_desc_t()
                guard dnnl_inner_product_backward_data_desc_init(&d, &src, w, &dst) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, attr, hint: hint)
            },
            backwardWeights: { w, b, hint, attr in
                var d = dnnl_inner_product_desc_t()
                guard dnnl_inner_product_backward_weights_desc_init(&d, &src, w, b, &dst) == dnnl_success else { return nil }
                return primitiveDescriptor(&d, attr, hint: hint)
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
        y.data.withUnsafeMutableBufferPointer { yp in
            let yb = yp.baseAddress!
            forward(x: x, weight: weight, bias: bias, y: .buffer(yb))
            if !fusedRelu { activation.apply(yb, rows: count / width, width: width) }
        }
    }

    /// The forward pass on a layer's parameters, its output to `y` (the activation fused only
    /// when it is ReLU).
    func forward(x: Tensor, weight: Parameter, bias: Parameter?, y: OutputSide) {
        x.data.withUnsafeBufferPointer { xp in
            weight.value.data.withUnsafeMutableBufferPointer { wp in
                let xb = UnsafeMutablePointer(mutating: xp.baseAddress!), wb = wp.baseAddress!
                let go = { (b: UnsafeMutablePointer<Float>?) in self.forward(x: xb, w: wb, b: b, y: y) }
                if let bias { bias.value.data.withUnsafeMutableBufferPointer { go($0.baseAddress!) } } else { go(nil) }
            }
        }
    }

    /// Fills the weight and bias gradients from the layer's input `x` and dz (the gradient at
    /// the activation's input) when the plan has that pass (`hasWeightsPass`), and dx (the
    /// input gradient) when one is wanted.
    func gradients(x: Tensor, dz: inout Tensor, weight: Parameter, bias: Parameter?, dx: inout Tensor, wantInput: Bool) {
        dz.data.withUnsafeMutableBufferPointer { dp in
            gradients(x: x, dz: .buffer(dp.baseAddress!), weight: weight, bias: bias, dx: &dx, wantInput: wantInput)
        }
    }

    /// The same with dz on either side (`OutputSide`).
    func gradients(x: Tensor, dz: OutputSide, weight: Parameter, bias: Parameter?, dx: inout Tensor, wantInput: Bool) {
        x.data.withUnsafeBufferPointer { xp in
            // Read only, so that no copy-on-write check copies the weights.
            weight.value.data.withUnsafeBufferPointer { wp in
                weight.grad.data.withUnsafeMutableBufferPointer { gw in
                    dx.data.withUnsafeMutableBufferPointer { dxp in
                        let xb = UnsafeMutablePointer(mutating: xp.baseAddress!)
                        let wb = UnsafeMutablePointer(mutating: wp.baseAddress!)
                        let gwb = hasWeightsPass ? gw.baseAddress! : nil, dxb = wantInput ? dxp.baseAddress! : nil
                        let go = { (gb: UnsafeMutablePointer<Float>?) in self.backward(x: xb, dz: dz, w: wb, dw: gwb, db: gb, dx: dxb) }
                        if let bias, hasWeightsPass { bias.grad.data.withUnsafeMutableBufferPointer { go($0.baseAddress!) } } else { go(nil) }
                    }
                }
            }
        }
    }
}
