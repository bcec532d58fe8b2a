import CKernels

/// A convolution with ReLU (or no activation) followed by the course's MaxPooling2D, run as
/// one step when the convolution's oneDNN plan works in the blocked layout nChw16c (Winograd:
/// net_1's second layer). The pooling reads each slice of the convolution's output where the
/// kernel left it, and its backward pass writes the output's gradient straight into that
/// layout. So the convolution's output never exists in NHWC: two reorders of the whole
/// output, ReLU's backward pass and the output itself (25 MB a batch of 128 for net_1) are
/// saved. The two layers stay two layers everywhere else (summary, trace, files); `Model`
/// takes this path for a chain of the two, and the results are the same to the last bit.
extension Conv2D {
    /// The pooled output, or nil when this pair cannot take the fused path (the caller then
    /// runs the two layers one after the other).
    func forwardPooled(_ x: Tensor, by pool: Pooling2D, training: Bool) -> Tensor? {
        guard pool.isPlain2x2Max, activation == .relu || activation == .linear, pool.inputShape == outputShape,
              let plan = plan(batch: x.shape[0], inference: !training), plan.handsOutBlocked, training ? plan.hasWeightsPass : true
        else { return nil }
        takeLayouts()
        let g = geometry, batch = x.shape[0]
        var y = Tensor(uninitialized: [batch] + pool.outputShape)
        if training && pooledWinners.count != y.count { pooledWinners = [UInt8](repeating: 0, count: y.count) }
        let ys = y.sampleSize, convImage = g.outH * g.outW * g.outC
        let (ph, pw) = (pool.outputShape[0], pool.outputShape[1])
        y.data.withUnsafeMutableBufferPointer { yp in
            pooledWinners.withUnsafeMutableBufferPointer { wp in
                let out = SharedPointer(yp.baseAddress!), won = training ? SharedPointer(wp.baseAddress!) : nil
                plan.forward(x: x, weight: weight, bias: bias, y: .blocked { first, count, blocked in
                    let conv = SharedPointer(blocked)
                    Parallel.forEachChunk(count) { _, r in
                        let n = first + r.lowerBound
                        cnnsh_max_pool_2x2_blocked(conv.p + r.lowerBound * convImage, out.p + n * ys, won.map { $0.p + n * ys }, r.count,
                                                   Int32(g.outH), Int32(g.outW), Int32(ph), Int32(pw), Int32(g.outC))
                    }
                })
            }
        }
        if training {
            lastInput = x; lastOutput = Tensor(zeros: [0]); pooledOutput = y; lastForwardPooled = true
        }
        return y
    }

    /// dLoss/dInput of the convolution from dLoss/dPooled output, after a training
    /// `forwardPooled` (`lastForwardPooled`); fills the weight and bias gradients.
    func backwardPooled(_ dy: Tensor) -> Tensor {
        precondition(lastForwardPooled, "backwardPooled without forwardPooled")
        let g = geometry, batch = dy.shape[0]
        let plan = plan(batch: batch)!
        var dx = Tensor(uninitialized: needsInputGradient ? lastInput.shape : [1])
        let ys = dy.sampleSize, convImage = g.outH * g.outW * g.outC
        let (ph, pw) = (pooledOutput.shape[1], pooledOutput.shape[2])
        let masked = activation == .relu
        dy.data.withUnsafeBufferPointer { dyp in
            pooledOutput.data.withUnsafeBufferPointer { op in
                pooledWinners.withUnsafeBufferPointer { wp in
                    let grad = SharedPointer(UnsafeMutablePointer(mutating: dyp.baseAddress!))
                    let out = SharedPointer(UnsafeMutablePointer(mutating: op.baseAddress!))
                    let won = SharedPointer(UnsafeMutablePointer(mutating: wp.baseAddress!))
                    plan.gradients(x: lastInput, dz: .blocked { first, count, blocked in
                        let dz = SharedPointer(blocked)
                        Parallel.forEachChunk(count) { _, r in
                            let n = first + r.lowerBound
                            cnnsh_max_pool_2x2_blocked_backward(grad.p + n * ys, masked ? out.p + n * ys : nil, won.p + n * ys,
                                                                dz.p + r.lowerBound * convImage, r.count,
                                                                Int32(g.outH), Int32(g.outW), Int32(ph), Int32(pw), Int32(g.outC))
                        }
                    }, weight: weight, bias: bias, dx: &dx, wantInput: needsInputGradient)
                }
            }
        }
        return dx
    }
}
