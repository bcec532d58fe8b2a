import Testing
import DLRuntime
@testable import Lang

/// `help` covers every builtin: a description in English and Spanish and an example that
/// runs (or, for those that read data sets or write files, at least parses).
@Suite struct HelpTests {
    @Test(arguments: BuiltinTable.standard.names)
    func everyBuiltinIsDocumentedWithARunnableExample(_ name: String) throws {
        let table = BuiltinTable.standard
        let target = table.aliases[name] ?? name
        let doc = Help.docs[name] ?? Help.docs[target]
        #expect(doc != nil, "help(\(name)) has no description")
        #expect(doc.map { !$0.en.isEmpty && !$0.es.isEmpty } ?? false, "help(\(name)) lacks a language")
        guard let example = HelpExamples.all[name] ?? HelpExamples.all[target] else {
            Issue.record("help(\(name)) has no example")
            return
        }
        let text = Help.text(for: name, table: table)
        #expect(text.hasPrefix(name + "(") && text.contains(example.split(separator: "\n")[0]))
        if HelpExamples.needsFiles.contains(target) {
            _ = try Parser.parse(example, file: "help")
        } else {
            do {
                _ = try run(example)
            } catch {
                Issue.record("help(\(name))'s example fails: \(error)")
            }
        }
    }

    @Test func examplesNameOnlyRealBuiltins() {
        let names = Set(BuiltinTable.standard.names)
        for key in HelpExamples.all.keys { #expect(names.contains(key), "example for unknown builtin \(key)") }
        for key in Help.docs.keys { #expect(names.contains(key), "description for unknown builtin \(key)") }
    }
}
