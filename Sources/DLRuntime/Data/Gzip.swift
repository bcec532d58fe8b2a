import Foundation
import CImage

/// Reads a whole file, inflating it if it is gzip-compressed. A truncated or corrupt stream
/// is an error naming the file.
public func readMaybeGzip(_ path: String) throws -> [UInt8] {
    guard let data = FileManager.default.contents(atPath: path) else { throw CnnError(.fileNotReadable, path) }
    return try gunzipIfCompressed([UInt8](data), name: path)
}

/// `bytes` inflated when they start with gzip's signature, else unchanged; `name` is used in
/// errors. Works in memory, so the fuzzer and the tests can call it without files.
public func gunzipIfCompressed(_ bytes: [UInt8], name: String) throws -> [UInt8] {
    guard bytes.count >= 2, bytes[0] == 0x1f, bytes[1] == 0x8b else { return bytes }
    var stream = z_stream()
    // 15 + 16: a gzip header and trailer around the deflate stream.
    guard inflateInit2_(&stream, 15 + 16, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
        throw CnnError(.fileCorrupt, name, "gzip")
    }
    defer { inflateEnd(&stream) }
    var input = bytes
    var out: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 20)
    var status: Int32 = Z_OK
    try input.withUnsafeMutableBufferPointer { ip in
        stream.next_in = ip.baseAddress; stream.avail_in = UInt32(ip.count)
        while status == Z_OK {
            let produced: Int = chunk.withUnsafeMutableBufferPointer { op in
                stream.next_out = op.baseAddress; stream.avail_out = UInt32(op.count)
                status = zlibInflate(&stream, Z_NO_FLUSH)
                return op.count - Int(stream.avail_out)
            }
            out.append(contentsOf: chunk[0..<produced])
            // Out of input before the stream's end: the file was cut short.
            if status == Z_BUF_ERROR || (status == Z_OK && stream.avail_in == 0 && produced == 0) { break }
        }
        guard status == Z_STREAM_END else { throw CnnError(.fileCorrupt, name, "gzip") }
    }
    return out
}

