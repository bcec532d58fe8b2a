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
        try gradientCheck(MaxPool2D(pool: (pool, pool), stride: (stride, stride), padding: padding), inputShape: [5, 6, 2],
                          tolerance: 1e-2, distinct: true)
    }

    @Test(arguments: [Activation.linear, .relu, .sigmoid, .tanh, .softmax])
    func dense(activation: Activation) throws {
        try gradientCheck(Dense(units: 5, activation: activation), inputShape: [7], batch: 3)
    }

    @Test(arguments: [Activation.relu, .sigmoid, .tanh, .softmax])
    func activationLayer(activation: Activation) throws {
        try gradientCheck(ActivationLayer(activation), inputShape: [6], batch: 2)
    }

    @Test func flatten() throws {
        try gradientCheck(Flatten(), inputShape: [3, 2, 2])
    }
}
