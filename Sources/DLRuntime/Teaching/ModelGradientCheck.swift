import Foundation

/// What `gradcheck` found for one parameter tensor: the largest relative gap between the
/// slope backpropagation predicts and the slope finite differences measure, over a few
/// random directions.
public struct GradientCheckRow {
    public var layer: String
    public var parameter: String
    public var directions: Int
    /// Directions left out because the loss has a kink along them (a ReLU input or a
    /// max-pooling tie within the step): the slopes left and right differ.
    public var kinks: Int
    public var worst: Double
    /// Below this, backprop and finite differences agree to float32's precision.
    public static let tolerance = 1e-2
}

extension Model {
    /// Compares backpropagation's gradient g of the mean loss over (x, y) with central finite
    /// differences. Each trainable tensor w is nudged along random sign vectors r:
    /// (L(w + h r) - L(w - h r)) / 2h should equal g . r. Moving a whole tensor changes the
    /// loss far more than moving one value, so float32 rounding does not swamp the
    /// difference even when single gradients are tiny.
    ///
    /// The model is left as it was: weights, moving statistics and dropout's batch counter
    /// are restored, and dropout draws the same mask for every evaluation.
    public func gradientCheck(x: Tensor, y: Tensor, loss: Loss, directions: Int = 4, step h: Float = 1e-3, seed: UInt64 = 1) throws -> [GradientCheckRow] {
        try ensureBuilt(forData: x)
        try loss.validate(outputShape: outputShape, targets: y)
        let saved = weightSnapshot()
        let dropouts = layers.compactMap { $0 as? Dropout }
        let counters = dropouts.map(\.batchCounter)
        defer {
            restore(weights: saved)
            for (d, c) in zip(dropouts, counters) { d.batchCounter = c }
        }
        let batch = Double(x.shape[0])
        func run() -> Tensor {
            for (d, c) in zip(dropouts, counters) { d.batchCounter = c }
            return forward(x, training: true)
        }
        func meanLoss() -> Double { loss.sum(predictions: run(), targets: y) / batch }

        let p = run()
        let logitGrad = outputActivation.flatMap { loss.logitGradient(predictions: p, targets: y, activation: $0) }
        backward(logitGrad ?? loss.gradient(predictions: p, targets: y), throughLogits: logitGrad != nil)
        let center = meanLoss()
        var random = RandomSource(seed: seed)
        var rows: [GradientCheckRow] = []
        for layer in layers {
            for param in layer.parameters where param.trainable {
                let g = param.grad.data, keep = param.value.data
                var worst = 0.0, kinks = 0
                for _ in 0..<directions {
                    try Interrupt.check()
                    let r = (0..<g.count).map { _ in random.next() & 1 == 0 ? Float(1) : -1 }
                    let predicted = zip(g, r).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
                    param.value.data = zip(keep, r).map { $0 + h * $1 }; let up = meanLoss()
                    param.value.data = zip(keep, r).map { $0 - h * $1 }; let down = meanLoss()
                    param.value.data = keep
                    let right = (up - center) / Double(h), left = (center - down) / Double(h)
                    // Rounding in the float32 forward pass: some float32 epsilons (1.2e-7) of
                    // the loss, divided by h.
                    let noise = 2e-6 * max(abs(center), 1e-3) / Double(h)
                    if abs(right - left) > 0.1 * max(abs(right), abs(left)) + 2 * noise {
                        kinks += 1
                        continue
                    }
                    let measured = (up - down) / Double(2 * h)
                    worst = max(worst, abs(predicted - measured) / max(abs(predicted) + abs(measured), noise))
                }
                rows.append(GradientCheckRow(layer: layer.name, parameter: param.name, directions: directions - kinks, kinks: kinks, worst: worst))
            }
        }
        return rows
    }

    public func gradientCheckText(x: Tensor, y: Tensor, loss: Loss, step: Float = 1e-3) throws -> String {
        let rows = try gradientCheck(x: x, y: y, loss: loss, step: step)
        guard !rows.isEmpty else { throw CnnError(.gradcheckNothing, name) }
        var table = [[Catalog.text(.traceLayer), Catalog.text(.gradcheckParameter), Catalog.text(.gradcheckChecked),
                      Catalog.text(.gradcheckKinks), Catalog.text(.gradcheckWorst), ""]]
        for r in rows {
            table.append([r.layer, r.parameter, "\(r.directions)", "\(r.kinks)", r.directions == 0 ? "-" : String(format: "%.2e", r.worst),
                          r.worst < GradientCheckRow.tolerance ? "ok" : Catalog.text(.gradcheckSuspect)])
        }
        let bad = rows.filter { $0.worst >= GradientCheckRow.tolerance }.count
        return TextTable.render(table, rightAligned: [2, 3, 4]) + "\n"
            + (bad == 0 ? Catalog.text(.gradcheckAllGood, GradientCheckRow.tolerance) : Catalog.text(.gradcheckSomeBad, bad)) + "\n"
    }
}
