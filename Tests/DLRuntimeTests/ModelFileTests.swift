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
        defer { try? FileManager.default.removeItem(at: dir) }
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

/// Files several writers share (issue 8): the history and checkpoints.
@Suite struct SharedFileTests {
    func scratch() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-shared-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// Eight writers appending at once (each with its own descriptors, as two processes
    /// have) lose no line and tear none, and trimming keeps the newest lines.
    @Test func concurrentAppendsLoseNothing() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("history").path
        DispatchQueue.concurrentPerform(iterations: 8) { w in
            for i in 0..<150 { try! SharedLog.append("writer \(w) line \(i) " + String(repeating: "x", count: 100), to: path, keepLast: 5000) }
        }
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 1200)
        #expect(Set(lines).count == 1200)
        #expect(lines.allSatisfy { $0.hasPrefix("writer ") && $0.hasSuffix(String(repeating: "x", count: 100)) })

        let trimmed = dir.appendingPathComponent("trimmed").path
        DispatchQueue.concurrentPerform(iterations: 4) { w in
            for i in 0..<100 { try! SharedLog.append("w\(w) \(i)", to: trimmed, keepLast: 50) }
        }
        let kept = try String(contentsOfFile: trimmed, encoding: .utf8).split(separator: "\n")
        #expect(kept.count == 50)
        // Each writer's last line is among the newest 50 only if it wrote late; the very last
        // line written is always there, and every kept line is whole.
        #expect(kept.allSatisfy { $0.split(separator: " ").count == 2 })
    }

    /// Two writers saving the same checkpoint path over and over: a reader always finds a
    /// whole file, one writer's or the other's, never a mix.
    @Test func concurrentSavesLeaveAWholeFile() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("best.cnnm").path
        let a = Data(repeating: 0xaa, count: 300_000), b = Data(repeating: 0xbb, count: 200_000)
        try AtomicFile.write(a, to: path)
        let group = DispatchGroup()
        for data in [a, b] {
            DispatchQueue.global().async(group: group) { for _ in 0..<40 { try! AtomicFile.write(data, to: path) } }
        }
        var reads = 0
        while group.wait(timeout: .now()) == .timedOut || reads == 0 {
            let now = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(now == a || now == b)
            reads += 1
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty)
    }
}
