import Foundation
import DLRuntime

/// What one statement may ask of the machine, checked before the work starts, so that a
/// typo (`zeros((10**6, 10**6))`, `"ab" * 10**12`) is an error and not the end of the session.
public enum Limits {
    /// The most memory one new value may take: half the machine's (the fuzzer lowers it, to
    /// stay within its own memory limit).
    nonisolated(unsafe) public static var maxBytes = Double(ProcessInfo.processInfo.physicalMemory) / 2

    /// Refuses an array of `shape` too large to allocate.
    static func checkArray(_ shape: [Int], bytesPerElement: Double = 4) throws {
        let n = shape.reduce(1.0) { $0 * Double($1) }
        guard n * bytesPerElement <= maxBytes else {
            throw CnnError(.arrayTooLarge, pythonShape(shape), memorySize(Int(min(n * bytesPerElement, 9e18))))
        }
    }

    /// Refuses a list or string of `count` items (`what` names it) too large to allocate;
    /// the count is a Double because `[0] * 10**19` asks for more than Int holds.
    static func checkCount(_ count: Double, bytesPerItem: Double, what: String) throws {
        let bytes = count * bytesPerItem
        guard bytes <= maxBytes else {
            throw CnnError(.valueTooLarge, what, Int(min(count, 9e18)), memorySize(Int(min(bytes, 9e18))))
        }
    }
}
