import Foundation

/// Element-wise activations, fused into the layer that produces their input (Keras's
/// `activation=` argument) or standing alone as an `Activation` layer.
///
/// Every backward step is written in terms of the activation's *output*, so a layer keeps
/// only its output for backpropagation (softplus: dy/dx = sigmoid(x) = 1 - e^-y).
public enum Activation: Equatable, Sendable {
    case linear, relu, softmax, sigmoid, tanh, softplus
    /// Exponential linear unit: x for x > 0, alpha (e^x - 1) otherwise.
    case elu(alpha: Float)
    /// x for x > 0, alpha x otherwise (alpha >= 0).
    case leakyRelu(alpha: Float)
    /// Heaviside step, 1 for x > 0: its derivative is zero wherever it exists, so it only
    /// runs forward (report 004 shows it; training through it is refused).
    case step

    /// Keras's name for it, as `activation='...'` takes it.
    public var name: String {
        switch self {
        case .linear: "linear"
        case .relu: "relu"
        case .softmax: "softmax"
        case .sigmoid: "sigmoid"
        case .tanh: "tanh"
        case .softplus: "softplus"
        case .elu: "elu"
        case .leakyRelu: "leaky_relu"
        case .step: "step"
        }
    }

    /// The activation a name stands for, with default parameters (elu alpha 1.0, leaky_relu 0.3).
    public static func named(_ name: String) -> Activation? {
        known.first { $0.name == name }
    }

    /// Every activation, with its default parameters.
    public static let known: [Activation] = [.linear, .relu, .softmax, .sigmoid, .tanh, .softplus,
                                              .elu(alpha: 1), .leakyRelu(alpha: KerasDefaults.leakyReluSlope), .step]

    /// False for `step`: no gradient flows through it.
    public var isDifferentiable: Bool { self != .step }

    /// Applies the activation in place to `rows` rows of `width` values.
    public func apply(_ p: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        let n = rows * width
        if self == .softmax {
            for r in 0..<rows {
                let row = p + r * width
                var m = -Float.infinity
                for j in 0..<width { m = max(m, row[j]) }
                var s: Float = 0
                for j in 0..<width { row[j] = expf(row[j] - m); s += row[j] }
                let inv = 1 / s
                for j in 0..<width { row[j] *= inv }
            }
            return
        }
        // Element-wise kinds: branch-free where possible so they vectorise; split across
        // cores for activation-sized arrays.
        let shared = SharedPointer(p)
        Parallel.forEachChunk(n, minChunk: 1 << 16) { _, r in
            let p = shared.p
            switch self {
            case .linear, .softmax: break
            case .relu: for i in r { p[i] = max(p[i], 0) }
            case .sigmoid: for i in r { p[i] = 1 / (1 + expf(-p[i])) }
            case .tanh: for i in r { p[i] = tanhf(p[i]) }
            // log(1 + e^x) without overflow: max(x, 0) + log1p(e^-|x|).
            case .softplus: for i in r { let x = p[i]; p[i] = max(x, 0) + log1pf(expf(-abs(x))) }
            case .elu(let a): for i in r { let x = p[i]; p[i] = x > 0 ? x : a * expm1f(x) }
            case .leakyRelu(let a): for i in r { let x = p[i]; p[i] = x > 0 ? x : a * x }
            case .step: for i in r { p[i] = p[i] > 0 ? 1 : 0 }
            }
        }
    }

    /// Turns dLoss/dOutput into dLoss/dInput in place, from the activation's output `y`.
    public func backward(_ g: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>, rows: Int, width: Int) {
        let n = rows * width
        if self == .softmax {
            for r in 0..<rows {
                let gr = g + r * width, yr = y + r * width
                var dot: Float = 0
                for j in 0..<width { dot += gr[j] * yr[j] }
                for j in 0..<width { gr[j] = yr[j] * (gr[j] - dot) }
            }
            return
        }
        let gs = SharedPointer(g), ys = SharedPointer(UnsafeMutablePointer(mutating: y))
        Parallel.forEachChunk(n, minChunk: 1 << 16) { _, r in
            let g = gs.p, y = ys.p
            switch self {
            case .linear, .softmax: break
            case .relu: for i in r { g[i] = y[i] > 0 ? g[i] : 0 }
            case .sigmoid: for i in r { g[i] *= y[i] * (1 - y[i]) }
            case .tanh: for i in r { g[i] *= 1 - y[i] * y[i] }
            case .softplus: for i in r { g[i] *= -expm1f(-y[i]) }
            // For x <= 0, y = a (e^x - 1), so dy/dx = a e^x = y + a.
            case .elu(let a): for i in r { g[i] *= y[i] > 0 ? 1 : y[i] + a }
            case .leakyRelu(let a): for i in r { g[i] *= y[i] > 0 ? 1 : a }
            case .step: for i in r { g[i] = 0 }
            }
        }
    }
}

/// A stand-alone activation layer (`Activation('relu')`, or a bare `relu` in `seq`).
public final class ActivationLayer: ActivatedLayer {
    public var name = "activation"
    /// `Activation`, or Keras's own class for it (`LeakyReLU`, `ELU`, `ReLU`, `Softmax`).
    public let typeName: String
    public let activation: Activation
    public private(set) var inputShape: [Int] = []
    public var outputShape: [Int] { inputShape }
    public let parameters: [Parameter] = []
    public var needsInputGradient = true
    public var skipActivationBackward = false
    private var lastOutput = Tensor(zeros: [0])

    public init(_ activation: Activation, typeName: String = "Activation") {
        self.activation = activation; self.typeName = typeName
        name = kerasSnakeCase(typeName)
    }

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
