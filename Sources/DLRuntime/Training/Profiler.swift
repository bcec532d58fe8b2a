import Foundation

/// Where training time goes, per layer and phase: set `CNNSH_PROFILE=1` and `fit` prints a
/// table at its end. Off by default, when it costs one branch per measured call.
enum Profiler {
    static let enabled = ProcessInfo.processInfo.environment["CNNSH_PROFILE"] != nil
    nonisolated(unsafe) private static var totals: [String: Double] = [:]
    nonisolated(unsafe) private static var order: [String] = []

    @inline(__always)
    static func measure<T>(_ name: @autoclosure () -> String, _ body: () -> T) -> T {
        guard enabled else { return body() }
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        let key = name()
        if totals[key] == nil { order.append(key) }
        totals[key, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return result
    }

    /// For code that cannot run inside a closure (a `consume`d value).
    @inline(__always)
    static func now() -> UInt64 { enabled ? DispatchTime.now().uptimeNanoseconds : 0 }

    @inline(__always)
    static func record(_ name: @autoclosure () -> String, since start: UInt64) {
        guard enabled else { return }
        let key = name()
        if totals[key] == nil { order.append(key) }
        totals[key, default: 0] += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }

    static func report(to sink: TextSink) {
        guard enabled, !totals.isEmpty else { return }
        // Indented rows are parts of the row above them.
        let top = order.filter { !$0.hasPrefix(" ") }.reduce(0) { $0 + totals[$1]! }
        for k in order {
            sink.write(k.padding(toLength: 30, withPad: " ", startingAt: 0) + String(format: "%8.2f s %5.1f%%\n", totals[k]!, 100 * totals[k]! / max(top, 1e-9)))
        }
        totals = [:]; order = []
    }
}
