import Foundation
import DLRuntime
import Lang

/// What the fuzzer feeds: one function per reader of untrusted input. Each takes any bytes
/// and must return (errors are fine, they are what a student sees); a crash, a hang or a
/// sanitizer report is a bug.
enum FuzzTargets {
    static let all: [(name: String, run: ([UInt8]) -> Void)] = [
        ("parser", parser), ("evaluator", evaluator), ("idx", idx), ("cifar", cifar),
        ("image", image), ("model-file", modelFile), ("keras", keras),
    ]

    static func named(_ name: String) -> (([UInt8]) -> Void)? { all.first { $0.name == name }?.run }

    /// Limits for fuzzing and replay alike: 16 MB per value (within libFuzzer's memory
    /// limit), pictures up to 512x512 (the decoders' logic, not their speed on big ones).
    static func applyLimits() {
        Limits.maxBytes = 16 * 1024 * 1024
        ImageCodec.maxPixels = 1 << 18
    }

    /// The lexer and parser as the REPL drives them: syntax colouring, `# %%` cells, parsing.
    /// (Each cell is parsed as part of the whole: parsing it again would only halve the speed.)
    static func parser(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        _ = Highlight.spans(source)
        _ = Cells.split(source)
        do { _ = try Parser.parse(source, file: "<fuzz>") } catch { _ = render(error, source) }
    }

    /// Whole programs, run with no file or network access, a step budget, small memory
    /// limits, and a Ctrl-C after 300 ms: a program that does not stop within the fuzzer's
    /// one-second timeout is one that Ctrl-C cannot stop.
    static func evaluator(_ bytes: [UInt8]) {
        let source = String(decoding: bytes, as: UTF8.self)
        let interpreter = Interpreter(output: DiscardedOutput(), builtins: sandboxBuiltins)
        interpreter.maxSteps = 20_000
        Interrupt.clear()
        let ctrlC = DispatchWorkItem { Interrupt.request() }
        DispatchQueue.global().asyncAfter(deadline: .now() + .milliseconds(300), execute: ctrlC)
        defer { ctrlC.cancel(); Interrupt.clear() }
        do { try interpreter.run(source, file: "<fuzz>", echo: true) } catch { _ = render(error, source) }
    }
    static let sandboxBuiltins = BuiltinTable.standard.withoutFileAccess()

    /// MNIST's files: gzip, then IDX.
    static func idx(_ bytes: [UInt8]) {
        guard let plain = try? gunzipIfCompressed(bytes, name: "fuzz.gz") else { return }
        _ = try? IDX.parse(plain, name: "fuzz")
    }

    /// A CIFAR-10 batch file.
    static func cifar(_ bytes: [UInt8]) {
        guard (try? CIFAR10.checkBatch(bytes, name: "fuzz")) != nil else { return }
        _ = CIFAR10.decode(bytes)
    }

    /// A photo as `image_folder` and `load_image` read it: decoded, then resized.
    static func image(_ bytes: [UInt8]) {
        guard let picture = try? ImageCodec.decode(Data(bytes), name: "fuzz") else { return }
        _ = ImageResize.resize(picture, width: 17, height: 9)
    }

    /// cnnsh's own model file, with its header and checksum made right, so that the fuzzer
    /// reaches the layers and weights behind them; a model that loads also predicts.
    static func modelFile(_ bytes: [UInt8]) {
        var file = Array("CNNSHMDL".utf8) + [1, 0, 0, 0] + bytes
        let crc = ModelFile.crc(Data(file))
        file += [UInt8(crc & 255), UInt8(crc >> 8 & 255), UInt8(crc >> 16 & 255), UInt8(crc >> 24)]
        guard let model = try? ModelFile.decode(Data(file)) else { return }
        predictOnZeros(model)
    }

    /// A `.keras` file up to its weights (the zip and config.json; the weights are HDF5,
    /// Debian's libhdf5's to read).
    static func keras(_ bytes: [UInt8]) {
        guard let (model, _, _) = try? KerasFile.architecture(bytes, path: "fuzz.keras") else { return }
        predictOnZeros(model)
    }

    static func predictOnZeros(_ model: Model) {
        guard let shape = model.inputShape, shape.reduce(1, *) <= 1 << 16 else { return }
        _ = try? model.predict(x: Tensor(zeros: [1] + shape), verbose: 0, sink: DiscardedOutput())
    }

    static func render(_ error: Error, _ source: String) -> String {
        var d = Diagnostics()
        d.sources["<fuzz>"] = source
        return d.render(error)
    }
}

/// Output nobody reads.
final class DiscardedOutput: TextSink {
    func write(_ s: String) {}
    var isTerminal: Bool { false }
}
