import Foundation
import Testing
@testable import DLRuntime

/// `Parallel.forEachChunk` on libgomp's team: every item once, part numbers as promised, and
/// a loop inside a loop (libgomp gives it a team of one) still covers everything.
@Suite struct ParallelTests {
    @Test func theLoopsRunOnOneDNNsOpenMPTeam() {
        // Without it the loops fall back to Dispatch and pay for waking a second pool.
        #expect(OpenMPTeam.shared != nil)
    }

    @Test(arguments: [1, 2, 7, 1000])
    func everyItemOnceInItsPart(_ count: Int) {
        let parts = Parallel.parts(count)
        var seen = [Int](repeating: 0, count: count)
        var partOf = [Int](repeating: -1, count: count)
        seen.withUnsafeMutableBufferPointer { s in
            partOf.withUnsafeMutableBufferPointer { p in
                let sp = SharedPointer(s.baseAddress!), pp = SharedPointer(p.baseAddress!)
                Parallel.forEachChunk(count) { t, r in
                    for i in r { sp.p[i] += 1; pp.p[i] = t }
                }
            }
        }
        #expect(seen == [Int](repeating: 1, count: count))
        #expect(Set(partOf) == Set(0..<parts))
        #expect(partOf == partOf.sorted())  // contiguous parts, in order
    }

    @Test func aLoopInsideALoopCoversEverything() {
        let outer = 4, inner = 300
        var seen = [Int](repeating: 0, count: outer * inner)
        seen.withUnsafeMutableBufferPointer { s in
            let sp = SharedPointer(s.baseAddress!)
            Parallel.forEachChunk(outer) { _, r in
                for o in r {
                    Parallel.forEachChunk(inner) { _, q in for i in q { sp.p[o * inner + i] += 1 } }
                }
            }
        }
        #expect(seen == [Int](repeating: 1, count: outer * inner))
    }
}
