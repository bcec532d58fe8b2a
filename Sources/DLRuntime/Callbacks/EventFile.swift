import Foundation

/// A TensorBoard event file: TFRecord framing around `Event` protocol buffers, written by
/// hand (the two messages need five fields). Each record is
/// `uint64 length, uint32 masked-crc32c(length), data, uint32 masked-crc32c(data)`.
public struct EventFile {
    public let path: String
    private var bytes = Data()
    nonisolated(unsafe) private static var created = 0

    /// `dir/events.out.tfevents.<seconds>.<host>.<pid>.v2`, TensorFlow's naming (TensorBoard
    /// looks for "tfevents" in the name); starts with the file-version event.
    public init(directory dir: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw CnnError(.fileNotWritable, dir, error.localizedDescription)
        }
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        // A counter as well, so two runs in the same second get two files.
        Self.created += 1
        path = dir + "/events.out.tfevents.\(Int(Date().timeIntervalSince1970)).\(host).\(getpid()).\(Self.created).v2"
        var event = Protobuf()
        event.double(1, Date().timeIntervalSince1970)
        event.string(3, "brain.Event:2")
        append(record: event.data)
        try flush()
    }

    /// Adds scalar summaries (`tag`, value) at `step` and rewrites the file atomically.
    public mutating func scalars(_ values: [(String, Double)], step: Int) throws {
        var event = Protobuf()
        event.double(1, Date().timeIntervalSince1970)
        event.varint(2, UInt64(step))
        var summary = Protobuf()
        for (tag, v) in values {
            var value = Protobuf()
            value.string(1, tag)
            value.float(2, Float(v))
            summary.message(1, value)
        }
        event.message(5, summary)
        append(record: event.data)
        try flush()
    }

    private mutating func append(record: Data) {
        var length = Data()
        withUnsafeBytes(of: UInt64(record.count).littleEndian) { length.append(contentsOf: $0) }
        bytes.append(length)
        withUnsafeBytes(of: CRC32C.masked(length).littleEndian) { bytes.append(contentsOf: $0) }
        bytes.append(record)
        withUnsafeBytes(of: CRC32C.masked(record).littleEndian) { bytes.append(contentsOf: $0) }
    }

    private func flush() throws { try AtomicFile.write(bytes, to: path) }
}

/// The protocol-buffer wire format, as far as events need it.
struct Protobuf {
    var data = Data()

    mutating func key(_ field: Int, _ wireType: UInt64) { rawVarint(UInt64(field) << 3 | wireType) }

    mutating func rawVarint(_ v: UInt64) {
        var v = v
        while v >= 0x80 { data.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        data.append(UInt8(v))
    }

    mutating func varint(_ field: Int, _ v: UInt64) { key(field, 0); rawVarint(v) }

    mutating func double(_ field: Int, _ v: Double) {
        key(field, 1)
        withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func float(_ field: Int, _ v: Float) {
        key(field, 5)
        withUnsafeBytes(of: v.bitPattern.littleEndian) { data.append(contentsOf: $0) }
    }

    mutating func bytes(_ field: Int, _ d: Data) { key(field, 2); rawVarint(UInt64(d.count)); data.append(d) }
    mutating func string(_ field: Int, _ s: String) { bytes(field, Data(s.utf8)) }
    mutating func message(_ field: Int, _ m: Protobuf) { bytes(field, m.data) }
}

/// CRC-32C (Castagnoli), which TFRecord uses, with TensorFlow's masking.
enum CRC32C {
    static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0x82F6_3B78 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ d: Data) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in d { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func masked(_ d: Data) -> UInt32 {
        let c = checksum(d)
        return ((c >> 15) | (c << 17)) &+ 0xA282_EAD8
    }
}
