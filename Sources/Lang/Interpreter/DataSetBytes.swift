import DLRuntime

/// The operations that keep a loaded data set in bytes (see `TensorBox`): scaling by a
/// number, casts that keep the values, reshapes, and taking rows. Each returns nil when it
/// does not apply, and the caller goes on with the float array.
extension Interpreter {
    /// `x / number` and `x * float`: the array stays in bytes with a scale.
    func scaledDataSet(_ op: String, _ x: ByteTensor, _ b: Value) -> Value? {
        let scale: ByteTensor.Scale
        switch (op, b) {
        case ("/", .int(let i)): scale = .over(Float(i))
        case ("/", .float(let d)): scale = .over(Float(d))
        case ("*", .float(let d)): scale = .times(Float(d))
        default: return nil
        }
        return x.scaled(scale).map { .tensor($0) }
    }

    /// `x[i]`, `x[i, ...]` and `x[a:b]`: one sample (or label) is converted, a range of rows
    /// stays in bytes. A loop over `y_train[i]` so costs one value per step, not the array.
    func dataSetItem(_ x: ByteTensor, _ idx: [Index]) throws -> Value? {
        guard x.rank >= 1, let first = idx.first else { return nil }
        switch first {
        case .at(let i) where x.rank == 1:
            guard idx.count == 1 else { return nil }
            let j = try normalized(i, x.shape[0])
            return .fromFloat32(x.floats(rows: j..<(j + 1)).data[0], dtype: x.dtype)
        case .at(let i):
            let j = try normalized(i, x.shape[0])
            let row = x.floats(rows: j..<(j + 1)).reshaped(Array(x.shape.dropFirst()))
            return idx.count == 1 ? .tensor(row) : try subscriptValue(.tensor(row), Array(idx.dropFirst()))
        case .range(let a, let b, let step) where idx.count == 1 && (step ?? 1) == 1:
            let rows = sliceIndices(a, b, nil, x.shape[0])
            let lower = rows.first ?? 0
            return .tensor(x.slice(rows: lower..<(lower + rows.count)))
        default:
            return nil
        }
    }
}

/// An array argument of an operation that only rearranges values (reshape, expand_dims,
/// squeeze, flatten) or draws batches from it (fit, evaluate, predict): a data set in bytes
/// stays in bytes.
enum ArrayArgument {
    case floats(Tensor)
    case bytes(ByteTensor)

    var shape: [Int] {
        switch self {
        case .floats(let t): t.shape
        case .bytes(let b): b.shape
        }
    }
    var rank: Int { shape.count }
    var count: Int { shape.reduce(1, *) }

    func reshaped(_ s: [Int]) -> ArrayArgument {
        switch self {
        case .floats(let t): .floats(t.reshaped(s))
        case .bytes(let b): .bytes(b.reshaped(s))
        }
    }

    /// The samples at `indices` along the first axis (train_test_split, balance).
    func rows(_ indices: [Int]) -> Value {
        switch self {
        case .floats(let t): .tensor(t.rows(indices))
        case .bytes(let b): .tensor(b.rows(indices))
        }
    }

    var value: Value {
        switch self {
        case .floats(let t): .tensor(t)
        case .bytes(let b): .tensor(b)
        }
    }

    var batches: any BatchSource {
        switch self {
        case .floats(let t): t
        case .bytes(let b): b
        }
    }
}

extension Arguments {
    func array(_ name: String) throws -> ArrayArgument {
        if case .tensor(let b)? = self[name] { return b.argument }
        return .floats(try tensor(name))
    }
}

extension Interpreter {
    func array(_ v: Value) throws -> ArrayArgument {
        if case .tensor(let b) = v { return b.argument }
        return .floats(try toTensor(v))
    }
}
