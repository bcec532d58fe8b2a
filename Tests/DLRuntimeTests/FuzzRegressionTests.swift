import Testing
import Foundation
@testable import DLRuntime

/// Inputs `scripts/fuzz` found that crashed a reader, each now a clear error. (The found
/// input, shortened to what matters.)
@Suite struct FuzzRegressionTests {
    /// IDX: dimensions whose product overflows Int, beside a zero that made the count look
    /// right (idx target).
    @Test func idxDimensionsThatOverflow() {
        let header: [UInt8] = [0, 0, 8, 4, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x04, 0, 0, 0, 0, 0, 0, 0, 0x12]
        expectError(.fileCorrupt) { _ = try IDX.parse(header, name: "crash.idx") }
    }

    /// A model file whose header length does not fit in Int (model-file target).
    @Test func modelFileHeaderLengthPastInt() throws {
        var file = Array("CNNSHMDL".utf8) + [1, 0, 0, 0] + [0x91, 0x03, 0, 0, 0xff, 0xff, 0xff, 0xff] + [UInt8](repeating: 7, count: 16)
        let crc = ModelFile.crc(Data(file))
        file += [UInt8(crc & 255), UInt8(crc >> 8 & 255), UInt8(crc >> 16 & 255), UInt8(crc >> 24)]
        expectError(.modelFileCorrupt) { _ = try ModelFile.decode(Data(file)) }
    }

    /// Broadcasting a size-0 axis against a size-1 one gives size 0, as in NumPy; it gave 1
    /// and read past the empty array (evaluator target, `zeros((0,)) < ones((1,))`).
    @Test func emptyAxisBroadcastsToEmpty() throws {
        #expect(broadcastShape([0], [1]) == [0])
        #expect(broadcastShape([1, 3], [0, 1]) == [0, 3])
        let r = try elementwise("<", Tensor(zeros: [0]), Tensor(zeros: [1]))
        #expect(r.shape == [0])
    }

    /// A 361-byte JPEG whose header claims 13835 x 32512 pixels: libjpeg took 20 s and 1.3 GB
    /// to decode it into grey (image target, reported as a timeout). Refused from the header.
    @Test func jpegClaimingHalfABillionPixels() throws {
        let file = ImageTests.fixtures.appendingPathComponent("huge-claim.jpg").path
        let e = expectError(.imageNotDecodable) { _ = try ImageCodec.decode(path: file) }
        #expect(e?.message.contains("13835x32512 pixels") == true)
    }

    /// A zip entry that claims far more bytes than deflate can make from its data.
    @Test func zipEntryClaimingTooMuch() {
        var zip = ZipArchive.write([("a.txt", Array("hello".utf8))])
        // Stored entries are not inflated: make the entry "deflated" and claim 4 GB.
        let central = zip.indices.first { zip[$0] == 0x50 && zip[$0 + 1] == 0x4b && zip[$0 + 2] == 1 && zip[$0 + 3] == 2 }!
        zip[central + 10] = 8
        for i in 0..<4 { zip[central + 24 + i] = 0xff }
        expectError(.zipCorrupt) { _ = try ZipArchive.read(zip, path: "claims.keras") }
    }
}
