import Foundation
import DLRuntime

/// Keras's callbacks under short names (`early_stopping`, ...) and their class names
/// (`EarlyStopping`, ...), with Keras's arguments and defaults.
enum CallbackBuiltins {
    static func monitor(_ a: Arguments, minDelta: Double = 0) throws -> Monitor {
        try Monitor(try a.string("monitor", "val_loss"), mode: try Monitor.mode(try a.string("mode", "auto")),
                    minDelta: try a.double("min_delta", minDelta))
    }

    static func nonNegativeInt(_ a: Arguments, _ name: String, _ dflt: Int) throws -> Int {
        try LayerBuiltins.nonNegative(name, try a.int(name, dflt))
    }

    static func register(_ t: inout BuiltinTable) {
        t.add("early_stopping", ["monitor", "min_delta", "patience", "verbose", "mode", "baseline", "restore_best_weights",
                                 "start_from_epoch"]) { a in
            .callback(EarlyStopping(monitor: try monitor(a), patience: try nonNegativeInt(a, "patience", 0),
                                    baseline: a.has("baseline") ? try a.double("baseline") : nil,
                                    restoreBestWeights: a.bool("restore_best_weights", false),
                                    startFromEpoch: try nonNegativeInt(a, "start_from_epoch", 0),
                                    verbose: try a.int("verbose", 1), sink: a.interp.output))
        }
        t.alias("EarlyStopping", "early_stopping")
        t.add("model_checkpoint", ["filepath", "monitor", "verbose", "save_best_only", "save_weights_only", "mode"]) { a in
            let path = a.interp.resolvePath(try a.string("filepath"))
            return .callback(ModelCheckpoint(path: path, monitor: try monitor(a), saveBestOnly: a.bool("save_best_only", false),
                                             verbose: try a.int("verbose", 0), sink: a.interp.output))
        }
        t.alias("ModelCheckpoint", "model_checkpoint")
        t.add("reduce_lr_on_plateau", ["monitor", "factor", "patience", "verbose", "mode", "min_delta", "cooldown", "min_lr"]) { a in
            .callback(try ReduceLROnPlateau(monitor: try monitor(a, minDelta: 1e-4), factor: Float(try a.double("factor", 0.1)),
                                            patience: try nonNegativeInt(a, "patience", 10), cooldown: try nonNegativeInt(a, "cooldown", 0),
                                            minLR: Float(try a.double("min_lr", 0)), verbose: try a.int("verbose", 1), sink: a.interp.output))
        }
        t.alias("ReduceLROnPlateau", "reduce_lr_on_plateau")
        t.add("lr_scheduler", ["schedule", "verbose"]) { a in
            let f = try a.required("schedule")
            let interp = a.interp
            // Keras calls schedule(epoch, lr), or schedule(epoch) for a one-argument function.
            let takesRate: Bool = if case .function(let fn) = f { fn.parameters.count >= 2 } else { true }
            return .callback(LearningRateScheduler(verbose: try a.int("verbose", 0), sink: a.interp.output) { epoch, rate in
                let args: [Value] = takesRate ? [.int(epoch), .float(Double(rate))] : [.int(epoch)]
                let result = try FunctionCallback.call(f, args, hook: "lr_scheduler", interp: interp)
                guard let r = result.number else { throw CnnError(.scheduleBadRate, epoch, result.typeName) }
                return Float(r)
            })
        }
        t.alias("LearningRateScheduler", "lr_scheduler")
        t.add("csv_logger", ["filename", "separator", "append"]) { a in
            .callback(CSVLogger(path: a.interp.resolvePath(try a.string("filename")), separator: try a.string("separator", ","),
                                append: a.bool("append", false)))
        }
        t.alias("CSVLogger", "csv_logger")
        t.add("tensorboard", ["log_dir"]) { a in
            .callback(TensorBoard(logDirectory: a.interp.resolvePath(try a.string("log_dir", "logs"))))
        }
        t.alias("TensorBoard", "tensorboard")
    }
}
