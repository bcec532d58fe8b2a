import Foundation

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

/// One optimizer step's update formulas and constants, applied to a range of one parameter.
private struct UpdateRule: Sendable {
    let kind: Optimizer.Kind
    let lr, momentum: Float
    let nesterov: Bool
    let rho, epsilon, beta1, beta2, adamRate: Float

    /// A parameter's weights, gradient and state arrays (`s1` is `s0` for one-array kinds).
    struct Buffers: @unchecked Sendable {
        let w: UnsafeMutablePointer<Float>, g: UnsafePointer<Float>, s0: UnsafeMutablePointer<Float>, s1: UnsafeMutablePointer<Float>
    }

    /// The formulas on eight lanes at a time: the scalar loops were not vectorised, and the
    /// square roots and divisions dominate (Adadelta has two of each per weight).
    func apply(_ p: Buffers, _ r: Range<Int>) {
        let w = p.w, g = p.g, s0 = p.s0, s1 = p.s1
        switch kind {
        case .adam:
            Lanes.forEach(r) { b in
                let gv = b.load(g)
                var m = b.load(s0), v = b.load(s1)
                m += (gv - m) * (1 - beta1)
                v += (gv * gv - v) * (1 - beta2)
                b.store(m, s0); b.store(v, s1)
                b.store(b.load(w) - adamRate * m / (v.squareRoot() + epsilon), w)
            }
        case .sgd where momentum == 0:
            Lanes.forEach(r) { b in b.store(b.load(w) - lr * b.load(g), w) }
        case .sgd:
            Lanes.forEach(r) { b in
                let gv = b.load(g)
                let v = momentum * b.load(s0) - lr * gv
                b.store(v, s0)
                b.store(b.load(w) + (nesterov ? momentum * v - lr * gv : v), w)
            }
        case .rmsprop:
            Lanes.forEach(r) { b in
                let gv = b.load(g)
                let v = rho * b.load(s0) + (1 - rho) * gv * gv
                b.store(v, s0)
                b.store(b.load(w) - lr * gv / (v.squareRoot() + epsilon), w)
            }
        case .adagrad:
            Lanes.forEach(r) { b in
                let gv = b.load(g)
                let a = b.load(s0) + gv * gv
                b.store(a, s0)
                b.store(b.load(w) - lr * gv / (a + epsilon).squareRoot(), w)
            }
        case .adadelta:
            Lanes.forEach(r) { b in
                let gv = b.load(g)
                let ag = rho * b.load(s0) + (1 - rho) * gv * gv
                let ad = b.load(s1)
                let delta = -(ad + epsilon).squareRoot() / (ag + epsilon).squareRoot() * gv
                b.store(ag, s0)
                b.store(rho * ad + (1 - rho) * delta * delta, s1)
                b.store(b.load(w) + lr * delta, w)
            }
        }
    }
}
