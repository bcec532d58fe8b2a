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
    // The trailer's last four bytes give the inflated size (modulo 2^32): allocating that
    // at once, rather than doubling, keeps MNIST's 47 MB from passing through 64 and 128.
    // A corrupt trailer only makes a poor guess: deflate cannot grow data more than 1032 to 1.
    let n = bytes.count
    let stated = n < 4 ? 0 : Int(bytes[n - 4]) | Int(bytes[n - 3]) << 8 | Int(bytes[n - 2]) << 16 | Int(bytes[n - 1]) << 24
    let hint = min(stated, n * 1032) + 64   // the slack lets zlib end the stream without a regrowth
    // 15 + 16: a deflate stream inside gzip's header and trailer.
    guard let out = inflateWhole(bytes, windowBits: 15 + 16, sizeHint: hint) else { throw CnnError(.fileCorrupt, name, "gzip") }
    return out
}
