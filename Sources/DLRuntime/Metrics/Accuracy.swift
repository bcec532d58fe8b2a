/// Keras's "accuracy", resolved by the loss as Keras resolves it: arg-max agreement for
/// one-hot targets, label agreement for sparse ones, a 0.5 threshold for binary outputs.
public enum AccuracyKind: Sendable {
    case categorical, sparseCategorical, binary

    public init(loss: Loss, units: Int) {
        switch loss {
        case .sparseCategoricalCrossentropy: self = .sparseCategorical
        case .binaryCrossentropy: self = .binary
        default: self = units == 1 ? .binary : .categorical
        }
    }

    /// Number of correct predictions in the batch (for binary: correct units).
    public func correct(predictions p: Tensor, targets y: Tensor) -> Double {
        let batch = p.shape[0], units = p.sampleSize
        var hits = 0.0
        for i in 0..<batch {
            let row = i * units
            switch self {
            case .categorical:
                if argmax(p.data, row, units) == argmax(y.data, row, units) { hits += 1 }
            case .sparseCategorical:
                if argmax(p.data, row, units) == Int(y.data[i]) { hits += 1 }
            case .binary:
                var c = 0
                for j in 0..<units where (p.data[row + j] > 0.5) == (y.data[row + j] > 0.5) { c += 1 }
                hits += Double(c) / Double(units)
            }
        }
        return hits
    }
}

/// Index of the largest of `count` values from `start` (the first one on ties, like NumPy).
public func argmax(_ v: [Float], _ start: Int, _ count: Int) -> Int {
    var best = 0
    for j in 1..<max(count, 1) where v[start + j] > v[start + best] { best = j }
    return best
}
