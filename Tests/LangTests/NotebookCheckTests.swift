import Testing
@testable import DLRuntime
@testable import Lang

/// Report 000's own functions, almost verbatim, against the notebook's checks (report 002).
@Suite struct NotebookCheckTests {
    let normalize = """
    def normalize_images(images):
        \"\"\"Normalizar las imágenes de entrada.
        \"\"\"
        images = images/255
        return images
    """

    let oneHot = """
    def one_hot(vector, number_classes):
        one_hot = []
        # Para cada muestra en el vector
        for sample in vector:
            one_hot_sample = np.zeros(number_classes)
            one_hot_sample[sample] = 1
            one_hot.append(one_hot_sample)
        return np.array(one_hot)
    """

    @Test func studentsFunctionsPass() throws {
        #expect(try run(normalize + "\ntest_normalize_images(normalize_images)") == "Tests passed.\n")
        #expect(try run(oneHot + "\ntest_one_hot(one_hot)") == "Tests passed.\n")
    }

    @Test func listBasedOneHotOfReport003Passes() throws {
        let src = """
        def one_hot(vector, number_classes):
            one_hot = []
            for i in vector:
                encoding = [0] * number_classes
                encoding[i] = 1
                one_hot.append(encoding)
            return np.array(one_hot)
        test_one_hot(one_hot)
        """
        #expect(try run(src) == "Tests passed.\n")
    }

    @Test func aWrongOneHotIsToldWhatDiffers() {
        let wrong = oneHot.replacingOccurrences(of: "one_hot_sample[sample] = 1", with: "one_hot_sample[0] = 1")
        let (e, _) = failure(wrong + "\ntest_one_hot(one_hot)")
        #expect(e?.message == "one_hot: the value at [1, 0] is 1.0, expected 0.0")
        let (e2, _) = failure("def one_hot(v, k):\n    return [1]\ntest_one_hot(one_hot)")
        #expect(e2?.message == "one_hot must return an array, but returned a list")
        let (e3, _) = failure("def normalize_images(x):\n    return x[:2] / 255\ntest_normalize_images(normalize_images)")
        #expect(e3?.message == "normalize_images returned shape (2,), expected (3,)")
    }

    /// Checked on the table, not by switching the interface language: that is process-wide
    /// and other tests run alongside (the end-to-end tests run `cnnsh --lang es`).
    @Test func spanishCatalogueSpeaksLikeTheReports() throws {
        #expect(Catalog.entries[.testsPassed]?.es == "Pruebas superadas.")
        #expect(Catalog.entries[.unknownNameSuggest]?.es.contains("¿quisiste decir") == true)
    }

    @Test func everyMessageHasBothLanguages() {
        for key in MessageKey.allCases {
            #expect(Catalog.entries[key] != nil, "\(key) has no text")
            #expect(!(Catalog.entries[key]?.es.isEmpty ?? true), "\(key) has no Spanish")
        }
    }
}
