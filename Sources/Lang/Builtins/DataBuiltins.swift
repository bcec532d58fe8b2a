import Foundation
import DLRuntime

/// Data sets and the course notebook's own checks.
enum DataBuiltins {
    typealias Split = (x: Tensor, y: Tensor)

    /// Loads a data set from `path=` (if given) as Keras returns it: ((x_train, y_train), (x_test, y_test)).
    static func dataset(_ a: Arguments, _ load: (URL?) throws -> (train: Split, test: Split)) throws -> Value {
        let dir = try a["path"].map { _ in URL(fileURLWithPath: a.interp.resolvePath(try a.string("path"))) }
        let d = try load(dir)
        return .tuple([.tuple([.tensor(d.train.x), .tensor(d.train.y)]), .tuple([.tensor(d.test.x), .tensor(d.test.y)])])
    }

    static func register(_ t: inout BuiltinTable) {
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
