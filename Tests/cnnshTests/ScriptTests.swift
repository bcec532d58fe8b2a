import Foundation
import Testing

/// The built `cnnsh` executable, next to the test bundle in the build folder.
let cnnshBinary: URL = {
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    while dir.path != "/" {
        let candidate = dir.appendingPathComponent("cnnsh")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        dir = dir.deletingLastPathComponent()
    }
    return URL(fileURLWithPath: ".build/release/cnnsh")
}()

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let scriptsFolder = repositoryRoot.appendingPathComponent("Tests/cnnshTests/scripts")

struct RunResult {
    var output: String
    var status: Int32
}

/// Runs cnnsh with arguments and optional standard input; stdout and stderr together.
func cnnsh(_ args: [String], input: String? = nil, environment: [String: String] = [:], in folder: URL? = nil) throws -> RunResult {
    let p = Process()
    p.executableURL = cnnshBinary
    p.arguments = args
    var env = ProcessInfo.processInfo.environment
    env["CNNSH_HISTORY"] = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-test-history").path
    for (k, v) in environment { env[k] = v }
    p.environment = env
    if let folder { p.currentDirectoryURL = folder }
    let out = Pipe()
    p.standardOutput = out
    p.standardError = out
    let inPipe = Pipe()
    p.standardInput = inPipe
    try p.run()
    if let input { inPipe.fileHandleForWriting.write(input.data(using: .utf8)!) }
    try inPipe.fileHandleForWriting.close()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return RunResult(output: String(decoding: data, as: UTF8.self), status: p.terminationStatus)
}

/// Each script in Tests/cnnshTests/scripts states what it must print with `# expect: text`
/// lines (found in this order in the output) and its exit status with `# exit: N`.
@Suite struct ScriptTests {
    static let scripts: [String] = (try? FileManager.default.contentsOfDirectory(atPath: scriptsFolder.path))?
        .filter { $0.hasSuffix(".cnn") }.sorted() ?? []

    @Test(arguments: scripts)
    func script(_ name: String) throws {
        let path = scriptsFolder.appendingPathComponent(name)
        let text = try String(contentsOf: path, encoding: .utf8)
        var expected: [String] = []
        var status: Int32 = 0
        for line in text.split(separator: "\n") {
            if let r = line.range(of: "# expect: ") { expected.append(String(line[r.upperBound...])) }
            if let r = line.range(of: "# exit: ") { status = Int32(line[r.upperBound...].trimmingCharacters(in: .whitespaces)) ?? 0 }
        }
        #expect(!expected.isEmpty, "\(name) expects nothing")
        let result = try cnnsh([path.path], environment: ["CNNSH_OFFLINE": "1"])
        #expect(result.status == status, "\(name) exited \(result.status):\n\(result.output)")
        var rest = Substring(result.output)
        for e in expected {
            guard let r = rest.range(of: e) else {
                Issue.record("\(name): expected '\(e)' (in order) in:\n\(result.output)")
                return
            }
            rest = rest[r.upperBound...]
        }
    }
}
