import CDNNL

/// A convolution's input and output in the blocked layout of oneDNN's Winograd kernels
/// (nChw16c), which do not take our NHWC tensors: the plan reorders the input in and the
/// output out around its forward pass.
final class OneDNNBlockedActivations {
    private let dnnl = OneDNN.shared
    private var userSrc, userDst: dnnl_memory_desc_t
    private var src, dst: dnnl_memory_desc_t
    private let srcIn, dstOut: dnnl_primitive_t?
    private let srcBuffer, dstBuffer: UnsafeMutableRawPointer
    /// oneDNN memory objects over the two buffers, made once.
    let srcMemory, dstMemory: dnnl_memory_t?

    /// Nil when a reorder between the layouts cannot be made.
    init?(userSrc: dnnl_memory_desc_t, src: dnnl_memory_desc_t, userDst: dnnl_memory_desc_t, dst: dnnl_memory_desc_t) {
        self.userSrc = userSrc; self.src = src; self.userDst = userDst; self.dst = dst
        srcIn = dnnl.reorder(from: &self.userSrc, to: &self.src)
        dstOut = dnnl.reorder(from: &self.dst, to: &self.userDst)
        srcBuffer = .allocate(byteCount: dnnl_memory_desc_get_size(&self.src), alignment: 64)
        dstBuffer = .allocate(byteCount: dnnl_memory_desc_get_size(&self.dst), alignment: 64)
        srcMemory = dnnl.memory(&self.src, srcBuffer)
        dstMemory = dnnl.memory(&self.dst, dstBuffer)
        if srcIn == nil || dstOut == nil || srcMemory == nil || dstMemory == nil { return nil }
    }

    deinit {
        for p in [srcIn, dstOut] where p != nil { dnnl_primitive_destroy(p) }
        for m in [srcMemory, dstMemory] where m != nil { dnnl_memory_destroy(m) }
        srcBuffer.deallocate()
        dstBuffer.deallocate()
    }

    /// Copies our NHWC `x` into the input side.
    func loadSrc(_ x: UnsafeMutablePointer<Float>) { copy(srcIn, user: &userSrc, x, inner: srcMemory, inward: true) }
    /// Copies the output side out to our NHWC `y`.
    func storeDst(_ y: UnsafeMutablePointer<Float>) { copy(dstOut, user: &userDst, y, inner: dstMemory, inward: false) }

    /// Runs `reorder` from our buffer `p` to a blocked side (`inward`) or back.
    private func copy(_ reorder: dnnl_primitive_t?, user md: inout dnnl_memory_desc_t, _ p: UnsafeMutablePointer<Float>,
                      inner: dnnl_memory_t?, inward: Bool) {
        let user = dnnl.memory(&md, p)
        defer { dnnl_memory_destroy(user) }
        dnnl.execute(reorder, inward ? [(DNNL_ARG_FROM, user), (DNNL_ARG_TO, inner)] : [(DNNL_ARG_FROM, inner), (DNNL_ARG_TO, user)])
    }
}
