import CImage

/// zlib's inflate over a whole buffer, for zip entries (`windowBits` -15: raw deflate) and
/// gzip files (31: gzip's header and trailer). `sizeHint` is the expected size, when known.
/// nil when the stream is corrupt or cut short.
func inflateWhole(_ input: [UInt8], windowBits: Int32, sizeHint: Int = 1 << 20) -> [UInt8]? {
    var stream = z_stream()
    guard inflateInit2_(&stream, windowBits, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var out = [UInt8](repeating: 0, count: max(sizeHint, 64))
    var status = Z_OK
    input.withUnsafeBufferPointer { ip in
        // zlib only reads through next_in; its type is not const.
        stream.next_in = UnsafeMutablePointer(mutating: ip.baseAddress); stream.avail_in = UInt32(ip.count)
        // Runs until the stream ends, or stops moving (Z_BUF_ERROR: the input ran out first).
        while status == Z_OK {
            let done = Int(stream.total_out)
            if done == out.count { out += [UInt8](repeating: 0, count: out.count) }
            out.withUnsafeMutableBufferPointer { op in
                stream.next_out = op.baseAddress! + done
                stream.avail_out = UInt32(min(op.count - done, Int(UInt32.max)))
                status = zlibInflate(&stream, Z_NO_FLUSH)
            }
        }
    }
    guard status == Z_STREAM_END else { return nil }
    out.removeSubrange(Int(stream.total_out)...)
    return out
}

/// zlib's `inflate`, renamed so it does not clash with `ZipArchive.inflate`.
private func zlibInflate(_ stream: UnsafeMutablePointer<z_stream>, _ flush: Int32) -> Int32 { inflate(stream, flush) }
