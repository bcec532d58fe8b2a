import Foundation

/// Keras's `ModelCheckpoint`: saves the model after each epoch (or only when the monitored
/// value improves, with `saveBestOnly`) to a path that may name the epoch and the logs,
/// `"ckpt/model-{epoch:02d}-{val_accuracy:.3f}.cnnsh"`. Files are written atomically. The
/// folder must exist: it is checked before training starts, so a typo costs no epochs.
public final class ModelCheckpoint: TrainingCallback {
    public let path: String
    public let monitor: Monitor
    public let saveBestOnly: Bool
    let verbose: Int
    let sink: TextSink
    private var best = 0.0
    private var warned = false
    /// Paths written during the last `fit`, in order.
    public private(set) var saved: [String] = []

    public init(path: String, monitor: Monitor, saveBestOnly: Bool = false, verbose: Int = 0, sink: TextSink) {
        self.path = path; self.monitor = monitor; self.saveBestOnly = saveBestOnly; self.verbose = verbose; self.sink = sink
    }

    public func onTrainBegin(model: Model) throws {
        best = monitor.worst; saved = []
        // The folder part may hold placeholders too; check it only when it has none.
        if !URL(fileURLWithPath: path).deletingLastPathComponent().path.contains("{") { try AtomicFile.checkFolder(for: path) }
    }

    public func onEpochEnd(epoch: Int, logs: [(String, Double)], model: Model) throws -> Bool {
        let file = try PathTemplate.format(path, epoch: epoch + 1, logs: logs)
        if saveBestOnly {
            guard let current = monitor.value(in: logs, warned: &warned, callback: "model_checkpoint", sink: sink) else { return false }
            guard monitor.isImprovement(current, over: best) else {
                if verbose > 0 { sink.write(Catalog.text(.checkpointNotImproved, epoch + 1, monitor.name, String(format: "%.5f", best)) + "\n") }
                return false
            }
            if verbose > 0 {
                sink.write(Catalog.text(.checkpointImproved, epoch + 1, monitor.name, String(format: "%.5f", best),
                                        String(format: "%.5f", current), file) + "\n")
            }
            best = current
        } else if verbose > 0 {
            sink.write(Catalog.text(.checkpointSaving, epoch + 1, file) + "\n")
        }
        // The file's extension picks the format: Keras's .keras, a Keras weights file, or cnnsh's own.
        switch (file as NSString).pathExtension.lowercased() {
        case "keras": try KerasFile.save(model, to: file)
        case "h5", "hdf5": try KerasFile.saveWeights(model, to: file)
        default: try ModelFile.save(model, to: file)
        }
        saved.append(file)
        return false
    }
}
