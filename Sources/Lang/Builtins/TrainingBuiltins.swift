import DLRuntime

/// A callback whose hooks are cnnsh functions: `callback(on_epoch_end=f)`.
/// Each hook receives the epoch (or batch) number and the logs as a dict.
final class FunctionCallback: TrainingCallback {
    let interp: Interpreter
    let hooks: [String: Value]
    init(interp: Interpreter, hooks: [String: Value]) { self.interp = interp; self.hooks = hooks }

    static let names = ["on_train_begin", "on_train_end", "on_epoch_begin", "on_epoch_end", "on_batch_begin", "on_batch_end",
                        "on_train_batch_begin", "on_train_batch_end"]

    func logsDict(_ logs: [(String, Double)]) throws -> Value {
        let d = DictBox()
        for (k, v) in logs { try d.set(.string(k), .float(v)) }
        return .dict(d)
    }

    /// Runs a hook; its return value `True` from on_epoch_end stops training.
    func run(_ name: String, _ args: [Value]) throws -> Value {
        guard let f = hooks[name] else { return .none }
        return try Self.call(f, args, hook: name, interp: interp)
    }

    /// Calls a user function from training; its error becomes `callbackFailed`, naming the hook.
    static func call(_ f: Value, _ args: [Value], hook: String, interp: Interpreter) throws -> Value {
        do {
            return try interp.call(f, args, [])
        } catch let e as CnnError {
            throw CnnError(.callbackFailed, hook, e.message, at: e.location)
        }
    }

    func onTrainBegin(model: Model) throws { _ = try run("on_train_begin", []) }
    func onTrainEnd(model: Model) throws { _ = try run("on_train_end", []) }
    func onEpochBegin(epoch: Int, model: Model) throws { _ = try run("on_epoch_begin", [.int(epoch)]) }
    func onBatchBegin(batch: Int, model: Model) throws {
        for name in ["on_batch_begin", "on_train_batch_begin"] where hooks[name] != nil { _ = try run(name, [.int(batch)]) }
    }
    func onBatchEnd(batch: Int, logs: [(String, Double)], model: Model) throws {
        for name in ["on_batch_end", "on_train_batch_end"] where hooks[name] != nil { _ = try run(name, [.int(batch), try logsDict(logs)]) }
    }
    func onEpochEnd(epoch: Int, logs: [(String, Double)], model: Model) throws -> Bool {
        try run("on_epoch_end", [.int(epoch), try logsDict(logs)]).truthy
    }
}

/// Training and inference: `fit`, `evaluate`, `predict`, `callback`.
enum TrainingBuiltins {
    static func verbose(_ a: Arguments) throws -> Int {
        if case .string(let s)? = a["verbose"], s == "auto" { return 1 }
        return try a.int("verbose", 1)
    }

    static func register(_ t: inout BuiltinTable) {
        t.add("fit", ["model", "x", "y", "batch_size", "epochs", "verbose", "callbacks", "validation_split",
                      "validation_data", "shuffle"]) { a in
            let m = try ModelBuiltins.model(a, "model")
            var o = FitOptions()
            o.batchSize = try a.int("batch_size", KerasDefaults.batchSize)
            o.epochs = try a.int("epochs", 1)
            guard o.epochs >= 0 else { throw CnnError(.mustBePositive, "epochs", o.epochs) }
            o.verbose = try verbose(a)
            o.validationSplit = try a.double("validation_split", 0)
            o.shuffle = a.bool("shuffle", true)
            if let vd = a["validation_data"] {
                let parts = try a.interp.iterate(vd)
                guard parts.count == 2 else { throw CnnError(.validationDataPair, parts.count) }
                o.validationData = (try a.interp.array(parts[0]).batches, try a.interp.toTensor(parts[1]))
            }
            var callbacks: [TrainingCallback] = []
            for c in try a["callbacks"].map(a.interp.iterate) ?? [] {
                guard case .callback(let cb) = c else { throw a.fail("callbacks", .typeCallback, c) }
                callbacks.append(cb)
            }
            let history = try m.fit(x: try a.array("x").batches, y: try a.tensor("y"), options: o, callbacks: callbacks, sink: a.interp.output)
            if let reason = history.stopReason { a.interp.output.write(Catalog.text(.trainingStopped, reason.message) + "\n") }
            return .history(history)
        }
        t.add("evaluate", ["model", "x", "y", "batch_size", "verbose"]) { a in
            let m = try ModelBuiltins.model(a, "model")
            let scores = try m.evaluate(x: try a.array("x").batches, y: try a.tensor("y"), batchSize: try a.int("batch_size", KerasDefaults.batchSize),
                                        verbose: try verbose(a), sink: a.interp.output)
            return scores.count == 1 ? .float(scores[0]) : .list(scores.map { .float($0) })
        }
        t.add("predict", ["model", "x", "batch_size", "verbose"]) { a in
            let m = try ModelBuiltins.model(a, "model")
            var x = try a.array("x")
            // A single sample (no batch axis) is predicted as a batch of one.
            if let s = m.inputShape, x.shape == s { x = x.reshaped([1] + s) }
            return .tensor(try m.predict(x: x.batches, batchSize: try a.int("batch_size", KerasDefaults.batchSize), verbose: try verbose(a), sink: a.interp.output))
        }
        CallbackBuiltins.register(&t)
        t.add("callback", FunctionCallback.names) { a in
            var hooks: [String: Value] = [:]
            for n in FunctionCallback.names { if let f = a[n] { hooks[n] = f } }
            return .callback(FunctionCallback(interp: a.interp, hooks: hooks))
        }
    }
}

