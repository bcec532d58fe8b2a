/// Where a NaN or an infinity first appeared when training goes wrong: the input batch, a
/// layer's output, the loss, or a gradient. `fit` stops there and keeps the weights from
/// before the batch, moving statistics included.
extension Model {
    /// The parameters a training forward pass changes (batch normalisation's moving mean
    /// and variance), to put back when a batch is not applied.
    var movingStatistics: [Parameter] { parameters.filter { !$0.trainableByDefault } }

    static func snapshot(_ statistics: [Parameter]) -> [[Float]] { statistics.map(\.value.data) }

    static func restore(_ statistics: [Parameter], _ values: [[Float]]) {
        for (p, v) in zip(statistics, values) { p.value.data = v }
    }

    /// Words for where a batch's non-finite loss came from: the batch's own samples, the
    /// first layer whose output holds one, or else the loss itself.
    func sourceOfNonFiniteLoss(batch: Tensor, rows: ArraySlice<Int>) -> String {
        let perSample = batch.count / max(batch.shape[0], 1)
        if let i = (0..<batch.shape[0]).first(where: { s in !batch.data[(s * perSample)..<((s + 1) * perSample)].allFinite }) {
            return Catalog.text(.nonFiniteInInput, rows[rows.startIndex + i])
        }
        let statistics = movingStatistics, saved = Self.snapshot(statistics)
        defer { Self.restore(statistics, saved) }
        var culprit: Int?
        forEachValue(batch, training: true) { i, y in
            if culprit == nil && !y.allFinite { culprit = i }
        }
        if let culprit { return Catalog.text(.nonFiniteInLayer, layers[culprit].name, layers[culprit].typeName) }
        return Catalog.text(.nonFiniteInLoss)
    }

    /// The trainable parameters' gradients (`\.grad`) or weights (`\.value`), in one pass:
    /// the first parameter, in layer order, holding a NaN or an infinity (layer name,
    /// parameter name), and otherwise the largest magnitude.
    func scan(_ values: KeyPath<Parameter, Tensor>) -> (nonFinite: (layer: String, parameter: String)?, largest: Float) {
        var largest: Float = 0
        for layer in layers {
            for p in layer.parameters where p.trainable {
                let m = p[keyPath: values].largestMagnitude
                if !m.isFinite { return ((layer.name, p.name), m) }
                largest = max(largest, m)
            }
        }
        return (nil, largest)
    }

    /// Whether an optimizer step with these gradients could overflow a weight to infinity in
    /// one go. A weight that grows large but finite is caught by the next batch's loss (its
    /// forward pass overflows), and that batch is not applied; a step straight to infinity
    /// is not, so such a step keeps a copy of the weights to go back to. Only absurd
    /// learning rates or gradients get here (SGD's step is learning rate x gradient; Adam's,
    /// RMSprop's and Adagrad's are bounded by the learning rate), so the copy costs nothing in
    /// a normal run.
    static func updateMayOverflow(learningRate: Float, largestGradient: Float) -> Bool {
        Double(learningRate) * Double(largestGradient) > 1e30
    }
}
