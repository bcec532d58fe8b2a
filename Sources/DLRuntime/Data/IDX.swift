/// The IDX format of the MNIST files: a magic number whose third byte is the element type
/// (0x08 = unsigned byte) and fourth the rank, then the dimensions as big-endian UInt32,
/// then the values.
public enum IDX {
    /// Parses an IDX file's bytes into a uint8 array; `name` is used in errors.
    public static func parse(_ file: consuming [UInt8], name: String) throws -> ByteTensor {
        var bytes = file
        guard bytes.count >= 4, bytes[0] == 0, bytes[1] == 0 else { throw CnnError(.fileCorrupt, name, "IDX") }
        guard bytes[2] == 0x08 else { throw CnnError(.idxUnsupportedType, name, bytes[2]) }
        let rank = Int(bytes[3])
        guard rank >= 1 && rank <= 4, bytes.count >= 4 + 4 * rank else { throw CnnError(.fileCorrupt, name, "IDX") }
        var shape: [Int] = []
        for d in 0..<rank {
            let o = 4 + 4 * d
            shape.append(Int(bytes[o]) << 24 | Int(bytes[o + 1]) << 16 | Int(bytes[o + 2]) << 8 | Int(bytes[o + 3]))
        }
        let header = 4 + 4 * rank
        // Each dimension may claim up to 2^32 - 1: a product past Int's range is a corrupt
        // header, whatever the other dimensions (even a zero) say.
        var count = 1
        for d in shape {
            let (product, overflow) = count.multipliedReportingOverflow(by: d)
            guard !overflow else { throw CnnError(.fileCorrupt, name, "IDX") }
            count = product
        }
        guard bytes.count - header == count else {
            throw CnnError(.idxTruncated, name, pythonShape(shape), count, bytes.count - header)
        }
        bytes.removeSubrange(0..<header)   // in place: no second copy of 47 MB
        return ByteTensor(shape: shape, bytes: bytes)
    }

    /// The bytes of an IDX file for a uint8-valued tensor (tests and the bundled sample).
    public static func encode(_ t: Tensor) -> [UInt8] {
        var out: [UInt8] = [0, 0, 0x08, UInt8(t.rank)]
        for d in t.shape { out += [UInt8(d >> 24 & 255), UInt8(d >> 16 & 255), UInt8(d >> 8 & 255), UInt8(d & 255)] }
        out += t.data.map { UInt8(max(0, min(255, $0))) }
        return out
    }
}
