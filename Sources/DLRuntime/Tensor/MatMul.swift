extension Tensor {
    /// NumPy's `a @ b` for vectors and matrices: (m, k) @ (k, n) -> (m, n); a vector on
    /// either side drops that axis from the result, and vector @ vector is their dot product.
    public func matmul(_ other: Tensor) throws -> Tensor {
        guard (1...2).contains(rank), (1...2).contains(other.rank) else {
            throw CnnError(.matmulShapes, pythonShape(shape), pythonShape(other.shape))
        }
        let (m, k) = rank == 2 ? (shape[0], shape[1]) : (1, shape[0])
        let (k2, n) = other.rank == 2 ? (other.shape[0], other.shape[1]) : (other.shape[0], 1)
        guard k == k2 else { throw CnnError(.matmulShapes, pythonShape(shape), pythonShape(other.shape)) }
        var out = Tensor(zeros: [m, n])
        if k > 0 {
            data.withUnsafeBufferPointer { a in
                other.data.withUnsafeBufferPointer { b in
                    out.data.withUnsafeMutableBufferPointer { c in
                        sgemm(m: m, n: n, k: k, a: a.baseAddress!, lda: k, b: b.baseAddress!, ldb: n, c: c.baseAddress!, ldc: n)
                    }
                }
            }
        }
        var resultShape: [Int] = []
        if rank == 2 { resultShape.append(m) }
        if other.rank == 2 { resultShape.append(n) }
        out.shape = resultShape
        out.dtype = dtype.isInteger && other.dtype.isInteger ? .int64 : .float32
        return out
    }
}
