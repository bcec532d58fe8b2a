import Foundation
import Synchronization
import Testing
@testable import DLRuntime

/// The course networks, built from the runtime alone (no parser in sight).
enum CourseNets {
    /// net_1 as reports 002/003 build it: maxpool 2x2 with its default stride.
    static func net1(pool: Pooling2D = Pooling2D(pool: (2, 2)), classes: Int = 10) -> Model {
        Model(layers: [
            Conv2D(filters: 32, kernel: (3, 3), padding: .same, activation: .relu),
            Conv2D(filters: 64, kernel: (3, 3), padding: .same, activation: .relu),
            pool, Flatten(),
            Dense(units: 128, activation: .relu), Dense(units: classes, activation: .softmax),
        ])
    }

    /// Report 001's cats-vs-dogs model, as its parameter counts reconstruct it.
    static func catsVsDogs() -> Model {
        var layers: [Layer] = []
        for filters in [32, 64, 128] {
            layers += [Conv2D(filters: filters, kernel: (3, 3), activation: .relu), BatchNormalization(),
                       Pooling2D(pool: (2, 2)), Dropout(rate: 0.25)]
        }
        layers += [Flatten(), Dense(units: 512, activation: .relu), BatchNormalization(), Dropout(rate: 0.5),
                   Dense(units: 1, activation: .sigmoid)]
        return Model(layers: layers)
    }

    static func net2(classes: Int = 10) -> Model {
        Model(layers: [
            Conv2D(filters: 32, kernel: (3, 3), padding: .same, activation: .relu),
            Conv2D(filters: 64, kernel: (3, 3), stride: (2, 2), padding: .same, activation: .relu),
            Flatten(), Dense(units: 128, activation: .relu), Dense(units: classes, activation: .softmax),
        ])
    }
}

@Suite struct ModelTests {
    @Test func parameterCountsMatchTheReports() throws {
        let a = CourseNets.net1(); try a.build(inputShape: [28, 28, 1])
        #expect(a.parameterCount == 1_625_866)
        let b = CourseNets.net1(); try b.build(inputShape: [32, 32, 3])
        #expect(b.parameterCount == 2_117_962)
        // Report 000: pooling with stride 1 and "same" keeps 28x28x64, so Dense(128) has 6,422,656.
        let c = CourseNets.net1(pool: Pooling2D(pool: (2, 2), stride: (1, 1), padding: .same)); try c.build(inputShape: [28, 28, 1])
        #expect(c.parameterCount == 6_442_762)
        #expect(c.layers[4].parameterCount == 6_422_656)
        let d = CourseNets.net2(); try d.build(inputShape: [28, 28, 1])
        #expect(d.parameterCount == 1_625_866)
        #expect(d.layers.map(\.parameterCount) == [320, 18_496, 0, 1_605_760, 1_290])
    }

    @Test func reportOneCatsVsDogsCounts() throws {
        let m = CourseNets.catsVsDogs(); try m.build(inputShape: [128, 128, 3])
        #expect(m.parameterCount == 12_942_273)
        #expect(m.trainableCount == 12_940_801)
        #expect(m.parameterCount - m.trainableCount == 1_472)
        #expect(m.layers[11].outputShape == [14, 14, 128])
        let summary = try m.summaryText()
        #expect(summary.contains("Total params: 12,942,273"))
        #expect(summary.contains("Non-trainable params: 1,472"))
        // Names depend on how many layers other tests made before (one process-wide
        // counter, as in Keras), so count the type column instead.
        #expect(summary.components(separatedBy: "(BatchNormalization)").count - 1 == 4)
        #expect(summary.components(separatedBy: "(Dropout)").count - 1 == 4)
    }

    @Test func summaryHasKerasLayout() throws {
        NameScope.reset()
        let m = CourseNets.net2()
        try m.build(inputShape: [28, 28, 1])
        let text = try m.summaryText()
        let expected = """
        Model: "sequential"
        _________________________________________________________________
         Layer (type)                Output Shape              Param #
        =================================================================
         conv2d (Conv2D)             (None, 28, 28, 32)        320

         conv2d_1 (Conv2D)           (None, 14, 14, 64)        18496

         flatten (Flatten)           (None, 12544)             0

         dense (Dense)               (None, 128)               1605760

         dense_1 (Dense)             (None, 10)                1290
        =================================================================
        Total params: 1,625,866 (6.20 MB)
        Trainable params: 1,625,866 (6.20 MB)
        Non-trainable params: 0 (0.00 B)
        _________________________________________________________________

        """
        #expect(text == expected)
    }

    /// Each session (thread) numbers its own layers: another thread making layers all the
    /// while must not shift this one's names.
    @Test func layerNamesAreNotShiftedByOtherThreads() throws {
        final class Stop: Sendable { let flag = Atomic<Bool>(false) }
        let stop = Stop()
        let other = Thread { while !stop.flag.load(ordering: .relaxed) { _ = NameScope.unique("conv2d") } }
        other.start()
        defer { stop.flag.store(true, ordering: .relaxed) }
        NameScope.reset()
        let names = (0..<500).map { _ in usleep(20); return NameScope.unique("conv2d") }
        #expect(names == ["conv2d"] + (1..<500).map { "conv2d_\($0)" })
    }

    @Test func shapeMismatchIsReportedAtBuildNamingTheLayer() throws {
        NameScope.reset()
        let m = Model(layers: [Conv2D(filters: 4, kernel: (3, 3)), Dense(units: 3)])
        let e = expectError(.layerShapeMismatch) { try m.build(inputShape: [8, 8, 1]) }
        #expect(e?.message.contains("dense") == true)
        #expect(e?.message.contains("(None, 6, 6, 4)") == true)
        #expect(e?.message.contains("Flatten") == true)
    }

    @Test func layerNamesFollowKeras() {
        #expect(kerasSnakeCase("MaxPooling2D") == "max_pooling2d")
        #expect(kerasSnakeCase("Conv2D") == "conv2d")
        #expect(kerasSnakeCase("BatchNormalization") == "batch_normalization")
    }
}
