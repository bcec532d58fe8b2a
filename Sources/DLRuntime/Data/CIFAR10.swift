import Foundation

/// CIFAR-10 from its canonical binary batches (`cifar-10-batches-bin/`), as Keras's
/// `cifar10.load_data()` returns it: uint8 images (n, 32, 32, 3) and labels shaped (n, 1).
/// Each record is a label byte and 3,072 pixel bytes: the red plane, then green, then blue,
/// each 32x32 row by row; they are interleaved here into NHWC.
public enum CIFAR10 {
    public static let classes = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"]
    public static let trainFiles = (1...5).map { "data_batch_\($0).bin" }
    public static let testFile = "test_batch.bin"
    /// The canonical archive (Alex Krizhevsky's page), unpacked into `cifar-10-batches-bin/`.
    public static let sourceURL = "https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz"
    static let recordSize = 1 + 32 * 32 * 3

    public static func load(directory: URL? = nil) throws -> (train: (x: Tensor, y: Tensor), test: (x: Tensor, y: Tensor)) {
        let dir = directory ?? DataDirectory.root.appendingPathComponent("cifar-10-batches-bin")
        try Downloader.ensureArchive(files: trainFiles + [testFile], in: dir, from: sourceURL, dataset: "CIFAR-10")
        var trainParts: [[UInt8]] = []
        for f in trainFiles { trainParts.append(try readBatch(dir.appendingPathComponent(f).path)) }
        let train = decode(Array(trainParts.joined()))
        let test = decode(try readBatch(dir.appendingPathComponent(testFile).path))
        return (train, test)
    }

    /// A batch file's bytes, checked to be whole records.
    static func readBatch(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CnnError(.fileNotReadable, path) }
        let bytes = [UInt8](data)
        try checkBatch(bytes, name: path)
        return bytes
    }

    /// Whole records, each with a label from 0 to 9; `name` is used in errors.
    public static func checkBatch(_ bytes: [UInt8], name: String) throws {
        guard !bytes.isEmpty, bytes.count % recordSize == 0 else {
            throw CnnError(.cifarTruncated, name, bytes.count, recordSize)
        }
        if let bad = stride(from: 0, to: bytes.count, by: recordSize).first(where: { bytes[$0] > 9 }) {
            throw CnnError(.cifarBadLabel, name, bad / recordSize, bytes[bad])
        }
    }

    /// Records -> (n, 32, 32, 3) uint8-valued images and (n, 1) labels.
    public static func decode(_ bytes: [UInt8]) -> (x: Tensor, y: Tensor) {
        let n = bytes.count / recordSize
        var x = [Float](repeating: 0, count: n * 3072)
        var y = [Float](repeating: 0, count: n)
        bytes.withUnsafeBufferPointer { b in
            x.withUnsafeMutableBufferPointer { out in
                for r in 0..<n {
                    let rec = r * recordSize
                    y[r] = Float(b[rec])
                    for p in 0..<1024 {
                        for c in 0..<3 { out[r * 3072 + p * 3 + c] = Float(b[rec + 1 + c * 1024 + p]) }
                    }
                }
            }
        }
        return (Tensor(shape: [n, 32, 32, 3], data: x, dtype: .uint8), Tensor(shape: [n, 1], data: y, dtype: .uint8))
    }

    /// Records for tests and tools: images (n, 32, 32, 3) and labels back into the binary layout.
    public static func encode(x: Tensor, y: Tensor) -> [UInt8] {
        let n = x.shape[0]
        var out = [UInt8](repeating: 0, count: n * recordSize)
        for r in 0..<n {
            out[r * recordSize] = UInt8(y.data[r])
            for p in 0..<1024 { for c in 0..<3 { out[r * recordSize + 1 + c * 1024 + p] = UInt8(x.data[r * 3072 + p * 3 + c]) } }
        }
        return out
    }
}
