/// Keras's `Dropout`: while training, each value is zeroed with probability `rate` and the
/// survivors are scaled by 1/(1 - rate) ("inverted" dropout), so inference is the identity
/// and needs no rescaling.
public final class Dropout: Layer {
    public var name = "dropout"
    public let typeName = "Dropout"
    public let rate: Float
    public private(set) var inputShape: [Int] = []
    public var outputShape: [Int] { inputShape }
    public let parameters: [Parameter] = []
    public var needsInputGradient = true
    /// The last training batch's multipliers: 0 or 1/(1 - rate).
    private var mask = Tensor(zeros: [0])
    /// Drawn from the run's random source when built, so `seed(n)` repeats the masks,
    /// unless the layer was given its own (Keras's `seed=`).
    private var seed: UInt64 = 0
    let fixedSeed: UInt64?
    private var batches: UInt64 = 0
    /// Training batches seen so far: the mask's seed. `gradcheck` sets it back so every
    /// evaluation of the loss draws the same mask.
    var batchCounter: UInt64 {
        get { batches }
        set { batches = newValue }
    }

    /// Values per independently seeded block: the mask does not depend on the thread count.
    static let block = 1 << 14

    /// Keras's `noise_shape` without the batch axis: axes of 1 share one draw, so
    /// (1, 1, 1) drops whole samples (EfficientNet's stochastic depth). Nil: every value.
    public let noiseShape: [Int]?
    /// For each value of a sample, the index of its draw within the sample's noise.
    private var noiseMap: [Int] = []

    public init(rate: Float, seed: UInt64? = nil, noiseShape: [Int]? = nil) {
        self.rate = rate; fixedSeed = seed; self.noiseShape = noiseShape
    }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        if let noise = noiseShape {
            guard noise.count == inputShape.count, zip(noise, inputShape).allSatisfy({ $0 == 1 || $0 == $1 }) else {
                throw CnnError(.dropoutNoiseShape, name, kerasShape(noise), kerasShape(inputShape))
            }
            noiseMap = ElementwiseMerge.broadcastMap(from: noise, to: inputShape)
        }
        self.inputShape = inputShape
        seed = fixedSeed ?? random.next()
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard training && rate > 0 else { return x }
        batches &+= 1
        if mask.count != x.count { mask = Tensor(uninitialized: x.shape) } else { mask.shape = x.shape }
        if let noise = noiseShape { return forwardShared(x, noise: noise) }
        var y = x
        let keep = 1 - rate, scale = 1 / keep
        // Keep when a 24-bit uniform falls below keep * 2^24.
        let threshold = UInt64(Double(keep) * Double(1 << 24))
        let n = x.count, blocks = (n + Self.block - 1) / Self.block
        let base = seed &+ batches &* 0x9E37_79B9_7F4A_7C15
        y.data.withUnsafeMutableBufferPointer { yp in
            mask.data.withUnsafeMutableBufferPointer { mp in
                let ys = SharedPointer(yp.baseAddress!), ms = SharedPointer(mp.baseAddress!)
                Parallel.forEachChunk(blocks) { _, range in
                    for b in range {
                        var random = RandomSource(seed: base &+ UInt64(b))
                        for i in (b * Self.block)..<min(n, (b + 1) * Self.block) {
                            let m: Float = random.next() >> 40 < threshold ? scale : 0
                            ms.p[i] = m
                            ys.p[i] *= m
                        }
                    }
                }
            }
        }
        return y
    }

    /// Dropout with `noise_shape`: one draw per noise position, spread over the axes of 1.
    private func forwardShared(_ x: Tensor, noise: [Int]) -> Tensor {
        let batch = x.shape[0], perSample = noise.reduce(1, *), size = x.sampleSize
        let keep = 1 - rate, scale = 1 / keep
        let threshold = UInt64(Double(keep) * Double(1 << 24))
        var random = RandomSource(seed: seed &+ batches &* 0x9E37_79B9_7F4A_7C15)
        let draws = (0..<(batch * perSample)).map { _ -> Float in random.next() >> 40 < threshold ? scale : 0 }
        var y = x
        for n in 0..<batch {
            for j in 0..<size {
                let m = draws[n * perSample + noiseMap[j]]
                mask.data[n * size + j] = m
                y.data[n * size + j] *= m
            }
        }
        return y
    }

    public func backward(_ dy: consuming Tensor) -> Tensor {
        guard rate > 0 else { return dy }
        var g = dy
        g.data.withUnsafeMutableBufferPointer { gp in
            mask.data.withUnsafeMutableBufferPointer { mp in
                let gs = SharedPointer(gp.baseAddress!), ms = SharedPointer(mp.baseAddress!)
                Parallel.forEachChunk(gp.count, minChunk: 1 << 16) { _, r in
                    for i in r { gs.p[i] *= ms.p[i] }
                }
            }
        }
        return g
    }
}
