import Foundation

// Two builds of one program. `scripts/fuzz` builds it with -sanitize=fuzzer and
// -DCNNSH_FUZZ: libFuzzer's main drives LLVMFuzzerTestOneInput, on the target named by
// CNNSH_FUZZ_TARGET. The ordinary build replays files through a target (the regression
// check the tests run on the seed corpus and on every crash once found) and writes seeds.

#if CNNSH_FUZZ
nonisolated(unsafe) private var selected: (([UInt8]) -> Void)?

@_cdecl("LLVMFuzzerInitialize")
public func fuzzerInitialize(_ argc: UnsafeMutablePointer<Int32>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> Int32 {
    let name = ProcessInfo.processInfo.environment["CNNSH_FUZZ_TARGET"] ?? ""
    guard let run = FuzzTargets.named(name) else {
        FileHandle.standardError.write("CNNSH_FUZZ_TARGET must be one of: \(FuzzTargets.all.map(\.name).joined(separator: ", "))\n".data(using: .utf8)!)
        exit(2)
    }
    selected = run
    FuzzTargets.applyLimits()
    return 0
}

/// libFuzzer's driver, reached from our own entry point: SwiftPM names an executable's
/// entry `cnnsh_fuzz_main` and points `main` at it, so libFuzzer's `main` is never linked.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(_ argc: UnsafeMutablePointer<Int32>,
                     _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
                     _ test: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32

@_cdecl("cnnsh_fuzz_main")
public func fuzzMain(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    var count = argc
    var arguments = argv
    return runFuzzerDriver(&count, &arguments, fuzzerTestOneInput)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzerTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    selected?(data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? [])
    return 0
}
#else
@main
struct Replay {
    static func main() {
        let args = Array(CommandLine.arguments.dropFirst())
        let usage = "usage: cnnsh-fuzz <target> <file or folder>...   (replays inputs through a target)\n" +
                    "       cnnsh-fuzz --seeds <target> <folder>         (writes the built-in seeds)\n" +
                    "targets: \(FuzzTargets.all.map(\.name).joined(separator: ", "))\n"
        if args.count == 3, args[0] == "--seeds" {
            do { try Seeds.write(target: args[1], to: URL(fileURLWithPath: args[2])) } catch { print(error); exit(1) }
            return
        }
        guard args.count >= 2, let run = FuzzTargets.named(args[0]) else { FileHandle.standardError.write(usage.data(using: .utf8)!); exit(2) }
        FuzzTargets.applyLimits()
        var count = 0
        for path in args.dropFirst() {
            for file in files(path) {
                guard let data = FileManager.default.contents(atPath: file) else { continue }
                run([UInt8](data))
                count += 1
            }
        }
        print("\(args[0]): \(count) inputs replayed, no crash")
    }

    static func files(_ path: String) -> [String] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return [] }
        guard isFolder.boolValue else { return [path] }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.sorted().map { (path as NSString).appendingPathComponent($0) }
    }
}
#endif
