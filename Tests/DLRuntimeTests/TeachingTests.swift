import Testing
@testable import DLRuntime

/// `explain`, `trace`, `gradcheck` and the window demos: the arithmetic they print is right,
/// and the gradient check can tell a wrong gradient from a right one.
@Suite struct TeachingTests {
    func net1() throws -> Model {
        let m = Model(layers: [Conv2D(filters: 32, kernel: (3, 3), padding: .same, activation: .relu),
                               Conv2D(filters: 64, kernel: (3, 3), padding: .same, activation: .relu),
                               Pooling2D(pool: (2, 2), stride: (2, 2), padding: .valid), Flatten(),
                               Dense(units: 128, activation: .relu), Dense(units: 10, activation: .softmax)])
        try m.build(inputShape: [28, 28, 1], random: RandomSource(seed: 1))
        return m
    }

    @Test func explainWritesEachParameterCountAsASum() throws {
        let text = try net1().explainText()
        #expect(text.contains("params: 3*3*1*32 weights + 32 biases = 320"))
        #expect(text.contains("params: 3*3*32*64 weights + 64 biases = 18,496"))
        #expect(text.contains("params: 12544*128 weights + 128 biases = 1,605,760"))
        #expect(text.contains("shape:  'valid' padding: (28 - 2) / 2 + 1 = 14"))
        #expect(text.contains("Total: 1,625,866 parameters (1,625,866 trainable)"))
        // conv2d: 2*9 FLOP per output for 28*28*32 outputs, plus the bias and the ReLU.
        #expect(LayerArithmetic(try net1().layers[0]).flops == 2 * 9 * 25_088 + 25_088 + 25_088)
        #expect(LayerArithmetic(try net1().layers[4]).flops == 2 * 12_544 * 128 + 128 + 128)
    }

    @Test func traceFollowsOneSampleThroughTheLayers() throws {
        let m = try net1()
        var x = Tensor(zeros: [28, 28, 1])
        for i in 0..<x.count { x.data[i] = i % 3 == 0 ? 1 : 0 }
        let rows = try m.trace(sample: x)
        #expect(rows.map(\.shape) == m.layers.map(\.outputShape))
        // The last layer is a softmax: positive values summing to one, no zeros.
        let probabilities = rows.last!.output.data
        #expect(abs(probabilities.reduce(0, +) - 1) < 1e-5 && rows.last!.zeros == 0)
        // ReLU outputs are never negative; the trace's minimum says so.
        #expect(rows[0].min >= 0 && rows[0].zeros > 0)
        #expect(try m.traceText(sample: x).contains("max_pooling2d"))
    }

    @Test func gradcheckAgreesOnASmoothNetworkAndLeavesItUnchanged() throws {
        let m = Model(layers: [Conv2D(filters: 3, kernel: (3, 3), activation: .tanh), Pooling2D(.average, pool: (2, 2), stride: (2, 2), padding: .valid),
                               Flatten(), Dropout(rate: 0.3), BatchNormalization(), Dense(units: 4, activation: .softmax)])
        try m.build(inputShape: [8, 8, 2], random: RandomSource(seed: 3))
        var x = Tensor(zeros: [6, 8, 8, 2])
        var r = RandomSource(seed: 4)
        for i in 0..<x.count { x.data[i] = r.uniform(-1, 1) }
        let y = Tensor(shape: [6], data: [0, 1, 2, 3, 0, 1], dtype: .int64)
        let before = m.weightSnapshot()
        let rows = try m.gradientCheck(x: x, y: y, loss: .sparseCategoricalCrossentropy)
        #expect(rows.count == 6)  // kernel, bias, gamma, beta, kernel, bias
        for row in rows { #expect(row.worst < GradientCheckRow.tolerance && row.directions > 0, "\(row)") }
        #expect(m.weightSnapshot() == before)
    }

    /// A layer whose backward pass doubles the true gradient of its weight: gradcheck must
    /// flag it and pass the correct layers beside it.
    final class BrokenScale: Layer {
        var name = "broken"
        let typeName = "BrokenScale"
        var inputShape: [Int] = []
        var outputShape: [Int] { inputShape }
        var parameters: [Parameter] = []
        var needsInputGradient = true
        var last = Tensor(zeros: [0])
        func build(inputShape: [Int], random: inout RandomSource) throws {
            self.inputShape = inputShape
            parameters = [Parameter("scale", Tensor(filled: 1.5, shape: inputShape))]
        }
        func forward(_ x: Tensor, training: Bool) -> Tensor {
            last = x
            var y = x
            for i in 0..<y.count { y.data[i] *= parameters[0].value.data[i % parameters[0].value.count] }
            return y
        }
        func backward(_ dy: consuming Tensor) -> Tensor {
            let n = parameters[0].value.count
            var g = [Float](repeating: 0, count: n)
            let upstream = dy
            var dx = upstream
            for i in 0..<upstream.count {
                g[i % n] += 2 * upstream.data[i] * last.data[i]  // wrong: the factor 2
                dx.data[i] = upstream.data[i] * parameters[0].value.data[i % n]
            }
            parameters[0].grad.data = g
            return dx
        }
    }

    @Test func gradcheckCatchesAWrongGradient() throws {
        let m = Model(layers: [Dense(units: 5, activation: .tanh), BrokenScale(), Dense(units: 3, activation: .softmax)])
        try m.build(inputShape: [4], random: RandomSource(seed: 5))
        var x = Tensor(zeros: [3, 4])
        for i in 0..<x.count { x.data[i] = Float(i % 5) / 5 - 0.4 }
        let y = Tensor(shape: [3], data: [0, 1, 2], dtype: .int64)
        let rows = try m.gradientCheck(x: x, y: y, loss: .sparseCategoricalCrossentropy)
        let broken = rows.first { $0.parameter == "scale" }!
        #expect(broken.worst > 0.2)
        for row in rows where row.parameter != "scale" { #expect(row.worst < GradientCheckRow.tolerance, "\(row)") }
    }

    @Test func convolutionDemoOnTheClassicFiveByFive() throws {
        let image = Tensor(shape: [5, 5], data: [1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 0, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0], dtype: .int64)
        let kernel = Tensor(shape: [3, 3], data: [1, 0, 1, 0, 1, 0, 1, 0, 1], dtype: .int64)
        let r = try WindowDemos.convolve(image, kernel: kernel)
        #expect(r.output.shape == [3, 3] && r.output.data == [4, 3, 4, 2, 4, 3, 2, 3, 4])
        #expect(r.steps[0] == "[0, 0]: 1*1 + 1*0 + 1*1 + 0*0 + 1*1 + 1*0 + 0*1 + 0*0 + 1*1 = 4")
        // 'same' keeps the size; the corner sees zeros outside the image.
        let same = try WindowDemos.convolve(image, kernel: kernel, padding: .same)
        #expect(same.output.shape == [5, 5] && same.output.data[0] == 2)
    }

    @Test func poolingDemosMatchTheLayers() throws {
        let m = Tensor(shape: [2, 2], data: [1, 3, 2, 4], dtype: .int64)
        #expect(try WindowDemos.pool(m, kind: .max).output.data == [4])
        #expect(try WindowDemos.pool(m, kind: .average).output.data == [2.5])
        var x = Tensor(zeros: [5, 7])
        var r = RandomSource(seed: 9)
        for i in 0..<x.count { x.data[i] = r.uniform(-1, 1) }
        for (kind, padding, size, stride) in [(PoolKind.max, Padding.same, 2, 2), (.average, .same, 3, 2), (.max, .valid, 3, 1)] {
            let demo = try WindowDemos.pool(x, kind: kind, size: size, stride: stride, padding: padding)
            let layer = Pooling2D(kind, pool: (size, size), stride: (stride, stride), padding: padding)
            var random = RandomSource(seed: 0)
            try layer.build(inputShape: [5, 7, 1], random: &random)
            let y = layer.forward(x.reshaped([1, 5, 7, 1]), training: false)
            #expect(demo.output.shape == Array(y.shape[1...2]))
            for (a, b) in zip(demo.output.data, y.data) { #expect(abs(a - b) < 1e-6) }
        }
    }
}
