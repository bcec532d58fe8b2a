import Foundation

/// Writes a whole file so that readers (and a crash, or Ctrl-C, halfway) see either the old
/// file or the new one, never a torn mix: a temporary file in the same folder, flushed to
/// disk, then renamed over the target (rename is atomic within a file system).
public enum AtomicFile {
    /// Throws `folderForFileMissing` unless the folder `path` would be written in exists.
    public static func checkFolder(for path: String) throws {
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CnnError(.folderForFileMissing, dir, path)
        }
    }

    /// Throws unless `path` could be written now (its folder exists and is writable): checked
    /// before a long run whose result goes there, not after.
    public static func checkWritable(_ path: String) throws {
        try checkFolder(for: path)
        let dir = URL(fileURLWithPath: path).deletingLastPathComponent().path
        guard access(dir, W_OK) == 0 else { throw CnnError(.fileNotWritable, path, String(cString: strerror(errno))) }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw CnnError(.fileNotWritable, path, String(cString: strerror(EISDIR)))
        }
    }

    public static func write(_ data: Data, to path: String) throws {
        try checkFolder(for: path)
        let url = URL(fileURLWithPath: path)
        let dir = url.deletingLastPathComponent().path
        let tmp = dir + "/." + url.lastPathComponent + ".tmp-\(getpid())-\(UUID().uuidString.prefix(8))"
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard fd >= 0 else { throw CnnError(.fileNotWritable, path, String(cString: strerror(errno))) }
        var ok = true
        data.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { ok = false; break }
                offset += n
            }
        }
        let reason = String(cString: strerror(errno))
        ok = ok && fsync(fd) == 0
        close(fd)
        guard ok, rename(tmp, path) == 0 else {
            unlink(tmp)
            throw CnnError(.fileNotWritable, path, reason)
        }
    }
}
