/// A data set as the bytes it is published in (MNIST's and CIFAR-10's pixels and labels,
/// 0-255), at a quarter of float32's memory. The language keeps a loaded data set this way
/// through `x / 255`, `x.astype("float32")`, reshapes and row slices, and training converts
/// each batch as it draws it: full MNIST stays 47 MB instead of 188.
///
/// Each value is `Float(byte)`, or that times or over one number: the same single float
/// operation the array arithmetic does, so results match the float path to the bit.
public struct ByteTensor: Sendable {
    public enum Scale: Sendable, Equatable {
        case none
        case times(Float)
        case over(Float)
    }

    public var shape: [Int]
    public var bytes: [UInt8]
    public var scale: Scale
    /// uint8 as loaded; float32 once scaled or cast.
    public var dtype: DType

    public init(shape: [Int], bytes: [UInt8], scale: Scale = .none, dtype: DType = .uint8) {
        precondition(shape.reduce(1, *) == bytes.count, "shape \(shape) does not hold \(bytes.count) values")
        self.shape = shape; self.bytes = bytes; self.scale = scale; self.dtype = dtype
    }

    public var count: Int { bytes.count }
    public var rank: Int { shape.count }
    /// Number of values in one sample (everything after the first axis).
    public var sampleSize: Int { shape.dropFirst().reduce(1, *) }

    /// Every value as float32: what any other operation on the array works on.
    public var floats: Tensor { converted(shape, from: 0) }

    /// Rows `range` along the first axis as float32, converted straight from the bytes.
    public func floats(rows range: Range<Int>) -> Tensor {
        var s = shape; s[0] = range.count
        return converted(s, from: range.lowerBound * sampleSize)
    }

    /// The values from element `start` on, as many as `shape` holds, as float32.
    private func converted(_ shape: [Int], from start: Int) -> Tensor {
        var out = Tensor(uninitialized: shape)
        out.dtype = dtype
        bytes.withUnsafeBufferPointer { src in
            out.data.withUnsafeMutableBufferPointer { dst in
                guard let d = dst.baseAddress else { return }
                convert(src.baseAddress! + start, count: dst.count, into: d)
            }
        }
        return out
    }

    /// `self * number` or `self / number` as a float32 array that stays in bytes, or nil when
    /// the values are scaled already (a second operation would round twice; the caller then
    /// works on floats).
    public func scaled(_ op: Scale) -> ByteTensor? {
        guard scale == .none else { return nil }
        return ByteTensor(shape: shape, bytes: bytes, scale: op, dtype: .float32)
    }

    public func withDType(_ d: DType) -> ByteTensor {
        ByteTensor(shape: shape, bytes: bytes, scale: scale, dtype: d)
    }

    public func reshaped(_ newShape: [Int]) -> ByteTensor {
        ByteTensor(shape: newShape, bytes: bytes, scale: scale, dtype: dtype)
    }

    /// Rows `range` along the first axis, still in bytes.
    public func slice(rows range: Range<Int>) -> ByteTensor {
        let n = sampleSize
        var s = shape; s[0] = range.count
        return ByteTensor(shape: s, bytes: Array(bytes[(range.lowerBound * n)..<(range.upperBound * n)]), scale: scale, dtype: dtype)
    }

    /// The samples at `indices` along the first axis, in that order, still in bytes.
    public func rows(_ indices: [Int]) -> ByteTensor {
        let n = sampleSize
        var out: [UInt8] = []
        out.reserveCapacity(indices.count * n)
        for i in indices { out += bytes[(i * n)..<((i + 1) * n)] }
        var s = shape; s[0] = indices.count
        return ByteTensor(shape: s, bytes: out, scale: scale, dtype: dtype)
    }

    private func convert(_ src: UnsafePointer<UInt8>, count n: Int, into dst: UnsafeMutablePointer<Float>) {
        switch scale {
        case .none: for i in 0..<n { dst[i] = Float(src[i]) }
        case .times(let s): for i in 0..<n { dst[i] = Float(src[i]) * s }
        case .over(let d): for i in 0..<n { dst[i] = Float(src[i]) / d }
        }
    }
}

/// What `fit`, `evaluate` and `predict` draw batches from: a float tensor, or a data set still
/// in bytes, converted batch by batch.
public protocol BatchSource {
    var shape: [Int] { get }
    /// The samples at `indices`, as float32, written into `out` (reused across batches).
    func gather(rows indices: ArraySlice<Int>, into out: inout Tensor)
    /// Rows `range` as float32.
    func batch(rows range: Range<Int>) -> Tensor
}

extension BatchSource {
    var rank: Int { shape.count }
}

extension Tensor: BatchSource {
    public func batch(rows range: Range<Int>) -> Tensor { slice(rows: range) }
}

extension ByteTensor: BatchSource {
    public func gather(rows indices: ArraySlice<Int>, into out: inout Tensor) {
        let n = sampleSize
        var s = shape; s[0] = indices.count
        if out.shape != s { out = Tensor(zeros: s) }
        bytes.withUnsafeBufferPointer { src in
            out.data.withUnsafeMutableBufferPointer { dst in
                for (j, i) in indices.enumerated() { convert(src.baseAddress! + i * n, count: n, into: dst.baseAddress! + j * n) }
            }
        }
    }

    public func batch(rows range: Range<Int>) -> Tensor { floats(rows: range) }
}
