import Foundation
import Testing

/// The report examples in quick mode: each runs from a clean start on the bundled sample
/// and prints the figures the report explains.
@Suite struct ExampleTests {
    /// Whether the data folder (as cnnsh finds it) holds `relative`: the examples that need a
    /// full data set are checked for their results when it is there, and for the message
    /// that says where to get it when it is not.
    func dataSetPresent(_ relative: String) -> Bool {
        let data = ProcessInfo.processInfo.environment["CNNSH_DATA"].map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".cnnsh/datasets")
        return FileManager.default.fileExists(atPath: data.appendingPathComponent(relative).path)
    }

    /// A fresh temporary folder for an example's files (the caller removes it).
    func scratchFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cnnsh-example-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// An example in quick mode from the examples folder, writing its files under `scratch`.
    func runExample(_ script: String, scratch: URL) throws -> RunResult {
        try cnnsh([script, "--quick"], environment: ["TMPDIR": scratch.path], in: repositoryRoot.appendingPathComponent("examples"))
    }

    /// The part of an example that needs CIFAR-10: `checks` on a successful run when the data
    /// folder has it, else the run stops with the message that says where to get it.
    func cifarPart(_ r: RunResult, sourceLocation: SourceLocation = #_sourceLocation, _ checks: () -> Void) {
        if dataSetPresent("cifar-10-batches-bin/test_batch.bin") {
            #expect(r.status == 0, "\(r.output)", sourceLocation: sourceLocation)
            checks()
        } else {
            #expect(r.status == 1, sourceLocation: sourceLocation)
            #expect(r.output.contains("CIFAR-10 is not on this machine") && r.output.contains("cifar-10-binary.tar.gz"),
                    sourceLocation: sourceLocation)
        }
    }

    /// Transfer learning: a frozen zoo base under a new top, then the last blocks fine-tuned;
    /// the model saved as a .keras file.
    @Test func fineTuningAPretrainedBase() throws {
        let scratch = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try runExample("finetune_pretrained.cnn", scratch: scratch)
        // MobileNetV2's base at 96x96 (2,257,984 parameters) frozen under a 1,281-parameter top.
        #expect(r.output.contains("Total params: 2,259,265") && r.output.contains("Trainable params: 1,281 "))
        if dataSetPresent("PetImages/Cat") {
            #expect(r.status == 0, "\(r.output)")
            #expect(r.output.contains("train: (90, 96, 96, 3) test: (30, 96, 96, 3)"))
            // Unfrozen from block 13 on: more trainable parameters in the second summary.
            #expect(r.output.contains("fine-tuned: test loss"))
            #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("cats_dogs_mobilenet.keras").path))
        } else {
            #expect(r.status == 1 && r.output.contains("PetImages"))
        }
    }

    @Test func report004TheoryRunsEveryConceptLive() throws {
        let scratch = try scratchFolder()
        defer { try? FileManager.default.removeItem(at: scratch) }
        defer { try? FileManager.default.removeItem(at: scratch) }
        let r = try runExample("report_004_theory.cnn", scratch: scratch)
        #expect(r.status == 0, "\(r.output)")
        let out = r.output
        // Convolution of the 5x5 image by the 3x3 filter, by hand and by a Conv2D layer.
        #expect(out.contains("array([[4, 3, 4],\n       [2, 4, 3],\n       [2, 3, 4]])"))
        #expect(out.contains("layer == conv2d: True"))
        // Pooling on the report's 2x2 example, and the global poolings.
        #expect(out.contains("max of [1, 3, 2, 4]: [[4]]") && out.contains("mean of [1, 3, 2, 4]: [[2.5]]"))
        #expect(out.contains("global max per channel: [[30. 31.]]"))
        // Dropout drops while training only, and scales the survivors by 1 / (1 - rate).
        #expect(out.contains("scaled to 1.25; inference keeps 20") && out.contains("scaled to 2.00; inference keeps 20"))
        // Adam's first step computed by hand equals the optimizer's.
        let adam = out.split(separator: "\n").first { $0.hasPrefix("gradient -8.0, by hand w = ") }
        let values = adam.map { $0.split(separator: " ").compactMap { Double($0.trimmingCharacters(in: CharacterSet(charactersIn: ","))) } } ?? []
        #expect(values.count == 3 && values[1] == values[2] && abs(values[1] - 0.501) < 1e-9, "\(adam ?? "no Adam line")")
        // Each callback acted: the custom one printed, the scheduler halved the rate, the
        // logger and the checkpoint wrote their files.
        #expect(out.contains("my callback: epoch 1 ended with val_loss"))
        #expect(out.contains("LearningRateScheduler halving each epoch: [0.0005, 0.00025, 0.000125]"))
        #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("report004-training.csv").path))
        #expect(FileManager.default.fileExists(atPath: scratch.appendingPathComponent("report004-best.cnnsh").path))
        // The report's Keras example: 784-64-64-10 has 55,050 parameters and learns.
        #expect(out.contains("Total params: 55,050"))
        let line = out.split(separator: "\n").first { $0.hasPrefix("Test accuracy: ") }
        let accuracy = line.flatMap { Double($0.dropFirst("Test accuracy: ".count)) } ?? 0
        #expect(accuracy > 0.6, "test accuracy \(accuracy)")
    }

    /// Report 001: the backpropagation step and the model need no data; the photos come from
    /// PetImages in the data folder when it is there, and without it the script says where
    /// to get them.
    @Test func report001CatsVsDogs() throws {
        let r = try cnnsh(["report_001_cats_vs_dogs.cnn", "--quick"], in: repositoryRoot.appendingPathComponent("examples"))
        let out = r.output
        #expect(out.contains("sum: 7.83\n  b3: 0 -> 0.78"))
        #expect(out.contains("sum: 1.69\n  b3: 0 -> 0.17"))
        #expect(out.contains("b3 after one SGD step: 0.78"))
        #expect(out.contains("Total params: 12,942,273") && out.contains("Trainable params: 12,940,801")
                && out.contains("Non-trainable params: 1,472"))
        if dataSetPresent("PetImages/Cat") {
            #expect(r.status == 0, "\(out)")
            #expect(out.contains("Found 200 images belonging to 2 classes: Cat=0 (100), Dog=1 (100)"))
            #expect(out.contains("train (150, 128, 128, 3) test (50, 128, 128, 3) test cats 25 test dogs 25"))
            #expect(out.contains("precision    recall  f1-score   support"))
            #expect(out.contains("class: 0 name= cat") || out.contains("class: 1 name= dog"))
        } else {
            #expect(r.status == 1)
            #expect(out.contains("the folder 'PetImages' does not exist") && out.contains("Kaggle Cats and Dogs Dataset"))
        }
    }

    /// Report 003 in quick mode: the student's functions pass the notebook's tests, the
    /// summaries give the report's parameter counts, and every run ends in a test score.
    /// MNIST comes from the bundled sample; CIFAR-10 from the data folder when it is there.
    @Test func report003NotebookSteps() throws {
        let r = try cnnsh(["report_003_tarea3.cnn", "--quick"], in: repositoryRoot.appendingPathComponent("examples"))
        let out = r.output
        #expect(out.components(separatedBy: "Tests passed.").count - 1 == 2)
        #expect(out.components(separatedBy: "Total params: 1,625,866").count - 1 == 2)
        #expect(out.contains("net_1 MNIST Test accuracy:") && out.contains("net_2 MNIST Test accuracy:"))
        cifarPart(r) {
            #expect(out.contains("Total params: 2,117,962"))
            for name in ["adam", "adagrad", "adadelta"] { #expect(out.contains("net_1 CIFAR-10 \(name): Test loss")) }
        }
    }

    /// Report 000 in quick mode: the report's stride-1 pooling gives net_1 6,442,762
    /// parameters on MNIST (8,409,418 on CIFAR-10), net_2 1,625,866 (2,117,962), and every
    /// run, early stopping included, ends in a score.
    @Test func report000MaxPoolStudy() throws {
        let r = try cnnsh(["report_000_maxpool_study.cnn", "--quick"], in: repositoryRoot.appendingPathComponent("examples"))
        let out = r.output
        #expect(out.contains("Total params: 6,442,762") && out.contains("Total params: 1,625,866"))
        #expect(out.contains("MNIST net_1 adam: parameters 6442762") && out.contains("MNIST net_2 adam: parameters 1625866"))
        cifarPart(r) {
            #expect(out.contains("CIFAR-10 net_1 adam: parameters 8409418"))
            for name in ["adam", "adadelta", "adagrad"] { #expect(out.contains("CIFAR-10 net_2 \(name): parameters 2117962")) }
            #expect(out.contains("val_loss is lowest at epoch") && out.contains("trained 1 epochs instead of 1"))
        }
    }

    /// Report 002 in quick mode: six timed models, the bar chart of their times, and the
    /// normalized confusion matrices of the best one.
    @Test func report002TimesAndConfusionMatrices() throws {
        let r = try cnnsh(["report_002_tarea3.cnn", "--quick"], in: repositoryRoot.appendingPathComponent("examples"))
        let out = r.output
        #expect(out.components(separatedBy: "Tests passed.").count - 1 == 2)
        #expect(out.contains("Total params: 1,625,866"))
        #expect(out.contains("model A: 1625866 parameters") && out.contains("model B: 1625866 parameters"))
        #expect(out.contains("Test accuracy:"))
        cifarPart(r) {
            #expect(out.contains("Total params: 2,117,962"))
            for label in ["C", "D", "E", "F"] { #expect(out.contains("model \(label): 2117962 parameters")) }
            #expect(out.contains("training time per model (s)"))
            #expect(out.contains("training set (normalized)") && out.contains("validation set (normalized)"))
            #expect(out.contains("on the CIFAR-10 test set: loss"))
        }
        // --models=F trains F alone, from the same seed: the same figures as in the full run.
        let f = try cnnsh(["report_002_tarea3.cnn", "--quick", "--models=F"], in: repositoryRoot.appendingPathComponent("examples"))
        cifarPart(f) {
            let line = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("model F: ") }.map { $0.replacingOccurrences(of: #", [\d.]+ s,"#, with: ",", options: .regularExpression) } }
            #expect(line(f.output) != nil && line(f.output) == line(out))
            #expect(!f.output.contains("model A:") && !f.output.contains("model E:") && f.output.contains("best CIFAR-10 model: F"))
        }
    }
}
