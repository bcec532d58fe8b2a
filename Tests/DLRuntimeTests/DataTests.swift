import Foundation
import Testing
@testable import DLRuntime

@Suite struct DataTests {
    func tempDir() -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-test-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    @Test func idxRoundTrip() throws {
        let t = Tensor(shape: [2, 2, 3], data: (0..<12).map(Float.init), dtype: .uint8)
        let back = try IDX.parse(IDX.encode(t), name: "x")
        #expect(back == t)
        #expect(back.dtype == .uint8)
    }

    @Test func truncatedIDXSaysWhatIsWrong() throws {
        var bytes = IDX.encode(Tensor(shape: [4, 5], data: [Float](repeating: 1, count: 20)))
        bytes.removeLast(3)
        do {
            _ = try IDX.parse(bytes, name: "train.idx")
            Issue.record("should fail")
        } catch let e as CnnError {
            #expect(e.key == .idxTruncated)
            #expect(e.message.contains("train.idx"))
            #expect(e.message.contains("(4, 5)"))
        }
        #expect(throws: CnnError.self) { try IDX.parse([1, 2, 3], name: "x") }
    }

    @Test func gzipReaderRejectsCorruptFiles() throws {
        let d = tempDir()
        let path = d.appendingPathComponent("bad.gz").path
        // A gzip header followed by garbage.
        FileManager.default.createFile(atPath: path, contents: Data([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xee, 0xdd]))
        #expect(throws: CnnError.self) { try readMaybeGzip(path) }
        #expect(throws: CnnError.self) { try readMaybeGzip(d.appendingPathComponent("missing.gz").path) }
    }

    @Test func missingMNISTSaysWhichFilesAndWhere() throws {
        setenv("CNNSH_OFFLINE", "1", 1)
        let d = tempDir()
        do {
            _ = try MNIST.load(directory: d)
            Issue.record("should fail")
        } catch let e as CnnError {
            #expect(e.key == .datasetMissing)
            #expect(e.message.contains("train-images-idx3-ubyte.gz"))
            #expect(e.message.contains(d.path))
        }
    }

    @Test func bundledSampleLoads() throws {
        let d = try MNIST.load(directory: repositoryRoot.appendingPathComponent("examples/data/mnist-sample"))
        #expect(d.train.x.shape == [6000, 28, 28])
        #expect(d.train.y.shape == [6000])
        #expect(d.test.x.shape == [1000, 28, 28])
        #expect(d.train.x.data.max() == 255)
    }
}

/// The checkout this test file lives in.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
