import Testing
import Foundation
import DLRuntime
@testable import Lang

/// The functional style with branches and merges, as Keras writes it.
@Suite struct FunctionalModelTests {
    /// A ResNet-style block: the shortcut is made first, so Keras lists it first among the
    /// layers at the same depth (conv2d_1 after conv2d's branch, before conv2d_2).
    static let residual = """
    seed(4)
    x = Input((8, 8, 3))
    shortcut = Conv2D(8, (1, 1), name="block_0_conv")(x)
    y = Conv2D(8, (3, 3), padding="same", activation="relu", name="block_1_conv")(x)
    y = Conv2D(8, (3, 3), padding="same", name="block_2_conv")(y)
    y = add([shortcut, y], name="block_add")
    y = Activation("relu", name="block_out")(y)
    y = GlobalAveragePooling2D(name="pool")(y)
    out = Dense(3, activation="softmax", name="predictions")(y)
    model = Model(x, out, name="tiny_resnet")
    """

    @Test func residualBlockSummaryInKerasOrderWithConnections() throws {
        let text = try run(Self.residual + "\nmodel.summary()\n[l.name for l in model.layers]")
        #expect(text.contains("Connected to"))
        #expect(text.contains("block_add (Add)"))
        #expect(text.contains("Total params: 867"))   // 3*8+8 + 27*8+8 + 72*8+8 + 8*3+3
        #expect(text.hasSuffix("['block_1_conv', 'block_0_conv', 'block_2_conv', 'block_add', 'block_out', 'pool', 'predictions']\n"))
        let lines = text.split(separator: "\n").map(String.init)
        let add = try #require(lines.firstIndex { $0.hasPrefix(" block_add (Add)") })
        #expect(lines[add].hasSuffix("block_0_conv[0][0]"))
        #expect(lines[add + 1].trimmingCharacters(in: .whitespaces) == "block_2_conv[0][0]")
    }

    @Test func residualModelTrainsSavesAndLoads() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-graph-\(getpid()).cnnsh").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let src = Self.residual + """

        xs = rand(24, 8, 8, 3)
        ys = array([0, 1, 2] * 8)
        model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
        h = model.fit(xs, ys, epochs=2, batch_size=8, verbose=0)
        save(model, "\(path)")
        again = load_model("\(path)")
        print(again)
        print(float(abs(predict(again, xs, verbose=0) - predict(model, xs, verbose=0)).max()) == 0)
        again.summary()
        """
        let text = try run(src)
        #expect(text.contains("<Functional name=tiny_resnet, 7 layers, 867 params>"))
        #expect(text.contains("True"))
        #expect(text.contains("block_2_conv[0][0]"))
    }

    @Test func mergeFunctionsComputeOnArrays() throws {
        #expect(try run("add([array([[1.0, 2.0]]), array([[10.0, 20.0]])])") == "array([[11., 22.]])\n")
        #expect(try run("concatenate([array([[1.0]]), array([[2.0]])]).shape") == "(2, 1)\n")  // NumPy's axis 0 on arrays
        #expect(try run("x = Input((4, 4, 2))\nconcatenate([x, x])") == "<KerasTensor shape=(None, 4, 4, 4)>\n")
        #expect(try run("x = Input((4, 4, 2))\nmultiply([x, Reshape((1, 1, 2))(GlobalAveragePooling2D()(x))])") == "<KerasTensor shape=(None, 4, 4, 2)>\n")
    }

    @Test func wrongShapesAreReportedAtTheLineThatCausesThem() {
        let (e, text) = failure("x = Input((8, 8, 3))\na = Conv2D(4, (3, 3))(x)\nb = add([a, x])")
        #expect(e?.key == .layerShapeMismatch)
        #expect(text.contains("test.cnn:3"))
        #expect(e?.message.contains("(None, 6, 6, 4), (None, 8, 8, 3)") == true)
        #expect(failure("x = Input((4,))\nAdd()(x)").error?.key == .layerShapeMismatch)
        #expect(failure("x = Input((4,))\nDense(2)([x, x])").error?.key == .layerShapeMismatch)
        #expect(failure("x = Input((4,))\ny = Input((4,))\nModel(x, Dense(2)(y))").error?.key == .modelOutputsNotFromInputs)
        #expect(failure("x = Input((4,))\nd = Dense(4)\nModel(x, add([d(x), d(x)]))").error?.key == .layerUsedTwice)
        #expect(failure("x = Input((4,))\nadd([x, array([[1.0, 2.0, 3.0, 4.0]])])").error?.key == .mixedPlaceholders)
        #expect(failure("ReLU(max_value=4)").error?.key == .reluMaxValue)
    }

    /// MobileNetV2's inverted residual block, layer for layer as keras.applications writes it.
    @Test func mobileNetBlockParameterCounts() throws {
        let src = """
        x = Input((16, 16, 16))
        y = Conv2D(96, 1, padding="same", use_bias=False)(x)
        y = BatchNormalization(epsilon=1e-3, momentum=0.999)(y)
        y = ReLU(max_value=6)(y)
        y = ZeroPadding2D(((0, 1), (0, 1)))(y)
        y = DepthwiseConv2D(3, strides=2, use_bias=False, padding="valid")(y)
        y = BatchNormalization()(y)
        y = ReLU(max_value=6)(y)
        y = Conv2D(24, 1, padding="same", use_bias=False)(y)
        y = BatchNormalization()(y)
        m = Model(x, y)
        print(m.count_params(), len(m.layers))
        """
        // 16*96 + 4*96 + 9*96 + 4*96 + 96*24 + 4*24 = 1536 + 384 + 864 + 384 + 2304 + 96.
        #expect(try run(src) == "5568 9\n")
    }
}
