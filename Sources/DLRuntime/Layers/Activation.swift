import Foundation

/// Element-wise activations, fused into the layer that produces their input (Keras's
/// `activation=` argument) or standing alone as an `Activation` layer.
public enum Activation: String, Sendable, CaseIterable {
    case linear, relu, softmax, sigmoid, tanh

    /// Applies the activation in place to `rows` rows of `width` values.
    public func apply(_ p: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        let n = rows * width
        switch self {
        case .linear: break
        case .relu:
            // Branch-free so it vectorises; split across cores for activation-sized arrays.
            let shared = SharedPointer(p)
            Parallel.forEachChunk(n, minChunk: 1 << 16) { _, r in
                for i in r { shared.p[i] = max(shared.p[i], 0) }
            }
        case .sigmoid: for i in 0..<n { p[i] = 1 / (1 + expf(-p[i])) }
        case .tanh: for i in 0..<n { p[i] = tanhf(p[i]) }
        case .softmax:
            for r in 0..<rows {
                let row = p + r * width
                var m = -Float.infinity
                for j in 0..<width { m = max(m, row[j]) }
                var s: Float = 0
                for j in 0..<width { row[j] = expf(row[j] - m); s += row[j] }
                let inv = 1 / s
                for j in 0..<width { row[j] *= inv }
            }
        }
    }

    /// Turns dLoss/dOutput into dLoss/dInput in place, from the activation's output `y`.
    public func backward(_ g: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>, rows: Int, width: Int) {
        let n = rows * width
        switch self {
        case .linear: break
        case .relu:
            let gs = SharedPointer(g), ys = SharedPointer(UnsafeMutablePointer(mutating: y))
            Parallel.forEachChunk(n, minChunk: 1 << 16) { _, r in
                for i in r { gs.p[i] = ys.p[i] > 0 ? gs.p[i] : 0 }
            }
        case .sigmoid: for i in 0..<n { g[i] *= y[i] * (1 - y[i]) }
        case .tanh: for i in 0..<n { g[i] *= 1 - y[i] * y[i] }
        case .softmax:
            for r in 0..<rows {
                let gr = g + r * width, yr = y + r * width
                var dot: Float = 0
                for j in 0..<width { dot += gr[j] * yr[j] }
                for j in 0..<width { gr[j] = yr[j] * (gr[j] - dot) }
            }
        }
    }
}

/// A stand-alone activation layer (`Activation('relu')`, or a bare `relu` in `seq`).
public final class ActivationLayer: ActivatedLayer {
    public var name = "activation"
    public let typeName = "Activation"
    public let activation: Activation
    public private(set) var inputShape: [Int] = []
    public var outputShape: [Int] { inputShape }
    public let parameters: [Parameter] = []
    public var needsInputGradient = true
    public var skipActivationBackward = false
    private var lastOutput = Tensor(zeros: [0])

    public init(_ activation: Activation) { self.activation = activation }

    public func build(inputShape: [Int], random: inout RandomSource) throws { self.inputShape = inputShape }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        var y = x
        let width = activation == .softmax ? (x.shape.last ?? 1) : x.count
        y.data.withUnsafeMutableBufferPointer { activation.apply($0.baseAddress!, rows: x.count / max(width, 1), width: width) }
        if training { lastOutput = y }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        var g = dy
        let count = g.count, width = activation == .softmax ? (g.shape.last ?? 1) : count
        g.data.withUnsafeMutableBufferPointer { gp in
            if !skipActivationBackward {
                lastOutput.data.withUnsafeBufferPointer { activation.backward(gp.baseAddress!, output: $0.baseAddress!, rows: count / max(width, 1), width: width) }
            }
        }
        return g
    }
}
