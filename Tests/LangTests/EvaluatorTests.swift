import Foundation
import Testing
import DLRuntime
@testable import Lang

@Suite struct EvaluatorTests {
    @Test func pythonValuesPrintAsPythonPrintsThem() throws {
        #expect(try run("print(1, 2.5, 'a', [1, 'b'], (3,), None, True, 1e-7, 7 / 2, 7 // 2, 2 ** 10)")
                == "1 2.5 a [1, 'b'] (3,) None True 1e-07 3.5 3 1024\n")
        #expect(try run("zeros((2, 3)).shape") == "(2, 3)\n")
        #expect(try run("print(zeros(3))") == "[0. 0. 0.]\n")
        #expect(try run("print(array([[1, 2], [3, 4]]))") == "[[1 2]\n [3 4]]\n")
        #expect(try run("array([0.5, 1.25])") == "array([0.5 , 1.25])\n")
    }

    @Test func toCategoricalIsKerasNameForOneHot() throws {
        #expect(try run("print(to_categorical(array([2, 0]), 3))") == "[[0. 0. 1.]\n [1. 0. 0.]]\n")
        #expect(try run("print(to_categorical(array([1, 0])).shape)") == "(2, 2)\n")
    }

    @Test func arithmeticBroadcastsLikeNumPy() throws {
        #expect(try run("print(array([[1, 2], [3, 4]]) * array([10, 100]))") == "[[ 10 200]\n [ 30 400]]\n")
        #expect(try run("print(array([0, 127, 255]) / 255 * 255)") == "[  0. 127. 255.]\n")
        #expect(try run("print((array([1, 2, 3]) > 1).sum() if False else sum(array([1, 2, 3]) > 1))") == "2\n")
        let (e, _) = failure("zeros((2, 3)) + zeros((4,))")
        #expect(e?.key == .broadcastMismatch)
    }

    @Test func indexingAndSlicing() throws {
        #expect(try run("x = arange(24).reshape(2, 3, 4)\nprint(x[1, 2, 3], x[:, 0, 0], x[-1][0][1:3], x[:1].shape, x[:, :, 0].shape)")
                == "23 [ 0 12] [13 14] (1, 3, 4) (2, 3)\n")
        #expect(try run("v = [1, 2, 3, 4]\nprint(v[-1], v[1:3], v[::-1])") == "4 [2, 3] [4, 3, 2, 1]\n")
        #expect(try run("m = zeros((2, 2))\nm[1][0] = 7\nm[0, 1] = 3\nprint(m)") == "[[0. 3.]\n [7. 0.]]\n")
        let (e, text) = failure("v = [1, 2]\nv[5]")
        #expect(e?.key == .indexOutOfRange)
        #expect(text.hasPrefix("test.cnn:2:"))
    }

    @Test func functionsLoopsAndScopes() throws {
        let src = """
        total = 0
        def add(a, b=10):
            c = a + b
            return c
        for i in range(3):
            total += add(i)
        n = 0
        while n < 5:
            n += 1
            if n == 3:
                break
        print(total, n)
        """
        #expect(try run(src) == "33 3\n")
        #expect(failure("plus(1)").error?.key == .unknownName)
        #expect(failure("def f(a):\n    return a\nf(1, 2)").error?.key == .tooManyArguments)
        #expect(failure("def f():\n    return f()\nf()").error?.key == .recursionTooDeep)
    }

    @Test func dictsAndHistoryStyleAccess() throws {
        #expect(try run("d = {'loss': [0.5, 0.25]}\nd['val_loss'] = [1]\nprint(d['loss'][-1], list(d.keys()), len(d))")
                == "0.25 ['loss', 'val_loss'] 2\n")
        #expect(failure("d = {'a': 1}\nd['b']").error?.key == .keyNotFound)
    }

    @Test func unknownNamesSuggestTheNearest() {
        let (e, text) = failure("m = dense2d(10)")
        #expect(e?.key == .unknownNameSuggest)
        #expect(text.contains("unknown name 'dense2d' — did you mean 'dense'?"))
        #expect(failure("x = zeros(3)\nx.resahpe(3)").error?.message.contains("did you mean 'reshape'") == true)
    }

    @Test func wrongArgumentsAreExplained() {
        #expect(failure("conv('a', 3)").error?.message == "conv(): 'filters' must be an integer, not str")
        #expect(failure("dense(10, activaton=relu)").error?.message.contains("did you mean 'activation'") == true)
        #expect(failure("zeros((2, 3), 1, 2)").error?.key == .tooManyArguments)
        #expect(failure("zeros((10**6, 10**6))").error?.key == .arrayTooLarge)
        #expect(failure("zeros(-1)").error?.key == .wrongArgumentType)
    }

    /// Numbers past Int's range never crash: they turn into floats or clear errors.
    @Test func hugeNumbersAreHandled() throws {
        #expect(try run("2 ** 100") == "1.2676506002282294e+30\n")
        #expect(failure("int(1e30)").error?.key == .noIntegerValue)
        #expect(failure("round(float('inf'))").error?.key == .noIntegerValue)
        #expect(failure("r = range(10**15)").error?.key == .arrayTooLarge)
        #expect(try run("print(array([10**10]) ** 5)") == "[inf]\n")
    }

    @Test func threadCountIsCheckedAndSet() throws {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        #expect(try run("threads(1)") == "1\n")
        #expect(try run("threads(\(cores))") == "\(cores)\n")
        #expect(failure("threads(0)").error?.key == .threadsOutOfRange)
        #expect(failure("threads(\(cores + 1))").error?.key == .threadsOutOfRange)
    }

    @Test func notebookStyleModuleNames() throws {
        #expect(try run("np.zeros(2).shape") == "(2,)\n")
        #expect(try run("m = keras.models.Sequential([keras.layers.Dense(3, input_shape=(4,))])\nm.count_params()") == "15\n")
        #expect(try run("tf.keras.utils.to_categorical(array([0, 2]), 3)") == "array([[1., 0., 0.],\n       [0., 0., 1.]])\n")
    }
}

/// Statements that asked for more than the machine has, or ran without end; each is now an
/// error and the session goes on (issue 8; found by hand and by `scripts/fuzz`).
@Suite struct EvaluatorLimitTests {
    @Test func repetitionTooLargeIsRefused() {
        #expect(failure("x = 'ab' * 10**12").error?.key == .valueTooLarge)
        #expect(failure("x = [0] * 10**12").error?.key == .valueTooLarge)
        #expect(failure("x = 10**12 * [0, 1]").error?.key == .valueTooLarge)
        #expect(failure("x = zeros((10**6, 10**6))").error?.key == .arrayTooLarge)
    }

    @Test func stepBudgetEndsEndlessLoops() throws {
        for program in ["while True:\n    pass", "x = [i for i in range(5000)]", "def f(n):\n    return 1\nfor i in range(5000):\n    f(i)"] {
            let interpreter = Interpreter(output: TextBuffer())
            interpreter.maxSteps = 1000
            do {
                try interpreter.run(program, file: "<t>")
                Issue.record("\(program) ran to its end")
            } catch let e as CnnError {
                #expect(e.key == .stepLimit, "\(program)")
            }
        }
    }

    @Test func sandboxHasNoFileBuiltins() {
        let sandbox = BuiltinTable.standard.withoutFileAccess()
        for name in ["save", "load_model", "load_mnist", "load_cifar10", "image_folder", "plot", "model_checkpoint", "VGG16"] {
            #expect(sandbox[name] == nil, "\(name)")
        }
        #expect(sandbox["zeros"] != nil && sandbox["fit"] != nil)
    }
}
