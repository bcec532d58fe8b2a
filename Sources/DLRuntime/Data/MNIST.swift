import Foundation

/// MNIST from its four canonical IDX .gz files, as Keras's `mnist.load_data()` returns it:
/// uint8 images (n, 28, 28) and uint8 labels (n,).
public enum MNIST {
    public static let files = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                               "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    /// The canonical mirror Keras and torchvision use.
    public static let sourceURL = "https://storage.googleapis.com/cvdf-datasets/mnist/"

    public static func load(directory: URL? = nil) throws -> (train: (x: ByteTensor, y: ByteTensor), test: (x: ByteTensor, y: ByteTensor)) {
        let dir = directory ?? DataDirectory.root.appendingPathComponent("mnist")
        try Downloader.ensure(files: files, in: dir, from: sourceURL, dataset: "MNIST")
        var t: [ByteTensor] = []
        for f in files {
            let path = dir.appendingPathComponent(f).path
            t.append(try IDX.parse(try readMaybeGzip(path), name: path))
        }
        guard t[0].shape.first == t[1].shape.first, t[2].shape.first == t[3].shape.first else {
            throw CnnError(.mnistCountsDiffer, dir.path)
        }
        return ((t[0], t[1]), (t[2], t[3]))
    }
}
