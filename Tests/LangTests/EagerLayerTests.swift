import Testing
import DLRuntime
@testable import Lang

/// Layers called on arrays (Keras's eager call), the matrix product, and script arguments.
@Suite struct EagerLayerTests {
    @Test func layersComputeOnArrays() throws {
        // Dropout: identity at inference; at training, zeros and survivors scaled by 2.
        let out = try run("seed(0)\nd = Dropout(0.5)\nx = ones((1, 10))\nprint(all(d(x) == x))\nk = d(x, training=True)\nprint(all((k == 0) + (k == 2)), sum(k == 0) > 0)")
        #expect(out == "True\nTrue True\n")
        // A Dense layer on a batch: the same as x @ W + b.
        let dense = try run("seed(1)\nl = Dense(3)\nx = array([[1.0, 2.0], [3.0, -1.0]])\ny = l(x)\nw, b = get_weights(l)\nprint(max(abs(y - (x @ w + b))) < 1e-6, y.shape)")
        #expect(dense == "True (2, 3)\n")
        #expect(failure("l = Dense(3)\nl(ones((1, 2)))\nl(ones((1, 4)))").error?.key == .layerShapeMismatch)
        #expect(failure("Dense(3)(ones((1, 2)), bogus=1)").error?.key == .unknownKeywordHint)
    }

    @Test func matrixProduct() throws {
        #expect(try run("array([[1, 2], [3, 4]]) @ array([[5], [6]])") == "array([[17],\n       [39]])\n")
        #expect(try run("array([1.0, 2.0]) @ array([3.0, 4.0])") == "11.0\n")
        #expect(failure("ones((2, 3)) @ ones((2, 3))").error?.key == .matmulShapes)
    }

    @Test func environmentVariables() throws {
        #expect(try run("env('CNNSH_SURELY_UNSET_VARIABLE', 'fallback')") == "'fallback'\n")
        #expect(try run("env('CNNSH_SURELY_UNSET_VARIABLE') is None") == "True\n")
    }
}
