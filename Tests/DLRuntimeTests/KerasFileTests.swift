import Testing
import Foundation
@testable import DLRuntime

/// Keras 3 files both ways. The fixtures were saved by Keras itself with random weights, with
/// Keras's predictions beside them (scripts/dev/make-keras-fixtures.py).
@Suite struct KerasFileTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/keras")
    static let keras = FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cnnsh-keras/bin/python").path

    struct Expected: Decodable {
        var input_shape: [Int]
        var predictions: [[Float]]
        var params: Int
    }

    static func expected(_ name: String) throws -> Expected {
        try JSONDecoder().decode([String: Expected].self, from: Data(contentsOf: folder.appendingPathComponent("expected.json")))[name]!
    }

    /// The fixtures' input: arange(n) / n in the model's shape.
    static func input(_ shape: [Int]) -> Tensor {
        let n = shape.reduce(1, *)
        return Tensor(shape: shape, data: (0..<n).map { Float($0) / Float(n) })
    }

    static func maxDifference(_ p: Tensor, _ expected: [[Float]]) -> Float {
        zip(p.data, expected.flatMap { $0 }).map { abs($0 - $1) }.max() ?? .infinity
    }

    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-\(getpid())-\(UUID().uuidString)-\(name)").path
    }

    @Test(arguments: ["graph", "sequential"])
    func kerasFilesPredictAsKerasDid(_ name: String) throws {
        let e = try Self.expected(name)
        let m = try KerasFile.load(path: Self.folder.appendingPathComponent(name + ".keras").path)
        #expect(m.parameterCount == e.params)
        let x = Self.input(e.input_shape)
        #expect(Self.maxDifference(try m.predict(x: x, verbose: 0, sink: TextBuffer()), e.predictions) < 1e-4)
        // The weights file alone, into a model of the same architecture.
        let fresh = try KerasFile.load(path: Self.folder.appendingPathComponent(name + ".keras").path)
        for p in fresh.parameters { p.value.data = p.value.data.map { _ in 0.5 } }
        try KerasFile.loadWeights(fresh, path: Self.folder.appendingPathComponent(name + ".weights.h5").path)
        #expect(Self.maxDifference(try fresh.predict(x: x, verbose: 0, sink: TextBuffer()), e.predictions) < 1e-4)
    }

    @Test func compileSettingsComeAlong() throws {
        let m = try KerasFile.load(path: Self.folder.appendingPathComponent("sequential.keras").path)
        #expect(m.loss == .binaryCrossentropy && m.optimizer?.kind == .adam && m.metrics == ["accuracy"])
        #expect(abs((m.optimizer?.learningRate ?? 0) - 0.003) < 1e-7)
        #expect(!m.isChain == false && m.layers.map(\.name).first == "rescaling")
    }

    /// A fixture model, and the path of a .keras copy cnnsh wrote of it (the caller removes it).
    func savedCopy(_ name: String) throws -> (Model, String) {
        let m = try KerasFile.load(path: Self.folder.appendingPathComponent(name + ".keras").path)
        let path = temporary(name + ".keras")
        try KerasFile.save(m, to: path)
        return (m, path)
    }

    /// cnnsh's own save, read back by cnnsh: the same predictions, the same graph.
    @Test(arguments: ["graph", "sequential"])
    func saveAndLoadAgain(_ name: String) throws {
        let e = try Self.expected(name)
        let (m, path) = try savedCopy(name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let again = try KerasFile.load(path: path)
        #expect(again.inbound == m.inbound && again.layers.map(\.name) == m.layers.map(\.name))
        let x = Self.input(e.input_shape)
        #expect(try again.predict(x: x, verbose: 0, sink: TextBuffer()).data == m.predict(x: x, verbose: 0, sink: TextBuffer()).data)
    }

    /// With Keras installed (scripts/bench makes the venv), Keras itself loads what cnnsh
    /// wrote and predicts the same.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: keras), "needs Keras in ~/.cnnsh-keras (scripts/bench sets it up)"),
          arguments: ["graph", "sequential"])
    func kerasLoadsWhatCnnshWrote(_ name: String) throws {
        let e = try Self.expected(name)
        let (_, path) = try savedCopy(name)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let script = """
        import os, json, sys
        os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
        import numpy as np, keras
        m = keras.models.load_model(sys.argv[1])
        shape = tuple(json.loads(sys.argv[2]))
        n = int(np.prod(shape))
        print(json.dumps(m.predict((np.arange(n, dtype="float32") / n).reshape(shape), verbose=0).tolist()))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Self.keras)
        p.arguments = ["-c", script, path, "\(e.input_shape)"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let line = String(decoding: data, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        let predictions = try JSONDecoder().decode([[Float]].self, from: Data(line.utf8))
        #expect(p.terminationStatus == 0)
        #expect(Self.maxDifference(Tensor(shape: [predictions.count, predictions[0].count], data: predictions.flatMap { $0 }), e.predictions) < 1e-4)
    }

    @Test func badFilesAreExplained() throws {
        let good = try Data(contentsOf: Self.folder.appendingPathComponent("graph.keras"))
        // Truncated: the zip's directory at the end is gone.
        let truncated = temporary("truncated.keras")
        defer { try? FileManager.default.removeItem(atPath: truncated) }
        defer { try? FileManager.default.removeItem(atPath: truncated) }
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: truncated))
        expectError(.zipCorrupt) { _ = try KerasFile.load(path: truncated) }
        // A Keras 2 file.
        var entries = try ZipArchive.read([UInt8](good), path: "graph.keras")
        entries["metadata.json"] = Array(#"{"keras_version": "2.15.0"}"#.utf8)
        let old = temporary("old.keras")
        defer { try? FileManager.default.removeItem(atPath: old) }
        defer { try? FileManager.default.removeItem(atPath: old) }
        try Data(ZipArchive.write(entries.map { ($0.key, $0.value) })).write(to: URL(fileURLWithPath: old))
        expectError(.kerasVersion2) { _ = try KerasFile.load(path: old) }
        // Weights for another architecture: the first layer whose shapes differ is named.
        let conv = Conv2D(filters: 4, kernel: (5, 5), padding: .same)
        conv.name = "first_conv"
        let other = Model(name: "other", layers: [conv, Flatten(), Dense(units: 2)])
        try other.build(inputShape: [10, 10, 1], random: RandomSource(seed: 1))
        let e = expectError(.kerasWeightsShape) { try KerasFile.loadWeights(other, path: Self.folder.appendingPathComponent("sequential.weights.h5").path) }
        #expect(e?.message.contains("'first_conv'") == true)
        // Not HDF5 at all.
        let notHDF5 = temporary("not.weights.h5")
        defer { try? FileManager.default.removeItem(atPath: notHDF5) }
        defer { try? FileManager.default.removeItem(atPath: notHDF5) }
        try good.prefix(good.count / 2).write(to: URL(fileURLWithPath: notHDF5))
        expectError(.hdf5Unreadable) { try KerasFile.loadWeights(other, path: notHDF5) }
        // A .keras file cut short is a broken zip, for weights alone too.
        expectError(.zipCorrupt) { try KerasFile.loadWeights(other, path: truncated) }
        // HDF5 cut short: refused, and the model keeps the weights it had.
        let weights = try Data(contentsOf: Self.folder.appendingPathComponent("sequential.weights.h5"))
        let cut = temporary("cut.weights.h5")
        defer { try? FileManager.default.removeItem(atPath: cut) }
        defer { try? FileManager.default.removeItem(atPath: cut) }
        try weights.prefix(30_000).write(to: URL(fileURLWithPath: cut))
        let model = try KerasFile.load(path: Self.folder.appendingPathComponent("sequential.keras").path)
        let before = model.weightSnapshot()
        expectError(.hdf5Unreadable) { try KerasFile.loadWeights(model, path: cut) }
        #expect(model.weightSnapshot() == before)
        // A layer cnnsh does not have is named.
        let lstm = try JSONSerialization.jsonObject(with: Data(#"{"class_name": "Sequential", "config": {"name": "s", "layers": [{"class_name": "InputLayer", "config": {"batch_shape": [null, 3, 4]}}, {"class_name": "LSTM", "config": {"name": "lstm", "units": 4}}]}}"#.utf8)) as! [String: Any]
        let u = expectError(.kerasUnsupportedLayer) { _ = try KerasFile.modelFromConfig(lstm) as Model }
        #expect(u?.message.contains("LSTM") == true)
    }
}
