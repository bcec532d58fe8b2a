import CDNNL

/// A convolution's input and output in the blocked layout of oneDNN's Winograd kernels
/// (nChw16c), which do not take our NHWC tensors: the plan reorders them in and out around
/// each pass. The two buffers serve all three passes in turn: the forward reads `src` and
/// writes `dst`; the weights pass reads the input again from `src` and the output's
/// gradient from `dst`; the data pass then writes the input's gradient over `src`.
final class OneDNNBlockedActivations {
    private let dnnl = OneDNN.shared
    private var userSrc, userDst: dnnl_memory_desc_t
    private var src, dst: dnnl_memory_desc_t
    private let srcIn, dstOut, dstIn, srcOut: dnnl_primitive_t?
    private let srcBuffer, dstBuffer: AlignedBuffer
    /// oneDNN memory objects over the two buffers, made once.
    let srcMemory, dstMemory: dnnl_memory_t?
    /// The output side's buffer, for code that reads or writes the blocked layout itself.
    var dstPointer: UnsafeMutablePointer<Float> { dstBuffer.pointer }
    /// Whether the output side is nChw16c (what `cnnsh_max_pool_2x2_blocked` reads), and the
    /// input side (what a layer before may hand over, `Conv2D.inputBlocked`).
    let dstIsBlocked16, srcIsBlocked16: Bool

    /// Nil when a reorder between the layouts cannot be made.
    init?(userSrc: dnnl_memory_desc_t, src: dnnl_memory_desc_t, userDst: dnnl_memory_desc_t, dst: dnnl_memory_desc_t) {
        self.userSrc = userSrc; self.src = src; self.userDst = userDst; self.dst = dst
        srcIn = dnnl.reorder(from: &self.userSrc, to: &self.src)
        dstOut = dnnl.reorder(from: &self.dst, to: &self.userDst)
        dstIn = dnnl.reorder(from: &self.userDst, to: &self.dst)
        srcOut = dnnl.reorder(from: &self.src, to: &self.userSrc)
        srcBuffer = AlignedBuffer(bytes: dnnl_memory_desc_get_size(&self.src))
        dstBuffer = AlignedBuffer(bytes: dnnl_memory_desc_get_size(&self.dst))
        srcMemory = dnnl.memory(&self.src, srcBuffer.pointer)
        dstMemory = dnnl.memory(&self.dst, dstBuffer.pointer)
        func isBlocked16(_ md: inout dnnl_memory_desc_t) -> Bool {
            var blocked16 = OneDNN.descriptor([md.dims.0, md.dims.1, md.dims.2, md.dims.3].map(Int.init), dnnl_nChw16c)
            return md.ndims == 4 && dnnl_memory_desc_equal(&md, &blocked16) != 0
        }
        dstIsBlocked16 = isBlocked16(&self.dst)
        srcIsBlocked16 = isBlocked16(&self.src)
        if [srcIn, dstOut, dstIn, srcOut].contains(where: { $0 == nil }) || srcMemory == nil || dstMemory == nil { return nil }
    }

    deinit {
        for p in [srcIn, dstOut, dstIn, srcOut] where p != nil { dnnl_primitive_destroy(p) }
        for m in [srcMemory, dstMemory] where m != nil { dnnl_memory_destroy(m) }
    }

    /// A memory object (destroyed by the caller) over a buffer of ours that already holds the
    /// input side's layout: a slice of a batch handed over blocked.
    func srcMemory(over p: UnsafeMutablePointer<Float>) -> dnnl_memory_t? { dnnl.memory(&src, p) }

    /// Copy our NHWC input (`loadSrc`) or the output's gradient (`loadDst`) into their sides.
    func loadSrc(_ x: UnsafeMutablePointer<Float>) { copy(srcIn, user: &userSrc, x, inner: srcMemory, inward: true) }
    func loadDst(_ dy: UnsafeMutablePointer<Float>) { copy(dstIn, user: &userDst, dy, inner: dstMemory, inward: true) }
    /// Copy the output (`storeDst`) or the input's gradient (`storeSrc`) out to our NHWC buffer.
    func storeDst(_ y: UnsafeMutablePointer<Float>) { copy(dstOut, user: &userDst, y, inner: dstMemory, inward: false) }
    func storeSrc(_ dx: UnsafeMutablePointer<Float>) { copy(srcOut, user: &userSrc, dx, inner: srcMemory, inward: false) }

    /// Runs `reorder` from our buffer `p` to a blocked side (`inward`) or back.
    private func copy(_ reorder: dnnl_primitive_t?, user md: inout dnnl_memory_desc_t, _ p: UnsafeMutablePointer<Float>,
                      inner: dnnl_memory_t?, inward: Bool) {
        let user = dnnl.memory(&md, p)
        defer { dnnl_memory_destroy(user) }
        dnnl.execute(reorder, inward ? [(DNNL_ARG_FROM, user), (DNNL_ARG_TO, inner)] : [(DNNL_ARG_FROM, inner), (DNNL_ARG_TO, user)])
    }
}
