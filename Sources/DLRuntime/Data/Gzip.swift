import Foundation

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
    // 15 + 16: a deflate stream inside gzip's header and trailer.
    guard let out = inflateWhole(bytes, windowBits: 15 + 16) else { throw CnnError(.fileCorrupt, name, "gzip") }
    return out
}
