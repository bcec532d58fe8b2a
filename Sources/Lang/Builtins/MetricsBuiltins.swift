import DLRuntime

/// scikit-learn's `confusion_matrix` and `classification_report`, on labels, one-hot rows or
/// probabilities, or straight from a model and data: `confusion_matrix(model, x_test, y_test)`.
enum MetricsBuiltins {
    /// (true labels, predicted labels) from either (y_true, y_pred) or (model, x, y).
    static func labels(_ a: Arguments) throws -> (truth: [Int], predicted: [Int]) {
        if case .model(let m) = try a.required("y_true") {
            let x = try a.array("y_pred").batches
            guard a.has("y") else { throw CnnError(.missingArgument, a.function, "y") }
            let p = try m.predict(x: x, batchSize: KerasDefaults.batchSize, verbose: 0, sink: a.interp.output)
            return (ClassLabels.from(try a.tensor("y")), ClassLabels.from(p))
        }
        let truth = ClassLabels.from(try a.tensor("y_true")), predicted = ClassLabels.from(try a.tensor("y_pred"))
        guard truth.count == predicted.count else { throw CnnError(.sampleCountMismatch, truth.count, predicted.count) }
        return (truth, predicted)
    }

    static func givenLabels(_ a: Arguments) throws -> [Int]? {
        try a["labels"].map { try a.interp.iterate($0).map { v in
            guard let i = v.integer else { throw a.fail("labels", .typeInteger, v) }
            return i
        } }
    }

    static func register(_ t: inout BuiltinTable) {
        t.add("confusion_matrix", ["y_true", "y_pred", "y", "normalize", "labels"]) { a in
            let (truth, predicted) = try labels(a)
            let s = try a.string("normalize", "none")
            guard let normalize = ConfusionMatrix.Normalization(rawValue: s) else { throw CnnError(.unknownNormalize, s) }
            return .tensor(try ConfusionMatrix(truth: truth, predicted: predicted, labels: try givenLabels(a)).tensor(normalize))
        }
        t.add("classification_report", ["y_true", "y_pred", "y", "target_names", "digits", "labels"]) { a in
            let (truth, predicted) = try labels(a)
            let names = try a["target_names"].map { try a.interp.iterate($0).map(\.str) }
            let digits = try a.int("digits", 2)
            guard (0...10).contains(digits) else { throw CnnError(.mustBeNonNegative, "digits", digits) }
            return .string(try ConfusionMatrix(truth: truth, predicted: predicted, labels: try givenLabels(a)).report(targetNames: names, digits: digits))
        }
    }
}
