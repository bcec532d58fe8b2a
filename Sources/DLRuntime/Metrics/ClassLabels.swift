/// Class labels from whatever form a student has them in: integer labels (n,) or (n, 1)
/// (CIFAR's), one-hot rows or softmax probabilities (n, k) (arg-max), or one sigmoid
/// probability per sample (n, 1) (threshold 0.5, as Keras's binary accuracy does).
public enum ClassLabels {
    public static func from(_ y: Tensor) -> [Int] {
        let n = y.shape.first ?? 0, k = y.rank <= 1 ? 1 : y.sampleSize
        if k == 1 {
            let integral = y.data.allSatisfy { $0 == $0.rounded() }
            return y.data.map { integral ? Int($0) : ($0 > 0.5 ? 1 : 0) }
        }
        return (0..<n).map { argmax(y.data, $0 * k, k) }
    }
}
