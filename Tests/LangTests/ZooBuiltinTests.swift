import Testing
import Foundation
import DLRuntime
@testable import Lang

/// The zoo's helpers: preprocessing as Keras does it, decoding predictions into ImageNet
/// names, and the clear refusals. (The architectures themselves are checked against Keras's
/// recorded layer lists in cnnshTests/ZooTests.)
@Suite struct ZooBuiltinTests {
    @Test func preprocessingModesFollowKeras() throws {
        let pixel = "array([[[[255.0, 0.0, 127.5]]]])"
        // caffe: RGB -> BGR, minus ImageNet's BGR mean.
        #expect(try run("preprocess_input(\(pixel), 'resnet50')") == "array([[[[  23.560997, -116.779   ,  131.32    ]]]])\n")
        // tf: -1..1.
        #expect(try run("preprocess_input(\(pixel), 'mobilenet_v2')") == "array([[[[ 1., -1.,  0.]]]])\n")
        // torch: 0..1, then per-channel mean and deviation.
        let torch = try run("preprocess_input(\(pixel), 'densenet121')[0, 0, 0, 0]")
        #expect(abs(Double(torch.trimmingCharacters(in: .whitespacesAndNewlines))! - (1 - 0.485) / 0.229) < 1e-4)
        // EfficientNet rescales inside the model: a pass-through.
        #expect(try run("preprocess_input(\(pixel), 'EfficientNetB0')[0, 0, 0, 0]") == "255.0\n")
        #expect(failure("preprocess_input(zeros((1, 2, 2, 3)), 'yolo')").error?.key == .unknownPreprocessMode)
        #expect(failure("preprocess_input(zeros((1, 2, 2, 1)), 'caffe')").error?.key == .preprocessNeedsRGB)
    }

    @Test func decodePredictionsRanksTheImageNetClasses() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-imagenet-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let index = (0..<1000).map { "\"\($0)\": [\"n\(String(format: "%08d", $0))\", \"class_\($0)\"]" }.joined(separator: ", ")
        let path = dir.appendingPathComponent(ImageNetClasses.file).path
        try "{\(index)}".write(toFile: path, atomically: true, encoding: .utf8)
        let classes = try ImageNetClasses.parse(contentsOf: path)
        #expect(classes.count == 1000 && classes[207].name == "class_207")
        var p = Tensor(zeros: [2, 1000])
        p.data[207] = 0.7; p.data[3] = 0.2; p.data[999] = 0.1
        p.data[1000 + 1] = 0.9
        let top = try ImageNetClasses.decode(p, top: 3, classes: classes)
        #expect(top[0].map(\.name) == ["class_207", "class_3", "class_999"])
        #expect(top[0][0].id == "n00000207" && abs(top[0][0].score - 0.7) < 1e-6)
        #expect(top[1][0].name == "class_1")
        #expect(throws: CnnError.self) { try ImageNetClasses.decode(Tensor(zeros: [1, 10]), top: 5, classes: classes) }
        try "not json".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: CnnError.self) { try ImageNetClasses.parse(contentsOf: path) }
    }

    @Test func zooRefusesWeightsItCannotLoadAndShowsItsSource() throws {
        #expect(failure("efficientnet_b0(weights='imagenet')").error?.key == .zooWeightsNotYet)
        #expect(failure("resnet50(weights=42)").error?.key == .zooWeightsNotYet)
        let help = try run("help(ResNet50)")
        #expect(help.contains("def _resnet_block(x, filters, name, stride=1, project=True):"))
        // A headless network for fine-tuning, at another input size.
        #expect(try run("m = mobilenet_v2(include_top=False, input_shape=(96, 96, 3), pooling='avg')\nm.output_shape") == "(None, 1280)\n")
    }

    /// EfficientNet's stochastic depth: Dropout(noise_shape=(None, 1, 1, 1)) keeps or drops
    /// whole samples.
    @Test func dropoutWithNoiseShapeDropsWholeSamples() throws {
        let out = try run("""
        seed(1)
        d = Dropout(0.5, noise_shape=(None, 1, 1, 1))
        y = d(ones((64, 2, 2, 3)), training=True)
        kept = [float(y[i].min()) == float(y[i].max()) for i in range(64)]
        print(all(kept), 10 < int(sum(y[:, 0, 0, 0]) / 2) < 54)
        """)
        #expect(out == "True True\n")
        #expect(failure("Dropout(0.5, noise_shape=(None, 2, 1))(ones((4, 3, 1)), training=True)").error?.key == .dropoutNoiseShape)
    }

    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("DLRuntimeTests/Fixtures/keras")

    /// Weights in the layout keras.applications publishes (made by Keras with random values):
    /// the zoo's MobileNetV2 predicts what Keras predicted with them.
    @Test func pretrainedWeightsFileGivesKerassPredictions() throws {
        struct Expected: Decodable { var predictions: [[Double]] }
        let expected = try JSONDecoder().decode([String: Expected].self,
                                                from: Data(contentsOf: Self.fixtures.appendingPathComponent("expected.json")))["mobilenet_v2"]!
        let weights = Self.fixtures.appendingPathComponent("mobilenet_v2_0.35_96_random.h5").path
        let out = try run("""
        m = mobilenet_v2(weights="\(weights)", alpha=0.35, input_shape=(96, 96, 3), classes=10)
        x = reshape(arange(2 * 96 * 96 * 3) % 256, (2, 96, 96, 3))
        p = m.predict(preprocess_input(x, "mobilenet_v2"), verbose=0)
        for row in p.tolist():
            print(" ".join([str(v) for v in row]))
        """)
        let rows = out.split(separator: "\n").map { $0.split(separator: " ").compactMap { Double($0) } }
        #expect(rows.count == 2)
        for (row, want) in zip(rows, expected.predictions) {
            #expect(zip(row, want).allSatisfy { abs($0 - $1) < 1e-4 }, "\(row) vs \(want)")
        }
        // The same file for another architecture names what does not fit.
        #expect(failure("m = mobilenet_v2(weights='\(weights)', alpha=0.5, input_shape=(96, 96, 3), classes=10)").error?.key == .kerasWeightsShape)
        #expect(failure("m = resnet50(weights='\(weights)', include_top=False, input_shape=(64, 64, 3))").error?.key == .kerasWeightsCount)
    }

    /// Fine-tuning: a frozen base under a new top; fit trains the top alone, and summary counts
    /// the base as non-trainable.
    @Test func fineTuningTrainsOnlyTheNewTop() throws {
        let out = try run("""
        seed(1)
        base = mobilenet_v2(include_top=False, input_shape=(32, 32, 3), alpha=0.35)
        base.trainable = False
        inputs = Input((32, 32, 3))
        x = GlobalAveragePooling2D()(base(inputs, training=False))
        model = Model(inputs, Dense(1, activation="sigmoid")(x))
        xs = rand(32, 32, 32, 3)
        ys = array([0, 1] * 16)
        before = get_weights(base)
        top = get_weights(model.layers[-1])[0].copy()
        model.compile(optimizer="adam", loss="binary_crossentropy")
        h = model.fit(xs, ys, epochs=1, batch_size=16, verbose=0)
        after = get_weights(base)
        print(all([float(abs(a - b).max()) == 0 for a, b in zip(before, after)]), float(abs(get_weights(model.layers[-1])[0] - top).max()) > 0)
        model.summary()
        """)
        #expect(out.hasPrefix("True True\n"))
        #expect(out.contains("Trainable params: 1,281 "))
        #expect(out.contains("Non-trainable params: 410,208 "))
    }
}
