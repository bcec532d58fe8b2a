import Foundation

/// Resizing with an antialiased (area-aware) bilinear filter, as Pillow's `resize(BILINEAR)`
/// does: when shrinking, the triangle filter widens by the shrink factor, so every source
/// pixel contributes and fine detail averages out instead of aliasing into noise.
public enum ImageResize {
    /// For each output index along one axis: the first source index and its weights.
    struct Taps {
        var start: [Int] = []
        var weights: [[Float]] = []
    }

    static func taps(from input: Int, to output: Int) -> Taps {
        let scale = Double(input) / Double(output)
        let filterScale = max(scale, 1)
        let support = filterScale  // the triangle's half-width is 1 source pixel, widened
        var taps = Taps()
        for i in 0..<output {
            let center = (Double(i) + 0.5) * scale
            let lo = max(0, Int((center - support).rounded(.down)))
            let hi = min(input, Int((center + support).rounded(.up)))
            var w: [Float] = []
            var total = 0.0
            for j in lo..<hi {
                let t = max(0, 1 - abs((Double(j) + 0.5 - center) / filterScale))
                w.append(Float(t)); total += t
            }
            if total > 0 { w = w.map { $0 / Float(total) } }
            taps.start.append(lo); taps.weights.append(w)
        }
        return taps
    }

    /// `image` resized to width x height.
    public static func resize(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        if image.width == width && image.height == height { return image }
        let tx = taps(from: image.width, to: width), ty = taps(from: image.height, to: height)
        // Horizontal pass into floats (input rows x output columns), then vertical.
        var rows = [Float](repeating: 0, count: image.height * width * 3)
        image.pixels.withUnsafeBufferPointer { src in
            for y in 0..<image.height {
                for x in 0..<width {
                    var r: Float = 0, g: Float = 0, b: Float = 0
                    for (k, w) in tx.weights[x].enumerated() {
                        let p = (y * image.width + tx.start[x] + k) * 3
                        r += w * Float(src[p]); g += w * Float(src[p + 1]); b += w * Float(src[p + 2])
                    }
                    let o = (y * width + x) * 3
                    rows[o] = r; rows[o + 1] = g; rows[o + 2] = b
                }
            }
        }
        var out = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width * 3 {
                var v: Float = 0
                for (k, w) in ty.weights[y].enumerated() { v += w * rows[(ty.start[y] + k) * width * 3 + x] }
                out[y * width * 3 + x] = UInt8(max(0, min(255, v.rounded())))
            }
        }
        return RGBImage(width: width, height: height, pixels: out)
    }
}
