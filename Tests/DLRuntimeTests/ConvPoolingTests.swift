import Testing
@testable import DLRuntime

/// A convolution followed by 2x2 max-pooling runs as one step in a model (`forwardPooled`):
/// the pooling reads and writes the convolution's blocked layout and ReLU's mask comes from
/// the pooled output. A convolution before one with Winograd's kernels hands its output over
/// in their blocked layout (`canHandOverBlocked`). Neither may change what the layers give
/// one after the other.
@Suite struct ConvPoolingTests {
    /// (input shape, filters, padding, activation): odd pooled sizes (a last row and column no
    /// window covers), no activation, and net_1's layer (in slices of 24 and a tail).
    @Test(arguments: [
        ([9, 7, 16], 32, Padding.same, Activation.relu), ([10, 12, 32], 16, Padding.valid, .linear),
        ([28, 28, 32], 64, Padding.same, .relu),
    ])
    func fusedStepMatchesTheLayersOneByOne(shape: [Int], filters: Int, padding: Padding, activation: Activation) throws {
        let conv = Conv2D(filters: filters, kernel: (3, 3), padding: padding, activation: activation)
        let model = Model(name: "m", layers: [conv, Pooling2D(.max), Flatten(), Dense(units: 3)])
        // The same operations in the same order: equal to the bit.
        try Self.check(model, shape, tolerance: 0) { #expect(conv.lastForwardPooled == WinogradAgreementTests.avx512) }
    }

    /// net_1's first two layers (one input channel: the weight gradient in C over the blocked
    /// layout), CIFAR-10's (three: the first layer reads an NCHW copy of the batch, and its
    /// weight gradient is oneDNN's) and a first layer with no activation whose output is not
    /// pooled hand over (with AVX-512).
    @Test(arguments: [([28, 28, 1], 32, 64, true, true), ([9, 7, 1], 16, 16, false, true), ([12, 10, 3], 16, 32, true, true)])
    func handOverMatchesTheLayersOneByOne(shape: [Int], first: Int, second: Int, pooled: Bool, handsOver: Bool) throws {
        let conv1 = Conv2D(filters: first, kernel: (3, 3), padding: .same, activation: pooled ? .relu : .linear)
        let conv2 = Conv2D(filters: second, kernel: (3, 3), padding: .same, activation: .relu)
        let model = Model(name: "m", layers: [conv1, conv2] + (pooled ? [Pooling2D(.max)] : []) + [Flatten(), Dense(units: 3)])
        // The first layer's kernel may be another for the blocked output, summing its nine
        // products in another order.
        try Self.check(model, shape, tolerance: 1e-5, inputGradient: false) {
            #expect(conv1.outputBlocked == (handsOver && WinogradAgreementTests.avx512))
        }
    }

    /// A convolution that must pass a gradient on (not first in its model) does not hand
    /// over: oneDNN 2.6's input-gradient kernel for a blocked output is its reference loop
    /// (one channel), or would write the gradient in NCHW (three).
    @Test(arguments: [[9, 7, 1], [9, 7, 3]])
    func noHandOverWhereTheInputGradientIsWanted(shape: [Int]) throws {
        let conv1 = Conv2D(filters: 16, kernel: (3, 3), padding: .same, activation: .relu)
        let model = Model(name: "m", layers: [conv1, Conv2D(filters: 32, kernel: (3, 3), padding: .same, activation: .relu), Flatten(), Dense(units: 3)])
        try Self.check(model, shape, tolerance: 1e-5, inputGradient: true) { #expect(!conv1.outputBlocked) }
    }

    /// Runs `model` on batches of 1, 5 and 33 images (net_1's layer takes 33 in a slice of 24
    /// and a tail of 9) through `Model`'s forward and backward passes and through the layers
    /// one by one, and compares the outputs, the input gradients (when the first layer makes
    /// one) and every weight gradient (relative to the largest value). `fastPathTaken` runs
    /// after the model's forward pass.
    static func check(_ model: Model, _ shape: [Int], tolerance: Float, inputGradient: Bool = true, fastPathTaken: () -> Void) throws {
        try model.build(inputShape: shape, random: RandomSource(seed: 4))
        for (k, p) in model.parameters.enumerated() where p.name == "bias" { p.value = randomTensor(p.value.shape, seed: UInt64(5 + k)) }
        model.layers[0].needsInputGradient = inputGradient
        func close(_ a: Tensor, _ b: Tensor) -> Bool {
            let scale = max(b.data.map(abs).max() ?? 0, 1e-30)
            return maxDifference(a, b) <= tolerance * scale
        }
        for batch in [1, 5, 33] {
            let x = randomTensor([batch] + shape, seed: 6)
            var h = x
            for layer in model.layers { h = layer.forward(h, training: true) }
            let dOut = randomTensor(h.shape, seed: 7)
            var g = dOut
            for layer in model.layers.reversed() { g = layer.backward(g) }
            let grads = model.parameters.map(\.grad)
            let y = model.forward(x, training: true)
            fastPathTaken()
            let dx = model.backward(dOut, throughLogits: false)
            #expect(close(y, h))
            if inputGradient { #expect(close(dx, g)) }
            for (p, expected) in zip(model.parameters, grads) { #expect(close(p.grad, expected), "\(p.name)") }
            // Inference takes the fast paths too.
            var plain = x
            for layer in model.layers { plain = layer.forward(plain, training: false) }
            #expect(close(model.forward(x, training: false), plain))
        }
    }
}
