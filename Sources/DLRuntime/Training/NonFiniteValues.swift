/// Where a NaN or an infinity first appeared when training goes wrong: the input batch, a
/// layer's output, the loss, or a gradient. `fit` stops there and keeps the weights from
/// before the batch, moving statistics included.
extension Model {
    /// True when every value is finite. (x - x is NaN exactly for NaN and ±inf, and a sum
    /// with a NaN in it stays NaN: one pass that vectorises, no branch per value.)
    static func allFinite(_ values: [Float]) -> Bool {
        var s: Float = 0
        values.withUnsafeBufferPointer { for v in $0 { s += v - v } }
        return s == 0
    }

    /// The statistics a training forward pass changes (batch normalisation's moving mean
    /// and variance), to put back when the batch is not applied.
    func movingStatistics() -> [(Parameter, [Float])] {
        parameters.filter { !$0.trainableByDefault }.map { ($0, $0.value.data) }
    }

    static func restore(_ saved: [(Parameter, [Float])]) {
        for (p, values) in saved { p.value.data = values }
    }

    /// Words for where a batch's non-finite loss came from: the batch's own samples, the
    /// first layer whose output holds one, or else the loss itself.
    func sourceOfNonFiniteLoss(batch: Tensor, rows: ArraySlice<Int>) -> String {
        let perSample = batch.count / max(batch.shape[0], 1)
        if let i = (0..<batch.shape[0]).first(where: { s in !Self.allFinite(Array(batch.data[(s * perSample)..<((s + 1) * perSample)])) }) {
            return Catalog.text(.nonFiniteInInput, rows[rows.startIndex + i])
        }
        let saved = movingStatistics()
        defer { Self.restore(saved) }
        var culprit: Int?
        forEachValue(batch, training: true) { i, y in
            if culprit == nil && !Self.allFinite(y.data) { culprit = i }
        }
        if let culprit { return Catalog.text(.nonFiniteInLayer, layers[culprit].name, layers[culprit].typeName) }
        return Catalog.text(.nonFiniteInLoss)
    }

    /// The first trainable parameter, in layer order, whose gradient holds a NaN or an
    /// infinity: (layer name, parameter name).
    func firstNonFiniteGradient() -> (layer: String, parameter: String)? {
        for layer in layers {
            for p in layer.parameters where p.trainable && !Self.allFinite(p.grad.data) { return (layer.name, p.name) }
        }
        return nil
    }
}
