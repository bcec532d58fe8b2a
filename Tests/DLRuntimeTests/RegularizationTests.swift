import Testing
@testable import DLRuntime

/// Dropout and batch normalisation: what they do at training and at inference.
@Suite struct RegularizationTests {
    @Test func dropoutDropsTheRateAndScalesTheRest() throws {
        let d = Dropout(rate: 0.25)
        var random = RandomSource(seed: 1)
        try d.build(inputShape: [100, 100], random: &random)
        let x = Tensor(filled: 2, shape: [4, 100, 100])
        let y = d.forward(x, training: true)
        let kept = y.data.filter { $0 != 0 }
        let fraction = Double(kept.count) / Double(y.count)
        #expect(abs(fraction - 0.75) < 0.01, "kept \(fraction)")
        #expect(kept.allSatisfy { abs($0 - 2 / 0.75) < 1e-5 })
        // The gradient passes exactly where the values did, with the same scale.
        let dx = d.backward(Tensor(filled: 1, shape: x.shape))
        for i in 0..<y.count { #expect((dx.data[i] == 0) == (y.data[i] == 0)) }
        #expect(d.forward(x, training: false) == x)
        // A new batch draws a new mask.
        #expect(d.forward(x, training: true) != y)
    }

    @Test func dropoutMasksRepeatWithTheSeedAndNotWithTheThreadCount() throws {
        func firstMask(threads: Int) throws -> Tensor {
            let d = Dropout(rate: 0.5)
            var random = RandomSource(seed: 9)
            try d.build(inputShape: [50_000], random: &random)
            let saved = Parallel.threads
            defer { try? Parallel.setThreads(saved) }
            try Parallel.setThreads(min(threads, Parallel.cores))
            return d.forward(Tensor(filled: 1, shape: [2, 50_000]), training: true)
        }
        #expect(try firstMask(threads: 1) == firstMask(threads: 2))
    }

    @Test func batchNormTrainsOnBatchStatisticsAndInfersOnMovingOnes() throws {
        let bn = BatchNormalization(momentum: 0.9)
        var random = RandomSource(seed: 2)
        try bn.build(inputShape: [2], random: &random)
        #expect(bn.parameters.map(\.name) == ["gamma", "beta", "moving_mean", "moving_variance"])
        #expect(bn.parameterCount == 8 && bn.trainableCount == 4)
        // Channel 0 holds 1, 3 (mean 2, variance 1); channel 1 holds 10, 10 (variance 0).
        let x = Tensor(shape: [2, 2], data: [1, 10, 3, 10])
        let y = bn.forward(x, training: true)
        let s = 1 / (1 + Float(1e-3)).squareRoot()
        #expect(abs(y.data[0] + s) < 1e-5 && abs(y.data[2] - s) < 1e-5)
        #expect(y.data[1] == 0 && y.data[3] == 0)
        // Moving statistics: 0.9 * old + 0.1 * batch.
        #expect(abs(bn.movingMean.value.data[0] - 0.2) < 1e-6 && abs(bn.movingMean.value.data[1] - 1) < 1e-6)
        #expect(abs(bn.movingVariance.value.data[0] - 1) < 1e-6 && abs(bn.movingVariance.value.data[1] - 0.9) < 1e-6)
        // Inference: (x - moving_mean) / sqrt(moving_variance + eps).
        let z = bn.forward(x, training: false)
        #expect(abs(z.data[0] - (1 - 0.2) / (1 + Float(1e-3)).squareRoot()) < 1e-5)
        #expect(abs(z.data[1] - (10 - 1) / (0.9 + Float(1e-3)).squareRoot()) < 1e-4)
    }

    @Test func batchNormStatisticsStayAccurateOverMillionsOfValues() throws {
        // A large offset and a million rows: a naive float32 sum of squares loses the variance.
        let bn = BatchNormalization(momentum: 0)
        var random = RandomSource(seed: 3)
        try bn.build(inputShape: [1], random: &random)
        var x = Tensor(zeros: [1_000_000, 1])
        for i in 0..<x.count { x.data[i] = 1000 + (i % 2 == 0 ? 1 : -1) }
        _ = bn.forward(x, training: true)
        #expect(abs(bn.movingMean.value.data[0] - 1000) < 1e-3)
        #expect(abs(bn.movingVariance.value.data[0] - 1) < 1e-3)
    }

    @Test func stepActivationRunsForwardButRefusesToTrain() throws {
        let layer = ActivationLayer(.step)
        var random = RandomSource(seed: 1)
        try layer.build(inputShape: [3], random: &random)
        #expect(layer.forward(Tensor(shape: [1, 3], data: [-1, 0, 2]), training: false).data == [0, 0, 1])
        let m = Model(layers: [Dense(units: 3), ActivationLayer(.step)], inputShape: [2])
        try m.compile(optimizer: Optimizer(.sgd), loss: .meanSquaredError, metrics: [])
        let e = expectError(.stepNotTrainable) {
            try m.fit(x: Tensor(zeros: [4, 2]), y: Tensor(zeros: [4, 3]), options: FitOptions(), sink: TextBuffer())
        }
        #expect(e?.message.contains("sigmoid") == true)
    }
}
