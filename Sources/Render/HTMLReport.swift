import Foundation
import DLRuntime

/// One self-contained HTML page for a script run, as a notebook exported to HTML: each
/// cell's highlighted source, its output, its charts (inline SVG) and images (embedded PNG),
/// its markdown rendered, and how long it took. The page is also well-formed XML, so tests
/// (and other tools) can read it back with an XML parser.
public struct HTMLReport {
    public enum Output {
        case text(String)
        case figure(Figure)
    }

    public struct CodeCell {
        public var number: Int
        public var title: String?
        public var spans: [(kind: String, text: String)]
        public var outputs: [Output] = []
        public var error: String?
        public var seconds: Double?
        public init(number: Int, title: String?, spans: [(kind: String, text: String)]) {
            self.number = number; self.title = title; self.spans = spans
        }
    }

    public enum Cell {
        case code(CodeCell)
        case markdown(String)
    }

    public var title: String
    public var subtitle: String
    public var cells: [Cell] = []

    public init(title: String, subtitle: String) { self.title = title; self.subtitle = subtitle }

    public func html() -> String {
        var body: [String] = []
        body.append("<header><h1>\(Markdown.escape(title))</h1><p class=\"meta\">\(Markdown.escape(subtitle))</p></header>")
        for cell in cells {
            switch cell {
            case .markdown(let text):
                body.append("<section class=\"cell markdown\">\(Markdown.html(text))</section>")
            case .code(let c):
                body.append(code(c))
            }
        }
        return """
        <!DOCTYPE html>
        <html xmlns="http://www.w3.org/1999/xhtml" lang="\(Catalog.language.rawValue)">
        <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <meta name="generator" content="cnnsh"/>
        <title>\(Markdown.escape(title))</title>
        <style>\(Self.style)</style>
        </head>
        <body>
        <main>
        \(body.joined(separator: "\n"))
        </main>
        </body>
        </html>

        """
    }

    func code(_ c: CodeCell) -> String {
        var parts: [String] = []
        var head = "<div class=\"prompt\">In [\(c.number)]:</div>"
        if let t = c.title { head += "<div class=\"title\">\(Markdown.escape(t))</div>" }
        if let s = c.seconds { head += "<div class=\"time\">\(Self.duration(s))</div>" }
        parts.append("<div class=\"head\">\(head)</div>")
        let source = c.spans.map { span in
            span.kind == "plain" ? Markdown.escape(span.text) : "<span class=\"\(span.kind)\">\(Markdown.escape(span.text))</span>"
        }.joined()
        parts.append("<pre class=\"source\">\(source)</pre>")
        for output in c.outputs {
            switch output {
            case .text(let t):
                let settled = TerminalText.settled(t).trimmingCharacters(in: .newlines)
                if !settled.isEmpty { parts.append("<pre class=\"output\">\(Markdown.escape(settled))</pre>") }
            case .figure(.svg(let svg)):
                parts.append("<figure class=\"chart\">\(Self.strippingXMLDeclaration(svg))</figure>")
            case .figure(.png(let data, let width, let height)):
                // Small images (28x28 digits) are scaled up with square pixels.
                parts.append("<figure class=\"image\">\(Self.img(data, width, height, target: 480))</figure>")
            case .figure(.gallery(let items)):
                let cells = items.map { item in
                    "<figure>\(Self.img(item.png, item.width, item.height, target: 96))"
                        + (item.caption.isEmpty ? "" : "<figcaption>\(Markdown.escape(item.caption))</figcaption>") + "</figure>"
                }
                parts.append("<div class=\"gallery\">\(cells.joined())</div>")
            }
        }
        if let e = c.error { parts.append("<pre class=\"error\">\(Markdown.escape(e))</pre>") }
        return "<section class=\"cell code\(c.error != nil ? " failed" : "")\">\n" + parts.joined(separator: "\n") + "\n</section>"
    }

    /// An embedded PNG, enlarged by a whole factor toward `target` pixels wide.
    static func img(_ data: Data, _ width: Int, _ height: Int, target: Int) -> String {
        let scale = max(1, min(8, target / max(width, 1)))
        return "<img src=\"data:image/png;base64,\(data.base64EncodedString())\" width=\"\(width * scale)\" height=\"\(height * scale)\" alt=\"image \(width)x\(height)\"/>"
    }

    static func strippingXMLDeclaration(_ svg: String) -> String {
        guard svg.hasPrefix("<?xml"), let end = svg.range(of: "?>") else { return svg }
        return String(svg[end.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public static func duration(_ s: Double) -> String {
        s < 1 ? String(format: "%.0f ms", s * 1000) : (s < 60 ? String(format: "%.1f s", s) : String(format: "%d min %02d s", Int(s) / 60, Int(s) % 60))
    }

    static let style = """
    body { margin: 0; background: #f6f7f9; color: #1d2330; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; }
    main { max-width: 980px; margin: 0 auto; padding: 24px 20px 60px; }
    header h1 { margin: 0 0 4px; font-size: 26px; }
    .meta { margin: 0 0 20px; color: #5b6475; font-size: 13px; }
    .cell { background: #fff; border: 1px solid #dfe3ea; border-radius: 8px; margin: 14px 0; padding: 12px 16px; }
    .cell.markdown { background: transparent; border: none; padding: 4px 2px; }
    .cell.failed { border-color: #e0a2a2; }
    .head { display: flex; gap: 12px; align-items: baseline; margin-bottom: 6px; }
    .prompt { color: #3f51b5; font: 13px ui-monospace, "DejaVu Sans Mono", monospace; }
    .title { font-weight: 600; }
    .time { margin-left: auto; color: #7a8394; font-size: 12px; }
    pre { margin: 6px 0; padding: 10px 12px; border-radius: 6px; overflow-x: auto; font: 13px/1.45 ui-monospace, "DejaVu Sans Mono", monospace; white-space: pre; }
    pre.source { background: #f3f5fa; border: 1px solid #e4e8f0; }
    pre.output { background: #fff; border-left: 3px solid #c9d1e0; border-radius: 0; }
    pre.error { background: #fff1f1; color: #a31515; border-left: 3px solid #d33; border-radius: 0; white-space: pre-wrap; }
    .keyword { color: #8a2be2; font-weight: 600; }
    .builtin { color: #0b6bcb; }
    .string { color: #1a7f37; }
    .number { color: #b35900; }
    .comment { color: #7a8394; font-style: italic; }
    figure { margin: 8px 0; }
    figure.chart svg { max-width: 100%; height: auto; }
    figure.image img, .gallery img { image-rendering: pixelated; border: 1px solid #e4e8f0; }
    .gallery { display: flex; flex-wrap: wrap; gap: 8px; }
    .gallery figure { margin: 0; text-align: center; }
    figcaption { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; color: #4a5263; }
    table { border-collapse: collapse; margin: 8px 0; }
    th, td { border: 1px solid #dfe3ea; padding: 4px 10px; }
    code, .math { font-family: ui-monospace, "DejaVu Sans Mono", monospace; background: #eef1f6; padding: 0 4px; border-radius: 4px; }
    """
}
