/// Keras's `EarlyStopping`: stops when the monitored value has not improved for `patience`
/// epochs; with `restoreBestWeights`, puts back the weights of the best epoch. Unlike Keras
/// (verbose 0), it says by default when and why it stopped: a run that ends at epoch 7 of
/// 16 should not leave a student guessing.
public final class EarlyStopping: TrainingCallback {
    public let monitor: Monitor
    public let patience: Int
    public let baseline: Double?
    public let restoreBestWeights: Bool
    public let startFromEpoch: Int
    let verbose: Int
    let sink: TextSink

    public private(set) var best = 0.0
    public private(set) var bestEpoch = 0
    /// The epoch (0-based) training stopped after, or nil when it ran to the end.
    public private(set) var stoppedEpoch: Int?
    private var wait = 0
    private var bestWeights: [[Float]]?
    private var warned = false

    public init(monitor: Monitor, patience: Int = 0, baseline: Double? = nil, restoreBestWeights: Bool = false,
                startFromEpoch: Int = 0, verbose: Int = 1, sink: TextSink) {
        self.monitor = monitor; self.patience = patience; self.baseline = baseline
        self.restoreBestWeights = restoreBestWeights; self.startFromEpoch = startFromEpoch
        self.verbose = verbose; self.sink = sink
    }

    public func onTrainBegin(model: Model) throws {
        wait = 0; best = monitor.worst; bestEpoch = 0; stoppedEpoch = nil; bestWeights = nil
    }

    public func onEpochEnd(epoch: Int, logs: [(String, Double)], model: Model) throws -> Bool {
        guard epoch >= startFromEpoch,
              let current = monitor.value(in: logs, warned: &warned, callback: "early_stopping", sink: sink) else { return false }
        // Keras: if no epoch has improved yet, the current weights count as the best.
        if restoreBestWeights && bestWeights == nil { bestWeights = model.weightSnapshot() }
        wait += 1
        if monitor.isImprovement(current, over: best) {
            best = current; bestEpoch = epoch
            if restoreBestWeights { bestWeights = model.weightSnapshot() }
            if baseline == nil || monitor.isImprovement(current, over: baseline!) { wait = 0; return false }
        }
        guard wait >= patience && epoch > 0 else { return false }
        stoppedEpoch = epoch
        if verbose > 0 { sink.write(Catalog.text(.earlyStopped, epoch + 1, monitor.name, patience, bestEpoch + 1, ProgressBar.formatValue(best)) + "\n") }
        if restoreBestWeights, let w = bestWeights {
            model.restore(weights: w)
            if verbose > 0 { sink.write(Catalog.text(.restoredBestWeights, bestEpoch + 1) + "\n") }
        }
        return true
    }
}
