/// Plain-loop convolution: the definition the fast path must agree with. Slow on purpose:
/// no im2col, no BLAS, nothing clever.
public enum ConvReference {
    /// y[n,oy,ox,f] = b[f] + sum over ky,kx,c of x[n, oy*s+ky-pad, ox*s+kx-pad, c] * w[ky,kx,c,f]
    public static func forward(x: Tensor, w: Tensor, b: Tensor?, stride: (Int, Int), padding: Padding) -> Tensor {
        let (n, h, wd, c) = (x.shape[0], x.shape[1], x.shape[2], x.shape[3])
        let (kh, kw, f) = (w.shape[0], w.shape[1], w.shape[3])
        let (oh, pt) = padding.geometry(input: h, kernel: kh, stride: stride.0)
        let (ow, pl) = padding.geometry(input: wd, kernel: kw, stride: stride.1)
        var y = Tensor(zeros: [n, oh, ow, f])
        for s in 0..<n { for oy in 0..<oh { for ox in 0..<ow { for k in 0..<f {
            var acc = b?.data[k] ?? 0
            for ky in 0..<kh { for kx in 0..<kw {
                let iy = oy * stride.0 + ky - pt, ix = ox * stride.1 + kx - pl
                guard iy >= 0, iy < h, ix >= 0, ix < wd else { continue }
                for ci in 0..<c {
                    acc += x.data[((s * h + iy) * wd + ix) * c + ci] * w.data[((ky * kw + kx) * c + ci) * f + k]
                }
            }}
            y.data[((s * oh + oy) * ow + ox) * f + k] = acc
        }}}}
        return y
    }
}
