import Foundation
import CDNNL

/// oneDNN (Debian's libdnnl, its C API): the CPU engine and stream every primitive runs on,
/// and small helpers that keep the C calls short. oneDNN picks its best kernels for this
/// CPU (AVX-512, AVX2, ...) at run time, so one build serves every x86-64 machine.
final class OneDNN {
    nonisolated(unsafe) static let shared = OneDNN()

    let engine: dnnl_engine_t?
    let stream: dnnl_stream_t?

    private init() {
        var e: dnnl_engine_t?
        var s: dnnl_stream_t?
        if dnnl_engine_create(&e, dnnl_cpu, 0) == dnnl_success, let e,
           dnnl_stream_create(&s, e, dnnl_stream_default_flags.rawValue) == dnnl_success {
            engine = e; stream = s
        } else {
            engine = nil; stream = nil
        }
    }

    var available: Bool { engine != nil && ProcessInfo.processInfo.environment["CNNSH_NO_ONEDNN"] == nil }

    /// A float32 memory descriptor for logical `dims` in the layout `tag`.
    static func descriptor(_ dims: [Int], _ tag: dnnl_format_tag_t) -> dnnl_memory_desc_t {
        var md = dnnl_memory_desc_t()
        var d = dims.map(Int64.init) + [Int64](repeating: 0, count: 12 - dims.count)
        _ = dnnl_memory_desc_init_by_tag(&md, Int32(dims.count), &d, dnnl_f32, tag)
        return md
    }

    /// A memory object over a buffer we own (no copy); destroyed by the caller.
    func memory(_ md: UnsafePointer<dnnl_memory_desc_t>, _ p: UnsafeMutableRawPointer?) -> dnnl_memory_t? {
        var m: dnnl_memory_t?
        guard dnnl_memory_create(&m, md, engine, p) == dnnl_success else { return nil }
        return m
    }

    /// Runs a primitive on (argument, memory) pairs and waits for it. A primitive made in
    /// user scratchpad mode (`scratchpadAttribute`) gets its scratch space from `scratchpad`.
    func execute(_ primitive: dnnl_primitive_t?, _ args: [(Int32, dnnl_memory_t?)], scratchpad: Scratchpad? = nil) {
        var a = args.map { dnnl_exec_arg_t(arg: $0.0, memory: $0.1) }
        var scratch: dnnl_memory_t?
        if var pad = scratchpad, pad.bytes > 0 {
            scratch = memory(&pad.descriptor, Self.scratch(bytes: pad.bytes))
            a.append(dnnl_exec_arg_t(arg: DNNL_ARG_SCRATCHPAD, memory: scratch))
        }
        defer { if scratch != nil { dnnl_memory_destroy(scratch) } }
        _ = dnnl_primitive_execute(primitive, stream, Int32(a.count), &a)
        _ = dnnl_stream_wait(stream)
    }

    /// The scratch space a primitive made in user mode needs.
    struct Scratchpad {
        var descriptor = dnnl_memory_desc_t()
        var bytes = 0

        /// The scratchpad of primitive descriptor `pd` (none in library mode).
        init(_ pd: dnnl_primitive_desc_t?) {
            guard let md = dnnl_primitive_desc_query_md(pd, dnnl_query_scratchpad_md, 0)?.pointee else { return }
            descriptor = md
            bytes = dnnl_memory_desc_get_size(&descriptor)
        }
    }

    /// Primitive attributes asking for user scratchpad mode. In library mode oneDNN allocates
    /// a primitive's scratch space at every execution and frees it after: Winograd's 16 MB came
    /// back as fresh pages from the kernel each time, 2,000-6,000 page faults a training step
    /// of net_1. One buffer per thread, grown to the largest need, serves every primitive
    /// instead (one thread runs one primitive at a time). The caller destroys the attributes.
    static func scratchpadAttribute() -> dnnl_primitive_attr_t? {
        var attr: dnnl_primitive_attr_t?
        dnnl_primitive_attr_create(&attr)
        dnnl_primitive_attr_set_scratchpad_mode(attr, dnnl_scratchpad_mode_user)
        return attr
    }

    private static let scratchBuffer = PerThread<AlignedBuffer>("OneDNN.scratch") { AlignedBuffer(count: 0) }

    /// This thread's scratch buffer, at least `bytes` long.
    private static func scratch(bytes: Int) -> UnsafeMutablePointer<Float> {
        if scratchBuffer.value.bytes < bytes { scratchBuffer.value = AlignedBuffer(bytes: bytes) }
        return scratchBuffer.value.pointer
    }

    /// A reorder between two layouts of the same logical tensor, or nil if they are equal.
    func reorder(from: UnsafePointer<dnnl_memory_desc_t>, to: UnsafePointer<dnnl_memory_desc_t>) -> dnnl_primitive_t? {
        if dnnl_memory_desc_equal(from, to) != 0 { return nil }
        var pd: dnnl_primitive_desc_t?
        guard dnnl_reorder_primitive_desc_create(&pd, from, engine, to, engine, nil) == dnnl_success else { return nil }
        defer { dnnl_primitive_desc_destroy(pd) }
        var p: dnnl_primitive_t?
        guard dnnl_primitive_create(&p, pd) == dnnl_success else { return nil }
        return p
    }

    /// The implementation oneDNN chose (for `ONEDNN_VERBOSE`-style checks in tests).
    static func implementation(_ pd: dnnl_primitive_desc_t?) -> String {
        var s: UnsafePointer<CChar>?
        guard dnnl_primitive_desc_query(pd, dnnl_query_impl_info_str, 0, &s) == dnnl_success, let s else { return "?" }
        return String(cString: s)
    }
}
