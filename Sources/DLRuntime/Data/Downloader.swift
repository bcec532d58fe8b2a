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
                let curl = Process()
                curl.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                curl.arguments = ["curl", "-fsSL", "--connect-timeout", "10", "-o", tmp.path, base + f]
                curl.standardError = FileHandle.nullDevice
                guard (try? curl.run()) != nil else { break }
                curl.waitUntilExit()
                if curl.terminationStatus == 0 {
                    try? fm.moveItem(at: tmp, to: dir.appendingPathComponent(f))
                } else {
                    try? fm.removeItem(at: tmp)
                    break
                }
            }
        }
        let still = files.filter { !fm.fileExists(atPath: dir.appendingPathComponent($0).path) }
        guard still.isEmpty else {
            throw CnnError(.datasetMissing, dataset, still.joined(separator: ", "), dir.path, base)
        }
    }
}
