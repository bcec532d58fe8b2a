/// What `fit` returns, like Keras's History: per-epoch values by metric name, in the order
/// Keras prints them (loss, metrics, then val_ versions).
public final class History {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: [Double]] = [:]
    public private(set) var epochs: [Int] = []
    /// Set when training ended early (Ctrl-C, a non-finite loss), with the reason.
    public var stopReason: CnnError?

    public init() {}

    public func record(epoch: Int, _ logs: [(String, Double)]) {
        epochs.append(epoch)
        for (k, v) in logs {
            if values[k] == nil { keys.append(k) }
            values[k, default: []].append(v)
        }
    }
}
