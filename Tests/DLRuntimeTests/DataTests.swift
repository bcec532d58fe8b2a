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
        #expect(back.floats == t)
        #expect(back.dtype == .uint8)
    }

    @Test func truncatedIDXSaysWhatIsWrong() throws {
        var bytes = IDX.encode(Tensor(shape: [4, 5], data: [Float](repeating: 1, count: 20)))
        bytes.removeLast(3)
        let e = expectError(.idxTruncated) { _ = try IDX.parse(bytes, name: "train.idx") }
        #expect(e?.message.contains("train.idx") == true)
        #expect(e?.message.contains("(4, 5)") == true)
        #expect(throws: CnnError.self) { try IDX.parse([1, 2, 3], name: "x") }
    }

    @Test func gzipReaderRejectsCorruptFiles() throws {
        let d = tempDir()
        defer { try? FileManager.default.removeItem(at: d) }
        let path = d.appendingPathComponent("bad.gz").path
        // A gzip header followed by garbage.
        FileManager.default.createFile(atPath: path, contents: Data([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 0xff, 0xee, 0xdd]))
        #expect(throws: CnnError.self) { try readMaybeGzip(path) }
        #expect(throws: CnnError.self) { try readMaybeGzip(d.appendingPathComponent("missing.gz").path) }
    }

    @Test func missingMNISTSaysWhichFilesAndWhere() throws {
        setenv("CNNSH_OFFLINE", "1", 1)
        let d = tempDir()
        defer { try? FileManager.default.removeItem(at: d) }
        let e = expectError(.datasetMissing) { _ = try MNIST.load(directory: d) }
        #expect(e?.message.contains("train-images-idx3-ubyte.gz") == true)
        #expect(e?.message.contains(d.path) == true)
    }

    /// CIFAR-10's binary batches: planes of R, G, B become NHWC; labels come shaped (n, 1).
    @Test func cifarBatchesRoundTripAndAreChecked() throws {
        let d = tempDir()
        defer { try? FileManager.default.removeItem(at: d) }
        var x = Tensor(zeros: [2, 32, 32, 3], dtype: .uint8)
        for i in 0..<x.count { x.data[i] = Float(i % 251) }
        for (k, f) in (CIFAR10.trainFiles + [CIFAR10.testFile]).enumerated() {
            let y = Tensor(shape: [2, 1], data: [Float(k), 9], dtype: .uint8)
            FileManager.default.createFile(atPath: d.appendingPathComponent(f).path, contents: Data(CIFAR10.encode(x: x, y: y)))
        }
        let c = try CIFAR10.load(directory: d)
        #expect(c.train.x.shape == [10, 32, 32, 3])
        #expect(c.train.y.shape == [10, 1])
        #expect(c.test.x.slice(rows: 0..<2).floats.data == x.data)
        #expect(c.train.y.floats.data == [0, 9, 1, 9, 2, 9, 3, 9, 4, 9])
        // Planes: the first record's byte 1 is red of pixel 0, byte 1025 its green.
        let raw = CIFAR10.encode(x: x, y: Tensor(shape: [2, 1], data: [0, 0]))
        #expect(raw[1] == UInt8(x.data[0]) && raw[1 + 1024] == UInt8(x.data[1]))

        var bytes = [UInt8](try Data(contentsOf: d.appendingPathComponent(CIFAR10.testFile)))
        bytes.removeLast(10)
        FileManager.default.createFile(atPath: d.appendingPathComponent(CIFAR10.testFile).path, contents: Data(bytes))
        let truncated = expectError(.cifarTruncated) { _ = try CIFAR10.load(directory: d) }
        #expect(truncated?.message.contains("test_batch.bin") == true)
        setenv("CNNSH_OFFLINE", "1", 1)
        let empty = tempDir()
        defer { try? FileManager.default.removeItem(at: empty) }
        let missing = expectError(.datasetMissing) { _ = try CIFAR10.load(directory: empty) }
        #expect(missing?.message.contains("data_batch_1.bin") == true)
    }

    @Test func bundledSampleLoads() throws {
        let d = try MNIST.load(directory: repositoryRoot.appendingPathComponent("examples/data/mnist-sample"))
        #expect(d.train.x.shape == [6000, 28, 28])
        #expect(d.train.y.shape == [6000])
        #expect(d.test.x.shape == [1000, 28, 28])
        #expect(d.train.x.floats.data.max() == 255)
    }
}

/// The checkout this test file lives in.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
