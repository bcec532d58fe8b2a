import Foundation
import DLRuntime
import Render

/// `show`: images in the terminal (24-bit colour half blocks, or characters) or as PNG.
enum ImageBuiltins {
    /// The images in `x`: one image (h, w), (h, w, 1), (h, w, 3), or a batch of them
    /// (n, h, w[, c]); a batch of grayscale (n, h, w) is told apart by its last axis.
    static func images(_ x: Tensor) throws -> [RGBImage] {
        let s = x.shape
        let batch = s.count == 4 || (s.count == 3 && s[2] != 1 && s[2] != 3)
        if !batch, let one = TerminalImage.rgb(x) { return [one] }
        guard batch, s[0] > 0 else { throw CnnError(.showShape, pythonShape(s)) }
        return try (0..<s[0]).map { i in
            var sample = x.slice(rows: i..<(i + 1))
            sample.shape = Array(s.dropFirst())
            guard let im = TerminalImage.rgb(sample) else { throw CnnError(.showShape, pythonShape(s)) }
            return im
        }
    }

    /// Draws `pictures` in the terminal as a captioned grid, or with `file=` writes them to one
    /// PNG; `width=` caps each picture's columns and `columns=` the pictures per row.
    static func present(_ a: Arguments, _ pictures: [RGBImage], captions: [String]) throws {
        let terminalWidth = Display.columns
        let columnsGiven = try a["columns"].map { _ in try LayerBuiltins.positive(a, "columns", try a.int("columns")) }
        if a.has("file") {
            let path = a.interp.resolvePath(try a.string("file"))
            guard path.lowercased().hasSuffix(".png") else { throw CnnError(.showFileKind, path) }
            try AtomicFile.write(try png(pictures, columns: columnsGiven).data, to: path)
            return
        }
        let maxWidth = try a.int("width", pictures.count == 1 ? min(48, terminalWidth) : 28)
        guard maxWidth >= 4 else { throw CnnError(.mustBePositive, "width", maxWidth) }
        let fitted = pictures.map { TerminalImage.fit($0, maxWidth: maxWidth) }
        let w = fitted.map(\.width).max() ?? 1
        let columns = columnsGiven ?? max(1, (terminalWidth + 2) / (w + 2))
        try Display.write(a, TerminalImage.grid(fitted, captions: captions, columns: columns, color: Display.color(a))) {
            if pictures.count == 1 && captions.isEmpty {
                let p = try png(pictures, columns: 1)
                return .png(p.data, width: p.width, height: p.height)
            }
            return .gallery(try pictures.enumerated().map { i, picture in
                let p = try png([picture], columns: 1)
                return (p.data, p.width, p.height, captions.indices.contains(i) ? captions[i] : "")
            })
        }
    }

    /// The pictures in one PNG, in a grid of `columns` (square by default).
    static func png(_ pictures: [RGBImage], columns: Int?) throws -> (data: Data, width: Int, height: Int) {
        let m = TerminalImage.mosaic(pictures, columns: columns ?? Int(Double(pictures.count).squareRoot().rounded(.up)))
        return (try ImageCodec.encodePNG(m.pixels, width: m.width, height: m.height, channels: 3), m.width, m.height)
    }

    static func register(_ t: inout BuiltinTable) {
        t.add("show", ["x", "labels", "file", "width", "columns"]) { a in
            let pictures = try images(try a.tensor("x"))
            guard pictures.count <= 400 else { throw CnnError(.showTooMany, pictures.count) }
            var captions: [String] = []
            if let l = a["labels"] {
                if case .tensor(let b) = l { captions = ClassLabels.from(b.t).map(String.init) }
                else { captions = try a.interp.iterate(l).map(\.str) }
            }
            try present(a, pictures, captions: captions)
            return .none
        }
    }
}
