import Foundation
import DLRuntime
import Lang

/// cnnsh's entry point: a script, `-c CODE`, or the interactive prompt.
///
/// The session runs on a thread with a large stack, so deep (but legal) recursion in a
/// student's program meets the interpreter's own depth limit, not a stack overflow.
let version = "0.1.0"

func runMain() -> Int32 {
    var args = Array(CommandLine.arguments.dropFirst())
    Catalog.language = Catalog.languageFromEnvironment()
    var file: String?
    var code: String?
    var report: String?
    var scriptArguments: [String] = []
    while !args.isEmpty {
        let a = args.removeFirst()
        switch a {
        case "--help", "-h":
            print(Catalog.text(.usage)); return 0
        case "--version":
            print("cnnsh \(version)"); return 0
        case "--lang":
            guard let l = args.first, let lang = InterfaceLanguage(rawValue: l) else {
                FileHandle.standardError.write((Catalog.text(.usage) + "\n").data(using: .utf8)!); return 2
            }
            args.removeFirst(); Catalog.language = lang
        case "--html":
            guard let path = args.first, !path.hasPrefix("-") else {
                FileHandle.standardError.write((Catalog.text(.htmlNeedsPath) + "\n" + Catalog.text(.usage) + "\n").data(using: .utf8)!); return 2
            }
            report = args.removeFirst()
        case "-c":
            guard !args.isEmpty else { FileHandle.standardError.write((Catalog.text(.usage) + "\n").data(using: .utf8)!); return 2 }
            code = args.removeFirst()
        default:
            // After the script's name, anything cnnsh does not take is the script's (`args`).
            if file != nil { scriptArguments.append(a); continue }
            if a.hasPrefix("-") && a != "-" {
                FileHandle.standardError.write((Catalog.text(.unknownOption, a) + "\n" + Catalog.text(.usage) + "\n").data(using: .utf8)!)
                return 2
            }
            file = a
        }
    }
    Parallel.configureBLAS()
    let session = Session()
    if report != nil && file == nil {
        FileHandle.standardError.write((Catalog.text(.htmlNeedsScript) + "\n").data(using: .utf8)!)
        return 2
    }
    session.interpreter.globals["args"] = .list(ListBox(scriptArguments.map { .string($0) }))
    if let code { return session.runCode(code) }
    if let file { return ScriptRunner(session: session).run(path: file, report: report) }
    return REPL(session: session).run()
}

// oneDNN's convolutions and the runtime's own parallel loops share libgomp's team of
// threads (OpenMPTeam). Between two parallel regions of a training step the other thread
// should spin, not sleep: waking a sleeping thread costs a futex call and a context switch,
// many times a batch (net_2's step was 20% slower with libgomp's passive policy). But
// libgomp's active policy spins for minutes, a core at 100% while the prompt waits. Three
// million spins is tens of milliseconds here: as fast as active in training and predict,
// and a tenth of a second of CPU after a command. libgomp reads its settings when it is
// loaded, before main, so cnnsh restarts itself once with them; settings the user made
// are kept.
if getenv("OMP_WAIT_POLICY") == nil && getenv("GOMP_SPINCOUNT") == nil {
    setenv("GOMP_SPINCOUNT", "3000000", 1)
    execv("/proc/self/exe", CommandLine.unsafeArgv)
    // exec failed: go on with libgomp's defaults.
}

// Installed before any thread starts, so every thread inherits the unblocked mask.
Signals.install()
var exitCode: Int32 = 0
let done = DispatchSemaphore(value: 0)
let worker = Thread {
    exitCode = runMain()
    done.signal()
}
worker.stackSize = 1 << 29
worker.start()
done.wait()
exit(exitCode)
