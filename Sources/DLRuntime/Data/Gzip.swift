import Foundation
import CImage

/// Reads a whole file, inflating it if it is gzip-compressed (zlib's gzread reads plain
/// files unchanged). A truncated or corrupt stream is an error naming the file.
public func readMaybeGzip(_ path: String) throws -> [UInt8] {
    guard FileManager.default.isReadableFile(atPath: path) else { throw CnnError(.fileNotReadable, path) }
    guard let f = gzopen(path, "rb") else { throw CnnError(.fileNotReadable, path) }
    defer { gzclose(f) }
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    while true {
        let n = chunk.withUnsafeMutableBytes { gzread(f, $0.baseAddress, UInt32($0.count)) }
        if n < 0 { throw CnnError(.fileCorrupt, path, "gzip") }
        if n == 0 { break }
        out.append(contentsOf: chunk[0..<Int(n)])
    }
    var errnum: Int32 = 0
    _ = gzerror(f, &errnum)
    if errnum != Z_OK && errnum != Z_STREAM_END { throw CnnError(.fileCorrupt, path, "gzip") }
    return out
}
