import Testing
@testable import DLRuntime

/// Random tensor with values in [-1, 1) from a fixed seed.
func randomTensor(_ shape: [Int], seed: UInt64) -> Tensor {
    var r = RandomSource(seed: seed)
    var t = Tensor(zeros: shape)
    for i in 0..<t.count { t.data[i] = r.uniform(-1, 1) }
    return t
}

/// Checks a layer's backward pass against central finite differences of the scalar
/// L = sum(r * layer(x)) for a fixed random r, over every input and parameter value
/// (or `samples` of them for big layers). Returns the largest relative error.
/// `training` differentiates the training-mode function (batch normalisation's batch statistics).
@discardableResult
func gradientCheck(_ layer: Layer, inputShape: [Int], batch: Int = 2, seed: UInt64 = 7,
                   samples: Int = 60, tolerance: Double = 2e-2, distinct: Bool = false,
                   training: Bool = false, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> Double {
    var random = RandomSource(seed: seed)
    try layer.build(inputShape: inputShape, random: &random)
    layer.needsInputGradient = true
    var x = randomTensor([batch] + inputShape, seed: seed + 1)
    if distinct {
        // Max-pooling is piecewise linear: values at least 4h apart keep every window's
        // winner fixed while one value moves by h.
        var values = (0..<x.count).map { Float($0) * 0.04 - Float(x.count) * 0.02 }
        values.shuffle(using: &random)
        x.data = values
    }
    let y = layer.forward(x, training: true)
    let r = randomTensor(y.shape, seed: seed + 2)
    let dx = layer.backward(r)
    let grads = layer.parameters.map(\.grad)

    func loss(_ input: Tensor) -> Double {
        let out = layer.forward(input, training: training)
        var s = 0.0
        for i in 0..<out.count { s += Double(out.data[i]) * Double(r.data[i]) }
        return s
    }
    let h: Float = 1e-3
    var worst = 0.0
    func compare(_ analytic: Float, _ numeric: Double, _ what: String) {
        let err = abs(Double(analytic) - numeric) / max(1e-2, abs(numeric) + abs(Double(analytic)))
        worst = max(worst, err)
        #expect(err < tolerance, "\(layer.typeName) \(what): backprop \(analytic) vs finite difference \(numeric)", sourceLocation: sourceLocation)
    }
    let step = max(1, x.count / samples)
    for i in stride(from: 0, to: x.count, by: step) {
        let keep = x.data[i]
        x.data[i] = keep + h; let up = loss(x)
        x.data[i] = keep - h; let down = loss(x)
        x.data[i] = keep
        compare(dx.data[i], (up - down) / Double(2 * h), "d input[\(i)]")
    }
    for (p, g) in zip(layer.parameters, grads) where p.trainable {
        let pstep = max(1, p.value.count / samples)
        for i in stride(from: 0, to: p.value.count, by: pstep) {
            let keep = p.value.data[i]
            p.value.data[i] = keep + h; let up = loss(x)
            p.value.data[i] = keep - h; let down = loss(x)
            p.value.data[i] = keep
            compare(g.data[i], (up - down) / Double(2 * h), "d \(p.name)[\(i)]")
        }
    }
    return worst
}

/// Runs `body`, expects it to throw the error `key`, and returns that error for more checks.
@discardableResult
func expectError(_ key: MessageKey, sourceLocation: Testing.SourceLocation = #_sourceLocation, _ body: () throws -> Void) -> CnnError? {
    do {
        try body()
        Issue.record("expected the error \(key), got none", sourceLocation: sourceLocation)
    } catch let e as CnnError {
        #expect(e.key == key, "\(e.message)", sourceLocation: sourceLocation)
        return e
    } catch {
        Issue.record("expected \(key), got \(error)", sourceLocation: sourceLocation)
    }
    return nil
}
