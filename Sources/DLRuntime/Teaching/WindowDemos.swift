import Foundation

/// The sliding-window operations of a CNN on small matrices, written out step by step for
/// the classroom: `conv2d(image, kernel)` and `maxpool2d(m)` / `avgpool2d(m)`.
/// Same arithmetic as the layers (Keras's "convolution" is a cross-correlation: the kernel
/// is not flipped), on one 2-D channel.
public enum WindowDemos {
    public struct Result {
        public var output: Tensor
        /// One line per output value: the window's products or values and the result.
        public var steps: [String]
    }

    /// The window positions along one axis, as the layers place them (TensorFlow's "same"
    /// puts an odd padding's extra row at the end).
    static func positions(_ n: Int, _ k: Int, _ s: Int, _ padding: Padding) -> (count: Int, padBefore: Int) {
        let g = padding.geometry(input: n, kernel: k, stride: s)
        return (g.output, g.padBefore)
    }

    static func matrix(_ t: Tensor, _ what: String) throws -> (rows: Int, columns: Int) {
        guard t.rank == 2 || (t.rank == 3 && t.shape[2] == 1), t.shape[0] > 0, t.shape[1] > 0 else {
            throw CnnError(.demoNeedsMatrix, what, pythonShape(t.shape))
        }
        return (t.shape[0], t.shape[1])
    }

    public static func convolve(_ image: Tensor, kernel: Tensor, stride: Int = 1, padding: Padding = .valid) throws -> Result {
        let (h, w) = try matrix(image, "image"), (kh, kw) = try matrix(kernel, "kernel")
        guard stride > 0 else { throw CnnError(.mustBePositive, "stride", stride) }
        let rows = positions(h, kh, stride, padding), columns = positions(w, kw, stride, padding)
        guard rows.count > 0, columns.count > 0 else { throw CnnError(.layerInputTooSmall, "conv2d", pythonShape([h, w]), "\(kh)x\(kw)") }
        var out = Tensor(zeros: [rows.count, columns.count], dtype: image.dtype.isInteger && kernel.dtype.isInteger ? .int64 : .float32)
        var steps: [String] = []
        for oy in 0..<rows.count {
            for ox in 0..<columns.count {
                var terms: [String] = [], sum: Float = 0
                for ky in 0..<kh {
                    for kx in 0..<kw {
                        let iy = oy * stride + ky - rows.padBefore, ix = ox * stride + kx - columns.padBefore
                        let v: Float = iy >= 0 && iy < h && ix >= 0 && ix < w ? image.data[iy * w + ix] : 0
                        let k = kernel.data[ky * kw + kx]
                        sum += v * k
                        terms.append("\(number(v))*\(number(k))")
                    }
                }
                out.data[oy * columns.count + ox] = sum
                steps.append("[\(oy), \(ox)]: " + terms.joined(separator: " + ") + " = \(number(sum))")
            }
        }
        return Result(output: out, steps: steps)
    }

    public static func pool(_ m: Tensor, kind: PoolKind, size: Int = 2, stride: Int? = nil, padding: Padding = .valid) throws -> Result {
        let (h, w) = try matrix(m, "input")
        let s = stride ?? size
        guard size > 0 else { throw CnnError(.mustBePositive, "size", size) }
        guard s > 0 else { throw CnnError(.mustBePositive, "stride", s) }
        let rows = positions(h, size, s, padding), columns = positions(w, size, s, padding)
        guard rows.count > 0, columns.count > 0 else { throw CnnError(.layerInputTooSmall, "pool", pythonShape([h, w]), "\(size)x\(size)") }
        var out = Tensor(zeros: [rows.count, columns.count], dtype: kind == .max ? m.dtype : .float32)
        var steps: [String] = []
        for oy in 0..<rows.count {
            for ox in 0..<columns.count {
                var window: [Float] = []
                for ky in 0..<size {
                    for kx in 0..<size {
                        let iy = oy * s + ky - rows.padBefore, ix = ox * s + kx - columns.padBefore
                        // Padding never takes part: max ignores it, and the average leaves
                        // it out of the count (TensorFlow's rule).
                        if iy >= 0 && iy < h && ix >= 0 && ix < w { window.append(m.data[iy * w + ix]) }
                    }
                }
                let v = kind == .max ? window.max()! : window.reduce(0, +) / Float(window.count)
                out.data[oy * columns.count + ox] = v
                let list = "[" + window.map(number).joined(separator: ", ") + "]"
                steps.append("[\(oy), \(ox)]: " + (kind == .max ? "max" : "mean") + list + " = \(number(v))")
            }
        }
        return Result(output: out, steps: steps)
    }

    /// 3.0 -> "3", 0.5 -> "0.5".
    static func number(_ v: Float) -> String {
        v == v.rounded() && abs(v) < 1e7 ? String(Int(v)) : "\(v.shortestDouble)"
    }
}
