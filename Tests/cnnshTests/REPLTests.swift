import Foundation
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

    @Test func quickStartTrainsToNinetyPercent() throws {
        let r = try cnnsh(["quickstart.cnn"], in: repositoryRoot.appendingPathComponent("examples"))
        #expect(r.status == 0, "\(r.output)")
        #expect(r.output.contains("Epoch 2/2"))
        let line = r.output.split(separator: "\n").first { $0.hasPrefix("Test accuracy: ") }
        let accuracy = line.flatMap { Double($0.dropFirst("Test accuracy: ".count)) } ?? 0
        #expect(accuracy >= 0.90, "quick start test accuracy \(accuracy)")
    }
}

/// The prompt as a person uses it, through a pseudo-terminal (Python's pty module).
@Suite struct InteractiveTests {
    @Test func promptHistoryCompletionAndCtrlC() throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", repositoryRoot.appendingPathComponent("Tests/cnnshTests/interactive_session.py").path, cnnshBinary.path]
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
}
