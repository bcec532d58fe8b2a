import Foundation
import Testing
import DLRuntime
@testable import Lang

/// `plot` from the language: histories (one or several) and arrays, to text and SVG.
@Suite struct PlotTests {
    let training = """
    seed(2)
    x = rand(32, 3)
    y = one_hot(argmax(x, axis=1), 3)
    m = seq(input((3,)), dense(3, softmax))
    compile(m, optimizer=adam(learning_rate=0.05), loss='categorical_crossentropy', metrics=['accuracy'])
    h1 = fit(m, x, y, epochs=4, verbose=0, validation_data=(x, y))
    h2 = fit(m, x, y, epochs=4, verbose=0)

    """

    @Test func historyGivesLossAndAccuracyPanelsWithLegends() throws {
        let out = try run(training + "plot(h1, width=30, height=6)")
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.filter { $0.hasSuffix(" loss") && $0.trimmingCharacters(in: .whitespaces) == "loss" }.count == 1)
        #expect(out.contains("━━ loss   ╌╌ val_loss") && out.contains("━━ accuracy   ╌╌ val_accuracy"))
        #expect(out.contains("4  epoch"))
        let several = try run(training + "plot([h1, h2], labels=['first', 'second'], width=30, height=6)")
        #expect(several.contains("━━ first   ╌╌ first val   ━━ second"))
    }

    @Test func svgFilesAndMistakes() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-\(UUID().uuidString).svg").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        _ = try run(training + "plot(h1, file='\(path)')")
        let svg = try String(contentsOfFile: path, encoding: .utf8)
        #expect(svg.components(separatedBy: "<polyline").count - 1 == 4)
        // The same chart as PNG: two panels (loss, accuracy) of 480x340, drawn at twice the size.
        let png = path.replacingOccurrences(of: ".svg", with: ".png")
        defer { try? FileManager.default.removeItem(atPath: png) }
        _ = try run(training + "plot(h1, file='\(png)')")
        let image = try ImageCodec.decode(path: png)
        #expect(image.width == 2 * 960 && image.height == 2 * 340)
        #expect(failure(training + "plot([h1, h2], labels=['only one'])").error?.key == .plotLabelsCount)
        #expect(failure(training + "plot(h1, file='curves.pdf')").error?.key == .plotFileKind)
        #expect(failure(training + "h0 = fit(m, x, y, epochs=0, verbose=0)\nplot(h0)").error?.key == .plotEmptyHistory)
        #expect(failure("plot([1, 2], [1, 2, 3])").error?.key == .plotLengths)
    }
}

@Suite struct PlotConfusionTests {
    @Test func heatMapFromTheLanguageAndItsMistakes() throws {
        let out = try run("plot_confusion(confusion_matrix([0, 0, 1, 1], [0, 1, 1, 1]), labels=['cat', 'dog'])")
        #expect(out.contains("cat │▒   1 ▒   1") && out.contains("dog │    0 █   2"))
        #expect(failure("plot_confusion(zeros((2, 3)))").error?.key == .confusionShape)
        #expect(failure("plot_confusion(zeros((2, 2)), labels=['a'])").error?.key == .targetNamesCount)
    }
}
