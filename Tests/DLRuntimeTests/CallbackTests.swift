import Foundation
import Testing
@testable import DLRuntime

/// Each callback's effect, driven with chosen logs (so the epoch where something must happen
/// is known) and through a real `fit`.
@Suite struct CallbackTests {
    func model() throws -> Model {
        let m = Model(name: "cb", layers: [Dense(units: 3, activation: .softmax)])
        try m.build(inputShape: [2], random: RandomSource(seed: 1))
        try m.compile(optimizer: Optimizer(.sgd, learningRate: 0.1), loss: .categoricalCrossentropy, metrics: ["accuracy"])
        return m
    }

    /// Feeds val_loss values to a callback's epoch ends; returns the epoch it asked to stop at.
    func drive(_ c: TrainingCallback, _ model: Model, _ values: [Double], key: String = "val_loss",
               each: (Int) -> Void = { _ in }) throws -> Int? {
        try c.onTrainBegin(model: model)
        for (epoch, v) in values.enumerated() {
            try c.onEpochBegin(epoch: epoch, model: model)
            each(epoch)
            if try c.onEpochEnd(epoch: epoch, logs: [("loss", 1), (key, v)], model: model) { return epoch }
        }
        return nil
    }

    @Test func earlyStoppingWaitsPatienceEpochsAndRestoresTheBest() throws {
        let m = try model()
        let out = TextBuffer()
        let stop = EarlyStopping(monitor: try Monitor("val_loss"), patience: 2, restoreBestWeights: true, sink: out)
        // Best at epoch 1 (0.9); epochs 2 and 3 do not improve: stop after epoch 3.
        let kernel = m.layers[0].parameters[0]
        let stopped = try drive(stop, m, [1.0, 0.9, 0.95, 0.96, 0.5]) { epoch in kernel.value.data[0] = Float(epoch) }
        #expect(stopped == 3)
        #expect(kernel.value.data[0] == 1, "the weights of epoch 2 (index 1) come back")
        #expect(out.text.contains("Epoch 4: early stopping"))
        #expect(out.text.contains("best epoch: 2"))
        // min_delta: improvements smaller than it do not count.
        let strict = EarlyStopping(monitor: try Monitor("val_loss", minDelta: 0.1), patience: 1, sink: TextBuffer())
        #expect(try drive(strict, m, [1.0, 0.95, 0.93, 0.5]) == 1)
        // "acc" in the name means higher is better.
        let acc = EarlyStopping(monitor: try Monitor("val_accuracy"), patience: 1, sink: TextBuffer())
        #expect(try drive(acc, m, [0.5, 0.6, 0.7, 0.65], key: "val_accuracy") == 3)
    }

    @Test func reduceLROnPlateauCutsTheRateAfterPatienceThenCoolsDown() throws {
        let m = try model()
        let out = TextBuffer()
        let reduce = try ReduceLROnPlateau(monitor: try Monitor("val_loss", minDelta: 1e-4), factor: 0.5, patience: 2,
                                           cooldown: 1, minLR: 0.02, sink: out)
        var rates: [Float] = []
        _ = try drive(reduce, m, [1, 1, 1, 1, 1, 1, 1, 1]) { _ in rates.append(m.optimizer!.learningRate) }
        rates.append(m.optimizer!.learningRate)
        // Plateau from epoch 1: cut after epoch 2 (wait 2); the cooldown epoch resets the wait,
        // which then counts it (Keras's order), so the next cut comes two epochs later; never
        // below min_lr.
        #expect(rates == [0.1, 0.1, 0.1, 0.05, 0.05, 0.025, 0.025, 0.02, 0.02].map { Float($0) })
        #expect(out.text.contains("reducing learning rate to 0.05"))
        #expect(throws: CnnError.self) { try ReduceLROnPlateau(monitor: try Monitor("loss"), factor: 1.5, sink: TextBuffer()) }
    }

    @Test func checkpointsAppearOnlyOnImprovement() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-ckpt-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let m = try model()
        let c = ModelCheckpoint(path: dir.path + "/m-{epoch:02d}-{val_loss:.2f}.cnnsh", monitor: try Monitor("val_loss"),
                                saveBestOnly: true, sink: TextBuffer())
        _ = try drive(c, m, [0.8, 0.9, 0.7, 0.75])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["m-01-0.80.cnnsh", "m-03-0.70.cnnsh"])
        #expect(try ModelFile.load(path: dir.path + "/m-03-0.70.cnnsh").parameterCount == m.parameterCount)
        let every = ModelCheckpoint(path: dir.path + "/all-{epoch}.cnnsh", monitor: try Monitor("val_loss"), sink: TextBuffer())
        _ = try drive(every, m, [0.8, 0.9])
        #expect(every.saved.map { ($0 as NSString).lastPathComponent } == ["all-1.cnnsh", "all-2.cnnsh"])
        // A folder that does not exist is reported before any training.
        let bad = ModelCheckpoint(path: dir.path + "/nope/m.cnnsh", monitor: try Monitor("val_loss"), sink: TextBuffer())
        expectError(.folderForFileMissing) { try bad.onTrainBegin(model: m) }
        let typo = ModelCheckpoint(path: dir.path + "/m-{val_los}.cnnsh", monitor: try Monitor("val_loss"), sink: TextBuffer())
        let e = expectError(.unknownPathField) { _ = try drive(typo, m, [0.5]) }
        #expect(e?.message.contains("val_loss") == true)
    }

    @Test func pathTemplatesFormatLikePython() throws {
        let logs = [("val_loss", 0.123456), ("accuracy", 0.5)]
        #expect(try PathTemplate.format("e{epoch:03d}-{val_loss:.3f}-{accuracy}", epoch: 7, logs: logs) == "e007-0.123-0.5")
        expectError(.badPathTemplate) { _ = try PathTemplate.format("x{epoch:q}", epoch: 1, logs: []) }
    }

    @Test func fitRecordsTheScheduledRateAndLogsCSVAndTensorBoard() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-logs-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let m = try model()
        let x = randomTensor([20, 2], seed: 3)
        var y = Tensor(zeros: [20, 3]); for i in 0..<20 { y.data[i * 3 + i % 3] = 1 }
        var o = FitOptions(); o.epochs = 3; o.batchSize = 5; o.verbose = 1; o.validationSplit = 0.2
        let out = TextBuffer()
        let schedule = LearningRateScheduler(sink: out) { epoch, rate in epoch == 0 ? 0.05 : rate / 2 }
        let csv = CSVLogger(path: dir.path + "/log.csv")
        let board = TensorBoard(logDirectory: dir.path + "/tb")
        let h = try m.fit(x: x, y: y, options: o, callbacks: [schedule, csv, board], sink: out)
        #expect(h.values["learning_rate"] == [0.05, 0.025, 0.0125])
        #expect(out.text.contains("learning_rate: 0.0250"))
        let lines = try String(contentsOfFile: dir.path + "/log.csv", encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "epoch,accuracy,learning_rate,loss,val_accuracy,val_loss")
        #expect(lines.count == 4 && lines[2].hasPrefix("1,") && lines[2].contains(",0.025,"))
        // The event files parse as TFRecords whose checksums hold, with Keras's tags.
        let train = try records(in: dir.path + "/tb/train"), validation = try records(in: dir.path + "/tb/validation")
        #expect(train.count == 4 && validation.count == 4)  // the version record and 3 epochs
        #expect(String(decoding: train[0], as: UTF8.self).contains("brain.Event:2"))
        for tag in ["epoch_loss", "epoch_accuracy", "epoch_learning_rate"] {
            #expect(String(decoding: train[1], as: UTF8.self).contains(tag))
        }
        #expect(String(decoding: validation[1], as: UTF8.self).contains("epoch_loss"))
        #expect(!String(decoding: validation[1], as: UTF8.self).contains("val_"))
    }

    /// The records of the one event file in `dir`, checking both CRCs of each.
    func records(in dir: String) throws -> [Data] {
        let files = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains("tfevents") }
        #expect(files.count == 1)
        let d = try Data(contentsOf: URL(fileURLWithPath: dir + "/" + files[0]))
        var out: [Data] = []
        var i = 0
        func u32(_ at: Int) -> UInt32 { d.subdata(in: at..<(at + 4)).withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) } }
        while i < d.count {
            let lengthBytes = d.subdata(in: i..<(i + 8))
            let n = Int(lengthBytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) })
            #expect(u32(i + 8) == CRC32C.masked(lengthBytes))
            let record = d.subdata(in: (i + 12)..<(i + 12 + n))
            #expect(u32(i + 12 + n) == CRC32C.masked(record))
            out.append(record)
            i += 16 + n
        }
        return out
    }

    @Test func crc32cMatchesTheStandardCheckValue() {
        #expect(CRC32C.checksum(Data("123456789".utf8)) == 0xE306_9283)
    }
}
