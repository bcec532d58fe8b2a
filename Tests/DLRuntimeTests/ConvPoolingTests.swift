import Testing
@testable import DLRuntime

/// A convolution followed by 2x2 max-pooling runs as one step in a model (`forwardPooled`):
/// the pooling reads and writes the convolution's blocked layout and ReLU's mask comes from
/// the pooled output. It must give what the two layers give one after the other, to the bit.
@Suite struct ConvPoolingTests {
    /// (input shape, filters, padding, activation): odd pooled sizes (a last row and column no
    /// window covers), no activation, and net_1's layer (in slices of 24 and a tail).
    @Test(arguments: [
        ([9, 7, 16], 32, Padding.same, Activation.relu), ([10, 12, 32], 16, Padding.valid, .linear),
        ([28, 28, 32], 64, Padding.same, .relu),
    ])
    func fusedStepMatchesTheLayersOneByOne(shape: [Int], filters: Int, padding: Padding, activation: Activation) throws {
        let conv = Conv2D(filters: filters, kernel: (3, 3), padding: padding, activation: activation)
        let pool = Pooling2D(.max), dense = Dense(units: 3)
        let model = Model(name: "m", layers: [conv, pool, Flatten(), dense])
        try model.build(inputShape: shape, random: RandomSource(seed: 4))
        conv.bias!.value = randomTensor([filters], seed: 5)
        conv.needsInputGradient = true
        for batch in [1, 5, 33] {
            let x = randomTensor([batch] + shape, seed: 6)
            // The layers one by one.
            var h = x
            for layer in model.layers { h = layer.forward(h, training: true) }
            let dOut = randomTensor(h.shape, seed: 7)
            var g = dOut
            for layer in model.layers.reversed() { g = layer.backward(g) }
            let expected = (y: h, dx: g, dw: conv.weight.grad, db: conv.bias!.grad, dDense: dense.weight.grad)
            // The model, which fuses the pair where it can (Winograd: AVX-512 only).
            let y = model.forward(x, training: true)
            #expect(conv.lastForwardPooled == WinogradAgreementTests.avx512)
            let dx = model.backward(dOut, throughLogits: false)
            #expect(maxDifference(y, expected.y) == 0)
            #expect(maxDifference(dx, expected.dx) == 0)
            #expect(maxDifference(conv.weight.grad, expected.dw) == 0)
            #expect(maxDifference(conv.bias!.grad, expected.db) == 0)
            #expect(maxDifference(dense.weight.grad, expected.dDense) == 0)
            // Inference takes the fused path too.
            var plain = x
            for layer in model.layers { plain = layer.forward(plain, training: false) }
            #expect(maxDifference(model.forward(x, training: false), plain) == 0)
        }
    }
}
