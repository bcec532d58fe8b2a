/// The arithmetic behind one built layer, for `explain`: where its output shape comes
/// from, how its parameter count arises, and what its forward pass costs.
public struct LayerArithmetic {
    /// How the output's spatial size follows from the input (convolution and pooling), or nil.
    public var shapeReason: String?
    /// The parameter count as a sum: `3*3*1*32 weights + 32 biases = 320`; nil for none.
    public var parameterFormula: String?
    /// Floating-point operations of the forward pass for one sample (a multiply-add is two).
    public var flops: Int

    public init(_ layer: Layer) {
        let outputs = layer.outputShape.reduce(1, *)
        let inputs = layer.inputShape.reduce(1, *)
        shapeReason = nil
        parameterFormula = nil
        flops = 0
        switch layer {
        case let conv as Conv2D:
            let (h, w, c) = (conv.inputShape[0], conv.inputShape[1], conv.inputShape[2])
            shapeReason = Self.windowReason(input: (h, w), window: conv.kernel, stride: conv.stride, padding: conv.padding,
                                            output: (conv.outputShape[0], conv.outputShape[1]))
            let weights = "\(conv.kernel.h)*\(conv.kernel.w)*\(c)*\(conv.filters)"
            parameterFormula = Self.sum(weights: weights, biases: conv.useBias ? conv.filters : nil, total: conv.parameterCount)
            flops = 2 * conv.kernel.h * conv.kernel.w * c * outputs + (conv.useBias ? outputs : 0) + Self.activationCost(conv.activation, outputs)
        case let sep as SeparableConv2D:
            let d = sep.depthwise, c = sep.inputShape[2], m = d.multiplier
            shapeReason = Self.windowReason(input: (sep.inputShape[0], sep.inputShape[1]), window: d.kernel, stride: d.stride,
                                            padding: d.padding, output: (sep.outputShape[0], sep.outputShape[1]))
            let weights = "\(d.kernel.h)*\(d.kernel.w)*\(c)*\(m) + \(c * m)*\(sep.filters)"
            parameterFormula = Self.sum(weights: weights, biases: sep.useBias ? sep.filters : nil, total: sep.parameterCount)
            let mid = d.outputShape.reduce(1, *)
            flops = 2 * d.kernel.h * d.kernel.w * mid + 2 * c * m * outputs + Self.activationCost(sep.activation, outputs)
        case let dw as DepthwiseConv2D:
            let c = dw.inputShape[2]
            shapeReason = Self.windowReason(input: (dw.inputShape[0], dw.inputShape[1]), window: dw.kernel, stride: dw.stride,
                                            padding: dw.padding, output: (dw.outputShape[0], dw.outputShape[1]))
            parameterFormula = Self.sum(weights: "\(dw.kernel.h)*\(dw.kernel.w)*\(c)*\(dw.multiplier)", biases: dw.useBias ? c * dw.multiplier : nil,
                                        total: dw.parameterCount)
            // Each output reads one channel's window: no sum over channels.
            flops = 2 * dw.kernel.h * dw.kernel.w * outputs + (dw.useBias ? outputs : 0) + Self.activationCost(dw.activation, outputs)
        case let merge as ElementwiseMerge:
            flops = (merge.inputShapes.count - 1) * outputs
        case let nested as ModelLayer:
            parameterFormula = grouped(nested.parameterCount)
            flops = nested.model.layers.reduce(0) { $0 + LayerArithmetic($1).flops }
        case let dense as Dense:
            parameterFormula = Self.sum(weights: "\(inputs)*\(dense.units)", biases: dense.useBias ? dense.units : nil, total: dense.parameterCount)
            flops = 2 * inputs * dense.units + (dense.useBias ? dense.units : 0) + Self.activationCost(dense.activation, outputs)
        case let pool as Pooling2D:
            shapeReason = Self.windowReason(input: (pool.inputShape[0], pool.inputShape[1]), window: pool.pool, stride: pool.stride,
                                            padding: pool.padding, output: (pool.outputShape[0], pool.outputShape[1]))
            flops = pool.pool.h * pool.pool.w * outputs
        case is GlobalPooling2D:
            flops = inputs
        case let bn as BatchNormalization:
            let c = bn.inputShape.last ?? 0
            parameterFormula = Catalog.text(.explainBatchNormParams, c, bn.parameterCount, bn.parameters.count,
                                            bn.parameters.map(\.name).joined(separator: ", "))
            flops = 2 * inputs
        case let act as ActivationLayer:
            flops = Self.activationCost(act.activation, outputs)
        default:
            // Flatten and Dropout move or mask values at inference: no arithmetic.
            flops = 0
        }
    }

    static func sum(weights: String, biases: Int?, total: Int) -> String {
        if let biases { return Catalog.text(.explainWeightsBiases, weights, biases, grouped(total)) }
        return Catalog.text(.explainWeightsOnly, weights, grouped(total))
    }

    /// Keras's output-size rule along both axes, written out with the numbers.
    static func windowReason(input: (Int, Int), window: (h: Int, w: Int), stride: (h: Int, w: Int), padding: Padding,
                             output: (Int, Int)) -> String {
        func axis(_ n: Int, _ k: Int, _ s: Int, _ out: Int) -> String {
            padding == .valid ? "(\(n) - \(k)) / \(s) + 1 = \(out)" : "ceil(\(n) / \(s)) = \(out)"
        }
        let rows = axis(input.0, window.h, stride.h, output.0)
        let columns = axis(input.1, window.w, stride.w, output.1)
        let both = rows == columns ? rows : rows + ", " + columns
        return Catalog.text(padding == .valid ? .explainValid : .explainSame, both)
    }

    /// About one operation per value for the cheap activations, a few for the exponentials.
    static func activationCost(_ a: Activation, _ n: Int) -> Int {
        switch a {
        case .linear: return 0
        case .relu, .leakyRelu, .step: return n
        default: return 4 * n
        }
    }
}

extension Model {
    /// `explain(model)`: each layer's output shape with the arithmetic behind it, its
    /// parameter count written as a sum, and its forward cost; then the totals.
    public func explainText(batch: Int = KerasDefaults.batchSize) throws -> String {
        guard isBuilt, let input = inputShape else { throw CnnError(.summaryNeedsBuild, name) }
        var lines = [Catalog.text(.explainHeader, name, kerasShape(input))]
        var totalFlops = 0
        for layer in layers {
            let a = LayerArithmetic(layer)
            totalFlops += a.flops
            lines.append("")
            lines.append("\(layer.name) (\(layer.typeName)) -> \(kerasShape(layer.outputShape))")
            if let r = a.shapeReason { lines.append("    " + Catalog.text(.explainShapeLine, r)) }
            lines.append("    " + Catalog.text(.explainParamsLine, a.parameterFormula ?? "0"))
            if a.flops > 0 { lines.append("    " + Catalog.text(.explainFlopsLine, readableFlops(a.flops))) }
        }
        lines.append("")
        lines.append(Catalog.text(.explainTotals, grouped(parameterCount), grouped(trainableCount), readableFlops(totalFlops)))
        // Training costs about three forward passes: the forward itself, then the gradients
        // with respect to the inputs and to the weights, each about as costly.
        lines.append(Catalog.text(.explainTrainingStep, batch, readableFlops(3 * batch * totalFlops)))
        return lines.joined(separator: "\n") + "\n"
    }
}

/// 411264 -> "411.3 K", in FLOP.
public func readableFlops(_ n: Int) -> String {
    let units = ["", " K", " M", " G", " T"]
    var v = Double(n), u = 0
    while v >= 1000 && u < units.count - 1 { v /= 1000; u += 1 }
    return (u == 0 ? "\(n)" : String(format: "%.1f", v) + units[u]) + " FLOP"
}
