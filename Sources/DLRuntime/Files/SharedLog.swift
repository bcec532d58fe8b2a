import Foundation

/// A file of lines that several processes append to at once (the REPL's history, shared by
/// every cnnsh session of a user). Each append holds an exclusive lock on a companion
/// `.lock` file, so lines never interleave or get lost; trimming to the last lines rewrites
/// the file atomically under the same lock. (Locking the log itself would not do: the
/// rename that trims it would leave a waiting process holding the old file.)
public enum SharedLog {
    /// Appends `line` (a newline is added) and keeps at most the last `keepLast` lines.
    public static func append(_ line: String, to path: String, keepLast: Int) throws {
        let lock = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard lock >= 0 else { throw CnnError(.fileNotWritable, path, String(cString: strerror(errno))) }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        defer { flock(lock, LOCK_UN) }

        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CnnError(.fileNotWritable, path, String(cString: strerror(errno))) }
        let bytes = Array((line + "\n").utf8)
        let written = bytes.withUnsafeBytes { Foundation.write(fd, $0.baseAddress, $0.count) }
        close(fd)
        guard written == bytes.count else { throw CnnError(.fileNotWritable, path, String(cString: strerror(errno))) }

        guard let data = FileManager.default.contents(atPath: path) else { return }
        let newlines = data.reduce(0) { $0 + ($1 == 10 ? 1 : 0) }
        guard newlines > keepLast else { return }
        // Drop the oldest lines: everything up to the (newlines - keepLast)th newline.
        var toDrop = newlines - keepLast, cut = 0
        for (i, b) in data.enumerated() where b == 10 {
            toDrop -= 1
            if toDrop == 0 { cut = i + 1; break }
        }
        try AtomicFile.write(data.subdata(in: cut..<data.count), to: path)
    }
}
