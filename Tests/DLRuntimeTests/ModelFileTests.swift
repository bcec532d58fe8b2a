import Foundation
import Testing
@testable import DLRuntime

/// Model files: what goes in comes back exactly, training resumes where it stopped, and
/// damaged or foreign files get clear errors.
@Suite struct ModelFileTests {
    func smallModel() throws -> Model {
        let m = Model(name: "small", layers: [
            Conv2D(filters: 3, kernel: (3, 3), padding: .same, activation: .leakyRelu(alpha: 0.1)), BatchNormalization(),
            Pooling2D(.average, pool: (2, 2)), Dropout(rate: 0.3, seed: 5), Flatten(),
            Dense(units: 4, activation: .elu(alpha: 0.5)), ActivationLayer(.softplus), Dense(units: 3, activation: .softmax),
        ])
        try m.build(inputShape: [6, 6, 2], random: RandomSource(seed: 1))
        try m.compile(optimizer: Optimizer(.adam, learningRate: 0.01), loss: .categoricalCrossentropy, metrics: ["accuracy"])
        return m
    }

    func data() -> (Tensor, Tensor) {
        let x = randomTensor([16, 6, 6, 2], seed: 3)
        var y = Tensor(zeros: [16, 3])
        for i in 0..<16 { y.data[i * 3 + i % 3] = 1 }
        return (x, y)
    }

    @Test func roundTripPredictsBitIdenticallyAndResumesTraining() throws {
        let m = try smallModel()
        let (x, y) = data()
        var o = FitOptions(); o.epochs = 2; o.batchSize = 4; o.verbose = 0; o.shuffle = false
        try m.fit(x: x, y: y, options: o, sink: TextBuffer())
        let copy = try ModelFile.decode(try ModelFile.encode(m))
        #expect(copy.name == "small" && copy.layers.map(\.name) == m.layers.map(\.name))
        #expect(copy.layers.map(\.typeName) == m.layers.map(\.typeName))
        #expect(copy.parameterCount == m.parameterCount && copy.trainableCount == m.trainableCount)
        #expect(try copy.predict(x: x, verbose: 0, sink: TextBuffer()) == m.predict(x: x, verbose: 0, sink: TextBuffer()))
        #expect(copy.optimizer?.kind == .adam && copy.optimizer?.learningRate == 0.01 && copy.optimizer?.iterations == 8)
        #expect(copy.loss == .categoricalCrossentropy && copy.metrics == ["accuracy"])
    }

    @Test func resumedTrainingMatchesUninterruptedTraining() throws {
        func model() throws -> Model {
            let m = Model(name: "r", layers: [Dense(units: 5, activation: .tanh), BatchNormalization(), Dense(units: 3, activation: .softmax)])
            try m.build(inputShape: [4], random: RandomSource(seed: 2))
            try m.compile(optimizer: Optimizer(.adam), loss: .categoricalCrossentropy, metrics: [])
            return m
        }
        let x = randomTensor([12, 4], seed: 4)
        var y = Tensor(zeros: [12, 3]); for i in 0..<12 { y.data[i * 3 + i % 3] = 1 }
        var o = FitOptions(); o.batchSize = 4; o.verbose = 0; o.shuffle = false
        let straight = try model(), paused = try model()
        o.epochs = 2; try straight.fit(x: x, y: y, options: o, sink: TextBuffer())
        o.epochs = 1; try paused.fit(x: x, y: y, options: o, sink: TextBuffer())
        let resumed = try ModelFile.decode(try ModelFile.encode(paused))
        try resumed.fit(x: x, y: y, options: o, sink: TextBuffer())
        #expect(try resumed.predict(x: x, verbose: 0, sink: TextBuffer()) == straight.predict(x: x, verbose: 0, sink: TextBuffer()))
    }

    @Test func damagedAndForeignFilesAreRefusedClearly() throws {
        let good = try ModelFile.encode(try smallModel())
        var flipped = good; flipped[flipped.count / 2] ^= 0x40
        #expect(throws: CnnError.self) { try ModelFile.decode(flipped) }
        expectError(.modelFileCorrupt) { _ = try ModelFile.decode(flipped) }
        expectError(.modelFileCorrupt) { _ = try ModelFile.decode(good.prefix(good.count - 100)) }
        expectError(.notAModelFile) { _ = try ModelFile.decode(Data("hello, world, not a model".utf8)) }
        var newer = good; newer[8] = 9
        let e = expectError(.modelFileTooNew) { _ = try ModelFile.decode(newer) }
        #expect(e?.message.contains("update cnnsh") == true)
    }

    @Test func savingIsAtomicAndNeedsAnExistingFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-save-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("m.cnnsh").path
        let m = try smallModel()
        try ModelFile.save(m, to: path)
        try ModelFile.save(m, to: path)  // over an existing file
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["m.cnnsh"])  // no temporary left
        #expect(try ModelFile.load(path: path).parameterCount == m.parameterCount)
        let e = expectError(.folderForFileMissing) { try ModelFile.save(m, to: dir.path + "/missing/m.cnnsh") }
        #expect(e?.message.contains("mkdir") == true)
        try Data("junk".utf8).write(to: URL(fileURLWithPath: dir.path + "/bad.cnnsh"))
        expectError(.notAModelFile) { _ = try ModelFile.load(path: dir.path + "/bad.cnnsh") }
    }
}
