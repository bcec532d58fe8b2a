import Foundation

/// A value of which each thread has its own copy, kept in the thread's dictionary.
///
/// cnnsh runs a session on one thread, so for it this is a plain global. The test runner runs
/// many sessions side by side, one per thread; session state (the seeded random source, the
/// layer-name counters) kept per process let one test's draws and names leak into another's.
final class PerThread<Value>: @unchecked Sendable {
    private final class Box { var value: Value; init(_ value: Value) { self.value = value } }

    private let key: String
    private let initial: @Sendable () -> Value

    init(_ key: String, initial: @escaping @Sendable () -> Value) {
        self.key = "cnnsh." + key
        self.initial = initial
    }

    var value: Value {
        get { box.value }
        set { box.value = newValue }
    }

    private var box: Box {
        let dictionary = Thread.current.threadDictionary
        if let box = dictionary[key] as? Box { return box }
        let box = Box(initial())
        dictionary[key] = box
        return box
    }
}
