import Foundation
import CImageCodec

/// An 8-bit RGB picture, rows top to bottom, 3 bytes per pixel.
public struct RGBImage: Sendable {
    public let width: Int
    public let height: Int
    public var pixels: [UInt8]

    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * 3)
        self.width = width; self.height = height; self.pixels = pixels
    }
}

/// JPEG and PNG through libjpeg-turbo and libpng (the C in Sources/CImageCodec).
public enum ImageCodec {
    /// The largest picture decoded: 16384 x 16384 (768 MB as RGB), far above any camera's.
    /// A corrupt file's header can claim 4 billion pixels; the fuzzer lowers the limit.
    nonisolated(unsafe) public static var maxPixels = 1 << 28

    /// Decodes a JPEG or PNG file's bytes to RGB; `name` appears in the error.
    public static func decode(_ data: Data, name: String) throws -> RGBImage {
        var w: Int32 = 0, h: Int32 = 0
        var reason = [CChar](repeating: 0, count: 256)
        let pixels = data.withUnsafeBytes { raw in
            cnnsh_decode_image(raw.bindMemory(to: UInt8.self).baseAddress, raw.count, maxPixels, &w, &h, &reason, reason.count)
        }
        guard let pixels else {
            throw CnnError(.imageNotDecodable, name, String(cString: reason))
        }
        defer { free(pixels) }
        let count = Int(w) * Int(h) * 3
        return RGBImage(width: Int(w), height: Int(h), pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
    }

    public static func decode(path: String) throws -> RGBImage {
        guard let data = FileManager.default.contents(atPath: path) else { throw CnnError(.fileNotReadable, path) }
        return try decode(data, name: path)
    }

    /// PNG bytes of an RGB (channels 3) or grayscale (channels 1) 8-bit image.
    public static func encodePNG(_ pixels: [UInt8], width: Int, height: Int, channels: Int) throws -> Data {
        precondition(channels == 1 || channels == 3)
        var size = 0
        var reason = [CChar](repeating: 0, count: 256)
        guard let out = cnnsh_encode_png(pixels, Int32(width), Int32(height), Int32(channels), &size, &reason, reason.count) else {
            throw CnnError(.imageNotEncodable, String(cString: reason))
        }
        defer { free(out) }
        return Data(bytes: out, count: size)
    }
}
