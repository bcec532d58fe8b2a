import Testing
@testable import DLRuntime

/// Every layer's backward pass against finite differences.
@Suite struct LayerGradientTests {
    @Test(arguments: [
        (Padding.valid, 1), (Padding.same, 1), (Padding.same, 2), (Padding.valid, 2),
    ])
    func conv2D(padding: Padding, stride: Int) throws {
        let conv = Conv2D(filters: 3, kernel: (3, 3), stride: (stride, stride), padding: padding, activation: .tanh)
        try gradientCheck(conv, inputShape: [7, 6, 2])
    }

    @Test func conv2DRectangularKernelAndRelu() throws {
        let conv = Conv2D(filters: 4, kernel: (2, 3), stride: (1, 2), padding: .same, activation: .relu)
        try gradientCheck(conv, inputShape: [5, 7, 3], batch: 3)
    }

    @Test func conv2DBatchOfOne() throws {
        try gradientCheck(Conv2D(filters: 2, kernel: (3, 3), padding: .same), inputShape: [4, 4, 1], batch: 1)
    }

    @Test(arguments: [(Padding.valid, 2, 2), (Padding.same, 2, 1), (Padding.same, 3, 2), (Padding.valid, 3, 1)])
    func maxPool(padding: Padding, pool: Int, stride: Int) throws {
        try gradientCheck(Pooling2D(pool: (pool, pool), stride: (stride, stride), padding: padding), inputShape: [5, 6, 2],
                          tolerance: 1e-2, distinct: true)
    }

    @Test(arguments: [Activation.linear, .relu, .sigmoid, .tanh, .softmax])
    func dense(activation: Activation) throws {
        try gradientCheck(Dense(units: 5, activation: activation), inputShape: [7], batch: 3)
    }

    @Test(arguments: [(Padding.valid, 2, 2), (Padding.same, 2, 1), (Padding.same, 3, 2), (Padding.valid, 3, 1)])
    func averagePool(padding: Padding, pool: Int, stride: Int) throws {
        try gradientCheck(Pooling2D(.average, pool: (pool, pool), stride: (stride, stride), padding: padding), inputShape: [5, 6, 2])
    }

    @Test func globalPools() throws {
        try gradientCheck(GlobalPooling2D(.average), inputShape: [3, 4, 5])
        try gradientCheck(GlobalPooling2D(.max), inputShape: [3, 4, 5], tolerance: 1e-2, distinct: true)
    }

    /// Batch statistics make every output depend on every input of its channel: the check
    /// differentiates the training-mode function, for images and for vectors.
    @Test(arguments: [([3, 4, 3], 4), ([5], 6), ([2, 2, 1], 1)])
    func batchNormalization(shape: [Int], batch: Int) throws {
        let bn = BatchNormalization()
        var random = RandomSource(seed: 3)
        try bn.build(inputShape: shape, random: &random)
        // Gamma and beta away from 1 and 0 so their roles are not symmetric.
        bn.gamma.value = randomTensor(bn.gamma.value.shape, seed: 4)
        bn.beta.value = randomTensor(bn.beta.value.shape, seed: 5)
        try gradientCheck(bn, inputShape: shape, batch: batch, tolerance: 3e-2, training: true)
    }

    @Test(arguments: [Activation.softplus, .elu(alpha: 1), .elu(alpha: 0.5), .leakyRelu(alpha: 0.3)])
    func newActivations(activation: Activation) throws {
        try gradientCheck(ActivationLayer(activation), inputShape: [6], batch: 2)
        try gradientCheck(Dense(units: 4, activation: activation), inputShape: [5], batch: 3)
    }

    @Test(arguments: [Activation.relu, .sigmoid, .tanh, .softmax])
    func activationLayer(activation: Activation) throws {
        try gradientCheck(ActivationLayer(activation), inputShape: [6], batch: 2)
    }

    @Test func flatten() throws {
        try gradientCheck(Flatten(), inputShape: [3, 2, 2])
    }
}
