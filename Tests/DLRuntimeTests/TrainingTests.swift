import Foundation
import Synchronization
import Testing
@testable import DLRuntime

@Suite(.serialized) struct TrainingTests {
    func sample() throws -> (x: Tensor, y: Tensor, xt: Tensor, yt: Tensor) {
        let d = try MNIST.load(directory: repositoryRoot.appendingPathComponent("examples/data/mnist-sample"))
        func prep(_ x: Tensor) -> Tensor { x.map { $0 / 255 }.reshaped(x.shape + [1]) }
        func hot(_ y: Tensor) -> Tensor {
            var t = Tensor(zeros: [y.count, 10])
            for (i, v) in y.data.enumerated() { t.data[i * 10 + Int(v)] = 1 }
            return t
        }
        return (prep(d.train.x.floats), hot(d.train.y.floats), prep(d.test.x.floats), hot(d.test.y.floats))
    }

    /// The issue's bar: net_1, seed 1, two epochs on the bundled sample, >= 90% on its test images.
    @Test func net1LearnsTheBundledSample() throws {
        RandomSource.shared = RandomSource(seed: 1)
        let d = try sample()
        let m = CourseNets.net1()
        try m.compile(optimizer: Optimizer(.adam), loss: .categoricalCrossentropy, metrics: ["accuracy"])
        var o = FitOptions(); o.batchSize = 128; o.epochs = 2; o.validationSplit = 0.1
        let out = TextBuffer()
        let h = try m.fit(x: d.x, y: d.y, options: o, sink: out)
        #expect(h.keys == ["loss", "accuracy", "val_loss", "val_accuracy", "learning_rate"])
        #expect(h.values["loss"]![1] < h.values["loss"]![0])
        let scores = try m.evaluate(x: d.xt, y: d.yt, verbose: 0, sink: out)
        #expect(scores[1] >= 0.90, "test accuracy \(scores[1])")
        #expect(out.text.contains("Epoch 2/2"))
        #expect(out.text.contains("43/43 - "))
    }

    /// Keras holds out the LAST fraction of the samples, before any shuffling.
    @Test func validationSplitTakesTheTail() throws {
        final class Spy: TrainingCallback {}
        let n = 10
        var x = Tensor(zeros: [n, 1]), y = Tensor(zeros: [n, 1])
        for i in 0..<n { x.data[i] = Float(i); y.data[i] = i >= 8 ? 100 : 0 }
        let m = Model(layers: [Dense(units: 1)])
        try m.compile(optimizer: Optimizer(.sgd, learningRate: 0), loss: .meanSquaredError, metrics: [])
        var o = FitOptions(); o.epochs = 1; o.validationSplit = 0.2; o.verbose = 0
        let h = try m.fit(x: x, y: y, options: o, sink: TextBuffer())
        // With a zero learning rate the model is fixed; the tail's targets (100) dominate val_loss.
        #expect(h.values["val_loss"]![0] > 1000)
        #expect(h.values["loss"]![0] < 1000)
    }

    /// Data sorted by class puts one class in the held-out tail: fit says so.
    @Test func skewedValidationTailIsWarnedAbout() throws {
        var y = Tensor(zeros: [20, 2])
        for i in 0..<20 { y.data[i * 2 + (i < 10 ? 0 : 1)] = 1 }
        let x = randomTensor([20, 3], seed: 4)
        let m = Model(layers: [Dense(units: 2, activation: .softmax)])
        try m.compile(optimizer: Optimizer(.sgd), loss: .categoricalCrossentropy, metrics: ["accuracy"])
        var o = FitOptions(); o.validationSplit = 0.25; o.verbose = 0
        let out = TextBuffer()
        try m.fit(x: x, y: y, options: o, sink: out)
        #expect(out.text.contains("Warning: validation_split=0.25"))
        // Interleaved classes: no warning.
        var mixed = Tensor(zeros: [20, 2])
        for i in 0..<20 { mixed.data[i * 2 + i % 2] = 1 }
        let quiet = TextBuffer()
        try m.fit(x: x, y: mixed, options: o, sink: quiet)
        #expect(!quiet.text.contains("Warning"))
    }

    /// A batch whose activations cannot fit is refused before anything is allocated.
    @Test func batchTooLargeForMemoryIsRefusedWithTheFigure() throws {
        let m = Model(layers: [Conv2D(filters: 1024, kernel: (3, 3), padding: .same), Pooling2D(pool: (600, 600)), Flatten(), Dense(units: 1)])
        try m.build(inputShape: [600, 600, 1])
        try m.compile(optimizer: Optimizer(.sgd), loss: .meanSquaredError, metrics: [])
        let x = Tensor(zeros: [64, 600, 600, 1]), y = Tensor(zeros: [64, 1])
        var o = FitOptions(); o.batchSize = 64; o.verbose = 0
        let e = expectError(.batchTooLarge) { try m.fit(x: x, y: y, options: o, sink: TextBuffer()) }
        #expect(e?.message.contains("batch_size=64 needs about") == true)
        #expect(e?.message.contains("GB") == true)
        #expect(m.estimatedBytes(batch: 1, training: true) < 8e9)
    }

    @Test func nonFiniteLossStopsAndKeepsTheWeights() throws {
        let x = Tensor(shape: [4, 2], data: [1, 2, 3, 4, 1, .nan, 1, 1])
        let y = Tensor(shape: [4, 1], data: [1, 0, 1, 0])
        let m = Model(layers: [Dense(units: 1, activation: .sigmoid)])
        try m.compile(optimizer: Optimizer(.adam), loss: .binaryCrossentropy, metrics: ["accuracy"])
        var o = FitOptions(); o.batchSize = 2; o.epochs = 3; o.shuffle = false; o.verbose = 0
        try m.build(inputShape: [2])
        let before = m.parameters.map(\.value)
        let h = try m.fit(x: x, y: y, options: o, sink: TextBuffer())
        #expect(h.stopReason?.key == .nonFiniteLoss)
        #expect(h.stopReason?.message.contains("epoch 1, batch 2") == true)
        #expect(m.parameters[0].value.allFinite)
        #expect(m.parameters[0].value != before[0])  // batch 1 was applied, batch 2 was not
        #expect(h.stopReason?.message.contains("sample 2 of the data") == true)
    }

    /// A layer that overflows is named; batch normalisation's moving statistics are those
    /// from before the batch too.
    @Test func nonFiniteLayerOutputIsNamed() throws {
        let dense = Dense(units: 3), norm = BatchNormalization(), out = Dense(units: 1, activation: .sigmoid)
        dense.name = "too_big"
        let m = Model(layers: [dense, norm, out])
        try m.compile(optimizer: Optimizer(.sgd), loss: .binaryCrossentropy, metrics: [])
        try m.build(inputShape: [2])
        dense.parameters[0].value = Tensor(filled: 1e30, shape: [2, 3])
        let statistics = norm.parameters.map(\.value)
        var o = FitOptions(); o.batchSize = 2; o.epochs = 1; o.verbose = 0
        let h = try m.fit(x: Tensor(filled: 1e10, shape: [2, 2]), y: Tensor(zeros: [2, 1]), options: o, sink: TextBuffer())
        #expect(h.stopReason?.key == .nonFiniteLoss)
        #expect(h.stopReason?.message.contains("layer 'too_big' (Dense)") == true, "\(h.stopReason?.message ?? "")")
        #expect(norm.parameters.map(\.value) == statistics)
    }

    /// A learning rate of 1e6: training stops at the first batch whose loss or gradients are
    /// not finite, and the weights are exactly those from before that batch.
    @Test func explodingLearningRateKeepsTheLastGoodWeights() throws {
        final class Recorder: TrainingCallback {
            var last: [[Float]] = []
            func onBatchBegin(batch: Int, model: Model) throws { last = model.weightSnapshot() }
        }
        let x = randomTensor([64, 4], seed: 3), y = randomTensor([64, 1], seed: 4)
        let m = Model(layers: [Dense(units: 8, activation: .relu), Dense(units: 1)])
        try m.compile(optimizer: Optimizer(.sgd, learningRate: 1e6), loss: .meanSquaredError, metrics: [])
        try m.build(inputShape: [4], random: RandomSource(seed: 5))
        var o = FitOptions(); o.batchSize = 8; o.epochs = 50; o.verbose = 0
        let recorder = Recorder()
        let h = try m.fit(x: x, y: y, options: o, callbacks: [recorder], sink: TextBuffer())
        #expect([MessageKey.nonFiniteLoss, .nonFiniteGradient, .nonFiniteUpdate].contains(h.stopReason?.key))
        #expect(m.weightSnapshot() == recorder.last)
        #expect(m.parameters.allSatisfy { $0.value.allFinite })
    }

    /// A batch whose loss and gradients are finite but whose update (learning rate x gradient)
    /// overflows the weights: the update is undone, optimizer state included, and the message
    /// names the weights.
    @Test func overflowingUpdateIsUndone() throws {
        final class Recorder: TrainingCallback {
            var last: [[Float]] = []
            func onBatchBegin(batch: Int, model: Model) throws { last = model.weightSnapshot() }
        }
        // Inputs of 1e17 give predictions near 1e17, a loss near 1e34 and gradients near
        // 1e34: all finite. Times a learning rate of 1e6 the step is 1e40, past Float's 3.4e38.
        let x = Tensor(shape: [4, 2], data: [Float](repeating: 1e17, count: 8)), y = Tensor(zeros: [4, 1])
        let dense = Dense(units: 1)
        dense.name = "too_fast"
        let m = Model(layers: [dense])
        let sgd = Optimizer(.sgd, learningRate: 1e6)
        sgd.momentum = 0.9
        try m.compile(optimizer: sgd, loss: .meanSquaredError, metrics: [])
        try m.build(inputShape: [2], random: RandomSource(seed: 5))
        var o = FitOptions(); o.batchSize = 4; o.epochs = 1; o.verbose = 0
        let recorder = Recorder()
        let h = try m.fit(x: x, y: y, options: o, callbacks: [recorder], sink: TextBuffer())
        #expect(h.stopReason?.key == .nonFiniteUpdate)
        #expect(h.stopReason?.message.contains("kernel of layer 'too_fast'") == true, "\(h.stopReason?.message ?? "")")
        #expect(m.weightSnapshot() == recorder.last)
        #expect(sgd.iterations == 0)
        #expect(sgd.state(of: m.parameters[0]) == nil)
    }

    @Test func interruptStopsAfterTheCurrentBatch() throws {
        final class Interrupter: TrainingCallback {
            func onBatchEnd(batch: Int, logs: [(String, Double)], model: Model) throws { if batch == 1 { Interrupt.request() } }
        }
        let x = randomTensor([20, 3], seed: 1), y = randomTensor([20, 1], seed: 2)
        let m = Model(layers: [Dense(units: 1)])
        try m.compile(optimizer: Optimizer(.sgd), loss: .meanSquaredError, metrics: [])
        var o = FitOptions(); o.batchSize = 4; o.epochs = 2; o.verbose = 0
        let h = try m.fit(x: x, y: y, options: o, callbacks: [Interrupter()], sink: TextBuffer())
        #expect(h.stopReason?.key == .trainingInterrupted)
        #expect(h.epochs.isEmpty)
        #expect(m.optimizer!.iterations == 2)
        #expect(!Interrupt.requested)
    }

    @Test func seedMakesRunsRepeatable() throws {
        func once() throws -> [Float] {
            RandomSource.shared = RandomSource(seed: 42)
            let x = randomTensor([16, 4, 4, 1], seed: 3), y = Tensor(shape: [16, 2], data: (0..<32).map { Float($0 % 2) })
            let m = Model(layers: [Conv2D(filters: 2, kernel: (3, 3), padding: .same, activation: .relu), Flatten(), Dense(units: 2, activation: .softmax)])
            try m.compile(optimizer: Optimizer(.adam), loss: .categoricalCrossentropy, metrics: [])
            var o = FitOptions(); o.batchSize = 4; o.epochs = 2; o.verbose = 0
            try m.fit(x: x, y: y, options: o, sink: TextBuffer())
            return m.parameters[0].value.data
        }
        #expect(try once() == once())
    }

    /// Tests run side by side; another thread drawing random numbers all the while must not
    /// change a seeded sequence on this one.
    @Test func seedIsNotDisturbedByOtherThreads() throws {
        func draws() -> [UInt64] {
            RandomSource.shared = RandomSource(seed: 7)
            return (0..<2000).map { _ in
                usleep(20)
                return RandomSource.shared.next()
            }
        }
        final class Stop: Sendable { let flag = Atomic<Bool>(false) }
        let stop = Stop()
        let other = Thread { while !stop.flag.load(ordering: .relaxed) { _ = RandomSource.shared.next() } }
        other.start()
        defer { stop.flag.store(true, ordering: .relaxed) }
        let same = draws() == RandomSource.with(seed: 7) { r in (0..<2000).map { _ in r.next() } }
        #expect(same, "a seeded sequence changed while another thread drew numbers")
    }
}
