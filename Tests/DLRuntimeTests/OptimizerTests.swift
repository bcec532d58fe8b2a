import Foundation
import Testing
@testable import DLRuntime

/// Each optimizer's first two updates against Keras's formulas computed by hand (in Double).
@Suite struct OptimizerTests {
    let w0: Float = 0.5
    let grads: [Float] = [0.2, -0.1]

    func run(_ o: Optimizer) -> [Float] {
        let p = Parameter("w", Tensor(shape: [1], data: [w0]))
        var out: [Float] = []
        for g in grads {
            p.grad = Tensor(shape: [1], data: [g])
            o.step([p])
            out.append(p.value.data[0])
        }
        return out
    }

    func expectClose(_ a: [Float], _ b: [Double]) {
        for (x, y) in zip(a, b) { #expect(abs(Double(x) - y) < 1e-6, "got \(x), Keras's formula gives \(y)") }
    }

    @Test func adam() {
        var w = Double(w0), m = 0.0, v = 0.0
        var expected: [Double] = []
        for (t, g) in grads.enumerated() {
            let g = Double(g), t = Double(t + 1)
            m += (g - m) * 0.1; v += (g * g - v) * 0.001
            let lr = 0.001 * (1 - pow(0.999, t)).squareRoot() / (1 - pow(0.9, t))
            w -= lr * m / (v.squareRoot() + 1e-7)
            expected.append(w)
        }
        expectClose(run(Optimizer(.adam)), expected)
    }

    @Test func adadelta() {
        var w = Double(w0), ag = 0.0, ad = 0.0
        var expected: [Double] = []
        for g in grads.map(Double.init) {
            ag = 0.95 * ag + 0.05 * g * g
            let delta = -(ad + 1e-7).squareRoot() / (ag + 1e-7).squareRoot() * g
            ad = 0.95 * ad + 0.05 * delta * delta
            w += 0.001 * delta
            expected.append(w)
        }
        expectClose(run(Optimizer(.adadelta)), expected)
    }

    @Test func sgdWithMomentum() {
        let o = Optimizer(.sgd); o.momentum = 0.9
        var w = Double(w0), v = 0.0
        var expected: [Double] = []
        for g in grads.map(Double.init) { v = 0.9 * v - 0.01 * g; w += v; expected.append(w) }
        expectClose(run(o), expected)
    }

    @Test func plainSGDAndNesterov() {
        expectClose(run(Optimizer(.sgd)), [0.5 - 0.01 * 0.2, 0.5 - 0.01 * 0.2 + 0.01 * 0.1])
        let o = Optimizer(.sgd, learningRate: 0.1); o.momentum = 0.9; o.nesterov = true
        var w = Double(w0), v = 0.0
        var expected: [Double] = []
        for g in grads.map(Double.init) { v = 0.9 * v - 0.1 * g; w += 0.9 * v - 0.1 * g; expected.append(w) }
        expectClose(run(o), expected)
    }

    @Test func rmspropAndAdagrad() {
        var w = Double(w0), v = 0.0
        var expected: [Double] = []
        for g in grads.map(Double.init) { v = 0.9 * v + 0.1 * g * g; w -= 0.001 * g / (v.squareRoot() + 1e-7); expected.append(w) }
        expectClose(run(Optimizer(.rmsprop)), expected)
        w = Double(w0); var acc = 0.1
        expected = []
        for g in grads.map(Double.init) { acc += g * g; w -= 0.001 * g / (acc + 1e-7).squareRoot(); expected.append(w) }
        expectClose(run(Optimizer(.adagrad)), expected)
    }

    /// A parameter big enough to be split across cores, with a length that leaves a remainder
    /// after the vector loop: each element must move exactly as a one-element parameter with
    /// its gradient does (the one-element path is the one checked against the formulas above).
    @Test(arguments: ["adam", "adadelta", "adagrad", "rmsprop", "sgd", "momentum", "nesterov"])
    func bigParametersUpdateLikeSmallOnes(kind: String) {
        func make() -> Optimizer {
            let o = Optimizer(Optimizer.Kind(rawValue: kind) ?? .sgd, learningRate: 0.05)
            if kind == "momentum" || kind == "nesterov" { o.momentum = 0.9; o.nesterov = kind == "nesterov" }
            return o
        }
        let n = 2 * (1 << 15) + 13
        let start = randomTensor([n], seed: 31)
        let steps = [randomTensor([n], seed: 32), randomTensor([n], seed: 33)]
        let big = Parameter("w", start), optimizer = make()
        for g in steps { big.grad = g; optimizer.step([big]) }
        for i in Array(stride(from: 0, to: n, by: 611)) + [n / 2 - 1, n / 2, n - 5, n - 1] {
            let one = Parameter("w", Tensor(shape: [1], data: [start.data[i]])), alone = make()
            for g in steps { one.grad = Tensor(shape: [1], data: [g.data[i]]); alone.step([one]) }
            #expect(big.value.data[i] == one.value.data[0], "element \(i)")
        }
    }

    @Test func frozenParametersDoNotMove() {
        let p = Parameter("w", Tensor(shape: [1], data: [1]), trainable: false)
        p.grad = Tensor(shape: [1], data: [5])
        Optimizer(.sgd).step([p])
        #expect(p.value.data == [1])
    }
}
