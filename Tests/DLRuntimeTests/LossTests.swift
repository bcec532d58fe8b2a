import Testing
@testable import DLRuntime

@Suite struct LossTests {
    /// The general gradient chained through softmax equals the fused (p - y) / batch one.
    @Test func crossEntropyThroughSoftmaxMatchesLogitGradient() {
        var logits = randomTensor([3, 4], seed: 11)
        logits.data.withUnsafeMutableBufferPointer { Activation.softmax.apply($0.baseAddress!, rows: 3, width: 4) }
        let y = Tensor(shape: [3, 4], data: [0, 1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1])
        var g = Loss.categoricalCrossentropy.gradient(predictions: logits, targets: y)
        g.data.withUnsafeMutableBufferPointer { gp in
            logits.data.withUnsafeBufferPointer { Activation.softmax.backward(gp.baseAddress!, output: $0.baseAddress!, rows: 3, width: 4) }
        }
        let fused = Loss.categoricalCrossentropy.logitGradient(predictions: logits, targets: y, activation: .softmax)!
        for (a, b) in zip(g.data, fused.data) { #expect(abs(a - b) < 1e-6) }
    }

    @Test(arguments: Loss.allCases)
    func gradientMatchesFiniteDifferences(loss: Loss) {
        var p = randomTensor([2, 3], seed: 5).map { 0.2 + 0.3 * abs($0) }
        let y: Tensor = loss == .sparseCategoricalCrossentropy ? Tensor(shape: [2, 1], data: [2, 0])
            : Tensor(shape: [2, 3], data: [0, 0, 1, 1, 0, 0])
        let g = loss.gradient(predictions: p, targets: y)
        for i in 0..<p.count {
            let keep = p.data[i]
            p.data[i] = keep + 1e-3; let up = loss.sum(predictions: p, targets: y) / 2
            p.data[i] = keep - 1e-3; let down = loss.sum(predictions: p, targets: y) / 2
            p.data[i] = keep
            #expect(abs(Double(g.data[i]) - (up - down) / 2e-3) < 1e-3, "\(loss) d[\(i)]")
        }
    }

    @Test func crossEntropyClipsAtEpsilon() {
        let p = Tensor(shape: [1, 2], data: [0, 1])
        let y = Tensor(shape: [1, 2], data: [1, 0])
        #expect(abs(Loss.categoricalCrossentropy.sum(predictions: p, targets: y) - 16.118095) < 1e-4)
    }

    @Test func labelsThatDoNotFitTheOutputAreRefused() {
        #expect(throws: CnnError.self) {
            try Loss.categoricalCrossentropy.validate(outputShape: [10], targets: Tensor(zeros: [5]))
        }
        #expect(throws: CnnError.self) {
            try Loss.sparseCategoricalCrossentropy.validate(outputShape: [10], targets: Tensor(shape: [2], data: [3, 10]))
        }
    }
}
