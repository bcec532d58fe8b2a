import Foundation
import CKernels

/// Keras's optimizers with Keras's update rules and defaults (KerasDefaults).
/// Per-parameter state (moments, accumulators) is created on the first step.
public final class Optimizer {
    public enum Kind: String, CaseIterable, Sendable { case adam, sgd, rmsprop, adagrad, adadelta }

    public let kind: Kind
    public var learningRate: Float
    public var momentum: Float = 0
    public var nesterov = false
    public var beta1 = KerasDefaults.adam.beta1, beta2 = KerasDefaults.adam.beta2
    public var rho: Float
    public var epsilon = KerasDefaults.epsilon
    /// Steps taken so far (Adam's bias correction depends on it); restored from model files.
    public var iterations = 0
    private var slots: [ObjectIdentifier: [[Float]]] = [:]

    public init(_ kind: Kind, learningRate: Float? = nil) {
        self.kind = kind
        switch kind {
        case .adam: self.learningRate = KerasDefaults.adam.learningRate; rho = 0
        case .sgd: self.learningRate = KerasDefaults.sgd.learningRate; rho = 0
        case .rmsprop: self.learningRate = KerasDefaults.rmsprop.learningRate; rho = KerasDefaults.rmsprop.rho
        case .adagrad: self.learningRate = KerasDefaults.adagrad.learningRate; rho = 0
        case .adadelta: self.learningRate = KerasDefaults.adadelta.learningRate; rho = KerasDefaults.adadelta.rho
        }
        if let learningRate { self.learningRate = learningRate }
    }

    /// The Keras class name, for summaries and messages.
    public var displayName: String {
        switch kind {
        case .adam: return "Adam"
        case .sgd: return "SGD"
        case .rmsprop: return "RMSprop"
        case .adagrad: return "Adagrad"
        case .adadelta: return "Adadelta"
        }
    }

    /// Applies one update to every trainable parameter from its `grad`.
    public func step(_ parameters: [Parameter]) {
        iterations += 1
        let t = Float(iterations)
        let rule = UpdateRule(kind: kind, lr: learningRate, momentum: momentum, nesterov: nesterov, rho: rho, epsilon: epsilon,
                              beta1: beta1, beta2: beta2,
                              // lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t)
                              adamRate: learningRate * (1 - powf(beta2, t)).squareRoot() / (1 - powf(beta1, t)))
        for p in parameters where p.trainable {
            let id = ObjectIdentifier(p)
            // Taken out of the table while updated, so the arrays are not copied on write.
            var state = slots.removeValue(forKey: id) ?? initialState(count: p.value.count)
            var s0 = state[0], s1 = state.count > 1 ? state[1] : []
            state = []  // s0 and s1 are now the only references: updated in place
            p.value.data.withUnsafeMutableBufferPointer { w in
                p.grad.data.withUnsafeBufferPointer { g in
                    s0.withUnsafeMutableBufferPointer { a in
                        s1.withUnsafeMutableBufferPointer { b in
                            guard w.count > 0 else { return }
                            let buffers = UpdateRule.Buffers(w: w.baseAddress!, g: g.baseAddress!, s0: a.baseAddress!,
                                                             s1: b.baseAddress ?? a.baseAddress!)
                            // Element-wise and independent: split across cores for the big
                            // kernels (net_1's Dense holds 1.6 million weights).
                            Parallel.forEachChunk(w.count, minChunk: 1 << 15) { _, r in rule.apply(buffers, r) }
                        }
                    }
                }
            }
            slots[id] = s1.isEmpty ? [s0] : [s0, s1]
        }
    }

    /// The per-parameter state (moments, accumulators) after the steps so far, or nil before
    /// the first step: what a model file keeps so training resumes where it stopped.
    public func state(of p: Parameter) -> [[Float]]? { slots[ObjectIdentifier(p)] }

    public func setState(_ state: [[Float]], of p: Parameter) { slots[ObjectIdentifier(p)] = state }

    /// Everything `step` changes in the optimizer, to undo a step whose update overflowed.
    /// Taking one costs nothing until the next step writes to the arrays (copy on write).
    public struct Snapshot {
        fileprivate let iterations: Int
        fileprivate let slots: [ObjectIdentifier: [[Float]]]
    }

    public func snapshot() -> Snapshot { Snapshot(iterations: iterations, slots: slots) }

    public func restore(_ s: Snapshot) {
        iterations = s.iterations
        slots = s.slots
    }

    /// How many state arrays each parameter has.
    public var slotCount: Int { initialState(count: 0).count }

    /// Keras's names for the state arrays, for messages and files.
    public var slotNames: [String] {
        switch kind {
        case .adam: ["m", "v"]
        case .adadelta: ["accumulated_grad", "accumulated_delta_var"]
        case .adagrad: ["accumulator"]
        case .sgd: ["momentum"]
        case .rmsprop: ["velocity"]
        }
    }

    private func initialState(count: Int) -> [[Float]] {
        switch kind {
        case .adam, .adadelta: return [[Float](repeating: 0, count: count), [Float](repeating: 0, count: count)]
        case .adagrad: return [[Float](repeating: KerasDefaults.adagrad.initialAccumulator, count: count)]
        case .sgd, .rmsprop: return [[Float](repeating: 0, count: count)]
        }
    }
}

/// One optimizer step's constants, applied to a range of one parameter by the C kernels
/// (CKernels: Keras's formulas, vectorised).
private struct UpdateRule: Sendable {
    let kind: Optimizer.Kind
    let lr, momentum: Float
    let nesterov: Bool
    let rho, epsilon, beta1, beta2, adamRate: Float

    /// A parameter's weights, gradient and state arrays (`s1` is `s0` for one-array kinds).
    struct Buffers: @unchecked Sendable {
        let w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, s0: UnsafeMutablePointer<Float>, s1: UnsafeMutablePointer<Float>
    }

    func apply(_ p: Buffers, _ r: Range<Int>) {
        let i = r.lowerBound, n = r.count
        let w = p.w + i, g = p.g + i, s0 = p.s0 + i, s1 = p.s1 + i
        switch kind {
        case .adam: cnnsh_adam(w, g, s0, s1, n, adamRate, beta1, beta2, epsilon)
        case .sgd where momentum == 0: cnnsh_sgd(w, g, n, lr)
        case .sgd: cnnsh_sgd_momentum(w, g, s0, n, lr, momentum, nesterov ? 1 : 0)
        case .rmsprop: cnnsh_rmsprop(w, g, s0, n, lr, rho, epsilon)
        case .adagrad: cnnsh_adagrad(w, g, s0, n, lr, epsilon)
        case .adadelta: cnnsh_adadelta(w, g, s0, s1, n, lr, rho, epsilon)
        }
    }
}
