import Foundation
import CImage

/// The zip container of Keras's `.keras` files: reading stored and deflated entries through
/// the central directory, writing stored entries (as Keras itself writes them).
public enum ZipArchive {
    /// Every entry's name and bytes; `path` names the file in errors.
    public static func read(_ data: [UInt8], path: String) throws -> [String: [UInt8]] {
        func u16(_ i: Int) -> Int { Int(data[i]) | Int(data[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        func corrupt(_ why: String) -> CnnError { CnnError(.zipCorrupt, path, why) }
        // The end-of-central-directory record: its signature within the last 64 KiB.
        guard data.count >= 22 else { throw corrupt("too short") }
        var end = data.count - 22
        while end >= max(0, data.count - 22 - 65_535) && !(data[end] == 0x50 && data[end + 1] == 0x4b && data[end + 2] == 5 && data[end + 3] == 6) {
            end -= 1
        }
        guard end >= 0, end >= data.count - 22 - 65_535 else { throw corrupt("no central directory (not a zip file, or truncated)") }
        let count = u16(end + 10)
        var p = u32(end + 16)
        var entries: [String: [UInt8]] = [:]
        for _ in 0..<count {
            guard p + 46 <= data.count, u32(p) == 0x0201_4b50 else { throw corrupt("bad central directory") }
            let method = u16(p + 10), crc = UInt32(u32(p + 16))
            let compressed = u32(p + 20), size = u32(p + 24)
            let nameLength = u16(p + 28), extra = u16(p + 30), comment = u16(p + 32)
            let local = u32(p + 42)
            guard p + 46 + nameLength <= data.count else { throw corrupt("bad central directory") }
            let name = String(decoding: data[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            p += 46 + nameLength + extra + comment
            guard local + 30 <= data.count, u32(local) == 0x0403_4b50 else { throw corrupt("bad entry \(name)") }
            let start = local + 30 + u16(local + 26) + u16(local + 28)
            guard start + compressed <= data.count else { throw corrupt("\(name) is truncated") }
            let raw = Array(data[start..<(start + compressed)])
            let bytes: [UInt8]
            switch method {
            case 0: bytes = raw
            case 8:
                // Deflate shrinks at most about 1032:1, so a larger claimed size is a lie that
                // would only allocate memory for nothing.
                guard size <= compressed * 1032 + 1024 else { throw corrupt("\(name) claims \(size) bytes from \(compressed)") }
                bytes = try inflate(raw, size: size) ?? { throw corrupt("\(name) does not inflate") }()
            default: throw corrupt("\(name) uses compression method \(method)")
            }
            guard bytes.count == size, crc32Of(bytes) == crc else { throw corrupt("\(name) fails its checksum") }
            entries[name] = bytes
        }
        return entries
    }

    /// A zip of stored entries, in the order given.
    public static func write(_ entries: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = [], directory: [UInt8] = []
        func put16(_ v: Int, _ a: inout [UInt8]) { a += [UInt8(v & 0xff), UInt8(v >> 8 & 0xff)] }
        func put32(_ v: Int, _ a: inout [UInt8]) { put16(v & 0xffff, &a); put16(v >> 16 & 0xffff, &a) }
        // 1980-01-01 00:00: a fixed time keeps files byte-identical from run to run.
        let dosTime = 0, dosDate = 1 << 5 | 1
        for (name, bytes) in entries {
            let nameBytes = Array(name.utf8), crc = Int(crc32Of(bytes)), offset = out.count
            put32(0x0403_4b50, &out); put16(20, &out); put16(0, &out); put16(0, &out)
            put16(dosTime, &out); put16(dosDate, &out); put32(crc, &out); put32(bytes.count, &out); put32(bytes.count, &out)
            put16(nameBytes.count, &out); put16(0, &out)
            out += nameBytes; out += bytes
            put32(0x0201_4b50, &directory); put16(20, &directory); put16(20, &directory); put16(0, &directory); put16(0, &directory)
            put16(dosTime, &directory); put16(dosDate, &directory); put32(crc, &directory)
            put32(bytes.count, &directory); put32(bytes.count, &directory)
            put16(nameBytes.count, &directory); put16(0, &directory); put16(0, &directory); put16(0, &directory); put16(0, &directory)
            put32(0, &directory); put32(offset, &directory)
            directory += nameBytes
        }
        let directoryOffset = out.count
        out += directory
        put32(0x0605_4b50, &out); put16(0, &out); put16(0, &out); put16(entries.count, &out); put16(entries.count, &out)
        put32(directory.count, &out); put32(directoryOffset, &out); put16(0, &out)
        return out
    }

    static func crc32Of(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBufferPointer { UInt32(crc32(0, $0.baseAddress, UInt32($0.count))) }
    }

    /// Raw deflate (no zlib header) to exactly `size` bytes, or nil.
    static func inflate(_ input: [UInt8], size: Int) -> [UInt8]? {
        inflateWhole(input, windowBits: -15, sizeHint: size).flatMap { $0.count == size ? $0 : nil }
    }
}
