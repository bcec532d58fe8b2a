/// Keras's `ReduceLROnPlateau`: multiplies the learning rate by `factor` when the monitored
/// value has not improved for `patience` epochs, then waits `cooldown` epochs, never going
/// below `minLR`.
public final class ReduceLROnPlateau: TrainingCallback {
    public let monitor: Monitor
    public let factor: Float
    public let patience: Int
    public let cooldown: Int
    public let minLR: Float
    let verbose: Int
    let sink: TextSink
    private var best = 0.0
    private var wait = 0
    private var cooldownLeft = 0
    private var warned = false

    public var changesLearningRate: Bool { true }

    public init(monitor: Monitor, factor: Float = 0.1, patience: Int = 10, cooldown: Int = 0, minLR: Float = 0,
                verbose: Int = 1, sink: TextSink) throws {
        guard factor < 1 && factor >= 0 else { throw CnnError(.reduceFactorRange, factor) }
        self.monitor = monitor; self.factor = factor; self.patience = patience
        self.cooldown = cooldown; self.minLR = minLR; self.verbose = verbose; self.sink = sink
    }

    public func onTrainBegin(model: Model) throws { best = monitor.worst; wait = 0; cooldownLeft = 0 }

    public func onEpochEnd(epoch: Int, logs: [(String, Double)], model: Model) throws -> Bool {
        guard let optimizer = model.optimizer,
              let current = monitor.value(in: logs, warned: &warned, callback: "reduce_lr_on_plateau", sink: sink) else { return false }
        if cooldownLeft > 0 { cooldownLeft -= 1; wait = 0 }
        if monitor.isImprovement(current, over: best) {
            best = current; wait = 0
        } else if cooldownLeft == 0 {
            wait += 1
            if wait >= patience && optimizer.learningRate > minLR {
                optimizer.learningRate = max(optimizer.learningRate * factor, minLR)
                if verbose > 0 { sink.write(Catalog.text(.reducedLearningRate, epoch + 1, optimizer.learningRate) + "\n") }
                cooldownLeft = cooldown; wait = 0
            }
        }
        return false
    }
}

/// Keras's `LearningRateScheduler`: before each epoch, the learning rate becomes
/// `schedule(epoch, current rate)`.
public final class LearningRateScheduler: TrainingCallback {
    let schedule: (Int, Float) throws -> Float
    let verbose: Int
    let sink: TextSink

    public var changesLearningRate: Bool { true }

    public init(verbose: Int = 0, sink: TextSink, schedule: @escaping (Int, Float) throws -> Float) {
        self.schedule = schedule; self.verbose = verbose; self.sink = sink
    }

    public func onEpochBegin(epoch: Int, model: Model) throws {
        guard let optimizer = model.optimizer else { return }
        let rate = try schedule(epoch, optimizer.learningRate)
        guard rate.isFinite && rate >= 0 else { throw CnnError(.scheduleBadRate, epoch, rate) }
        optimizer.learningRate = rate
        if verbose > 0 { sink.write(Catalog.text(.scheduledLearningRate, epoch + 1, rate) + "\n") }
    }
}
