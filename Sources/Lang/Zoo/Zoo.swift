import Foundation
import DLRuntime

/// The classic architectures of keras.applications, written in cnnsh (the sources beside
/// this file), with Keras's layer names and parameter counts; `preprocess_input` for each
/// family and `decode_predictions` with the ImageNet class names.
enum Zoo {
    struct Entry {
        let name: String
        let keras: String
        let source: String
        /// How the family's `preprocess_input` scales pixels.
        let preprocessing: String
    }

    static let entries: [Entry] = [
        Entry(name: "vgg16", keras: "VGG16", source: VGGSource.source, preprocessing: "caffe"),
        Entry(name: "resnet50", keras: "ResNet50", source: ResNetSource.source, preprocessing: "caffe"),
        Entry(name: "resnet101", keras: "ResNet101", source: ResNetSource.source, preprocessing: "caffe"),
        Entry(name: "mobilenet_v2", keras: "MobileNetV2", source: MobileNetSource.source, preprocessing: "tf"),
        Entry(name: "densenet121", keras: "DenseNet121", source: DenseNetSource.source, preprocessing: "torch"),
        Entry(name: "inception_v3", keras: "InceptionV3", source: InceptionSource.source, preprocessing: "tf"),
        Entry(name: "xception", keras: "Xception", source: XceptionSource.source, preprocessing: "tf"),
        Entry(name: "efficientnet_b0", keras: "EfficientNetB0", source: EfficientNetSource.source, preprocessing: "none"),
    ]

    static let parameters = ["include_top", "weights", "input_shape", "pooling", "classes", "classifier_activation"]

    /// The cnnsh source that defines `name` (for `help`).
    static func source(of name: String) -> String? { entries.first { $0.name == name }?.source }

    static func register(_ t: inout BuiltinTable) {
        for e in entries {
            let extra = e.name == "mobilenet_v2" ? ["alpha"] : []
            t.add(e.name, parameters + extra) { a in
                // weights="imagenet" would download; a path is a weights file the user has:
                // Keras 3's .weights.h5 / .keras, or the Keras 2 .h5 files keras.applications publishes.
                var weightsPath: String?
                if let w = a["weights"] {
                    guard case .string(let s) = w else { throw CnnError(.zooWeightsNotYet, e.name, w.repr) }
                    weightsPath = s == "imagenet" ? try imagenetWeights(e, a) : a.interp.resolvePath(s)
                }
                // A private interpreter runs the architecture's source, so its helper
                // functions stay out of the user's variables; layer names continue the
                // session's numbering, as Keras's do.
                let builder = Interpreter(output: a.interp.output)
                try builder.run(ZooCommon.source + e.source, file: "zoo/\(e.name).cnn")
                guard let function = builder.globals[e.name] else { throw CnnError(.notCallable, e.name) }
                let keywords = (parameters + extra).filter { $0 != "weights" }.compactMap { p in a[p].map { (p, $0) } }
                let model = try builder.call(function, [], keywords)
                if let weightsPath, case .model(let m) = model { try KerasFile.loadWeights(m, path: weightsPath) }
                return model
            }
            t.alias(e.keras, e.name)
        }
        t.add("preprocess_input", ["x", "mode"]) { a in
            let mode = try a.string("mode", "caffe")
            let kind = entries.first { $0.name == mode || $0.keras == mode }?.preprocessing ?? mode
            return .tensor(try preprocess(try a.tensor("x"), kind))
        }
        t.add("decode_predictions", ["preds", "top"]) { a in
            let top = try LayerBuiltins.positive(a, "top", try a.int("top", 5))
            let decoded = try ImageNetClasses.decode(try a.tensor("preds"), top: top, classes: try ImageNetClasses.load())
            return .list(ListBox(decoded.map { row in
                .list(ListBox(row.map { .tuple([.string($0.id), .string($0.name), .float(Double($0.score))]) }))
            }))
        }
    }

    /// The file keras.applications publishes for a network's ImageNet weights: found in
    /// Keras's own cache (~/.keras/models) or cnnsh's data folder, or downloaded into the latter.
    static func imagenetWeights(_ e: Entry, _ a: Arguments) throws -> String {
        let top = a["include_top"]?.truthy ?? true
        let base = "https://storage.googleapis.com/tensorflow/keras-applications/"
        let (folder, file): (String, String)
        switch e.name {
        case "mobilenet_v2":
            let alpha = try a.double("alpha", 1.0)
            let rows = a.has("input_shape") ? try a.shape("input_shape")[0] : 224
            (folder, file) = ("mobilenet_v2/", "mobilenet_v2_weights_tf_dim_ordering_tf_kernels_\(alpha)_\(rows)\(top ? "" : "_no_top").h5")
        case "resnet50", "resnet101":
            (folder, file) = ("resnet/", "\(e.name)_weights_tf_dim_ordering_tf_kernels\(top ? "" : "_notop").h5")
        case "densenet121":
            (folder, file) = ("densenet/", "densenet121_weights_tf_dim_ordering_tf_kernels\(top ? "" : "_notop").h5")
        case "efficientnet_b0":
            // Keras adds a per-channel rescaling for its ImageNet weights that cnnsh's
            // Rescaling does not have yet; a weights file by path loads as Keras loads one.
            throw CnnError(.zooWeightsNotYet, e.name, "'imagenet'")
        default:
            (folder, file) = ("\(e.name)/", "\(e.name)_weights_tf_dim_ordering_tf_kernels\(top ? "" : "_notop").h5")
        }
        let cached = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".keras/models/" + file).path
        if FileManager.default.fileExists(atPath: cached) { return cached }
        let dir = DataDirectory.root.appendingPathComponent("models")
        try Downloader.ensure(files: [file], in: dir, from: base + folder, dataset: "\(e.keras) ImageNet weights")
        return dir.appendingPathComponent(file).path
    }

    /// Keras's three ways of preparing 0..255 RGB pixels (and EfficientNet's pass-through).
    static func preprocess(_ x: Tensor, _ kind: String) throws -> Tensor {
        var y = x.withDType(.float32)
        let c = y.shape.last ?? 0
        switch kind {
        case "tf":  // -1..1
            for i in 0..<y.count { y.data[i] = y.data[i] / 127.5 - 1 }
        case "torch":  // 0..1, then ImageNet's mean and deviation per channel
            let mean: [Float] = [0.485, 0.456, 0.406], std: [Float] = [0.229, 0.224, 0.225]
            guard c == 3 else { throw CnnError(.preprocessNeedsRGB, pythonShape(y.shape)) }
            for i in 0..<y.count { y.data[i] = (y.data[i] / 255 - mean[i % 3]) / std[i % 3] }
        case "caffe":  // RGB to BGR, ImageNet's BGR mean subtracted, no scaling
            let mean: [Float] = [103.939, 116.779, 123.68]
            guard c == 3 else { throw CnnError(.preprocessNeedsRGB, pythonShape(y.shape)) }
            for p in stride(from: 0, to: y.count, by: 3) {
                let (r, b) = (y.data[p], y.data[p + 2])
                y.data[p] = b - mean[0]; y.data[p + 1] -= mean[1]; y.data[p + 2] = r - mean[2]
            }
        case "none": break
        default: throw CnnError(.unknownPreprocessMode, kind)
        }
        return y
    }
}
