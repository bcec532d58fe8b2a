/// Keras's `TensorBoard` callback, scalars per epoch: `log_dir/train` gets `epoch_loss`,
/// `epoch_accuracy` and `epoch_learning_rate`, `log_dir/validation` the val_ values under
/// the same names, so TensorBoard draws training and validation on one chart.
/// View with `tensorboard --logdir LOG_DIR` (pip install tensorboard).
public final class TensorBoard: TrainingCallback {
    public let logDirectory: String
    private var train: EventFile?
    private var validation: EventFile?

    public init(logDirectory: String) { self.logDirectory = logDirectory }

    public func onTrainBegin(model: Model) throws {
        train = try EventFile(directory: logDirectory + "/train")
        validation = nil
    }

    public func onEpochEnd(epoch: Int, logs: [(String, Double)], model: Model) throws -> Bool {
        let trainValues = logs.filter { !$0.0.hasPrefix("val_") }.map { ("epoch_" + $0.0, $0.1) }
        try train?.scalars(trainValues, step: epoch)
        let validationValues = logs.filter { $0.0.hasPrefix("val_") }.map { ("epoch_" + $0.0.dropFirst(4), $0.1) }
        if !validationValues.isEmpty {
            if validation == nil { validation = try EventFile(directory: logDirectory + "/validation") }
            try validation?.scalars(validationValues, step: epoch)
        }
        return false
    }
}
