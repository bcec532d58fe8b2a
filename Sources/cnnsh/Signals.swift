import Foundation
import DLRuntime

/// Ctrl-C: the handler only raises the runtime's flag and writes a byte to a pipe (both
/// async-signal-safe). Training and the interpreter poll the flag between batches and
/// statements; the prompt polls the pipe, because the signal may land on any thread and
/// would not interrupt the prompt's own wait.
enum Signals {
    nonisolated(unsafe) static var wakeRead: Int32 = -1
    nonisolated(unsafe) static var wakeWrite: Int32 = -1

    static func install() {
        var fds: [Int32] = [0, 0]
        if pipe(&fds) == 0 {
            wakeRead = fds[0]; wakeWrite = fds[1]
            _ = fcntl(wakeRead, F_SETFL, O_NONBLOCK)
            _ = fcntl(wakeWrite, F_SETFL, O_NONBLOCK)
        }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupt.request()
            var byte: UInt8 = 3
            _ = write(Signals.wakeWrite, &byte, 1)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(SIGINT, &action, nil)
        // A parent (a test runner, a shell's background job) may hand down SIGINT blocked.
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// Empties the wake-up pipe.
    static func drain() {
        var buf = [UInt8](repeating: 0, count: 64)
        while read(wakeRead, &buf, 64) > 0 {}
    }
}
