import Foundation

/// The 1,000 ImageNet classes the zoo's classifiers predict, from Keras's own
/// `imagenet_class_index.json` ({"0": ["n01440764", "tench"], ...}): found in the data folder
/// or in Keras's cache (~/.keras/models), or downloaded into the data folder.
public enum ImageNetClasses {
    public static let file = "imagenet_class_index.json"
    static let base = "https://storage.googleapis.com/download.tensorflow.org/data/"

    /// (WordNet id, readable name) per class index.
    public static func load() throws -> [(id: String, name: String)] {
        let keras = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".keras/models/" + file)
        if FileManager.default.fileExists(atPath: keras.path) { return try parse(contentsOf: keras.path) }
        let dir = DataDirectory.root
        try Downloader.ensure(files: [file], in: dir, from: base, dataset: "ImageNet class names")
        return try parse(contentsOf: dir.appendingPathComponent(file).path)
    }

    public static func parse(contentsOf path: String) throws -> [(id: String, name: String)] {
        guard let data = FileManager.default.contents(atPath: path) else { throw CnnError(.fileNotReadable, path) }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: [String]] else {
            throw CnnError(.imagenetIndexCorrupt, path)
        }
        var classes = [(id: String, name: String)](repeating: ("", ""), count: object.count)
        for (key, pair) in object {
            guard let i = Int(key), classes.indices.contains(i), pair.count == 2 else { throw CnnError(.imagenetIndexCorrupt, path) }
            classes[i] = (pair[0], pair[1])
        }
        return classes
    }

    /// Keras's `decode_predictions`: per sample, the `top` classes by probability, best first.
    public static func decode(_ predictions: Tensor, top: Int, classes: [(id: String, name: String)]) throws -> [[(id: String, name: String, score: Float)]] {
        guard predictions.rank == 2, predictions.shape[1] == classes.count else {
            throw CnnError(.decodePredictionsShape, pythonShape(predictions.shape), classes.count)
        }
        let width = predictions.shape[1]
        return (0..<predictions.shape[0]).map { n in
            let row = Array(predictions.data[(n * width)..<((n + 1) * width)])
            let best = row.indices.sorted { row[$0] != row[$1] ? row[$0] > row[$1] : $0 < $1 }.prefix(top)
            return best.map { (classes[$0].id, classes[$0].name, row[$0]) }
        }
    }
}
