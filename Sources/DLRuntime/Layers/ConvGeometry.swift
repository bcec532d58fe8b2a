/// The index arithmetic of a 2-D convolution or pooling window over one NHWC sample:
/// output size, padding, and the im2col / col2im transforms.
struct ConvGeometry {
    var inH = 0, inW = 0, inC = 0
    var kH = 0, kW = 0, sH = 1, sW = 1
    var outH = 0, outW = 0, outC = 0
    var padTop = 0, padLeft = 0

    static let empty = ConvGeometry()
    private init() {}

    init(input: [Int], kernel: (h: Int, w: Int), stride: (h: Int, w: Int), padding: Padding, filters: Int) {
        inH = input[0]; inW = input[1]; inC = input[2]
        kH = kernel.h; kW = kernel.w; sH = stride.h; sW = stride.w
        (outH, padTop) = padding.geometry(input: inH, kernel: kH, stride: sH)
        (outW, padLeft) = padding.geometry(input: inW, kernel: kW, stride: sW)
        outC = filters
    }

    /// Columns of the im2col matrix: one patch, (ky, kx, c) in the kernel's own order.
    var patch: Int { kH * kW * inC }

    /// Writes the patches of one sample as rows of `col`; padding reads as zero.
    func im2col(_ x: UnsafePointer<Float>, into col: UnsafeMutablePointer<Float>) {
        var row = col
        for oy in 0..<outH {
            for ox in 0..<outW {
                var dst = row
                for ky in 0..<kH {
                    let iy = oy * sH + ky - padTop
                    if iy < 0 || iy >= inH {
                        dst.update(repeating: 0, count: kW * inC); dst += kW * inC; continue
                    }
                    for kx in 0..<kW {
                        let ix = ox * sW + kx - padLeft
                        if ix < 0 || ix >= inW { dst.update(repeating: 0, count: inC) }
                        else { dst.update(from: x + (iy * inW + ix) * inC, count: inC) }
                        dst += inC
                    }
                }
                row += patch
            }
        }
    }

    /// The adjoint of `im2col`: adds each patch row back onto the sample it came from.
    func col2im(_ col: UnsafePointer<Float>, into dx: UnsafeMutablePointer<Float>) {
        var row = col
        for oy in 0..<outH {
            for ox in 0..<outW {
                var src = row
                for ky in 0..<kH {
                    let iy = oy * sH + ky - padTop
                    if iy < 0 || iy >= inH { src += kW * inC; continue }
                    for kx in 0..<kW {
                        let ix = ox * sW + kx - padLeft
                        if ix >= 0 && ix < inW {
                            let d = dx + (iy * inW + ix) * inC
                            for c in 0..<inC { d[c] += src[c] }
                        }
                        src += inC
                    }
                }
                row += patch
            }
        }
    }

    /// Calls `body(oy, ox, ky, kx, iy, ix)` for every kernel tap that lands inside the input:
    /// output position, kernel position, input position.
    @inline(__always)
    func forEachTap(_ body: (Int, Int, Int, Int, Int, Int) -> Void) {
        for oy in 0..<outH {
            for ox in 0..<outW {
                for ky in 0..<kH {
                    let iy = oy * sH + ky - padTop
                    if iy < 0 || iy >= inH { continue }
                    for kx in 0..<kW {
                        let ix = ox * sW + kx - padLeft
                        if ix < 0 || ix >= inW { continue }
                        body(oy, ox, ky, kx, iy, ix)
                    }
                }
            }
        }
    }
}
