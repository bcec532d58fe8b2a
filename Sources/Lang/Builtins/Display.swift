import Foundation
import DLRuntime

/// What the builtins that draw (`plot`, `bar`, `plot_confusion`, `show`) share: whether to use
/// colour, how wide the terminal is, and writing to `file=` instead of the screen.
enum Display {
    /// Colour only on a terminal, and never when NO_COLOR is set (no-color.org).
    static func color(_ a: Arguments) -> Bool {
        a.interp.output.isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }

    /// The terminal's width in columns: $COLUMNS, else 80.
    static var columns: Int { Int(ProcessInfo.processInfo.environment["COLUMNS"] ?? "") ?? 80 }

    /// With `file=`, writes the chart there (atomically) and returns true: as SVG for a name
    /// ending in .svg, as PNG for .png.
    static func writeChart(_ a: Arguments, svg: () -> String, png: () throws -> Data) throws -> Bool {
        guard a.has("file") else { return false }
        let path = a.interp.resolvePath(try a.string("file"))
        let lower = path.lowercased()
        if lower.hasSuffix(".svg") {
            try AtomicFile.write(Data(svg().utf8), to: path)
        } else if lower.hasSuffix(".png") {
            try AtomicFile.write(try png(), to: path)
        } else {
            throw CnnError(.plotFileKind, path)
        }
        return true
    }

    /// Shows terminal lines; a sink that keeps pictures (the HTML report) also gets `figure`.
    static func write(_ a: Arguments, _ lines: [String], figure: () throws -> Figure) rethrows {
        let text = lines.joined(separator: "\n") + "\n"
        if let sink = a.interp.output as? FigureSink {
            sink.figure(try figure(), terminalText: text)
        } else {
            a.interp.output.write(text)
        }
    }

    static func write(_ a: Arguments, _ lines: [String]) {
        a.interp.output.write(lines.joined(separator: "\n") + "\n")
    }
}
