import Foundation

/// The Markdown of a notebook's text cells as HTML: headings, paragraphs, bulleted and
/// numbered lists, fenced code, pipe tables, and inline code, bold, italics, links and
/// `$math$` (shown as written). Enough for course notebooks; everything is escaped, so a
/// cell can never inject markup.
public enum Markdown {
    public static func html(_ text: String) -> String {
        var out: [String] = []
        var paragraph: [String] = []
        var list: (ordered: Bool, items: [String])?
        var fence: [String]?
        var table: [[String]] = []

        func flush() {
            if !paragraph.isEmpty { out.append("<p>" + paragraph.map(inline).joined(separator: "\n") + "</p>"); paragraph = [] }
            if let l = list {
                let tag = l.ordered ? "ol" : "ul"
                out.append("<\(tag)>" + l.items.map { "<li>" + inline($0) + "</li>" }.joined() + "</\(tag)>")
                list = nil
            }
            if !table.isEmpty {
                // A second row of dashes marks the first as the header.
                let body = table.filter { row in !row.allSatisfy { $0.allSatisfy { "-: ".contains($0) } && !$0.isEmpty } }
                var html = "<table>"
                for (r, row) in body.enumerated() {
                    let cell = r == 0 && body.count < table.count ? "th" : "td"
                    html += "<tr>" + row.map { "<\(cell)>" + inline($0) + "</\(cell)>" }.joined() + "</tr>"
                }
                out.append(html + "</table>")
                table = []
            }
        }

        for raw in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if var code = fence {
                if line.hasPrefix("```") { out.append("<pre><code>" + escape(code.joined(separator: "\n")) + "</code></pre>"); fence = nil }
                else { code.append(raw); fence = code }
                continue
            }
            if line.hasPrefix("```") { flush(); fence = []; continue }
            if line.isEmpty { flush(); continue }
            if let level = heading(line) {
                flush()
                out.append("<h\(level)>" + inline(String(line.dropFirst(level)).trimmingCharacters(in: .whitespaces)) + "</h\(level)>")
                continue
            }
            if line.hasPrefix("|") {
                if table.isEmpty { flush() }
                table.append(line.trimmingCharacters(in: CharacterSet(charactersIn: "|")).split(separator: "|", omittingEmptySubsequences: false)
                    .map { $0.trimmingCharacters(in: .whitespaces) })
                continue
            }
            if let item = bullet(line) {
                if list?.ordered != false || list == nil { flush(); list = (false, []) }
                list!.items.append(item)
                continue
            }
            if let item = numbered(line) {
                if list?.ordered != true { flush(); list = (true, []) }
                list!.items.append(item)
                continue
            }
            if list != nil, raw.hasPrefix("  "), !list!.items.isEmpty {
                list!.items[list!.items.count - 1] += " " + line
                continue
            }
            if list != nil || !table.isEmpty { flush() }
            paragraph.append(line)
        }
        if let code = fence { out.append("<pre><code>" + escape(code.joined(separator: "\n")) + "</code></pre>") }
        flush()
        return out.joined(separator: "\n")
    }

    static func heading(_ line: String) -> Int? {
        let hashes = line.prefix { $0 == "#" }.count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        return hashes
    }

    static func bullet(_ line: String) -> String? {
        guard let c = line.first, "-*+".contains(c), line.dropFirst().first == " " else { return nil }
        return String(line.dropFirst(2))
    }

    static func numbered(_ line: String) -> String? {
        let digits = line.prefix { $0.isNumber }
        guard !digits.isEmpty, line.dropFirst(digits.count).hasPrefix(". ") || line.dropFirst(digits.count).hasPrefix(") ") else { return nil }
        return String(line.dropFirst(digits.count + 2))
    }

    public static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(c)
            }
        }
        return out
    }

    /// Inline marks. Code spans and math are cut out first so that nothing inside them is
    /// read as emphasis.
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let tick = rest.firstIndex(where: { $0 == "`" || $0 == "$" }) {
            let mark = rest[tick]
            let after = rest.index(after: tick)
            guard let close = rest[after...].firstIndex(of: mark), close > after else { break }
            out += emphasis(String(rest[..<tick]))
            let inner = escape(String(rest[after..<close]))
            out += mark == "`" ? "<code>\(inner)</code>" : "<span class=\"math\">\(inner)</span>"
            rest = rest[rest.index(after: close)...]
        }
        return out + emphasis(String(rest))
    }

    /// **bold**, *italic* / _italic_ and [text](url), on escaped text.
    static func emphasis(_ text: String) -> String {
        var s = escape(text)
        s = replacePairs(s, "**", "<strong>", "</strong>")
        s = replacePairs(s, "*", "<em>", "</em>")
        s = replacePairs(s, "__", "<strong>", "</strong>")
        s = links(s)
        return s
    }

    static func replacePairs(_ s: String, _ mark: String, _ open: String, _ close: String) -> String {
        let parts = s.components(separatedBy: mark)
        guard parts.count >= 3 else { return s }
        var out = parts[0]
        var i = 1
        while i < parts.count {
            if i + 1 < parts.count, !parts[i].isEmpty, parts[i].first != " ", parts[i].last != " " {
                out += open + parts[i] + close + parts[i + 1]
                i += 2
            } else {
                out += mark + parts[i]
                i += 1
            }
        }
        return out
    }

    /// [text](http...) becomes a link; other targets stay as text (no javascript: URLs).
    static func links(_ s: String) -> String {
        var out = "", rest = Substring(s)
        while let open = rest.firstIndex(of: "["),
              let close = rest[open...].firstIndex(of: "]"),
              rest.index(after: close) < rest.endIndex, rest[rest.index(after: close)] == "(",
              let end = rest[close...].firstIndex(of: ")") {
            let label = rest[rest.index(after: open)..<close]
            let url = rest[rest.index(close, offsetBy: 2)..<end]
            out += rest[..<open]
            if url.hasPrefix("http://") || url.hasPrefix("https://") {
                out += "<a href=\"\(url)\">\(label)</a>"
            } else {
                out += "\(label) (\(url))"
            }
            rest = rest[rest.index(after: end)...]
        }
        return out + rest
    }
}
