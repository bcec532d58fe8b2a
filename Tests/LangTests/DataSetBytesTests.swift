import Foundation
import Testing
import DLRuntime
@testable import Lang

/// A loaded data set stays in bytes through data preparation, and gives the same values, to
/// the bit, as the float arrays it used to be.
@Suite struct DataSetBytesTests {
    let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("examples/data/mnist-sample").path

    func session(_ source: String) throws -> Interpreter {
        let interp = Interpreter(output: TextBuffer())
        try interp.run("(x_train, y_train), (x_test, y_test) = load_mnist('\(sample)')\n" + source, file: "test.cnn")
        return interp
    }

    func box(_ interp: Interpreter, _ name: String) throws -> TensorBox {
        guard case .tensor(let b)? = interp.globals[name] else { Issue.record("\(name) is not an array"); return TensorBox(Tensor(zeros: [0])) }
        return b
    }

    @Test func preparationKeepsBytes() throws {
        let s = try session("""
        x = expand_dims(x_train / 255, -1)
        c = x_test.astype("float32") * 0.5
        nm = normalize(x_test)
        r = x_train.reshape(-1, 784)[:100]
        first = x[0]
        a, b, ya, yb = train_test_split(x, y_train, test_size=0.2, seed=1)
        u = x_train[0]
        labels = y_train[:3]
        label = y_train[0]
        last = y_train[-1]
        """)
        #expect(s.globals["label"]?.integer == 5 && s.globals["last"]?.integer != nil)
        #expect(try box(s, "labels").bytes != nil)
        // Converted samples keep NumPy's dtype: uint8 pixels print as integers.
        #expect(try box(s, "u").t.dtype == .uint8 && box(s, "labels").t.dtype == .uint8 && box(s, "x_train").t.dtype == .uint8)
        for name in ["x_train", "x", "c", "r", "a", "b", "nm"] { #expect(try box(s, name).bytes != nil, "\(name)") }
        #expect(try box(s, "x").shape == [6000, 28, 28, 1])
        #expect(try box(s, "x").dtype == .float32)
        #expect(try box(s, "r").shape == [100, 784])
        #expect(try box(s, "first").bytes == nil)   // one sample, as floats
        #expect(try box(s, "first").shape == [28, 28, 1])
        #expect(try box(s, "a").shape == [4800, 28, 28, 1] && box(s, "b").shape == [1200, 28, 28, 1])
        let floats = try session("a, b, ya, yb = train_test_split(expand_dims((x_train + 0) / 255, -1), y_train, test_size=0.2, seed=1)")
        #expect(try box(s, "b").t == box(floats, "b").t)
    }

    /// The same script's values with the data set in bytes and as floats (made so by an
    /// operation that converts it): equal to the bit.
    @Test func valuesMatchTheFloatPath() throws {
        let s = try session("""
        f = x_train + 0
        a = expand_dims(x_train / 255, -1)
        b = expand_dims(f / 255, -1)
        m = x_test * 0.003921569
        n = (x_test + 0) * 0.003921569
        """)
        // Reading the array for another operation leaves it in bytes; writing to it does not.
        #expect(try box(s, "x_train").bytes != nil)
        #expect(try box(s, "f").bytes == nil)
        #expect(try box(s, "a").bytes != nil && box(s, "b").bytes == nil)
        let written = try session("c = copy(x_train)\nx_train[0, 0, 0] = 7\nv = x_train[0, 0, 0]\nw = c[0, 0, 0]")
        #expect(try box(written, "x_train").bytes == nil && box(written, "c").bytes != nil)
        #expect(written.globals["v"]?.integer == 7 && written.globals["w"]?.integer == 0)
        #expect(try box(s, "a").t == box(s, "b").t)
        #expect(try box(s, "m").t == box(s, "n").t)
        // A second scaling would round twice: the array is converted and stays correct.
        let twice = try session("t = (x_train / 255) / 2\nu = (x_train + 0) / 255 / 2")
        #expect(try box(twice, "t").t == box(twice, "u").t)
    }

    /// Training from bytes draws the same batches as training from floats: seeded, the
    /// weights come out identical.
    @Test func trainingFromBytesMatchesFloats() throws {
        func weights(_ prepare: String) throws -> [Float] {
            let s = try session("""
            \(prepare)
            seed(3)
            m = seq(input((28, 28, 1)), conv(4, 3), maxpool(2), flatten, dense(10, activation=softmax))
            compile(m, optimizer="adam", loss="categorical_crossentropy", metrics=["accuracy"])
            m.fit(x[:512], one_hot(y_train[:512], 10), batch_size=64, epochs=1, validation_split=0.25, verbose=0)
            p = m.predict(expand_dims(x_test[:100] / 255, -1), verbose=0)
            w = m.get_weights()[0]
            """)
            #expect(try box(s, "p").shape == [100, 10])
            return try box(s, "w").t.data
        }
        let fromBytes = try weights("x = expand_dims(x_train / 255, -1)")
        let fromFloats = try weights("x = expand_dims((x_train + 0) / 255, -1)")
        #expect(fromBytes == fromFloats)
    }
}
