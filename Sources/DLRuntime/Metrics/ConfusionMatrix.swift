import Foundation

/// scikit-learn's `confusion_matrix` and `classification_report` over class labels: rows are
/// the true classes, columns the predicted ones, classes in sorted order of the labels seen.
public struct ConfusionMatrix {
    public enum Normalization: String { case none, `true`, pred, all }

    /// The classes, sorted: the rows' and columns' order.
    public let labels: [Int]
    /// counts[t][p]: samples of class labels[t] predicted as labels[p].
    public let counts: [[Int]]

    public init(truth: [Int], predicted: [Int], labels given: [Int]? = nil) throws {
        guard truth.count == predicted.count else { throw CnnError(.sampleCountMismatch, truth.count, predicted.count) }
        let labels = given ?? Set(truth + predicted).sorted()
        let index = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($1, $0) })
        var counts = [[Int]](repeating: [Int](repeating: 0, count: labels.count), count: labels.count)
        for (t, p) in zip(truth, predicted) {
            guard let i = index[t], let j = index[p] else { continue }  // labels= leaves others out, as sklearn does
            counts[i][j] += 1
        }
        self.labels = labels; self.counts = counts
    }

    /// Samples per true class (row sums) and per predicted class (column sums).
    var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }
    var columnTotals: [Int] { labels.indices.map { j in counts.reduce(0) { $0 + $1[j] } } }

    /// The matrix as a tensor: int64 counts, or float32 fractions when normalised over the
    /// true rows, the predicted columns or everything (empty rows give 0, not NaN).
    public func tensor(_ normalize: Normalization = .none) -> Tensor {
        let k = labels.count
        var t = Tensor(zeros: [k, k], dtype: normalize == .none ? .int64 : .float32)
        let rows = rowTotals, columns = columnTotals, total = rows.reduce(0, +)
        for i in 0..<k {
            for j in 0..<k {
                let c = Double(counts[i][j])
                let d: Double = switch normalize {
                case .none: 1
                case .true: Double(rows[i])
                case .pred: Double(columns[j])
                case .all: Double(total)
                }
                t.data[i * k + j] = d == 0 ? 0 : Float(c / d)
            }
        }
        return t
    }

    public struct Scores { public var precision, recall, f1: Double; public var support: Int }

    /// Precision, recall, F1 and support per class (0 where a ratio has no denominator).
    public var perClass: [Scores] {
        let rows = rowTotals, columns = columnTotals
        return labels.indices.map { i in
            let tp = Double(counts[i][i])
            let predicted = Double(columns[i]), actual = rows[i]
            let p = predicted == 0 ? 0 : tp / predicted, r = actual == 0 ? 0 : tp / Double(actual)
            return Scores(precision: p, recall: r, f1: p + r == 0 ? 0 : 2 * p * r / (p + r), support: actual)
        }
    }

    public var accuracy: Double {
        let total = counts.joined().reduce(0, +)
        return total == 0 ? 0 : Double(labels.indices.map { counts[$0][$0] }.reduce(0, +)) / Double(total)
    }

    /// scikit-learn's text layout, column for column.
    public func report(targetNames: [String]? = nil, digits: Int = 2) throws -> String {
        let names = targetNames ?? labels.map(String.init)
        guard names.count == labels.count else { throw CnnError(.targetNamesCount, names.count, labels.count) }
        let rows = perClass
        let width = max(names.map(\.count).max() ?? 0, "weighted avg".count, digits)
        func pad(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
        func number(_ v: Double) -> String { pad(String(format: "%.\(digits)f", v), 9) }
        func line(_ name: String, _ p: Double, _ r: Double, _ f: Double, _ support: Int) -> String {
            pad(name, width) + " " + " " + number(p) + " " + number(r) + " " + number(f) + " " + pad(String(support), 9) + "\n"
        }
        var out = pad("", width) + " " + ["precision", "recall", "f1-score", "support"].map { " " + pad($0, 9) }.joined() + "\n\n"
        for (name, s) in zip(names, rows) { out += line(name, s.precision, s.recall, s.f1, s.support) }
        out += "\n"
        let total = rows.map(\.support).reduce(0, +)
        out += pad("accuracy", width) + " " + " " + pad("", 9) + " " + pad("", 9) + " " + number(accuracy) + " " + pad(String(total), 9) + "\n"
        let n = Double(rows.count)
        out += line("macro avg", rows.map(\.precision).reduce(0, +) / n, rows.map(\.recall).reduce(0, +) / n,
                    rows.map(\.f1).reduce(0, +) / n, total)
        func weighted(_ f: (Scores) -> Double) -> Double {
            total == 0 ? 0 : rows.map { f($0) * Double($0.support) }.reduce(0, +) / Double(total)
        }
        out += line("weighted avg", weighted(\.precision), weighted(\.recall), weighted(\.f1), total)
        return out
    }
}
