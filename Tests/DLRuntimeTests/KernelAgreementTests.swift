import Testing
@testable import DLRuntime

/// The fast convolution (im2col + sgemm across threads) against the plain-loop definition.
@Suite struct KernelAgreementTests {
    @Test(arguments: [
        ([9, 7, 3], 3, 1, Padding.same), ([9, 7, 3], 3, 2, Padding.same), ([9, 7, 3], 3, 2, Padding.valid),
        ([5, 5, 1], 5, 1, Padding.valid), ([6, 8, 4], 2, 3, Padding.same), ([1, 1, 2], 3, 1, Padding.same),
    ])
    func convForwardMatchesReference(shape: [Int], kernel: Int, stride: Int, padding: Padding) throws {
        let conv = Conv2D(filters: 5, kernel: (kernel, kernel), stride: (stride, stride), padding: padding)
        var random = RandomSource(seed: 3)
        try conv.build(inputShape: shape, random: &random)
        conv.bias!.value = randomTensor([5], seed: 4)
        for batch in [1, 3] {
            let x = randomTensor([batch] + shape, seed: 5)
            let fast = conv.forward(x, training: false)
            let slow = ConvReference.forward(x: x, w: conv.weight.value, b: conv.bias!.value, stride: (stride, stride), padding: padding)
            #expect(fast.shape == slow.shape)
            let diff = zip(fast.data, slow.data).map { abs($0 - $1) }.max() ?? 0
            #expect(diff < 1e-5, "largest difference \(diff)")
        }
    }

    @Test func maxPoolPicksTheLargest() throws {
        // Report 004's example: the 2x2 region [1, 3, 2, 4] pools to 4.
        let pool = Pooling2D(pool: (2, 2))
        var random = RandomSource(seed: 1)
        try pool.build(inputShape: [2, 2, 1], random: &random)
        let y = pool.forward(Tensor(shape: [1, 2, 2, 1], data: [1, 3, 2, 4]), training: false)
        #expect(y.data == [4])
    }

    @Test func samePaddingGeometryMatchesTensorFlow() {
        #expect(pair(Padding.same.geometry(input: 28, kernel: 3, stride: 2)) == [14, 0])
        #expect(pair(Padding.same.geometry(input: 28, kernel: 2, stride: 1)) == [28, 0])
        #expect(pair(Padding.same.geometry(input: 7, kernel: 3, stride: 1)) == [7, 1])
        #expect(pair(Padding.valid.geometry(input: 28, kernel: 3, stride: 1)) == [26, 0])
    }
}

private func pair(_ g: (output: Int, padBefore: Int)) -> [Int] { [g.output, g.padBefore] }

/// oneDNN's primitives against the im2col + sgemm path, forward and both backward passes.
@Suite struct OneDNNAgreementTests {
    @Test(arguments: [
        ([9, 7, 3], 3, 1, Padding.same, Activation.relu), ([9, 7, 3], 3, 2, Padding.same, .linear),
        ([8, 8, 2], 3, 2, Padding.valid, .tanh), ([5, 5, 1], 5, 1, Padding.valid, .relu),
        ([6, 8, 4], 2, 3, Padding.same, .sigmoid), ([28, 28, 1], 3, 1, Padding.same, .relu),
        // More channels than MNIST's one, where Conv2D computes the weight gradient itself.
        ([7, 6, 9], 3, 1, Padding.same, .relu), ([9, 8, 6], 3, 2, Padding.valid, .tanh),
    ])
    func oneDNNMatchesIm2col(shape: [Int], kernel: Int, stride: Int, padding: Padding, activation: Activation) throws {
        func make(_ fast: Bool) throws -> Conv2D {
            let c = Conv2D(filters: 6, kernel: (kernel, kernel), stride: (stride, stride), padding: padding, activation: activation)
            var random = RandomSource(seed: 9)
            try c.build(inputShape: shape, random: &random)
            c.bias!.value = randomTensor([6], seed: 10)
            c.useOneDNN = fast
            return c
        }
        let fast = try make(true), slow = try make(false)
        for batch in [1, 4] {
            #expect(fast.plan(batch: batch) != nil, "oneDNN declined \(shape) k\(kernel) s\(stride) \(padding)")
            let x = randomTensor([batch] + shape, seed: 11)
            let yf = fast.forward(x, training: true), ys = slow.forward(x, training: true)
            #expect(maxDifference(yf, ys) < 1e-5)
            let dy = randomTensor(yf.shape, seed: 12)
            let dxf = fast.backward(dy), dxs = slow.backward(dy)
            #expect(maxDifference(dxf, dxs) < 1e-4)
            #expect(maxDifference(fast.weight.grad, slow.weight.grad) < 1e-3)
            #expect(maxDifference(fast.bias!.grad, slow.bias!.grad) < 1e-3)
        }
    }
}

/// One-channel layers (MNIST's first), whose weight gradient Conv2D computes in C: the
/// register-blocked path (up to 9 taps, filters in sixteens) and the general one.
@Suite struct OneChannelWeightGradientTests {
    @Test(arguments: [
        ([28, 28, 1], 32, 3, 1, Padding.same), ([9, 8, 1], 16, 3, 2, Padding.valid),
        ([7, 7, 1], 16, 2, 1, Padding.same), ([8, 6, 1], 12, 3, 1, Padding.same), ([9, 9, 1], 16, 5, 2, Padding.same),
    ])
    func matchesIm2col(shape: [Int], filters: Int, kernel: Int, stride: Int, padding: Padding) throws {
        func make(_ fast: Bool) throws -> Conv2D {
            let c = Conv2D(filters: filters, kernel: (kernel, kernel), stride: (stride, stride), padding: padding, activation: .relu)
            var random = RandomSource(seed: 9)
            try c.build(inputShape: shape, random: &random)
            c.bias!.value = randomTensor([filters], seed: 10)
            c.useOneDNN = fast
            c.needsInputGradient = false
            return c
        }
        let fast = try make(true), slow = try make(false)
        for batch in [1, 3, 64] {
            let x = randomTensor([batch] + shape, seed: 11)
            let y = fast.forward(x, training: true)
            _ = slow.forward(x, training: true)
            let dy = randomTensor(y.shape, seed: 12)
            _ = fast.backward(dy)
            _ = slow.backward(dy)
            #expect(maxDifference(fast.weight.grad, slow.weight.grad) < 1e-3)
            #expect(maxDifference(fast.bias!.grad, slow.bias!.grad) < 1e-3)
        }
    }
}

/// oneDNN's Winograd convolutions (3x3, stride 1, channels in sixteens) against im2col,
/// through the plan's reorders to their blocked layout and back and its slices of the batch.
@Suite struct WinogradAgreementTests {
    static let avx512 = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8))?.contains("avx512f") ?? false

    static func layers(_ shape: [Int], _ filters: Int, _ padding: Padding, _ activation: Activation) throws -> (fast: Conv2D, slow: Conv2D) {
        func make(_ fast: Bool) throws -> Conv2D {
            let c = Conv2D(filters: filters, kernel: (3, 3), padding: padding, activation: activation)
            var random = RandomSource(seed: 9)
            try c.build(inputShape: shape, random: &random)
            c.bias!.value = randomTensor([filters], seed: 10)
            c.useOneDNN = fast
            return c
        }
        return (try make(true), try make(false))
    }

    @Test(arguments: [
        ([9, 7, 16], 32, Padding.same, Activation.relu), ([10, 12, 32], 16, Padding.valid, .linear),
        ([28, 28, 32], 64, Padding.same, .relu),
    ])
    func inferenceMatchesIm2col(shape: [Int], filters: Int, padding: Padding, activation: Activation) throws {
        let (fast, slow) = try Self.layers(shape, filters, padding, activation)
        // 33 and 70 run in slices of 32 and a tail.
        for batch in [1, 5, 32, 33, 70] {
            let kernels = try #require(fast.plan(batch: batch, inference: true)).implementations
            // Winograd needs AVX-512; elsewhere oneDNN's direct kernel takes these layers.
            #expect(kernels.allSatisfy { $0.contains("wino") } == Self.avx512, "\(kernels)")
            let x = randomTensor([batch] + shape, seed: 11)
            // Winograd rounds a little more than the direct sum (outputs of order 1).
            #expect(maxDifference(fast.forward(x, training: false), slow.forward(x, training: false)) < 1e-4)
        }
        // The plan keeps the weights it last transformed: new weights must be seen.
        for layer in [fast, slow] { layer.weight.value.data[7] += 0.5 }
        let x = randomTensor([5] + shape, seed: 13)
        #expect(maxDifference(fast.forward(x, training: false), slow.forward(x, training: false)) < 1e-4)
    }

    /// Training: the forward and both backward passes, for a batch in one slice and in
    /// several (the weight and bias gradients summed over the slices).
    @Test(arguments: [
        ([9, 7, 16], 32, Padding.same, Activation.relu), ([10, 12, 32], 16, Padding.valid, .linear),
        ([26, 26, 32], 64, Padding.valid, .relu),
    ])
    func trainingMatchesIm2col(shape: [Int], filters: Int, padding: Padding, activation: Activation) throws {
        let (fast, slow) = try Self.layers(shape, filters, padding, activation)
        for batch in [1, 5, 32, 70] {
            let kernels = try #require(fast.plan(batch: batch)).implementations
            #expect(kernels.count == 3 && kernels.allSatisfy { $0.contains("wino") } == Self.avx512, "\(kernels)")
            let x = randomTensor([batch] + shape, seed: 11)
            let yf = fast.forward(x, training: true), ys = slow.forward(x, training: true)
            #expect(maxDifference(yf, ys) < 1e-4)
            let dy = randomTensor(yf.shape, seed: 12)
            let dxf = fast.backward(dy), dxs = slow.backward(dy)
            #expect(maxDifference(dxf, dxs) < 1e-3)
            // Sums over up to 70 x 26 x 26 products of order 1.
            let scale = Float(batch * yf.shape[1] * yf.shape[2]).squareRoot()
            #expect(maxDifference(fast.weight.grad, slow.weight.grad) < 2e-4 * scale)
            #expect(maxDifference(fast.bias!.grad, slow.bias!.grad) < 2e-4 * scale)
        }
    }

    /// Net_1's layer in slices of 32; a 63x63 layer of the cats-vs-dogs model in slices of 4.
    @Test func slicesFitTheScratchBudget() throws {
        let net1 = ConvGeometry(input: [26, 26, 32], kernel: (3, 3), stride: (1, 1), padding: .valid, filters: 64)
        let catsDogs = ConvGeometry(input: [63, 63, 32], kernel: (3, 3), stride: (1, 1), padding: .valid, filters: 64)
        #expect(OneDNNPlan.winogradSlice(net1) == 32)
        #expect(OneDNNPlan.winogradSlice(catsDogs) == 4)
    }
}

func maxDifference(_ a: Tensor, _ b: Tensor) -> Float {
    guard a.shape == b.shape else { return .infinity }
    return zip(a.data, b.data).map { abs($0 - $1) }.max() ?? 0
}

/// oneDNN's pooling against the plain loops, forward and backward.
@Suite struct OneDNNPoolingAgreementTests {
    @Test(arguments: [
        ([8, 8, 3], 2, 2, Padding.valid), ([7, 9, 2], 2, 1, Padding.same), ([7, 7, 4], 3, 2, Padding.same),
        ([6, 5, 1], 3, 1, Padding.valid), ([28, 28, 64], 2, 2, Padding.valid),
        // 2x2 max at stride 2 takes the C loop; odd sizes leave a row and a column out
        // ("valid") or pad after ("same", which the loop must leave to oneDNN).
        ([7, 9, 5], 2, 2, Padding.valid), ([5, 7, 3], 2, 2, Padding.same),
    ], [PoolKind.max, .average])
    func oneDNNMatchesLoops(geometry: ([Int], Int, Int, Padding), kind: PoolKind) throws {
        let (shape, pool, stride, padding) = geometry
        func make(_ fast: Bool) throws -> Pooling2D {
            let p = Pooling2D(kind, pool: (pool, pool), stride: (stride, stride), padding: padding)
            var random = RandomSource(seed: 1)
            try p.build(inputShape: shape, random: &random)
            p.useOneDNN = fast
            return p
        }
        let fast = try make(true), slow = try make(false)
        for batch in [1, 3] {
            #expect(fast.plan(batch: batch) != nil)
            let x = randomTensor([batch] + shape, seed: 21)
            let yf = fast.forward(x, training: true), ys = slow.forward(x, training: true)
            #expect(maxDifference(yf, ys) < 1e-6)
            // An inference pass in between, as validation makes: its own plan, and the
            // training pass's winners left alone for the backward pass.
            let other = randomTensor([batch] + shape, seed: 23)
            #expect(fast.plan(batch: batch, inference: true) != nil)
            #expect(maxDifference(fast.forward(other, training: false), slow.forward(other, training: false)) < 1e-6)
            let dy = randomTensor(yf.shape, seed: 22)
            #expect(maxDifference(fast.backward(dy), slow.backward(dy)) < 1e-6)
        }
    }
}

/// The 2x2 C loop breaks ties as TensorFlow does: the first of equal values wins the gradient.
@Test func maxPool2x2TiesGoToTheFirst() throws {
    let pool = Pooling2D(pool: (2, 2))
    var random = RandomSource(seed: 1)
    try pool.build(inputShape: [2, 4, 1], random: &random)
    let y = pool.forward(Tensor(shape: [1, 2, 4, 1], data: [1, 1, 0, 2, 1, 1, 2, 2]), training: true)
    #expect(y.data == [1, 2])
    #expect(pool.backward(Tensor(shape: [1, 1, 2, 1], data: [5, 7])).data == [5, 0, 0, 7, 0, 0, 0, 0])
}

/// oneDNN's inner product against the BLAS path, forward and both backward passes.
@Suite struct OneDNNDenseAgreementTests {
    @Test(arguments: [(7, 5, Activation.relu), (12544, 128, .relu), (33, 10, .softmax), (4, 1, .sigmoid), (9, 3, .linear)])
    func oneDNNMatchesBLAS(inputs: Int, units: Int, activation: Activation) throws {
        func make(_ fast: Bool) throws -> Dense {
            let d = Dense(units: units, activation: activation)
            var random = RandomSource(seed: 5)
            try d.build(inputShape: [inputs], random: &random)
            d.bias!.value = randomTensor([units], seed: 6)
            d.useOneDNN = fast
            return d
        }
        let fast = try make(true), slow = try make(false)
        for (step, batch) in [1, 5, 5].enumerated() {
            #expect(fast.plan(batch: batch) != nil)
            let x = randomTensor([batch, inputs], seed: 7)
            #expect(maxDifference(fast.forward(x, training: false), slow.forward(x, training: false)) < 1e-4)
            let yf = fast.forward(x, training: true), ys = slow.forward(x, training: true)
            #expect(maxDifference(yf, ys) < 1e-4)
            let dy = randomTensor(yf.shape, seed: 8)
            #expect(maxDifference(fast.backward(dy), slow.backward(dy)) < 1e-4)
            #expect(maxDifference(fast.weight.grad, slow.weight.grad) < 1e-4)
            #expect(maxDifference(fast.bias!.grad, slow.bias!.grad) < 1e-4)
            // New weights, as after an optimizer step: the next backward pass must use them,
            // not the copy oneDNN's layout kept from the previous forward pass.
            let w = randomTensor(fast.weight.value.shape, seed: UInt64(40 + step))
            fast.weight.value = w; slow.weight.value = w
        }
    }
}

/// The activations' vectorised backward steps (CKernels) against the one-value formulas, on
/// lengths that leave a remainder after the vector loop and one split across cores.
@Suite struct ActivationBackwardTests {
    static func expected(_ a: Activation, g: Float, y: Float) -> Float {
        switch a {
        case .relu: y > 0 ? g : 0
        case .sigmoid: g * (y * (1 - y))
        case .tanh: g * (1 - y * y)
        case .elu(let alpha): g * (y > 0 ? 1 : y + alpha)
        case .leakyRelu(let alpha): g * (y > 0 ? 1 : alpha)
        case .relu6: y > 0 && y < 6 ? g : 0
        default: .nan
        }
    }

    @Test(arguments: [Activation.relu, .sigmoid, .tanh, .elu(alpha: 0.5), .leakyRelu(alpha: 0.3), .relu6], [1, 13, 70_001])
    func lanesMatchTheFormula(activation: Activation, count: Int) {
        // Outputs from -7 to 7 with exact zeros and sixes among them, so every branch is taken.
        let y = Tensor(shape: [count], data: (0..<count).map { Float($0 % 29) / 2 - 7 })
        let g0 = randomTensor([count], seed: 51)
        var g = g0
        activation.backward(&g, output: y, input: Tensor(zeros: [0]), rows: 1, width: count)
        for i in 0..<count {
            let want = Self.expected(activation, g: g0.data[i], y: y.data[i])
            if g.data[i] != want { Issue.record("\(activation) at \(i): \(g.data[i]), want \(want)"); return }
        }
    }
}

/// The vectorised finite check training runs over every gradient: a NaN or an infinity at any
/// position, in the vector loop or in its remainder, is found.
@Suite struct AllFiniteTests {
    @Test(arguments: [Float.nan, .infinity, -.infinity])
    func findsABadValueAnywhere(bad: Float) {
        for count in [1, 8, 19] {
            let clean = Tensor(shape: [count], data: (0..<count).map { Float($0) - 3e38 * Float($0 % 2) })
            #expect(clean.allFinite)
            for i in 0..<count {
                var t = clean
                t.data[i] = bad
                #expect(!t.allFinite, "\(bad) at \(i) of \(count)")
            }
        }
        #expect(Tensor(zeros: [0]).allFinite)
    }
}
