import Foundation

/// `fit`'s arguments, with Keras's defaults.
public struct FitOptions {
    public var batchSize = KerasDefaults.batchSize
    public var epochs = 1
    public var validationSplit = 0.0
    public var validationData: (x: any BatchSource, y: Tensor)?
    public var shuffle = true
    public var verbose = 1
    public init() {}
}

/// Hooks a user can attach to training (Keras's Callback). Throwing stops training cleanly.
public protocol TrainingCallback: AnyObject {
    /// True for callbacks that change the learning rate: the progress line then shows it.
    var changesLearningRate: Bool { get }
    func onTrainBegin(model: Model) throws
    func onEpochBegin(epoch: Int, model: Model) throws
    func onBatchBegin(batch: Int, model: Model) throws
    func onBatchEnd(batch: Int, logs: [(String, Double)], model: Model) throws
    /// Returns true to stop training after this epoch.
    func onEpochEnd(epoch: Int, logs: [(String, Double)], model: Model) throws -> Bool
    func onTrainEnd(model: Model) throws
}

extension TrainingCallback {
    public var changesLearningRate: Bool { false }
    public func onTrainBegin(model: Model) throws {}
    public func onBatchBegin(batch: Int, model: Model) throws {}
    public func onEpochBegin(epoch: Int, model: Model) throws {}
    public func onBatchEnd(batch: Int, logs: [(String, Double)], model: Model) throws {}
    public func onEpochEnd(epoch: Int, logs: [(String, Double)], model: Model) throws -> Bool { false }
    public func onTrainEnd(model: Model) throws {}
}

extension Model {
    /// Keras's `compile`.
    public func compile(optimizer: Optimizer, loss: Loss, metrics: [String]) throws {
        for m in metrics where !["accuracy", "acc"].contains(m) { throw CnnError(.unknownMetric, m) }
        self.optimizer = optimizer; self.loss = loss; self.metrics = metrics
    }

    private func requireCompiled() throws -> (Loss, Optimizer) {
        guard let loss, let optimizer else { throw CnnError(.modelNotCompiled, name) }
        return (loss, optimizer)
    }

    /// Checks data against the model before any work: same number of samples, input shape,
    /// and targets that fit the output and the loss.
    func checkData(_ x: some BatchSource, _ y: Tensor, loss: Loss) throws {
        guard x.rank >= 2 else { throw CnnError(.dataNeedsBatchAxis, pythonShape(x.shape)) }
        guard y.shape.first == x.shape.first else { throw CnnError(.sampleCountMismatch, x.shape[0], y.shape.first ?? 0) }
        try ensureBuilt(forData: x)
        try loss.validate(outputShape: outputShape, targets: y)
    }

    /// Keras's `fit`: minibatch training with per-epoch reshuffling; `validationSplit` holds
    /// out the LAST fraction of the samples, before shuffling, as Keras does.
    /// Ctrl-C or a non-finite loss ends training after the current batch; the weights and
    /// the epochs completed so far are kept, and `History.stopReason` says why.
    @discardableResult
    public func fit(x: some BatchSource, y: Tensor, options o: FitOptions, callbacks: [TrainingCallback] = [],
                    sink: TextSink) throws -> History {
        let (loss, optimizer) = try requireCompiled()
        try checkData(x, y, loss: loss)
        if let stepLayer = layers.first(where: { ($0 as? ActivatedLayer)?.activation.isDifferentiable == false }) {
            throw CnnError(.stepNotTrainable, stepLayer.name)
        }
        guard o.batchSize >= 1 else { throw CnnError(.mustBePositive, "batch_size", o.batchSize) }
        guard o.validationSplit >= 0 && o.validationSplit < 1 else { throw CnnError(.validationSplitRange, o.validationSplit) }
        let n = x.shape[0]
        var trainCount = n
        // The validation rows: a range of the given arrays, read in place (no copy of the tail).
        var validation: (x: any BatchSource, y: Tensor, rows: Range<Int>)? = o.validationData.map { (x: $0.x, y: $0.y, rows: 0..<$0.x.shape[0]) }
        if o.validationSplit > 0 && validation == nil {
            trainCount = Int((Double(n) * (1 - o.validationSplit)).rounded(.down))
            guard trainCount > 0 && trainCount < n else { throw CnnError(.validationSplitEmpty, o.validationSplit, n) }
            validation = (x, y, trainCount..<n)
            if let d = SplitCheck.mismatch(y, trainCount: trainCount), d > 0.3 {
                sink.write(Catalog.text(.validationTailSkewed, o.validationSplit, Int((d * 100).rounded())) + "\n")
            }
        }
        // The held-out tail of x and y was checked with them; given arrays are checked here.
        if let v = o.validationData { try checkData(v.x, v.y, loss: loss) }
        try checkMemory(batch: min(o.batchSize, trainCount), batchSizeArgument: o.batchSize, training: true)

        let accuracy = metrics.isEmpty ? nil : AccuracyKind(loss: loss, units: outputShape.last ?? 1)
        let metricName = metrics.first ?? "accuracy"
        let history = History()
        self.history = history
        let steps = (trainCount + o.batchSize - 1) / o.batchSize
        var order = Array(0..<trainCount)
        var xb = Tensor(zeros: [0]), yb = Tensor(zeros: [0])
        let statistics = movingStatistics   // put back when a batch turns out non-finite
        for c in callbacks { try c.onTrainBegin(model: self) }

        epochs: for epoch in 0..<o.epochs {
            if o.verbose > 0 { sink.write(Catalog.text(.epochLine, epoch + 1, o.epochs) + "\n") }
            for c in callbacks { try c.onEpochBegin(epoch: epoch, model: self) }
            if o.shuffle { order.shuffle(using: &RandomSource.shared) }
            let bar = ProgressBar(total: steps, sink: sink, verbose: o.verbose)
            var lossSum = 0.0, hits = 0.0, seen = 0
            var logs: [(String, Double)] = []
            for step in 0..<steps {
                if Interrupt.requested {
                    Interrupt.clear()
                    history.stopReason = CnnError(.trainingInterrupted, epoch + 1, step, steps, history.epochs.count)
                    break epochs
                }
                for c in callbacks { try c.onBatchBegin(batch: step, model: self) }
                let idx = order[(step * o.batchSize)..<min((step + 1) * o.batchSize, trainCount)]
                Profiler.measure("gather batch") { x.gather(rows: idx, into: &xb); y.gather(rows: idx, into: &yb) }
                let statisticsBefore = Self.snapshot(statistics)
                let p = forward(xb, training: true)
                let batchLoss = loss.sum(predictions: p, targets: yb)
                guard batchLoss.isFinite else {
                    Self.restore(statistics, statisticsBefore)
                    history.stopReason = CnnError(.nonFiniteLoss, epoch + 1, step + 1, steps, sourceOfNonFiniteLoss(batch: xb, rows: idx))
                    break epochs
                }
                let logitGrad = outputActivation.flatMap { loss.logitGradient(predictions: p, targets: yb, activation: $0) }
                backward(logitGrad ?? loss.gradient(predictions: p, targets: yb), throughLogits: logitGrad != nil)
                // A finite loss can still give an infinite gradient; applying it would make
                // every later value NaN.
                let gradients = Profiler.measure("gradient check") { scan(\.grad) }
                if let bad = gradients.nonFinite {
                    Self.restore(statistics, statisticsBefore)
                    history.stopReason = CnnError(.nonFiniteGradient, epoch + 1, step + 1, steps, bad.parameter, bad.layer)
                    break epochs
                }
                let undo = Self.updateMayOverflow(learningRate: optimizer.learningRate, largestGradient: gradients.largest)
                    ? (weights: weightSnapshot(), optimizer: optimizer.snapshot()) : nil
                Profiler.measure("optimizer") { optimizer.step(parameters) }
                if let undo, let bad = scan(\.value).nonFinite {
                    restore(weights: undo.weights)
                    optimizer.restore(undo.optimizer)
                    Self.restore(statistics, statisticsBefore)
                    history.stopReason = CnnError(.nonFiniteUpdate, epoch + 1, step + 1, steps, bad.parameter, bad.layer)
                    break epochs
                }
                lossSum += batchLoss
                if let accuracy { hits += accuracy.correct(predictions: p, targets: yb) }
                seen += idx.count
                logs = [("loss", lossSum / Double(seen))]
                if accuracy != nil { logs.append((metricName, hits / Double(seen))) }
                bar.update(step: step + 1, logs: logs)
                for c in callbacks { try c.onBatchEnd(batch: step, logs: logs, model: self) }
            }
            if let v = validation {
                let scores = try measure(x: v.x, y: v.y, rows: v.rows, batchSize: o.batchSize, loss: loss, accuracy: accuracy, bar: nil)
                logs.append(("val_loss", scores[0]))
                if scores.count > 1 { logs.append(("val_" + metricName, scores[1])) }
            }
            // The history and the callbacks get the learning rate of every epoch; the progress
            // line shows it when a callback changes it, as Keras does.
            logs.append(("learning_rate", optimizer.learningRate.shortestDouble))
            history.record(epoch: epoch, logs)
            if o.verbose > 0 { bar.finish(logs: callbacks.contains(where: \.changesLearningRate) ? logs : logs.dropLast()) }
            var stop = false
            for c in callbacks { if try c.onEpochEnd(epoch: epoch, logs: logs, model: self) { stop = true } }
            if stop { break }
        }
        for c in callbacks { try c.onTrainEnd(model: self) }
        Profiler.report(to: sink)
        return history
    }

    /// Loss and metric over `rows` of a data set (all of it by default), in batches, without training.
    func measure(x: some BatchSource, y: Tensor, rows: Range<Int>? = nil, batchSize: Int, loss: Loss, accuracy: AccuracyKind?, bar: ProgressBar?) throws -> [Double] {
        let rows = rows ?? 0..<x.shape[0]
        var lossSum = 0.0, hits = 0.0
        var start = rows.lowerBound, step = 0
        while start < rows.upperBound {
            try Interrupt.check()
            let r = start..<min(start + batchSize, rows.upperBound)
            let p = forward(x.batch(rows: r), training: false)
            let yb = y.slice(rows: r)
            lossSum += loss.sum(predictions: p, targets: yb)
            if let accuracy { hits += accuracy.correct(predictions: p, targets: yb) }
            start = r.upperBound; step += 1
            let seen = Double(start - rows.lowerBound)
            var logs = [("loss", lossSum / seen)]
            if accuracy != nil { logs.append((metrics.first ?? "accuracy", hits / seen)) }
            bar?.update(step: step, logs: logs)
        }
        var scores = [lossSum / Double(rows.count)]
        if accuracy != nil { scores.append(hits / Double(rows.count)) }
        return scores
    }

    /// Keras's `evaluate`: returns [loss, metric...] and prints a progress line.
    public func evaluate(x: some BatchSource, y: Tensor, batchSize: Int = KerasDefaults.batchSize, verbose: Int = 1, sink: TextSink) throws -> [Double] {
        let (loss, _) = try requireCompiled()
        try checkData(x, y, loss: loss)
        try checkMemory(batch: min(batchSize, x.shape[0]), batchSizeArgument: batchSize, training: false)
        let accuracy = metrics.isEmpty ? nil : AccuracyKind(loss: loss, units: outputShape.last ?? 1)
        let steps = (x.shape[0] + batchSize - 1) / batchSize
        let bar = verbose > 0 ? ProgressBar(total: steps, sink: sink, verbose: verbose) : nil
        let scores = try measure(x: x, y: y, batchSize: batchSize, loss: loss, accuracy: accuracy, bar: bar)
        var logs = [("loss", scores[0])]
        if scores.count > 1 { logs.append((metrics.first ?? "accuracy", scores[1])) }
        bar?.finish(logs: logs)
        return scores
    }

    /// Keras's `predict` on a batch of samples.
    public func predict(x: some BatchSource, batchSize: Int = KerasDefaults.batchSize, verbose: Int = 1, sink: TextSink) throws -> Tensor {
        guard x.rank >= 2 else { throw CnnError(.dataNeedsBatchAxis, pythonShape(x.shape)) }
        try ensureBuilt(forData: x)
        let n = x.shape[0]
        try checkMemory(batch: min(batchSize, n), batchSizeArgument: batchSize, training: false)
        let steps = (n + batchSize - 1) / batchSize
        let bar = verbose > 0 ? ProgressBar(total: steps, sink: sink, verbose: verbose) : nil
        var out = Tensor(zeros: [n] + outputShape)
        let per = out.sampleSize
        var start = 0, step = 0
        while start < n {
            try Interrupt.check()
            let r = start..<min(start + batchSize, n)
            let p = forward(x.batch(rows: r), training: false)
            out.data.replaceSubrange((r.lowerBound * per)..<(r.upperBound * per), with: p.data)
            start = r.upperBound; step += 1
            bar?.update(step: step, logs: [])
        }
        bar?.finish(logs: [])
        return out
    }
}
