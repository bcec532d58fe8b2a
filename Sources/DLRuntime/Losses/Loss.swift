import Foundation

/// The losses of Keras the reports use. Values are means over the batch; probabilities are
/// clipped at `KerasDefaults.epsilon` as Keras clips them.
public enum Loss: String, Sendable, CaseIterable {
    case categoricalCrossentropy = "categorical_crossentropy"
    case sparseCategoricalCrossentropy = "sparse_categorical_crossentropy"
    case binaryCrossentropy = "binary_crossentropy"
    case meanSquaredError = "mse"

    public static func named(_ s: String) -> Loss? {
        switch s.lowercased() {
        case "mean_squared_error", "mse": return .meanSquaredError
        default: return Loss(rawValue: s.lowercased())
        }
    }

    /// Checks that targets fit the model's output before training starts.
    public func validate(outputShape: [Int], targets: Tensor) throws {
        let units = outputShape.last ?? 1
        switch self {
        case .sparseCategoricalCrossentropy:
            guard targets.sampleSize == 1 else { throw CnnError(.sparseLabelsShape, pythonShape(targets.shape)) }
            if let bad = targets.data.first(where: { $0 < 0 || Int($0) >= units || $0 != $0.rounded() }) {
                throw CnnError(.labelOutOfRange, bad, units)
            }
        default:
            guard targets.sampleSize == outputShape.reduce(1, *) else {
                throw CnnError(.targetsDoNotMatchOutput, pythonShape(targets.shape), kerasShape(outputShape), rawValue,
                               units > 1 && targets.sampleSize == 1 ? Catalog.text(.hintOneHot, units) : "")
            }
        }
    }

    /// Sum over the batch of each sample's loss (the caller divides by sample counts).
    public func sum(predictions p: Tensor, targets y: Tensor) -> Double {
        let batch = p.shape[0], units = p.sampleSize
        let eps = Double(KerasDefaults.epsilon)
        var total = 0.0
        for i in 0..<batch {
            let row = i * units
            switch self {
            case .categoricalCrossentropy:
                for j in 0..<units where y.data[row + j] != 0 {
                    total -= Double(y.data[row + j]) * log(min(max(Double(p.data[row + j]), eps), 1 - eps))
                }
            case .sparseCategoricalCrossentropy:
                total -= log(min(max(Double(p.data[row + Int(y.data[i])]), eps), 1 - eps))
            case .binaryCrossentropy:
                var s = 0.0
                for j in 0..<units {
                    let q = min(max(Double(p.data[row + j]), eps), 1 - eps), t = Double(y.data[row + j])
                    s -= t * log(q) + (1 - t) * log(1 - q)
                }
                total += s / Double(units)
            case .meanSquaredError:
                var s = 0.0
                for j in 0..<units { let d = Double(p.data[row + j] - y.data[row + j]); s += d * d }
                total += s / Double(units)
            }
        }
        return total
    }

    /// dLoss/dPrediction of the batch-mean loss.
    public func gradient(predictions p: Tensor, targets y: Tensor) -> Tensor {
        let batch = p.shape[0], units = p.sampleSize
        let eps = KerasDefaults.epsilon
        var g = Tensor(zeros: p.shape)
        let scale = 1 / Float(batch)
        for i in 0..<batch {
            let row = i * units
            for j in 0..<units {
                let q = p.data[row + j]
                switch self {
                case .categoricalCrossentropy:
                    g.data[row + j] = q < eps || q > 1 - eps ? 0 : -y.data[row + j] / q * scale
                case .sparseCategoricalCrossentropy:
                    let t: Float = Int(y.data[i]) == j ? 1 : 0
                    g.data[row + j] = q < eps || q > 1 - eps ? 0 : -t / q * scale
                case .binaryCrossentropy:
                    let t = y.data[row + j]
                    g.data[row + j] = q < eps || q > 1 - eps ? 0 : (-t / q + (1 - t) / (1 - q)) * scale / Float(units)
                case .meanSquaredError:
                    g.data[row + j] = 2 * (q - y.data[row + j]) * scale / Float(units)
                }
            }
        }
        return g
    }

    /// When the output layer's activation is the loss's natural partner (softmax with
    /// cross-entropy, sigmoid with binary cross-entropy), Keras differentiates through the
    /// logits: the gradient is (p - y) / batch exactly, unaffected by clipping.
    public func logitGradient(predictions p: Tensor, targets y: Tensor, activation: Activation) -> Tensor? {
        let batch = p.shape[0], units = p.sampleSize
        var g = p
        switch (self, activation) {
        case (.categoricalCrossentropy, .softmax):
            for i in 0..<g.count { g.data[i] = (p.data[i] - y.data[i]) / Float(batch) }
        case (.sparseCategoricalCrossentropy, .softmax):
            for i in 0..<batch {
                for j in 0..<units { g.data[i * units + j] = (p.data[i * units + j] - (Int(y.data[i]) == j ? 1 : 0)) / Float(batch) }
            }
        case (.binaryCrossentropy, .sigmoid):
            for i in 0..<g.count { g.data[i] = (p.data[i] - y.data[i]) / Float(batch * units) }
        default:
            return nil
        }
        return g
    }
}
