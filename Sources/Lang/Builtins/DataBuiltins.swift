import Foundation
import DLRuntime

/// Data sets and the course notebook's own checks.
enum DataBuiltins {
    static func register(_ t: inout BuiltinTable) {
        t.add("load_mnist", ["path"]) { a in
            let dir = try a["path"].map { _ in URL(fileURLWithPath: a.interp.resolvePath(try a.string("path"))) }
            let d = try MNIST.load(directory: dir)
            return .tuple([.tuple([.tensor(d.train.x), .tensor(d.train.y)]), .tuple([.tensor(d.test.x), .tensor(d.test.y)])])
        }
        t.add("load_cifar10", ["path"]) { a in
            let dir = try a["path"].map { _ in URL(fileURLWithPath: a.interp.resolvePath(try a.string("path"))) }
            let d = try CIFAR10.load(directory: dir)
            return .tuple([.tuple([.tensor(d.train.x), .tensor(d.train.y)]), .tuple([.tensor(d.test.x), .tensor(d.test.y)])])
        }
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
