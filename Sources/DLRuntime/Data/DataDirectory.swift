import Foundation

/// Where data sets live: `$CNNSH_DATA`, or `~/.cnnsh/datasets`, in their canonical layouts.
public enum DataDirectory {
    public static var root: URL {
        if let env = ProcessInfo.processInfo.environment["CNNSH_DATA"], !env.isEmpty {
            return URL(fileURLWithPath: env)
        }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cnnsh/datasets")
    }
}
