import Foundation
import DLRuntime

/// Ctrl-C: the handler only raises the runtime's flag (async-signal-safe); training and
/// the interpreter stop at the next batch or statement, and the prompt clears its line.
enum Signals {
    static func install() {
        signal(SIGINT) { _ in Interrupt.request() }
    }
}
