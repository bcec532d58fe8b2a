import Testing
@testable import DLRuntime

/// Graph models and the layers the classic architectures need: merges, depthwise and
/// separable convolutions, padding, rescaling, reshaping, relu6 and swish, batch
/// normalisation without scale or centre.
@Suite struct GraphLayerTests {
    /// Checks a merge layer's backward pass for every input against central differences of
    /// L = sum(r * layer(xs)).
    func mergeGradientCheck(_ layer: MergeLayer, shapes: [[Int]], batch: Int = 2, distinct: Bool = false) throws {
        var random = RandomSource(seed: 5)
        try layer.build(inputShapes: shapes, random: &random)
        var xs = shapes.enumerated().map { randomTensor([batch] + $0.element, seed: UInt64(10 + $0.offset)) }
        if distinct {
            // Maximum and minimum: inputs far apart, so no value changes winner within h.
            for i in xs.indices { for j in 0..<xs[i].count { xs[i].data[j] += Float(i) * 3 * (j % 2 == 0 ? 1 : -1) } }
        }
        let y = layer.forward(xs, training: true)
        let r = randomTensor(y.shape, seed: 99)
        let grads = layer.backward(merged: r)
        func loss(_ inputs: [Tensor]) -> Double {
            let out = layer.forward(inputs, training: false)
            return zip(out.data, r.data).reduce(0) { $0 + Double($1.0) * Double($1.1) }
        }
        let h: Float = 1e-2
        for i in xs.indices {
            #expect(grads[i].shape == xs[i].shape)
            for j in 0..<xs[i].count {
                let keep = xs[i].data[j]
                xs[i].data[j] = keep + h; let up = loss(xs)
                xs[i].data[j] = keep - h; let down = loss(xs)
                xs[i].data[j] = keep
                let numeric = (up - down) / Double(2 * h)
                #expect(abs(numeric - Double(grads[i].data[j])) < 2e-3, "\(layer.typeName) input \(i)[\(j)]: \(grads[i].data[j]) vs \(numeric)")
            }
        }
    }

    @Test(arguments: ElementwiseMerge.Operation.allCases)
    func elementwiseMerges(operation: ElementwiseMerge.Operation) throws {
        let count = operation == .subtract ? 2 : 3
        try mergeGradientCheck(ElementwiseMerge(operation), shapes: Array(repeating: [3, 2, 4], count: count),
                               distinct: operation == .maximum || operation == .minimum)
    }

    /// Squeeze-and-excitation multiplies (h, w, c) maps by a (1, 1, c) vector: the vector's
    /// gradient sums over the positions it was stretched across.
    @Test func broadcastMultiplyAndAdd() throws {
        try mergeGradientCheck(ElementwiseMerge(.multiply), shapes: [[3, 2, 4], [1, 1, 4]])
        try mergeGradientCheck(ElementwiseMerge(.add), shapes: [[1, 2, 1], [3, 2, 4]])
        let m = ElementwiseMerge(.multiply)
        var random = RandomSource(seed: 1)
        try m.build(inputShapes: [[2, 2, 3], [1, 1, 3]], random: &random)
        let y = m.forward([Tensor(filled: 2, shape: [1, 2, 2, 3]), Tensor(shape: [1, 1, 1, 3], data: [1, 2, 3])], training: false)
        #expect(y.shape == [1, 2, 2, 3] && Array(y.data[0..<6]) == [2, 4, 6, 2, 4, 6])
        expectError(.mergeShapes) { try ElementwiseMerge(.add).build(inputShapes: [[2, 2, 3], [2, 2, 4]], random: &random) }
        expectError(.mergeNeedsList) { try ElementwiseMerge(.add).build(inputShapes: [[2, 2, 3]], random: &random) }
        expectError(.subtractNeedsTwo) { try ElementwiseMerge(.subtract).build(inputShapes: [[2], [2], [2]], random: &random) }
    }

    @Test func concatenateAlongChannelsAndRows() throws {
        try mergeGradientCheck(Concatenate(), shapes: [[2, 3, 4], [2, 3, 1], [2, 3, 2]])
        try mergeGradientCheck(Concatenate(axis: 1), shapes: [[2, 3, 4], [1, 3, 4]])
        let c = Concatenate()
        var random = RandomSource(seed: 1)
        try c.build(inputShapes: [[1, 1, 2], [1, 1, 1]], random: &random)
        #expect(c.forward([Tensor(shape: [1, 1, 1, 2], data: [1, 2]), Tensor(shape: [1, 1, 1, 1], data: [3])], training: false).data == [1, 2, 3])
        expectError(.concatenateLayerShapes) { try Concatenate().build(inputShapes: [[2, 3, 4], [3, 3, 4]], random: &random) }
        expectError(.concatenateAxis) { try Concatenate(axis: 5).build(inputShapes: [[2, 3, 4], [2, 3, 4]], random: &random) }
    }

    /// The depthwise kernel as an ordinary convolution's: channel c's m-th kernel feeds output
    /// channel c*m + m and nothing else.
    func blockDiagonal(_ w: Tensor) -> Tensor {
        let (kh, kw, c, m) = (w.shape[0], w.shape[1], w.shape[2], w.shape[3])
        var full = Tensor(zeros: [kh, kw, c, c * m])
        for y in 0..<kh { for x in 0..<kw { for ch in 0..<c { for k in 0..<m {
            full.data[((y * kw + x) * c + ch) * c * m + ch * m + k] = w.data[((y * kw + x) * c + ch) * m + k]
        }}}}
        return full
    }

    @Test(arguments: [(Padding.same, 1, 1), (Padding.valid, 2, 1), (Padding.same, 2, 2), (Padding.valid, 1, 3)])
    func depthwiseConvolution(padding: Padding, stride: Int, multiplier: Int) throws {
        let layer = DepthwiseConv2D(kernel: (3, 3), stride: (stride, stride), padding: padding, multiplier: multiplier)
        try gradientCheck(layer, inputShape: [7, 6, 3])
        let x = randomTensor([2, 7, 6, 3], seed: 4)
        var bias = Tensor(zeros: [3 * multiplier])
        for i in 0..<bias.count { bias.data[i] = Float(i) * 0.1 }
        layer.parameters[1].value = bias
        let expected = ConvReference.forward(x: x, w: blockDiagonal(layer.parameters[0].value), b: bias, stride: (stride, stride), padding: padding)
        let y = layer.forward(x, training: false)
        #expect(y.shape == expected.shape)
        #expect(zip(y.data, expected.data).allSatisfy { abs($0 - $1) < 1e-5 })
    }

    @Test func depthwiseWithActivations() throws {
        for activation in [Activation.tanh, .relu6, .swish] {
            try gradientCheck(DepthwiseConv2D(kernel: (3, 3), padding: .same, activation: activation), inputShape: [5, 5, 2])
        }
    }

    /// explain's arithmetic: a depthwise convolution's outputs each read one channel's window.
    @Test func explainCountsDepthwiseAndSeparableWork() throws {
        var random = RandomSource(seed: 1)
        let dw = DepthwiseConv2D(kernel: (3, 3), stride: (2, 2))
        try dw.build(inputShape: [8, 8, 3], random: &random)
        let a = LayerArithmetic(dw)
        #expect(a.parameterFormula == "3*3*3*1 weights + 3 biases = 30")
        #expect(a.flops == 2 * 9 * 27 + 27)
        let sep = SeparableConv2D(filters: 4, kernel: (3, 3), padding: .same)
        try sep.build(inputShape: [3, 3, 3], random: &random)
        #expect(LayerArithmetic(sep).parameterFormula == "3*3*3*1 + 3*4 weights + 4 biases = 43")
    }

    @Test func separableConvolution() throws {
        let layer = SeparableConv2D(filters: 4, kernel: (3, 3), padding: .same, multiplier: 2, activation: .swish)
        try gradientCheck(layer, inputShape: [6, 5, 3])
        #expect(layer.parameters.map(\.name) == ["depthwise_kernel", "pointwise_kernel", "bias"])
        // Keras: 3*3*3*2 + 1*1*6*4 + 4.
        #expect(layer.parameterCount == 54 + 24 + 4)
        let noBias = SeparableConv2D(filters: 8, kernel: (3, 3), useBias: false)
        var random = RandomSource(seed: 1)
        try noBias.build(inputShape: [5, 5, 4], random: &random)
        #expect(noBias.parameterCount == 3 * 3 * 4 + 4 * 8)
    }

    @Test func paddingRescalingReshape() throws {
        try gradientCheck(ZeroPadding2D(top: 1, bottom: 2, left: 0, right: 3), inputShape: [3, 4, 2])
        try gradientCheck(Rescaling(scale: 1 / 127.5, offset: -1), inputShape: [3, 3, 2])
        try gradientCheck(Reshape([1, 1, -1]), inputShape: [6])
        let pad = ZeroPadding2D(top: 1, bottom: 0, left: 0, right: 1)
        var random = RandomSource(seed: 1)
        try pad.build(inputShape: [1, 1, 1], random: &random)
        #expect(pad.forward(Tensor(shape: [1, 1, 1, 1], data: [5]), training: false).data == [0, 0, 5, 0])
        expectError(.reshapeSize) { try Reshape([4, 2]).build(inputShape: [7], random: &random) }
    }

    @Test func relu6AndSwish() throws {
        try gradientCheck(ActivationLayer(.swish), inputShape: [9])
        try gradientCheck(ActivationLayer(.relu6), inputShape: [9])
        // Fused into the weighted layers: oneDNN's path and the plain one.
        try gradientCheck(Dense(units: 4, activation: .swish), inputShape: [5], batch: 3)
        try gradientCheck(Conv2D(filters: 3, kernel: (3, 3), padding: .same, activation: .swish), inputShape: [5, 5, 2])
        var x = Tensor(shape: [4], data: [-2, 0, 3, 8])
        x.data.withUnsafeMutableBufferPointer { Activation.relu6.apply($0.baseAddress!, rows: 1, width: 4) }
        #expect(x.data == [0, 0, 3, 6])
        var s = Tensor(shape: [2], data: [0, 1])
        s.data.withUnsafeMutableBufferPointer { Activation.swish.apply($0.baseAddress!, rows: 1, width: 2) }
        #expect(s.data[0] == 0 && abs(s.data[1] - 0.7310586) < 1e-6)
        #expect(Activation.named("silu") == .swish)
    }

    /// InceptionV3's batch normalisation has no gamma: three values per channel, not four.
    @Test func batchNormalizationWithoutScale() throws {
        var random = RandomSource(seed: 1)
        let bn = BatchNormalization(scale: false)
        try bn.build(inputShape: [4, 4, 8], random: &random)
        #expect(bn.parameterCount == 24 && bn.trainableCount == 8)
        #expect(bn.parameters.map(\.name) == ["beta", "moving_mean", "moving_variance"])
        try gradientCheck(BatchNormalization(center: false), inputShape: [3, 3, 2], batch: 4, training: true)
    }

    /// A small network with a residual addition, a channel concatenation, squeeze-and-
    /// excitation and the new layers: its gradients agree with finite differences, gradients
    /// meeting at a value read twice are summed, and training lowers the loss.
    func residualModel() throws -> Model {
        let layers: [Layer] = [
            Conv2D(filters: 4, kernel: (3, 3), padding: .same, activation: .tanh),   // 1 reads input
            Conv2D(filters: 4, kernel: (1, 1), activation: .tanh),                   // 2 reads input
            ElementwiseMerge(.add),                                                  // 3 reads 1, 2
            Concatenate(),                                                           // 4 reads 3, 1
            DepthwiseConv2D(kernel: (3, 3), padding: .same, activation: .swish),     // 5
            BatchNormalization(scale: false),                                        // 6
            GlobalPooling2D(.average),                                               // 7
            Reshape([1, 1, 8]),                                                      // 8
            ElementwiseMerge(.multiply),                                             // 9 reads 6, 8
            SeparableConv2D(filters: 3, kernel: (3, 3), activation: .tanh),          // 10
            ZeroPadding2D(top: 1, bottom: 0, left: 1, right: 0),                     // 11
            Flatten(),                                                               // 12
            Dense(units: 4, activation: .softmax),                                   // 13
        ]
        for (i, l) in layers.enumerated() { l.name = "l\(i + 1)" }
        let inbound = [[0], [0], [1, 2], [3, 1], [4], [5], [6], [7], [6, 8], [9], [10], [11], [12]]
        let m = Model(name: "residual", layers: layers, inbound: inbound, inputShape: [6, 6, 2], inputName: "input_layer")
        try m.build(inputShape: [6, 6, 2], random: RandomSource(seed: 2))
        return m
    }

    @Test func graphModelGradients() throws {
        let m = try residualModel()
        #expect(!m.isChain)
        let x = randomTensor([8, 6, 6, 2], seed: 3)
        let y = Tensor(shape: [8], data: [0, 1, 2, 3, 0, 1, 2, 3], dtype: .int64)
        let rows = try m.gradientCheck(x: x, y: y, loss: .sparseCategoricalCrossentropy)
        #expect(rows.count == 12)
        for row in rows { #expect(row.worst < GradientCheckRow.tolerance, "\(row)") }
    }

    @Test func graphModelTrainsAndSummarises() throws {
        let m = try residualModel()
        let text = try m.summaryText()
        #expect(text.contains("Connected to"))
        #expect(text.contains(" input_layer (InputLayer)"))
        // The addition reads two layers: the second on its own row.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let add = try #require(lines.firstIndex { $0.hasPrefix(" l3 (Add)") })
        #expect(lines[add].hasSuffix("l1[0][0]") && lines[add + 1].trimmingCharacters(in: .whitespaces) == "l2[0][0]")
        let x = randomTensor([32, 6, 6, 2], seed: 3)
        var y = Tensor(zeros: [32], dtype: .int64)
        for i in 0..<32 { y.data[i] = x.data[i * 72] > 0 ? 1 : 0 }
        try m.compile(optimizer: Optimizer(.adam), loss: .sparseCategoricalCrossentropy, metrics: ["accuracy"])
        var o = FitOptions()
        o.batchSize = 8; o.epochs = 30; o.verbose = 0
        let history = try m.fit(x: x, y: y, options: o, sink: TextBuffer())
        let losses = try #require(history.values["loss"])
        #expect(losses.last! < losses.first! * 0.7, "\(losses)")
        let predictions = try m.predict(x: x, verbose: 0, sink: TextBuffer())
        #expect(predictions.shape == [32, 4])
    }
}
