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
        for p in parameters where p.trainable {
            let id = ObjectIdentifier(p)
            // Taken out of the table while updated, so the arrays are not copied on write.
            var state = slots.removeValue(forKey: id) ?? initialState(count: p.value.count)
            var s0 = state[0], s1 = state.count > 1 ? state[1] : []
            state = []  // s0 and s1 are now the only references: updated in place
            let lr = learningRate
            p.value.data.withUnsafeMutableBufferPointer { w in
                p.grad.data.withUnsafeBufferPointer { g in
                    let n = w.count
                    switch kind {
                    case .adam:
                        // lr_t = lr * sqrt(1 - b2^t) / (1 - b1^t); m, v moving averages.
                        let lrT = lr * (1 - powf(beta2, t)).squareRoot() / (1 - powf(beta1, t))
                        let (b1, b2, eps) = (beta1, beta2, epsilon)
                        s0.withUnsafeMutableBufferPointer { mp in
                            s1.withUnsafeMutableBufferPointer { vp in
                                // Element-wise and independent: split across cores for the big
                                // kernels (net_1's Dense holds 1.6 million weights).
                                let m = SharedPointer(mp.baseAddress!), v = SharedPointer(vp.baseAddress!)
                                let ws = SharedPointer(w.baseAddress!), gs = SharedPointer(UnsafeMutablePointer(mutating: g.baseAddress!))
                                Parallel.forEachChunk(n, minChunk: 1 << 15) { _, r in
                                    for i in r {
                                        m.p[i] += (gs.p[i] - m.p[i]) * (1 - b1)
                                        v.p[i] += (gs.p[i] * gs.p[i] - v.p[i]) * (1 - b2)
                                        ws.p[i] -= lrT * m.p[i] / (v.p[i].squareRoot() + eps)
                                    }
                                }
                            }
                        }
                    case .sgd:
                        if momentum == 0 {
                            for i in 0..<n { w[i] -= lr * g[i] }
                        } else {
                            s0.withUnsafeMutableBufferPointer { v in
                                for i in 0..<n {
                                    v[i] = momentum * v[i] - lr * g[i]
                                    w[i] += nesterov ? momentum * v[i] - lr * g[i] : v[i]
                                }
                            }
                        }
                    case .rmsprop:
                        s0.withUnsafeMutableBufferPointer { v in
                            for i in 0..<n {
                                v[i] = rho * v[i] + (1 - rho) * g[i] * g[i]
                                w[i] -= lr * g[i] / (v[i].squareRoot() + epsilon)
                            }
                        }
                    case .adagrad:
                        s0.withUnsafeMutableBufferPointer { a in
                            for i in 0..<n {
                                a[i] += g[i] * g[i]
                                w[i] -= lr * g[i] / (a[i] + epsilon).squareRoot()
                            }
                        }
                    case .adadelta:
                        s0.withUnsafeMutableBufferPointer { ag in
                            s1.withUnsafeMutableBufferPointer { ad in
                                for i in 0..<n {
                                    ag[i] = rho * ag[i] + (1 - rho) * g[i] * g[i]
                                    let delta = -(ad[i] + epsilon).squareRoot() / (ag[i] + epsilon).squareRoot() * g[i]
                                    ad[i] = rho * ad[i] + (1 - rho) * delta * delta
                                    w[i] += lr * delta
                                }
                            }
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
