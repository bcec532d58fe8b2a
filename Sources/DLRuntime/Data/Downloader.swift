import Foundation

/// Fetches missing data set files from their canonical source when the machine is online;
/// offline, fails with a message that says which file is missing, where it is looked for
/// and how to get it.
public enum Downloader {
    public static func ensure(files: [String], in dir: URL, from base: String, dataset: String) throws {
        let fm = FileManager.default
        let missing = files.filter { !fm.fileExists(atPath: dir.appendingPathComponent($0).path) }
        guard !missing.isEmpty else { return }
        if ProcessInfo.processInfo.environment["CNNSH_OFFLINE"] == nil {
            try? fm.createDirectory(at: dir, withIntermediateDirectories: true)
            for f in missing {
                // curl writes a temporary name that is renamed only when complete: never a
                // half file in place. Linking an HTTP stack into cnnsh would slow its start.
                let tmp = dir.appendingPathComponent(f + ".part")
                guard run(["curl", "-fsSL", "--connect-timeout", "10", "-o", tmp.path, base + f]) else {
                    try? fm.removeItem(at: tmp)
                    break
                }
                try? fm.moveItem(at: tmp, to: dir.appendingPathComponent(f))
            }
        }
        let still = files.filter { !fm.fileExists(atPath: dir.appendingPathComponent($0).path) }
        guard still.isEmpty else {
            throw CnnError(.datasetMissing, dataset, still.joined(separator: ", "), dir.path, base)
        }
    }

    /// Like `ensure`, for data sets published as one .tar.gz archive whose top folder is
    /// `dir`'s name (CIFAR-10's `cifar-10-batches-bin`): fetched and unpacked beside `dir`.
    public static func ensureArchive(files: [String], in dir: URL, from url: String, dataset: String) throws {
        let fm = FileManager.default
        func missing() -> [String] { files.filter { !fm.fileExists(atPath: dir.appendingPathComponent($0).path) } }
        if !missing().isEmpty && ProcessInfo.processInfo.environment["CNNSH_OFFLINE"] == nil {
            let parent = dir.deletingLastPathComponent()
            try? fm.createDirectory(at: parent, withIntermediateDirectories: true)
            let archive = parent.appendingPathComponent(".download-\(UUID().uuidString).tar.gz")
            defer { try? fm.removeItem(at: archive) }
            if run(["curl", "-fsSL", "--connect-timeout", "10", "-o", archive.path, url]) {
                _ = run(["tar", "-xzf", archive.path, "-C", parent.path])
            }
        }
        let still = missing()
        guard still.isEmpty else {
            throw CnnError(.datasetMissing, dataset, still.joined(separator: ", "), dir.path, url)
        }
    }

    /// Runs a command quietly; true when it succeeded.
    private static func run(_ arguments: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }
}
