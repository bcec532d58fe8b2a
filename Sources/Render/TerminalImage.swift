import DLRuntime

/// Images as terminal text: two pixels per character cell with the upper half block "▀"
/// (foreground = upper pixel, background = lower pixel) in 24-bit ANSI colour, or, without
/// colour, one character per 1x2 pixels from a greyscale ramp.
public enum TerminalImage {
    static let ramp = Array(" .:-=+*#%@")

    /// An image tensor (h, w), (h, w, 1) or (h, w, 3), with values in 0...255 (uint8) or
    /// 0...1 (normalised floats), as 8-bit RGB. Nil for any other shape.
    public static func rgb(_ t: Tensor) -> RGBImage? {
        let s = t.shape
        guard (s.count == 2 || (s.count == 3 && (s[2] == 1 || s[2] == 3))), s[0] > 0, s[1] > 0 else { return nil }
        let channels = s.count == 2 ? 1 : s[2]
        let maxValue = t.data.reduce(-Float.infinity) { max($0, $1.isFinite ? $1 : $0) }
        let scale: Float = t.dtype == .float32 && maxValue <= 1 ? 255 : 1
        var pixels = [UInt8](repeating: 0, count: s[0] * s[1] * 3)
        for i in 0..<(s[0] * s[1]) {
            for c in 0..<3 {
                let v = t.data[i * channels + (channels == 1 ? 0 : c)] * scale
                pixels[i * 3 + c] = UInt8(max(0, min(255, v.isFinite ? v.rounded() : 0)))
            }
        }
        return RGBImage(width: s[1], height: s[0], pixels: pixels)
    }

    /// Shrinks an image to at most `maxWidth` columns (keeping its aspect), never enlarging.
    public static func fit(_ image: RGBImage, maxWidth: Int) -> RGBImage {
        guard image.width > maxWidth else { return image }
        let h = max(1, image.height * maxWidth / image.width)
        return ImageResize.resize(image, width: maxWidth, height: h)
    }

    /// The text rows of an image: height/2 rounded up, `width` characters each (before escapes).
    public static func render(_ image: RGBImage, color: Bool) -> [String] {
        func px(_ x: Int, _ y: Int) -> (Int, Int, Int) {
            guard y < image.height else { return (0, 0, 0) }
            let o = (y * image.width + x) * 3
            return (Int(image.pixels[o]), Int(image.pixels[o + 1]), Int(image.pixels[o + 2]))
        }
        var lines: [String] = []
        for y in stride(from: 0, to: image.height, by: 2) {
            var line = ""
            for x in 0..<image.width {
                let top = px(x, y), bottom = px(x, y + 1)
                if color {
                    line += "\u{1B}[38;2;\(top.0);\(top.1);\(top.2)m\u{1B}[48;2;\(bottom.0);\(bottom.1);\(bottom.2)m▀"
                } else {
                    let lum = (luma(top) + (y + 1 < image.height ? luma(bottom) : luma(top))) / 2
                    line.append(ramp[min(ramp.count - 1, lum * ramp.count / 256)])
                }
            }
            lines.append(color ? line + "\u{1B}[0m" : line)
        }
        return lines
    }

    static func luma(_ p: (Int, Int, Int)) -> Int { (299 * p.0 + 587 * p.1 + 114 * p.2) / 1000 }

    /// Several images side by side in rows of `columns`, each with its caption (truncated
    /// to the image's width) under it.
    public static func grid(_ images: [RGBImage], captions: [String], columns: Int, color: Bool) -> [String] {
        var out: [String] = []
        for start in stride(from: 0, to: images.count, by: max(columns, 1)) {
            let row = Array(images[start..<min(images.count, start + columns)])
            let rendered = row.map { render($0, color: color) }
            let height = rendered.map(\.count).max() ?? 0
            for r in 0..<height {
                out.append(zip(row, rendered).map { image, lines in
                    r < lines.count ? lines[r] : String(repeating: " ", count: image.width)
                }.joined(separator: "  "))
            }
            out.append(row.indices.map { i in
                let text = String(captions.indices.contains(start + i) ? captions[start + i].prefix(row[i].width) : "")
                return text + String(repeating: " ", count: row[i].width - text.count)
            }.joined(separator: "  ").trimmingTrailing())
        }
        return out
    }

    /// One picture holding `images` in a grid with a 2-pixel white gap, for PNG files.
    public static func mosaic(_ images: [RGBImage], columns: Int) -> RGBImage {
        let w = images.map(\.width).max() ?? 1, h = images.map(\.height).max() ?? 1
        let cols = max(1, min(columns, images.count)), rows = (images.count + cols - 1) / cols
        let gap = images.count > 1 ? 2 : 0
        let W = cols * w + (cols - 1) * gap, H = rows * h + (rows - 1) * gap
        var pixels = [UInt8](repeating: 255, count: W * H * 3)
        for (k, im) in images.enumerated() {
            let ox = (k % cols) * (w + gap), oy = (k / cols) * (h + gap)
            for y in 0..<im.height {
                for x in 0..<im.width {
                    for c in 0..<3 { pixels[((oy + y) * W + ox + x) * 3 + c] = im.pixels[(y * im.width + x) * 3 + c] }
                }
            }
        }
        return RGBImage(width: W, height: H, pixels: pixels)
    }
}
