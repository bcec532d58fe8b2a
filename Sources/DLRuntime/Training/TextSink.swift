import Foundation

/// Where the runtime's progress text goes. The executable gives it stdout; a report writer
/// or a test gives it a buffer. `isTerminal` decides between redrawn bars and plain lines.
public protocol TextSink: AnyObject {
    func write(_ s: String)
    var isTerminal: Bool { get }
}

/// Standard output, flushed at every write so progress appears as it happens.
public final class StandardOutput: TextSink {
    public let isTerminal: Bool
    public init() { isTerminal = isatty(1) != 0 }
    public func write(_ s: String) {
        fputs(s, stdout)
        fflush(stdout)
    }
}

/// Collects text in memory (tests, reports).
public final class TextBuffer: TextSink {
    public private(set) var text = ""
    public let isTerminal = false
    public init() {}
    public func write(_ s: String) { text += s }
}

/// A picture a builtin produced: a chart as SVG text, or images as PNG bytes (several, each
/// with its caption, for a grid).
public enum Figure: Sendable {
    case svg(String)
    case png(Data, width: Int, height: Int)
    case gallery([(png: Data, width: Int, height: Int, caption: String)])
}

/// A sink that keeps pictures as well as text (the HTML report). Drawing builtins hand it
/// the picture and the terminal rendering; it shows the terminal one and keeps the picture.
public protocol FigureSink: TextSink {
    func figure(_ f: Figure, terminalText: String)
}
