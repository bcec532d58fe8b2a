import Foundation

/// The runtime's own parallel loops run on oneDNN's OpenMP threads (libgomp's team) rather
/// than on a second pool. With two pools on a laptop's two cores, each convolution, pooling
/// and element-wise loop woke a sleeping thread of the other pool (a futex wake and a context
/// switch, tens of microseconds each, many times a batch), and a spinning pool starved the
/// other. With one team, a thread that just finished oneDNN's work picks up ours.
///
/// libgomp comes with libdnnl, so its entry points are looked up at run time (linking it by
/// name would need gcc's development files); without them, `shared` is nil and the caller
/// falls back to Dispatch.
final class OpenMPTeam: @unchecked Sendable {
    private typealias Outlined = @convention(c) (UnsafeMutableRawPointer?) -> Void
    private typealias Parallel = @convention(c) (Outlined, UnsafeMutableRawPointer?, UInt32, UInt32) -> Void
    private typealias Query = @convention(c) () -> Int32
    private typealias SetCount = @convention(c) (Int32) -> Void
    private let parallel: Parallel
    private let threadNumber, teamSize: Query
    private let setCount: SetCount

    static let shared: OpenMPTeam? = {
        guard let process = dlopen(nil, RTLD_NOW),
              let p = dlsym(process, "GOMP_parallel"),
              let n = dlsym(process, "omp_get_thread_num"),
              let s = dlsym(process, "omp_get_num_threads"),
              let c = dlsym(process, "omp_set_num_threads") else { return nil }
        return OpenMPTeam(parallel: unsafeBitCast(p, to: Parallel.self), threadNumber: unsafeBitCast(n, to: Query.self),
                          teamSize: unsafeBitCast(s, to: Query.self), setCount: unsafeBitCast(c, to: SetCount.self))
    }()

    private init(parallel: Parallel, threadNumber: Query, teamSize: Query, setCount: SetCount) {
        self.parallel = parallel; self.threadNumber = threadNumber; self.teamSize = teamSize; self.setCount = setCount
    }

    /// The team size of oneDNN's parallel regions from now on (`threads(n)`).
    func setThreads(_ n: Int) { setCount(Int32(n)) }

    /// What each thread of the team reads: the parts to share out and the work for one part.
    private struct Job {
        let parts: Int
        let part: (Int) -> Void
        let threadNumber: Query
        let teamSize: Query
    }

    /// Runs `part(t)` for every t in 0..<parts, spread over a team of up to `parts` threads
    /// (the calling thread is one of them). Inside another parallel region libgomp gives a
    /// team of one, and the parts run in turn.
    func run(parts: Int, _ part: (Int) -> Void) {
        withoutActuallyEscaping(part) { part in
            var job = Job(parts: parts, part: part, threadNumber: threadNumber, teamSize: teamSize)
            withUnsafeMutablePointer(to: &job) { jobPointer in
                parallel({ raw in
                    let job = raw!.assumingMemoryBound(to: Job.self).pointee
                    let size = Int(job.teamSize())
                    // The team may be smaller than asked: each thread takes every size-th part.
                    for t in stride(from: Int(job.threadNumber()), to: job.parts, by: size) { job.part(t) }
                }, UnsafeMutableRawPointer(jobPointer), UInt32(parts), 0)
            }
        }
    }
}
