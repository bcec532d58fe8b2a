import Foundation
import CBLAS

/// How many cores the runtime uses; `threads(n)` sets it, all cores by default.
public enum Parallel {
    nonisolated(unsafe) private static var _threads = ProcessInfo.processInfo.activeProcessorCount

    public static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    public static var threads: Int { _threads }

    /// Sets the thread count; 1...cores.
    public static func setThreads(_ n: Int) throws {
        guard n >= 1 && n <= cores else { throw CnnError(.threadsOutOfRange, n, cores) }
        _threads = n
        OpenMPTeam.shared?.setThreads(n)  // oneDNN's kernels use the same team
    }

    /// The runtime splits work across cores itself, so OpenBLAS must not spawn threads of its
    /// own inside those (two levels of threads on two cores only fight).
    public static func configureBLAS() {
        openblas_set_num_threads(1)
        // Activations are tens of megabytes, allocated and freed every batch. By default
        // glibc maps each from the kernel afresh (page faults, zero-filling); keeping freed
        // blocks in the heap lets the next batch reuse them.
        _ = glibcMallopt(-3 /* M_MMAP_THRESHOLD */, 1 << 30)
        _ = glibcMallopt(-1 /* M_TRIM_THRESHOLD */, 1 << 30)
    }

    /// Runs `body(t, range)` for `threads` contiguous parts of `0..<count`, in parallel.
    public static func forEachChunk(_ count: Int, minChunk: Int = 1, _ body: (Int, Range<Int>) -> Void) {
        let parts = parts(count, minChunk: minChunk)
        if parts == 1 { body(0, 0..<count); return }
        let part: (Int) -> Void = { t in
            let lo = count * t / parts, hi = count * (t + 1) / parts
            body(t, lo..<hi)
        }
        guard let team = OpenMPTeam.shared else { DispatchQueue.concurrentPerform(iterations: parts, execute: part); return }
        team.run(parts: parts, part)
    }

    /// Number of parts `forEachChunk` will use for `count` items.
    public static func parts(_ count: Int, minChunk: Int = 1) -> Int {
        max(1, min(threads, count / max(minChunk, 1)))
    }
}

/// A raw pointer that may cross into a `concurrentPerform` closure; each thread writes a
/// disjoint part of the buffer behind it.
public struct SharedPointer<T>: @unchecked Sendable {
    public let p: UnsafeMutablePointer<T>
    public init(_ p: UnsafeMutablePointer<T>) { self.p = p }
}

/// glibc's mallopt (malloc.h is not in Swift's Glibc module).
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
