/// Floats on a 64-byte boundary, for buffers oneDNN's kernels write. Some of them store with
/// aligned instructions: Winograd's weights gradient writes with `vmovntps`, which faults on
/// an address that is not a multiple of 64. A Swift array's elements are only 16-byte
/// aligned, so that kernel crashed whenever the array happened to land off a 64-byte boundary
/// (it showed up as a null-pointer crash, now and then).
final class AlignedBuffer {
    let pointer: UnsafeMutablePointer<Float>
    let bytes: Int

    init(count: Int) {
        bytes = count * 4
        let raw = UnsafeMutableRawPointer.allocate(byteCount: max(count, 1) * 4, alignment: 64)
        pointer = raw.initializeMemory(as: Float.self, repeating: 0, count: max(count, 1))
    }

    /// A buffer of `bytes` bytes (a oneDNN memory descriptor's size).
    convenience init(bytes: Int) { self.init(count: (bytes + 3) / 4) }

    deinit { pointer.deallocate() }
}
