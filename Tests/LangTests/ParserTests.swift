import Testing
import DLRuntime
@testable import Lang

@Suite struct ParserTests {
    @Test func parsesTheLanguageOfTheDesign() throws {
        let src = """
        import numpy as np
        from tensorflow.keras.layers import Dense
        (x_train, y_train), (x_test, y_test) = ((1, 2), (3, 4))
        def f(a, b=2):
            if a > b:
                return a
            elif a == b:
                return 0
            else:
                return b
        for i in range(3):
            pass
        v = [1, 2, 3]; v[0] = 9
        d = {"a": 1, 'b': [1, 2]}
        s = v[1:] + v[:1] + v[::2]
        g = lambda x: x * 2
        t = 1 if True else 2
        w = [i ** 2 for i in range(4) if i % 2 == 0]
        total = (1 +
                 2)
        """
        let program = try Parser.parse(src, file: "t")
        #expect(program.count == 13)
    }

    @Test(arguments: [
        ("x = (1, 2", 1, 5, "'(' was never closed"),
        ("y = [1, 2)", 1, 10, "closing ')' does not match '[' opened on line 1"),
        ("z = 1)", 1, 6, "unmatched ')'"),
        ("def f(:):\n    pass", 1, 7, "expected a name but found ':'"),
        ("x = 1 +", 1, 8, "expected an expression but found the end of the line"),
        ("if x\n    y = 1", 1, 5, "expected ':' but found the end of the line"),
        ("for i in range(3):\nprint(i)", 2, 1, "expected an indented block but found 'print'"),
        ("x = 'abc", 1, 5, "string is not closed before the end of the line"),
        ("x = 3 $ 4", 1, 7, "unexpected character '$'"),
        ("  x = 1", 1, 1, "unexpected indent"),
        ("1 = x", 1, 1, "cannot assign to this expression"),
    ])
    func syntaxErrorsSayWhatWasExpectedWhere(source: String, line: Int, column: Int, message: String) {
        do {
            _ = try Parser.parse(source, file: "t.cnn")
            Issue.record("no error for \(source)")
        } catch let e as CnnError {
            #expect(e.location?.line == line, "\(source)")
            #expect(e.location?.column == column, "\(source)")
            #expect(e.message == message)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// Absurd nesting is an error, not a stack overflow.
    @Test func deepNestingIsRefused() {
        for source in [String(repeating: "(", count: 100_000) + "1", String(repeating: "-", count: 100_000) + "1",
                       String(repeating: "not ", count: 50_000) + "1", String(repeating: "[", count: 300)] {
            #expect(throws: CnnError.self) { _ = try Parser.parse(source, file: "t") }
        }
        #expect((try? Parser.parse(String(repeating: "(", count: 50) + "1" + String(repeating: ")", count: 50), file: "t")) != nil)
    }

    @Test func errorsRenderWithFileLineColumnAndCaret() {
        let (_, text) = failure("x = 1\ny = x + undefined_name\n")
        #expect(text == """
        test.cnn:2:9: error: unknown name 'undefined_name'
            y = x + undefined_name
                    ^
        """)
    }

    @Test func fStringsAndFormats() throws {
        #expect(try run("x = 0.98765\nf'acc={x:.2f} n={1234567:,} p={x:.1%}'") == "'acc=0.99 n=1,234,567 p=98.8%'\n")
        #expect(try run("'{} and {:.3f}'.format('a', 2)") == "'a and 2.000'\n")
    }
}
