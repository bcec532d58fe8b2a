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

    public static func load(directory: URL? = nil) throws -> (train: (x: ByteTensor, y: ByteTensor), test: (x: ByteTensor, y: ByteTensor)) {
        let dir = directory ?? DataDirectory.root.appendingPathComponent("cifar-10-batches-bin")
        try Downloader.ensureArchive(files: trainFiles + [testFile], in: dir, from: sourceURL, dataset: "CIFAR-10")
        // Decoded file by file into arrays of the final size: the five files are never
        // all in memory at once beside the images.
        var x: [UInt8] = [], y: [UInt8] = []
        x.reserveCapacity(50_000 * 3072); y.reserveCapacity(50_000)
        for f in trainFiles { append(records: try readBatch(dir.appendingPathComponent(f).path), x: &x, y: &y) }
        let train = (ByteTensor(shape: [y.count, 32, 32, 3], bytes: x), ByteTensor(shape: [y.count, 1], bytes: y))
        return (train, decode(try readBatch(dir.appendingPathComponent(testFile).path)))
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

    /// Records -> (n, 32, 32, 3) uint8 images and (n, 1) labels.
    public static func decode(_ bytes: [UInt8]) -> (x: ByteTensor, y: ByteTensor) {
        var x: [UInt8] = [], y: [UInt8] = []
        append(records: bytes, x: &x, y: &y)
        return (ByteTensor(shape: [y.count, 32, 32, 3], bytes: x), ByteTensor(shape: [y.count, 1], bytes: y))
    }

    /// Appends whole records' images, interleaved into NHWC, and labels.
    static func append(records bytes: [UInt8], x: inout [UInt8], y: inout [UInt8]) {
        let n = bytes.count / recordSize, start = y.count
        x += repeatElement(0, count: n * 3072)
        y += repeatElement(0, count: n)
        bytes.withUnsafeBufferPointer { b in
            x.withUnsafeMutableBufferPointer { out in
                for r in 0..<n {
                    let rec = r * recordSize, image = (start + r) * 3072
                    y[start + r] = b[rec]
                    for p in 0..<1024 {
                        for c in 0..<3 { out[image + p * 3 + c] = b[rec + 1 + c * 1024 + p] }
                    }
                }
            }
        }
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
