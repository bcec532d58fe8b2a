import Foundation
import CKernels

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
    /// min(max(x, 0), 6): MobileNet's ReLU, Keras's `relu6` and `ReLU(max_value=6)`.
    case relu6
    /// x * sigmoid(x) (Keras's `swish`, also called `silu`): EfficientNet's activation. The
    /// one kind whose derivative needs its input, so layers applying it keep the input too.
    case swish

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
        case .relu6: "relu6"
        case .swish: "swish"
        }
    }

    /// The activation a name stands for, with default parameters (elu alpha 1.0, leaky_relu 0.3).
    public static func named(_ name: String) -> Activation? {
        known.first { $0.name == (name == "silu" ? "swish" : name) }
    }

    /// Every activation, with its default parameters.
    public static let known: [Activation] = [.linear, .relu, .softmax, .sigmoid, .tanh, .softplus,
                                              .elu(alpha: 1), .leakyRelu(alpha: KerasDefaults.leakyReluSlope), .step,
                                              .relu6, .swish]

    /// True for swish: its backward step reads the activation's input, not only its output.
    public var needsInput: Bool { self == .swish }

    /// What a layer should apply inside its kernel: the activation itself, or nothing when the
    /// pre-activation must be kept first (`finish` then applies it).
    public var insideKernel: Activation { needsInput ? .linear : self }

    /// Applies an activation a kernel left out (`insideKernel`), keeping the pre-activation in
    /// `input` while training.
    public func finish(_ y: inout Tensor, keepingInputIn input: inout Tensor, training: Bool) {
        guard needsInput else { return }
        if training { input = y }
        let n = y.count
        y.data.withUnsafeMutableBufferPointer { apply($0.baseAddress!, rows: 1, width: n) }
    }

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
            case .relu6: for i in r { p[i] = min(max(p[i], 0), 6) }
            case .swish: for i in r { let x = p[i]; p[i] = x / (1 + expf(-x)) }
            }
        }
    }

    /// Turns dLoss/dOutput into dLoss/dInput in place, from the activation's output `y` (and,
    /// for swish, its input `x`).
    public func backward(_ g: UnsafeMutablePointer<Float>, output y: UnsafePointer<Float>, input x: UnsafePointer<Float>? = nil,
                         rows: Int, width: Int) {
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
        let xs = SharedPointer(UnsafeMutablePointer(mutating: x ?? y))
        precondition(!needsInput || x != nil, "swish's backward step needs its input")
        Parallel.forEachChunk(n, minChunk: 1 << 16) { _, r in
            // This thread's part of the arrays.
            let g = gs.p + r.lowerBound, y = ys.p + r.lowerBound, x = xs.p + r.lowerBound, count = r.count
            switch self {
            case .linear, .softmax: break
            // The common kinds in C (CKernels), where the loops vectorise.
            case .relu: cnnsh_relu_backward(g, y, count)
            case .sigmoid: cnnsh_sigmoid_backward(g, y, count)
            case .tanh: cnnsh_tanh_backward(g, y, count)
            case .softplus: for i in 0..<count { g[i] *= -expm1f(-y[i]) }
            case .elu(let a): cnnsh_elu_backward(g, y, count, a)
            case .leakyRelu(let a): cnnsh_leaky_relu_backward(g, y, count, a)
            case .step: for i in 0..<count { g[i] = 0 }
            case .relu6: cnnsh_relu6_backward(g, y, count)
            // d/dx x s(x) = s + x s (1 - s) = s (1 + x (1 - s)).
            case .swish: for i in 0..<count { let s = 1 / (1 + expf(-x[i])); g[i] *= s * (1 + x[i] * (1 - s)) }
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
    private var lastInput = Tensor(zeros: [0])

    public init(_ activation: Activation, typeName: String = "Activation") {
        self.activation = activation; self.typeName = typeName
        name = kerasSnakeCase(typeName)
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws { self.inputShape = inputShape }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        var y = x
        let width = activation == .softmax ? (x.shape.last ?? 1) : x.count
        y.data.withUnsafeMutableBufferPointer { activation.apply($0.baseAddress!, rows: x.count / max(width, 1), width: width) }
        if training { lastOutput = y; if activation.needsInput { lastInput = x } }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        var g = dy
        let count = g.count, width = activation == .softmax ? (g.shape.last ?? 1) : count
        if !skipActivationBackward {
            activation.backward(&g, output: lastOutput, input: lastInput, rows: count / max(width, 1), width: width)
        }
        return g
    }
}

extension Activation {
    /// `backward` on whole tensors: turns `g` (dLoss/dOutput) into dLoss/dInput in place.
    /// `input` is read only for swish; other kinds may pass an empty tensor.
    public func backward(_ g: inout Tensor, output y: Tensor, input x: Tensor, rows: Int, width: Int) {
        g.data.withUnsafeMutableBufferPointer { gp in
            y.data.withUnsafeBufferPointer { yp in
                x.data.withUnsafeBufferPointer { xp in
                    backward(gp.baseAddress!, output: yp.baseAddress!, input: needsInput ? xp.baseAddress : nil, rows: rows, width: width)
                }
            }
        }
    }
}
