/// The quantity a callback watches (`val_loss`, `accuracy`, ...) and which way is better,
/// as Keras's callbacks decide it: mode "auto" maximises names with "acc" in them (and
/// "auc"), minimises the rest.
public struct Monitor {
    public enum Mode: String { case auto, min, max }

    public let name: String
    public let maximize: Bool
    /// How much a value must beat the best to count as an improvement.
    public let minDelta: Double

    public init(_ name: String, mode: Mode = .auto, minDelta: Double = 0) throws {
        self.name = name
        switch mode {
        case .min: maximize = false
        case .max: maximize = true
        case .auto: maximize = name.contains("acc") || name.hasSuffix("auc")
        }
        self.minDelta = abs(minDelta)
    }

    public static func mode(_ s: String) throws -> Mode {
        guard let m = Mode(rawValue: s) else { throw CnnError(.unknownMonitorMode, s) }
        return m
    }

    /// The worst possible starting "best".
    public var worst: Double { maximize ? -.infinity : .infinity }

    public func isImprovement(_ value: Double, over best: Double) -> Bool {
        maximize ? value - minDelta > best : value + minDelta < best
    }

    /// The monitored value in `logs`, or nil (with a warning written once) when training
    /// does not produce it, for instance `val_loss` without validation data.
    public func value(in logs: [(String, Double)], warned: inout Bool, callback: String, sink: TextSink) -> Double? {
        if let v = logs.first(where: { $0.0 == name })?.1 { return v }
        if !warned {
            sink.write(Catalog.text(.monitorMissing, callback, name, logs.map(\.0).joined(separator: ", ")) + "\n")
            warned = true
        }
        return nil
    }
}
