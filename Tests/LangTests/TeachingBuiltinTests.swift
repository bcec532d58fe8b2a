import Foundation
import Testing
import DLRuntime
@testable import Lang

/// The classroom builtins from the language, and the highlighter the HTML report uses.
@Suite struct TeachingBuiltinTests {
    let model = """
    seed(2)
    m = seq(input((6, 6, 1)), conv(4, 3, activation=tanh), avgpool(2), flatten, dense(3, softmax))
    compile(m, 'sgd', 'sparse_categorical_crossentropy')
    x = reshape(arange(4 * 36) / 144.0, (4, 6, 6, 1))
    y = array([0, 1, 2, 0])

    """

    @Test func explainTraceAndGradcheck() throws {
        let out = try run(model + "explain(m)\ntrace(m, x)\ngradcheck(m, x, y)")
        #expect(out.contains("params: 3*3*1*4 weights + 4 biases = 40"))
        #expect(out.contains("params: 36*3 weights + 3 biases = 111"))
        #expect(out.contains("input  ") && out.contains("(None, 6, 6, 1)"))
        #expect(out.contains("Backpropagation agrees with finite differences"))
        #expect(failure("m = seq(input((4,)), dense(2))\ngradcheck(m, ones((1, 4)), ones((1, 2)))").error?.key == .gradcheckNeedsLoss)
    }

    @Test func filtersAndActivationsAsPictures() throws {
        let out = try run(model + "show_filters(m, columns=4)\nshow_activations(m, x[1], layer=0, columns=4)")
        // Four 3x3 kernels enlarged to 9x9, two columns apart, then the captions 0..3.
        #expect(out.contains("0          1          2          3"))
        #expect(out.contains("4 channel(s)"))
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try run(model + "show_filters(m.layers[0], file='\(path)', columns=4)")
        let png = try ImageCodec.decode(path: path)
        #expect(png.width == 4 * 9 + 3 * 2 && png.height == 9)
        #expect(failure(model + "show_filters(m, layer=-1)").error?.key == .teachNotConv)
        #expect(failure(model + "show_activations(m, x, layer='nope')").error?.key == .teachNoSuchLayer)
        #expect(failure(model + "show_filters(m, channel=1)").error?.key == .teachChannel)
    }

    @Test func windowDemos() throws {
        #expect(try run("maxpool2d([[1, 3], [2, 4]])") == "array([[4]])\n")
        #expect(try run("avgpool2d([[1, 3], [2, 4]], steps=True)") == "[0, 0]: mean[1, 3, 2, 4] = 2.5\narray([[2.5]])\n")
        let conv = try run("conv2d([[1,1,1,0,0],[0,1,1,1,0],[0,0,1,1,1],[0,0,1,1,0],[0,1,1,0,0]], [[1,0,1],[0,1,0],[1,0,1]])")
        #expect(conv == "array([[4, 3, 4],\n       [2, 4, 3],\n       [2, 3, 4]])\n")
        #expect(failure("conv2d(zeros((2, 2, 2)), ones((1, 1)))").error?.key == .demoNeedsMatrix)
    }

    @Test func highlightingLosesNothing() {
        let source = "# a comment\nx = f'{y}' + 'it\\'s' * 2.5e-3\nfor i in range(3): print(i)  # done\ns = 'open"
        let spans = Highlight.spans(source)
        #expect(spans.map(\.text).joined() == source)
        #expect(spans.first?.kind == .comment)
        #expect(spans.contains { $0.kind == .keyword && $0.text == "for" })
        #expect(spans.contains { $0.kind == .builtin && $0.text == "range" })
        #expect(spans.contains { $0.kind == .number && $0.text == "2.5e-3" })
        #expect(spans.contains { $0.kind == .string && $0.text == "'it\\'s'" })
        #expect(spans.last?.kind == .string)
    }
}
