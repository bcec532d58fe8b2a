import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import DLRuntime
@testable import Render

/// The pieces of the HTML report: markdown, settled terminal text, and a page that parses.
@Suite struct ReportTests {
    @Test func markdownBlocksAndInlineMarks() {
        let html = Markdown.html("""
        # Title
        Some **bold**, *italic* and `x <- 1` text,
        on two lines.

        - one
        - two
        1. first
        2. second

        | a | b |
        |---|---|
        | 1 | 2 |
        [docs](https://keras.io) and [bad](javascript:alert(1)) and $a^2$
        """)
        #expect(html.contains("<h1>Title</h1>"))
        #expect(html.contains("<p>Some <strong>bold</strong>, <em>italic</em> and <code>x &lt;- 1</code> text,\non two lines.</p>"))
        #expect(html.contains("<ul><li>one</li><li>two</li></ul><ol>") || html.contains("<ul><li>one</li><li>two</li></ul>\n<ol><li>first</li><li>second</li></ol>"))
        #expect(html.contains("<tr><th>a</th><th>b</th></tr><tr><td>1</td><td>2</td></tr>"))
        #expect(html.contains("<a href=\"https://keras.io\">docs</a>"))
        #expect(!html.contains("href=\"javascript"))
        #expect(html.contains("<span class=\"math\">a^2</span>"))
        #expect(Markdown.html("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")
    }

    @Test func progressBarsSettleToTheirLastDrawing() {
        let raw = "Epoch 1/1\n\r 1/3 [==>...] - loss: 2.0\r 3/3 [=======] - loss: 1.0\u{1B}[K\n\u{1B}[31mred\u{1B}[0m done"
        #expect(TerminalText.settled(raw) == "Epoch 1/1\n 3/3 [=======] - loss: 1.0\nred done")
        #expect(TerminalText.settled("abcdef\rxy") == "xycdef")
    }

    @Test func thePageIsWellFormedAndHoldsEveryPart() throws {
        var report = HTMLReport(title: "demo <1>", subtitle: "today")
        var cell = HTMLReport.CodeCell(number: 1, title: "Load & look", spans: [("builtin", "print"), ("plain", "("), ("string", "'<hi>'"), ("plain", ")")])
        cell.outputs = [.text("<hi>\n"), .figure(.svg("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\"><rect width=\"5\" height=\"5\"/></svg>")),
                        .figure(.gallery([(Data([1, 2, 3]), 28, 28, "7"), (Data([4]), 28, 28, "2")]))]
        cell.seconds = 1.5
        report.cells = [.markdown("# Intro\ntext"), .code(cell)]
        var failed = HTMLReport.CodeCell(number: 2, title: nil, spans: [("plain", "boom()")])
        failed.error = "test.cnn:1:1: error: unknown name 'boom'"
        report.cells.append(.code(failed))
        let html = report.html()
        let doc = try XMLDocument(data: Data(html.utf8), options: [])
        func count(_ xpath: String) throws -> Int { try doc.nodes(forXPath: xpath).count }
        #expect(try count("//*[local-name()='section']") == 3)
        #expect(try count("//*[local-name()='svg']") == 1)
        #expect(try count("//*[local-name()='img']") == 2)
        #expect(try count("//*[local-name()='figcaption']") == 2)
        #expect(try count("//*[local-name()='pre'][@class='error']") == 1)
        #expect(html.contains("<span class=\"string\">'&lt;hi&gt;'</span>"))
        #expect(html.contains("<div class=\"time\">1.5 s</div>"))
        #expect(html.contains("<h1>demo &lt;1&gt;</h1>"))
        #expect(!html.contains("<?xml version=\"1.0\"?>\n<svg"))
    }
}
