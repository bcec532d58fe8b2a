import CKernels

/// What a tensor's values mean; storage is always Float32, the tag decides how values print
/// and whether arithmetic keeps integers (NumPy's uint8 images and int labels).
public enum DType: String, Sendable {
    case float32, int64, uint8, bool

    public var isInteger: Bool { self != .float32 }
}

/// A dense, row-major (C order) n-dimensional array of Float32. Images are NHWC.
///
/// A value type with copy-on-write storage: kernels reach the buffer through
/// `withUnsafe...` so hot loops run without bounds checks or reference counting.
public struct Tensor: Sendable {
    public var shape: [Int]
    public var data: [Float]
    public var dtype: DType

    public init(shape: [Int], data: [Float], dtype: DType = .float32) {
        precondition(shape.reduce(1, *) == data.count, "shape \(shape) does not hold \(data.count) values")
        self.shape = shape; self.data = data; self.dtype = dtype
    }

    public init(zeros shape: [Int], dtype: DType = .float32) {
        self.init(shape: shape, data: [Float](repeating: 0, count: shape.reduce(1, *)), dtype: dtype)
    }

    /// A tensor whose every value the caller is about to overwrite (a kernel's output):
    /// skips zero-filling tens of megabytes per layer per batch.
    public init(uninitialized shape: [Int]) {
        let n = shape.reduce(1, *)
        self.init(shape: shape, data: [Float](unsafeUninitializedCapacity: n) { _, count in count = n })
    }

    public init(filled value: Float, shape: [Int]) {
        self.init(shape: shape, data: [Float](repeating: value, count: shape.reduce(1, *)))
    }

    public init(scalar: Float, dtype: DType = .float32) {
        self.init(shape: [], data: [scalar], dtype: dtype)
    }

    public var count: Int { data.count }
    public var rank: Int { shape.count }

    /// Number of values in one sample (everything after the first axis).
    public var sampleSize: Int { shape.dropFirst().reduce(1, *) }

    /// The same values under another shape of equal size.
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, data: data, dtype: dtype)
    }

    /// Rows `range` along the first axis, copied.
    public func slice(rows range: Range<Int>) -> Tensor {
        let n = sampleSize
        var s = shape; s[0] = range.count
        return Tensor(shape: s, data: Array(data[(range.lowerBound * n)..<(range.upperBound * n)]), dtype: dtype)
    }

    /// The samples at `indices` along the first axis, in that order, written into `out`
    /// (reused across batches so the training loop does not allocate).
    public func gather(rows indices: ArraySlice<Int>, into out: inout Tensor) {
        let n = sampleSize
        var s = shape; s[0] = indices.count
        if out.shape != s { out = Tensor(zeros: s) }
        data.withUnsafeBufferPointer { src in
            out.data.withUnsafeMutableBufferPointer { dst in
                for (j, i) in indices.enumerated() {
                    (dst.baseAddress! + j * n).update(from: src.baseAddress! + i * n, count: n)
                }
            }
        }
    }

    public func map(_ f: (Float) -> Float) -> Tensor {
        Tensor(shape: shape, data: data.map(f))
    }

    /// True when every value is finite.
    public var allFinite: Bool { data[...].allFinite }

    /// The largest |value|: infinite or NaN when any value is.
    public var largestMagnitude: Float { data[...].largestMagnitude }
}

extension ArraySlice where Element == Float {
    /// The largest |value| in one vectorised C pass (CKernels): infinite or NaN when any value
    /// is. Training runs it over every gradient at every step; a Swift float loop, which the
    /// compiler may not reorder, took 2 ms a step for net_1's.
    public var largestMagnitude: Float {
        withUnsafeBufferPointer { values in
            guard let base = values.baseAddress else { return 0 }
            return cnnsh_largest_magnitude(base, values.count)
        }
    }

    /// True when every value is finite.
    public var allFinite: Bool { largestMagnitude.isFinite }
}

extension Tensor: Equatable {
    public static func == (a: Tensor, b: Tensor) -> Bool { a.shape == b.shape && a.data == b.data }
}

/// Formats a per-sample shape the way Keras prints it: `(None, 28, 28, 32)`.
public func kerasShape(_ sampleShape: [Int]) -> String {
    "(" + (["None"] + sampleShape.map(String.init)).joined(separator: ", ") + ")"
}

/// Formats a full shape the way Python prints a tuple: `(60000, 28, 28)`, `(10,)`.
public func pythonShape(_ shape: [Int]) -> String {
    shape.count == 1 ? "(\(shape[0]),)" : "(" + shape.map(String.init).joined(separator: ", ") + ")"
}

extension Float {
    /// The Double with this float's shortest decimal digits: 0.001, not 0.0010000000474974513
    /// (a float32 learning rate printed as Python would print the number the user typed).
    public var shortestDouble: Double { Double(description) ?? Double(self) }
}

/// Calls `body` with a pointer to each tensor's values, valid for the whole call (the
/// closures nest). For reading: kernels that take a list of inputs (the merge layers).
func withDataPointers<R>(_ tensors: [Tensor], _ body: ([SharedPointer<Float>]) -> R) -> R {
    func nest(_ i: Int, _ acc: [SharedPointer<Float>]) -> R {
        if i == tensors.count { return body(acc) }
        return tensors[i].data.withUnsafeBufferPointer { p in
            nest(i + 1, acc + [SharedPointer(UnsafeMutablePointer(mutating: p.baseAddress!))])
        }
    }
    return nest(0, [])
}
