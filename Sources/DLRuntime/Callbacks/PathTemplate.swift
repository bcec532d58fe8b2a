import Foundation

/// Python's `str.format` for checkpoint paths, as Keras fills them:
/// `"ckpt/epoch{epoch:02d}-{val_loss:.2f}.cnnsh"` with the epoch (1-based) and the logs.
/// Supports `{name}` and `{name:spec}` with specs like `02d`, `.2f`, `.3e`, `5.1f`.
public enum PathTemplate {
    public static func format(_ template: String, epoch: Int, logs: [(String, Double)]) throws -> String {
        var out = ""
        var i = template.startIndex
        while i < template.endIndex {
            let c = template[i]
            if c == "{" {
                guard let close = template[i...].firstIndex(of: "}") else { throw CnnError(.badPathTemplate, template, "{") }
                let field = template[template.index(after: i)..<close]
                let parts = field.split(separator: ":", maxSplits: 1)
                let name = parts.first.map(String.init) ?? ""
                let spec = parts.count > 1 ? String(parts[1]) : ""
                let value: Double
                if name == "epoch" { value = Double(epoch) }
                else if let v = logs.first(where: { $0.0 == name })?.1 { value = v }
                else { throw CnnError(.unknownPathField, name, template, (["epoch"] + logs.map(\.0)).joined(separator: ", ")) }
                out += try render(value, spec: spec, isInteger: name == "epoch", template: template)
                i = template.index(after: close)
            } else {
                out.append(c)
                i = template.index(after: i)
            }
        }
        return out
    }

    static func render(_ v: Double, spec: String, isInteger: Bool, template: String) throws -> String {
        if spec.isEmpty { return isInteger ? String(Int(v)) : String(v) }
        guard let kind = spec.last, "dfe".contains(kind) else { throw CnnError(.badPathTemplate, template, spec) }
        let body = spec.dropLast()
        guard body.allSatisfy({ $0.isNumber || $0 == "." }) else { throw CnnError(.badPathTemplate, template, spec) }
        switch kind {
        case "d": return String(format: "%\(body)d", Int(v.rounded(.down)))
        case "f": return String(format: "%\(body)f", v)
        default: return String(format: "%\(body)e", v)
        }
    }
}
