import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct REPLTests {
    /// With standard input a pipe, statements are read plainly: no prompt is echoed, an
    /// error ends only its statement, and the session's variables survive it.
    @Test func pipedSessionSurvivesErrors() throws {
        let input = """
        x = 21
        y = undefined_thing
        def double(v):
            return v * 2

        double(x)
        z = (1,
             2)
        z
        """
        let r = try cnnsh([], input: input)
        #expect(r.status == 0)
        #expect(!r.output.contains("cnnsh>"))
        #expect(r.output.contains("<stdin>:1:5: error: unknown name 'undefined_thing'"))
        #expect(r.output.contains("42\n"))
        #expect(r.output.contains("(1, 2)\n"))
    }

    @Test func colonCommandsActOnTheSession() throws {
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-cells-\(UUID().uuidString).cnn")
        try "# %% Load\na = 1\n# %% [markdown] Notes\n# %% Double\nb = a * 2\nb\n".write(to: script, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: script) }
        let input = """
        x = zeros((2, 3))
        :vars
        :cells \(script.path)
        :run \(script.path) 1
        :run \(script.path) 3
        :time b + 1
        :hist
        :bogus
        :reset
        :vars
        :quit
        print("never")
        """
        let r = try cnnsh([], input: input)
        #expect(r.status == 0)
        #expect(r.output.contains("x               array       (2, 3) float32"))
        #expect(r.output.contains("  1  line 1: Load") && r.output.contains("  2  line 3 [markdown]: Notes") && r.output.contains("  3  line 4: Double"))
        #expect(r.output.contains("2\n3\n"))  // cell 3 echoes b, then :time echoes b + 1
        #expect(r.output.contains(" s\n"))
        #expect(r.output.contains("   1  x = zeros((2, 3))"))
        #expect(r.output.contains("unknown command ':bogus'"))
        #expect(r.output.contains("(no variables yet)"))
        #expect(!r.output.contains("never"))
    }

    @Test func dashCRunsCodeAndShowsTheLastValue() throws {
        let r = try cnnsh(["-c", "a = 6\na * 7"])
        #expect(r.output == "42\n")
        #expect(r.status == 0)
        let bad = try cnnsh(["-c", "1 +"])
        #expect(bad.status == 1)
        #expect(try cnnsh(["--bogus"]).status == 2)
    }

    @Test func spanishInterface() throws {
        let r = try cnnsh(["--lang", "es", "-c", "prnt(1)"])
        #expect(r.output.contains("nombre desconocido 'prnt' — ¿quisiste decir 'print'?"))
    }

    /// The quick start trains to 90% and, with --html, leaves a page with every cell, its
    /// output, the training curves (SVG), the sample digits (PNG) and the confusion matrix.
    @Test func quickStartTrainsToNinetyPercentAndWritesItsReport() throws {
        let report = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-report-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(at: report) }
        let r = try cnnsh(["quickstart.cnn", "--html", report.path], in: repositoryRoot.appendingPathComponent("examples"))
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("Epoch 2/2"))
        let line = r.output.split(separator: "\n").first { $0.hasPrefix("Test accuracy: ") }
        let accuracy = line.flatMap { Double($0.dropFirst("Test accuracy: ".count)) } ?? 0
        #expect(accuracy >= 0.90, "quick start test accuracy \(accuracy)")

        let html = try String(contentsOf: report, encoding: .utf8)
        let doc = try XMLDocument(data: Data(html.utf8), options: [])
        func nodes(_ xpath: String) throws -> [XMLNode] { try doc.nodes(forXPath: xpath) }
        #expect(try nodes("//*[local-name()='section'][contains(@class,'code')]").count == 5)
        #expect(try nodes("//*[local-name()='h1']").map { $0.stringValue ?? "" }.contains("Quick start: net_1 on MNIST"))
        // plot(history): a loss and an accuracy panel with their legends; plot_confusion: a heat map.
        #expect(try nodes("//*[local-name()='svg']").count == 2)
        #expect(html.contains(">val_loss<") && html.contains(">val_accuracy<"))
        // show(x_train[:8], labels=...): eight 28x28 PNGs captioned with their labels.
        let images = try nodes("//*[local-name()='div'][@class='gallery']//*[local-name()='img']")
        #expect(images.count == 8)
        let captions = try nodes("//*[local-name()='figcaption']").map { $0.stringValue ?? "" }
        #expect(captions == ["5", "0", "4", "1", "9", "2", "1", "3"])
        if let start = html.range(of: "src=\"data:image/png;base64,"),
           let end = html[start.upperBound...].firstIndex(of: "\""),
           let png = Data(base64Encoded: String(html[start.upperBound..<end])) {
            #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
            #expect(png[16..<24] == Data([0, 0, 0, 28, 0, 0, 0, 28]))  // IHDR width and height
        } else {
            Issue.record("no embedded PNG in the report")
        }
        // The progress bars settle into Keras's per-epoch lines; timings are shown per cell.
        #expect(html.contains("43/43 - "))
        #expect(try nodes("//*[local-name()='div'][@class='time']").count == 5)
    }

    @Test func reportsSurviveFailuresAndRefuseUnwritablePaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let script = folder.appendingPathComponent("s.cnn")
        try "# %% One\nprint('cell-one-ran')\n# %% Two\nprint(undefined_name)\n# %% Three\nprint('never')\n".write(to: script, atomically: true, encoding: .utf8)
        // A folder that does not exist: refused before anything runs.
        let missing = try cnnsh([script.path, "--html", folder.appendingPathComponent("no/such/r.html").path])
        #expect(missing.status == 2 && !missing.output.contains("cell-one-ran"))
        // A failing cell: the page keeps the cells that ran and shows the error.
        let report = folder.appendingPathComponent("r.html")
        let r = try cnnsh([script.path, "--html", report.path])
        #expect(r.status == 1)
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(html.contains("cell-one-ran") && html.contains("unknown name 'undefined_name'") && !html.contains("never</pre>"))
        #expect(html.contains("class=\"cell code failed\""))
        #expect(try cnnsh(["-c", "1", "--html", report.path]).status == 2)
    }
}

/// The prompt as a person uses it, through a pseudo-terminal (Python's pty module).
@Suite struct InteractiveTests {
    /// Runs one of the Python drivers that type at cnnsh through a pseudo-terminal.
    func drive(_ script: String) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", repositoryRoot.appendingPathComponent("Tests/cnnshTests/\(script)").path, cnnshBinary.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("all checks passed"))
    }

    @Test func promptHistoryCompletionAndCtrlC() throws { try drive("interactive_session.py") }

    /// Ctrl-C in a loop, a comprehension, image loading, predict and save: the session,
    /// its variables and the saved file survive each (issue 8).
    @Test func ctrlCAtEveryMoment() throws { try drive("interrupt_session.py") }

    /// Two sessions typing at once into a full history file: readline's own append and
    /// truncate lost 7-12 of their 300 lines here; the locked append loses none (issue 8).
    @Test func twoSessionsShareTheHistory() throws { try drive("two_sessions.py") }

    /// A long session (100 blocks of 11 statements: build, fit, predict, four errors, save
    /// and load) keeps its memory flat: a leak of one block's data or model (150 KB and
    /// more) would add 13 MB by the end (issue 8).
    @Test func longSessionMemoryStaysFlat() throws {
        let p = Process()
        p.executableURL = repositoryRoot.appendingPathComponent("Tests/cnnshTests/Fixtures/soak/soak.sh")
        p.arguments = [cnnshBinary.path, "100"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let megabytes = text.split(separator: "\n").filter { $0.hasPrefix("block 2 (64, 3) 2411 ") }.compactMap { Double($0.split(separator: " ").last!) }
        #expect(megabytes.count == 100, "\(text.suffix(2000))")
        #expect(text.components(separatedBy: "error:").count - 1 == 400)
        guard megabytes.count == 100 else { return }
        // Block 10 on: the allocator and the thread pools have settled by then.
        #expect(megabytes[99] - megabytes[9] < 4, "resident MB: \(megabytes[9]) at block 10, \(megabytes[99]) at block 100")
    }
}

@Suite struct DataFileTests {
    /// A truncated MNIST file: the message names the file and what is wrong, and a session
    /// at the prompt goes on.
    @Test func truncatedIDXIsExplained() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-idx-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let sample = repositoryRoot.appendingPathComponent("examples/data/mnist-sample")
        for f in ["train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"] {
            try FileManager.default.copyItem(at: sample.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        // An uncompressed IDX header promising 6000 images, with only 100 bytes after it.
        var bytes: [UInt8] = [0, 0, 8, 3, 0, 0, 0x17, 0x70, 0, 0, 0, 28, 0, 0, 0, 28]
        bytes += [UInt8](repeating: 7, count: 100)
        FileManager.default.createFile(atPath: dir.appendingPathComponent("train-images-idx3-ubyte.gz").path, contents: Data(bytes))
        let r = try cnnsh([], input: "d = load_mnist('\(dir.path)')\nprint('still here')\n", environment: ["CNNSH_OFFLINE": "1"])
        #expect(r.output.contains("train-images-idx3-ubyte.gz' is truncated or corrupt"))
        #expect(r.output.contains("(6000, 28, 28)"))
        #expect(r.output.contains("still here"))
    }
}

/// A laptop without AVX-512 (or without AVX2) gets oneDNN's older kernels and the same
/// training, simulated with oneDNN's own ISA cap.
@Suite struct InstructionSetTests {
    @Test func olderCPUsTrainTheSame() throws {
        let code = """
        seed(2)
        x = rand(64, 12, 12, 2); y = one_hot(argmax(reshape(x, (64, -1))[:, :3], axis=1), 3)
        m = seq(input((12, 12, 2)), conv(8, 3), maxpool(2), flatten, dense(16), dense(3, activation=softmax))
        compile(m, optimizer='adam', loss='categorical_crossentropy')
        h = m.fit(x, y, batch_size=16, epochs=2, verbose=0)
        print(f"{h.history['loss'][-1]:.4f}")
        """
        let native = try cnnsh(["-c", code])
        #expect(native.status == 0, "\(native.output)")
        for isa in ["AVX2", "SSE41"] {
            let capped = try cnnsh(["-c", code], environment: ["ONEDNN_MAX_CPU_ISA": isa])
            #expect(capped.status == 0, "\(capped.output)")
            #expect(capped.output == native.output, "\(isa): \(capped.output) vs \(native.output)")
        }
    }
}
