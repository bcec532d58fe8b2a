import Testing
import DLRuntime
@testable import Lang

/// confusion_matrix and classification_report against scikit-learn's own output (recorded
/// from scikit-learn 1.7 on the same inputs) and report 001's published figures.
@Suite struct MetricsTests {
    @Test func reportOneFiguresComeOutOfItsConfusionMatrix() throws {
        let src = """
        y_true = array([0] * 1496 + [1] * 1441)
        y_pred = array([0] * 977 + [1] * 519 + [0] * 146 + [1] * 1295)
        print(confusion_matrix(y_true, y_pred))
        print(classification_report(y_true, y_pred, target_names=["cat", "dog"]), end="")
        """
        #expect(try run(src) == """
        [[ 977  519]
         [ 146 1295]]
                      precision    recall  f1-score   support

                 cat       0.87      0.65      0.75      1496
                 dog       0.71      0.90      0.80      1441

            accuracy                           0.77      2937
           macro avg       0.79      0.78      0.77      2937
        weighted avg       0.79      0.77      0.77      2937

        """)
    }

    @Test func layoutMatchesScikitLearnForDigitsAndNames() throws {
        let setup = "y_true = [0,0,0,1,1,2,2,2,2,2]\ny_pred = [0,1,0,1,1,2,0,2,2,1]\n"
        #expect(try run(setup + "print(classification_report(y_true, y_pred, digits=3), end='')") ==
            "              precision    recall  f1-score   support\n\n           0      0.667     0.667     0.667         3\n           1      0.500     1.000     0.667         2\n           2      1.000     0.600     0.750         5\n\n    accuracy                          0.700        10\n   macro avg      0.722     0.756     0.694        10\nweighted avg      0.800     0.700     0.708        10\n")
        #expect(try run(setup + "print(classification_report(y_true, y_pred, target_names=['airplane','automobile','bird']), end='')") ==
            "              precision    recall  f1-score   support\n\n    airplane       0.67      0.67      0.67         3\n  automobile       0.50      1.00      0.67         2\n        bird       1.00      0.60      0.75         5\n\n    accuracy                           0.70        10\n   macro avg       0.72      0.76      0.69        10\nweighted avg       0.80      0.70      0.71        10\n")
        // Columns sum to 1 (scikit-learn gives the same values in float64).
        #expect(try run(setup + "confusion_matrix(y_true, y_pred, normalize='pred')") ==
            "array([[0.6666667 , 0.25      , 0.        ],\n       [0.        , 0.5       , 0.        ],\n       [0.33333334, 0.25      , 1.        ]])\n")
        #expect(failure(setup + "classification_report(y_true, y_pred, target_names=['a', 'b'])").error?.key == .targetNamesCount)
        #expect(failure(setup + "confusion_matrix(y_true, y_pred, normalize='rows')").error?.key == .unknownNormalize)
        #expect(failure("confusion_matrix([0, 1], [1])").error?.key == .sampleCountMismatch)
    }

    @Test func probabilitiesOneHotAndModelsAreAcceptedDirectly() throws {
        // Sigmoid outputs threshold at 0.5; one-hot and softmax rows take their arg-max.
        #expect(try run("confusion_matrix(array([[1], [0], [1]]), array([[0.9], [0.6], [0.2]]))") == "array([[0, 1],\n       [1, 1]])\n")
        #expect(try run("confusion_matrix(array([[0, 1], [1, 0]]), array([[0.3, 0.7], [0.2, 0.8]]))") == "array([[0, 1],\n       [0, 1]])\n")
        // A model and data: sigmoid(x0) > 0.5 exactly when x0 > 0.
        let src = """
        m = seq(input((2,)), dense(1, activation=sigmoid))
        m.set_weights([array([[1.0], [0.0]]), array([0.0])])
        x = array([[1.0, 0.0], [-1.0, 0.0], [2.0, 0.0], [-3.0, 1.0]])
        confusion_matrix(m, x, array([1, 0, 0, 1]))
        """
        #expect(try run(src) == "array([[1, 1],\n       [1, 1]])\n")
        #expect(failure("m = seq(input((2,)), dense(1))\nm.set_weights([zeros((3, 1)), zeros(1)])").error?.key == .weightShapeMismatch)
    }
}
