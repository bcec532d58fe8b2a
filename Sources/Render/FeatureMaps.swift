import DLRuntime

/// Pictures of what a network holds: feature maps (one grey image per channel) and
/// convolution kernels, each stretched to the full black-to-white range so that small
/// weights and faint activations are visible. Tiny pictures (a 3x3 kernel) are enlarged
/// with square pixels.
public enum FeatureMaps {
    /// Channel `c` of an (h, w, channels) tensor, or of a (units) vector drawn as one row.
    public static func channels(_ t: Tensor, limit: Int) -> [RGBImage] {
        let (h, w, k) = t.rank == 3 ? (t.shape[0], t.shape[1], t.shape[2]) : (1, t.count, 1)
        return (0..<min(k, limit)).map { c in
            grey(width: w, height: h) { y, x in t.data[(y * w + x) * k + c] }
        }
    }

    /// The kernels of a (kh, kw, in, out) weight tensor: in colour when the input has three
    /// channels (the first layer of an RGB network), else input channel `channel` in grey.
    public static func kernels(_ weights: Tensor, channel: Int, limit: Int) -> [RGBImage] {
        let (kh, kw, cin, cout) = (weights.shape[0], weights.shape[1], weights.shape[2], weights.shape[3])
        func at(_ y: Int, _ x: Int, _ c: Int, _ f: Int) -> Float { weights.data[((y * kw + x) * cin + c) * cout + f] }
        return (0..<min(cout, limit)).map { f in
            if cin == 3 {
                var lo = Float.infinity, hi = -Float.infinity
                for y in 0..<kh { for x in 0..<kw { for c in 0..<3 { lo = min(lo, at(y, x, c, f)); hi = max(hi, at(y, x, c, f)) } } }
                var pixels = [UInt8](repeating: 0, count: kh * kw * 3)
                for y in 0..<kh { for x in 0..<kw { for c in 0..<3 { pixels[(y * kw + x) * 3 + c] = byte(at(y, x, c, f), lo, hi) } } }
                return enlarged(RGBImage(width: kw, height: kh, pixels: pixels))
            }
            return grey(width: kw, height: kh) { y, x in at(y, x, channel, f) }
        }
    }

    static func grey(width: Int, height: Int, _ value: (Int, Int) -> Float) -> RGBImage {
        var lo = Float.infinity, hi = -Float.infinity
        for y in 0..<height { for x in 0..<width { let v = value(y, x); if v.isFinite { lo = min(lo, v); hi = max(hi, v) } } }
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let b = byte(value(y, x), lo, hi)
                for c in 0..<3 { pixels[(y * width + x) * 3 + c] = b }
            }
        }
        return enlarged(RGBImage(width: width, height: height, pixels: pixels))
    }

    /// 0 at the smallest value, 255 at the largest; a constant picture is black.
    static func byte(_ v: Float, _ lo: Float, _ hi: Float) -> UInt8 {
        guard v.isFinite, hi > lo else { return 0 }
        return UInt8(((v - lo) / (hi - lo) * 255).rounded())
    }

    /// Pictures narrower than 8 pixels grow by a whole factor, each pixel a square block.
    public static func enlarged(_ im: RGBImage, minWidth: Int = 8) -> RGBImage {
        guard im.width < minWidth else { return im }
        let f = (minWidth + im.width - 1) / im.width
        let w = im.width * f, h = im.height * f
        var pixels = [UInt8](repeating: 0, count: w * h * 3)
        for y in 0..<h {
            for x in 0..<w {
                for c in 0..<3 { pixels[(y * w + x) * 3 + c] = im.pixels[((y / f) * im.width + x / f) * 3 + c] }
            }
        }
        return RGBImage(width: w, height: h, pixels: pixels)
    }
}
