import Foundation

/// A layer that reads several tensors and writes one (Keras's merge layers: `Add`,
/// `Concatenate`, ...). Only graph models feed it; its single-input `Layer` face exists so a
/// model can hold it in its layer list, and refuses to build from one shape.
public protocol MergeLayer: Layer {
    /// One per-sample shape per input, set by `build(inputShapes:)`.
    var inputShapes: [[Int]] { get }
    func build(inputShapes: [[Int]], random: inout RandomSource) throws
    func forward(_ xs: [Tensor], training: Bool) -> Tensor
    /// dLoss/dOutput -> dLoss/dInput for every input, in order.
    func backward(merged dy: consuming Tensor) -> [Tensor]
}

extension MergeLayer {
    public var inputShape: [Int] { inputShapes.first ?? [] }
    public var parameters: [Parameter] { [] }

    public func build(inputShape: [Int], random: inout RandomSource) throws {
        throw CnnError(.mergeNeedsList, name, typeName)
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor { forward([x], training: training) }

    public func backward(_ dy: consuming Tensor) -> Tensor { backward(merged: dy)[0] }

    func requireTwo(_ shapes: [[Int]]) throws {
        guard shapes.count >= 2 else { throw CnnError(.mergeNeedsList, name, typeName) }
    }
}

/// Keras's element-wise merges: `Add`, `Subtract`, `Multiply`, `Average`, `Maximum`,
/// `Minimum`. Shapes must agree axis by axis, where an axis of 1 stretches (a squeeze-and-
/// excitation block multiplies (h, w, c) maps by a (1, 1, c) vector).
public final class ElementwiseMerge: MergeLayer {
    public enum Operation: String, CaseIterable, Sendable {
        case add, subtract, multiply, average, maximum, minimum

        /// The Keras class: `Add`, `Subtract`, ...
        public var className: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
    }

    public let operation: Operation
    public var name: String
    public var typeName: String { operation.className }
    public private(set) var inputShapes: [[Int]] = []
    public private(set) var outputShape: [Int] = []
    public var needsInputGradient = true
    /// For each input whose shape differs from the output: the input offset of every output
    /// position within a sample (nil where the shapes are equal).
    private var maps: [[Int]?] = []
    /// What backward needs: the inputs for multiply, maximum and minimum.
    private var lastInputs: [Tensor] = []

    public init(_ operation: Operation) {
        self.operation = operation
        name = operation.rawValue
    }

    public func build(inputShapes shapes: [[Int]], random: inout RandomSource) throws {
        try requireTwo(shapes)
        if operation == .subtract && shapes.count != 2 { throw CnnError(.subtractNeedsTwo, name, shapes.count) }
        // NumPy's broadcasting, with Keras's added rule that the ranks agree.
        guard shapes.allSatisfy({ $0.count == shapes[0].count }),
              let out = shapes.dropFirst().reduce(Optional(shapes[0]), { acc, shape in acc.flatMap { broadcastShape($0, shape) } }) else {
            throw CnnError(.mergeShapes, name, typeName, shapes.map(kerasShape).joined(separator: ", "))
        }
        inputShapes = shapes
        outputShape = out
        maps = shapes.map { $0 == out ? nil : Self.broadcastMap(from: $0, to: out) }
    }

    /// For each position of `out` (row-major), the offset of the `input` value it reads.
    static func broadcastMap(from input: [Int], to out: [Int]) -> [Int] {
        let strides = broadcastStrides(input, to: out)
        var map = [Int](repeating: 0, count: out.reduce(1, *))
        var index = [Int](repeating: 0, count: out.count)
        for i in map.indices {
            map[i] = zip(index, strides).reduce(0) { $0 + $1.0 * $1.1 }
            var a = out.count - 1
            while a >= 0 { index[a] += 1; if index[a] < out[a] { break }; index[a] = 0; a -= 1 }
        }
        return map
    }

    /// Input `i`'s value at output position `j` of sample `n`.
    @inline(__always)
    private func read(_ p: UnsafePointer<Float>, _ i: Int, sample n: Int, _ j: Int, _ inSize: Int) -> Float {
        if let m = maps[i] { return p[n * inSize + m[j]] }
        return p[n * inSize + j]
    }

    public func forward(_ xs: [Tensor], training: Bool) -> Tensor {
        let batch = xs[0].shape[0]
        let size = outputShape.reduce(1, *)
        var y = Tensor(uninitialized: [batch] + outputShape)
        let sizes = inputShapes.map { $0.reduce(1, *) }
        let count = xs.count
        withDataPointers(xs) { ps in
            y.data.withUnsafeMutableBufferPointer { yp in
                let out = SharedPointer(yp.baseAddress!)
                Parallel.forEachChunk(batch) { _, samples in
                    for n in samples {
                        let row = out.p + n * size
                        for j in 0..<size { row[j] = read(ps[0].p, 0, sample: n, j, sizes[0]) }
                        for i in 1..<count {
                            // The operation is chosen once per input, so each loop is a plain
                            // element-wise one (the shapes agree in a residual block).
                            let x = ps[i].p + n * sizes[i]
                            if let m = maps[i] {
                                switch operation {
                                case .add, .average: for j in 0..<size { row[j] += x[m[j]] }
                                case .subtract: for j in 0..<size { row[j] -= x[m[j]] }
                                case .multiply: for j in 0..<size { row[j] *= x[m[j]] }
                                case .maximum: for j in 0..<size { row[j] = max(row[j], x[m[j]]) }
                                case .minimum: for j in 0..<size { row[j] = min(row[j], x[m[j]]) }
                                }
                            } else {
                                switch operation {
                                case .add, .average: for j in 0..<size { row[j] += x[j] }
                                case .subtract: for j in 0..<size { row[j] -= x[j] }
                                case .multiply: for j in 0..<size { row[j] *= x[j] }
                                case .maximum: for j in 0..<size { row[j] = max(row[j], x[j]) }
                                case .minimum: for j in 0..<size { row[j] = min(row[j], x[j]) }
                                }
                            }
                        }
                        if operation == .average {
                            let k = 1 / Float(count)
                            for j in 0..<size { row[j] *= k }
                        }
                    }
                }
            }
        }
        if training { lastInputs = needsInputs ? xs : [] }
        return y
    }

    /// Multiply, maximum and minimum read their inputs again in backward.
    private var needsInputs: Bool { [.multiply, .maximum, .minimum].contains(operation) }

    public func backward(merged dy: consuming Tensor) -> [Tensor] {
        let batch = dy.shape[0], size = outputShape.reduce(1, *)
        let count = inputShapes.count
        let sizes = inputShapes.map { $0.reduce(1, *) }
        // A sum's gradient reaches each input unchanged (negated for subtract's second, scaled
        // for an average): no per-element work when no input was stretched.
        if maps.allSatisfy({ $0 == nil }) && [.add, .subtract, .average].contains(operation) {
            let g = dy
            return (0..<count).map { i in
                switch operation {
                case .subtract where i == 1: return g.map { -$0 }
                case .average: return g.map { $0 / Float(count) }
                default: return g
                }
            }
        }
        var grads: [Tensor] = []
        withDataPointers(needsInputs ? lastInputs : []) { xs in
            dy.data.withUnsafeBufferPointer { gp in
                let g = SharedPointer(UnsafeMutablePointer(mutating: gp.baseAddress!))
                for i in 0..<count {
                    var grad = Tensor(zeros: [batch] + inputShapes[i])
                    grad.data.withUnsafeMutableBufferPointer { tp in
                        let t = SharedPointer(tp.baseAddress!)
                        // Samples are independent: a stretched input's gradient sums within its sample.
                        Parallel.forEachChunk(batch) { _, samples in
                            for n in samples {
                                let row = g.p + n * size, base = t.p + n * sizes[i]
                                for j in 0..<size {
                                    let d = row[j]
                                    let target = base + (maps[i]?[j] ?? j)
                                    switch operation {
                                    case .add: target.pointee += d
                                    case .subtract: target.pointee += i == 0 ? d : -d
                                    case .average: target.pointee += d / Float(count)
                                    case .multiply:
                                        var others: Float = 1
                                        for k in 0..<count where k != i { others *= read(xs[k].p, k, sample: n, j, sizes[k]) }
                                        target.pointee += d * others
                                    case .maximum, .minimum:
                                        // The first input holding the extreme takes the gradient.
                                        var best = 0
                                        var bestValue = read(xs[0].p, 0, sample: n, j, sizes[0])
                                        for k in 1..<count {
                                            let v = read(xs[k].p, k, sample: n, j, sizes[k])
                                            if operation == .maximum ? v > bestValue : v < bestValue { best = k; bestValue = v }
                                        }
                                        if best == i { target.pointee += d }
                                    }
                                }
                            }
                        }
                    }
                    grads.append(grad)
                }
            }
        }
        return grads
    }
}

/// Keras's `Concatenate(axis=-1)`: joins inputs along one axis; the others must agree.
public final class Concatenate: MergeLayer {
    public var name = "concatenate"
    public let typeName = "Concatenate"
    /// Keras's axis, counting the batch axis as 0 (-1 is the channels).
    public let axis: Int
    public private(set) var inputShapes: [[Int]] = []
    public private(set) var outputShape: [Int] = []
    public var needsInputGradient = true
    /// Per input, the length of one contiguous block along the axis.
    private var blocks: [Int] = []
    private var outer = 1

    public init(axis: Int = -1) { self.axis = axis }

    public func build(inputShapes shapes: [[Int]], random: inout RandomSource) throws {
        try requireTwo(shapes)
        let rank = shapes[0].count
        let a = axis < 0 ? rank + axis : axis - 1
        guard a >= 0 && a < rank else { throw CnnError(.concatenateAxis, name, axis, rank + 1) }
        for s in shapes {
            guard s.count == rank, (0..<rank).allSatisfy({ $0 == a || s[$0] == shapes[0][$0] }) else {
                throw CnnError(.concatenateLayerShapes, name, axis, shapes.map(kerasShape).joined(separator: ", "))
            }
        }
        inputShapes = shapes
        var out = shapes[0]
        out[a] = shapes.reduce(0) { $0 + $1[a] }
        outputShape = out
        outer = shapes[0][..<a].reduce(1, *)
        let inner = shapes[0][(a + 1)...].reduce(1, *)
        blocks = shapes.map { $0[a] * inner }
    }

    /// The row-major copy between one input and its column of blocks in the output.
    private func copy(batch: Int, input i: Int, _ p: UnsafeMutablePointer<Float>, _ output: UnsafeMutablePointer<Float>, toOutput: Bool) {
        let width = blocks.reduce(0, +), b = blocks[i], offset = blocks[..<i].reduce(0, +)
        let inp = SharedPointer(p), out = SharedPointer(output)
        Parallel.forEachChunk(batch * outer, minChunk: 16) { _, rows in
            for r in rows {
                let o = out.p + r * width + offset, x = inp.p + r * b
                if toOutput { o.update(from: x, count: b) } else { x.update(from: o, count: b) }
            }
        }
    }

    public func forward(_ xs: [Tensor], training: Bool) -> Tensor {
        let batch = xs[0].shape[0]
        var y = Tensor(uninitialized: [batch] + outputShape)
        withDataPointers(xs) { ps in
            y.data.withUnsafeMutableBufferPointer { yp in
                for i in ps.indices { copy(batch: batch, input: i, ps[i].p, yp.baseAddress!, toOutput: true) }
            }
        }
        return y
    }

    public func backward(merged dy: consuming Tensor) -> [Tensor] {
        let batch = dy.shape[0]
        return dy.data.withUnsafeBufferPointer { gp in
            inputShapes.indices.map { i in
                var grad = Tensor(uninitialized: [batch] + inputShapes[i])
                grad.data.withUnsafeMutableBufferPointer {
                    copy(batch: batch, input: i, $0.baseAddress!, UnsafeMutablePointer(mutating: gp.baseAddress!), toOutput: false)
                }
                return grad
            }
        }
    }
}
