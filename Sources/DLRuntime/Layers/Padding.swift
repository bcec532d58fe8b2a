/// Keras's two padding modes and the geometry they imply along one spatial axis.
public enum Padding: String, Sendable {
    case valid, same

    /// Output length and the padding before the first element (TensorFlow puts an odd
    /// padding's extra element at the end).
    public func geometry(input: Int, kernel: Int, stride: Int) -> (output: Int, padBefore: Int) {
        switch self {
        case .valid:
            return (input >= kernel ? (input - kernel) / stride + 1 : 0, 0)
        case .same:
            let out = (input + stride - 1) / stride
            let total = max((out - 1) * stride + kernel - input, 0)
            return (out, total / 2)
        }
    }
}
