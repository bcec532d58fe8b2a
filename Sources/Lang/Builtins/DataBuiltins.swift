import Foundation
import DLRuntime

/// Data sets and the course notebook's own checks.
enum DataBuiltins {
    typealias Part = (x: ByteTensor, y: ByteTensor)

    /// Loads a data set from `path=` (if given) as Keras returns it: ((x_train, y_train), (x_test, y_test)).
    static func dataset(_ a: Arguments, _ load: (URL?) throws -> (train: Part, test: Part)) throws -> Value {
        let dir = try a["path"].map { _ in URL(fileURLWithPath: a.interp.resolvePath(try a.string("path"))) }
        let d = try load(dir)
        return .tuple([.tuple([.tensor(d.train.x), .tensor(d.train.y)]), .tuple([.tensor(d.test.x), .tensor(d.test.y)])])
    }

    /// `size=(h, w)`, a default when not given, or nil for `size=None` (keep each image's size).
    static func size(_ a: Arguments, _ dflt: (Int, Int)?) throws -> (height: Int, width: Int)? {
        if a.values["size"] == nil { return dflt.map { ($0.0, $0.1) } }
        guard a.has("size") else { return nil }
        let (h, w) = try a.pair("size")
        guard h > 0 && w > 0 else { throw CnnError(.mustBePositive, "size", "(\(h), \(w))") }
        return (h, w)
    }

    /// `seed=` (or scikit-learn's `random_state=`), if given.
    static func seed(_ a: Arguments) throws -> UInt64? {
        for key in ["seed", "random_state"] where a.has(key) { return UInt64(truncatingIfNeeded: try a.int(key)) }
        return nil
    }

    static func labeledPair(_ a: Arguments) throws -> (x: ArrayArgument, y: Tensor) {
        let x = try a.array("x"), y = try a.tensor("y")
        guard x.shape.first == y.shape.first else { throw CnnError(.sampleCountMismatch, x.shape.first ?? 0, y.shape.first ?? 0) }
        return (x, y)
    }

    static func register(_ t: inout BuiltinTable) {
        t.add("image_folder", ["path", "size", "classes", "limit_per_class", "seed", "shuffle", "verbose"]) { a in
            var o = ImageFolder.Options()
            o.size = try size(a, (128, 128))
            if let c = a["classes"] { o.classes = try a.interp.iterate(c).map { v in
                guard case .string(let s) = v else { throw a.fail("classes", .typeString, v) }
                return s
            } }
            if a.has("limit_per_class") { o.limitPerClass = try LayerBuiltins.positive(a, "limit_per_class", try a.int("limit_per_class")) }
            o.seed = try seed(a)
            o.shuffle = a.bool("shuffle", true)
            o.verbose = try a.int("verbose", 1)
            let d = try ImageFolder.load(a.interp.resolvePath(try a.string("path")), options: o, sink: a.interp.output)
            return .tuple([.tensor(d.x), .tensor(d.y)])
        }
        t.add("class_names", ["path"]) { a in
            .list(ListBox(try ImageFolder.classNames(a.interp.resolvePath(try a.string("path"))).map { .string($0) }))
        }
        t.add("load_image", ["path", "size"]) { a in
            let path = a.interp.resolvePath(try a.string("path"))
            var image = try ImageCodec.decode(path: path)
            if let s = try size(a, nil) { image = ImageResize.resize(image, width: s.width, height: s.height) }
            var x = Tensor(shape: [image.height, image.width, 3], data: image.pixels.map(Float.init))
            x.dtype = .uint8
            return .tensor(x)
        }
        t.add("train_test_split", ["x", "y", "test_size", "stratify", "seed", "random_state"]) { a in
            let (x, y) = try labeledPair(a)
            let n = x.shape[0]
            let size = try a.double("test_size", 0.25)
            // scikit-learn: a fraction in (0, 1) or a whole number of samples.
            let testCount = size < 1 ? Int((size * Double(n)).rounded(.up)) : Int(size)
            guard size > 0, testCount >= 1, testCount < n else { throw CnnError(.testSizeRange, size, n) }
            // stratify=True (by y), False, or an array of labels as scikit-learn takes.
            var strata: [Int]?
            if let s = a["stratify"] {
                if case .bool(let b) = s { strata = b ? ClassLabels.from(y) : nil }
                else { let t = try a.tensor("stratify"); guard t.shape.first == n else { throw CnnError(.sampleCountMismatch, n, t.shape.first ?? 0) }; strata = ClassLabels.from(t) }
            } else if a.values["stratify"] == nil {
                strata = ClassLabels.from(y)
            }
            let (train, test) = RandomSource.with(seed: try seed(a)) { r in
                Split.trainTest(labels: strata ?? ClassLabels.from(y), testCount: testCount, stratify: strata != nil, random: &r)
            }
            return .tuple([x.rows(train), x.rows(test), .tensor(y.rows(train)), .tensor(y.rows(test))])
        }
        t.add("balance", ["x", "y", "seed"]) { a in
            let (x, y) = try labeledPair(a)
            let keep = RandomSource.with(seed: try seed(a)) { r in Split.balanced(labels: ClassLabels.from(y), random: &r) }
            return .tuple([x.rows(keep), .tensor(y.rows(keep))])
        }
        t.add("load_mnist", ["path"]) { a in try dataset(a, MNIST.load) }
        t.add("load_cifar10", ["path"]) { a in try dataset(a, CIFAR10.load) }
        t.add("test_normalize_images", ["function"]) { a in
            try NotebookChecks.normalizeImages(try a.required("function"), a.interp)
            return .none
        }
        t.add("test_one_hot", ["function"]) { a in
            try NotebookChecks.oneHot(try a.required("function"), a.interp)
            return .none
        }
    }
}
