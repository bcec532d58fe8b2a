import DLRuntime
import Render

/// The classroom builtins: a network opened up layer by layer (`explain`, `trace`,
/// `gradcheck`, `show_filters`, `show_activations`) and the sliding-window operations on
/// small matrices (`conv2d`, `maxpool2d`, `avgpool2d`), with their steps written out.
enum TeachingBuiltins {
    /// The layer of `model` a `layer=` argument names: a name, an index (negative counts from
    /// the end), or the layer itself; without one, the first convolution.
    static func layerIndex(_ a: Arguments, _ m: Model, _ name: String) throws -> Int {
        guard let v = a[name] else {
            guard let i = m.layers.firstIndex(where: { $0 is Conv2D }) else { throw CnnError(.teachNoConv, m.name) }
            return i
        }
        switch v {
        case .layer(let box):
            if let i = m.layers.firstIndex(where: { $0 === box.layer }) { return i }
        case .string(let s):
            if let i = m.layers.firstIndex(where: { $0.name == s }) { return i }
        case .int(let i):
            let k = i < 0 ? m.layers.count + i : i
            if m.layers.indices.contains(k) { return k }
        default:
            throw a.fail(name, .typeString, v)
        }
        throw CnnError(.teachNoSuchLayer, v.str, m.name, m.layers.map(\.name).joined(separator: ", "))
    }

    /// One sample for `trace` and `show_activations`: `x` itself when it has the model's
    /// input shape, else the first sample of a batch.
    static func sample(_ m: Model, _ x: Tensor) throws -> Tensor {
        if let s = m.inputShape, x.shape == s { return x }
        guard x.rank >= 1, x.shape[0] > 0 else { throw CnnError(.dataShapeMismatch, pythonShape(x.shape), kerasShape(m.inputShape ?? []), m.name) }
        var first = x.slice(rows: 0..<1)
        first.shape = Array(x.shape.dropFirst())
        return first
    }

    static func steps(_ a: Arguments, _ r: WindowDemos.Result) -> Value {
        if a.bool("steps", false) { Display.write(a, r.steps) }
        return .tensor(TensorBox(r.output))
    }

    static func register(_ t: inout BuiltinTable) {
        t.add("explain", ["model", "batch_size"]) { a in
            let m = try ModelBuiltins.model(a, "model")
            let batch = try LayerBuiltins.positive(a, "batch_size", try a.int("batch_size", KerasDefaults.batchSize))
            a.interp.output.write(try m.explainText(batch: batch))
            return .none
        }
        t.add("trace", ["model", "x"]) { a in
            let m = try ModelBuiltins.model(a, "model")
            a.interp.output.write(try m.traceText(sample: try sample(m, try a.tensor("x"))))
            return .none
        }
        t.add("gradcheck", ["model", "x", "y", "loss", "samples", "step"]) { a in
            let m = try ModelBuiltins.model(a, "model")
            guard let loss = try a["loss"].map({ try ModelBuiltins.lossArgument($0, a) }) ?? m.loss else { throw CnnError(.gradcheckNeedsLoss, m.name) }
            let x = try a.tensor("x"), y = try a.tensor("y")
            guard x.rank >= 1, y.rank >= 1, x.shape[0] == y.shape[0], x.shape[0] > 0 else {
                throw CnnError(.sampleCountMismatch, x.shape.first ?? 0, y.shape.first ?? 0)
            }
            // A few samples are enough to exercise every path, and each nudged value costs
            // two forward passes.
            let n = min(x.shape[0], try LayerBuiltins.positive(a, "samples", try a.int("samples", 4)))
            a.interp.output.write(try m.gradientCheckText(x: x.slice(rows: 0..<n), y: y.slice(rows: 0..<n), loss: loss,
                                                             step: Float(try a.double("step", 1e-3))))
            return .none
        }
        t.add("show_filters", ["model", "layer", "channel", "limit", "file", "width", "columns"]) { a in
            let conv: Conv2D
            if case .layer(let box) = try a.required("model") {
                guard let c = box.layer as? Conv2D else { throw CnnError(.teachNotConv, box.layer.name, box.layer.typeName) }
                conv = c
            } else {
                let m = try ModelBuiltins.model(a, "model")
                let layer = m.layers[try layerIndex(a, m, "layer")]
                guard let c = layer as? Conv2D else { throw CnnError(.teachNotConv, layer.name, layer.typeName) }
                conv = c
            }
            guard let w = conv.parameters.first?.value, w.rank == 4 else { throw CnnError(.summaryNeedsBuild, conv.name) }
            let channel = try a.int("channel", 0)
            guard (0..<w.shape[2]).contains(channel) else { throw CnnError(.teachChannel, channel, conv.name, w.shape[2]) }
            let limit = try LayerBuiltins.positive(a, "limit", try a.int("limit", 64))
            let pictures = FeatureMaps.kernels(w, channel: channel, limit: limit)
            try ImageBuiltins.present(a, pictures, captions: pictures.indices.map(String.init))
            return .none
        }
        t.add("show_activations", ["model", "x", "layer", "limit", "file", "width", "columns"]) { a in
            let m = try ModelBuiltins.model(a, "model")
            let rows = try m.trace(sample: try sample(m, try a.tensor("x")))
            let row = rows[try layerIndex(a, m, "layer")]
            let limit = try LayerBuiltins.positive(a, "limit", try a.int("limit", 64))
            let pictures = FeatureMaps.channels(row.output, limit: limit)
            a.interp.output.write(Catalog.text(.teachActivationsTitle, row.layer, kerasShape(row.shape), pictures.count) + "\n")
            try ImageBuiltins.present(a, pictures, captions: pictures.indices.map(String.init))
            return .none
        }
        t.add("conv2d", ["image", "kernel", "stride", "padding", "steps"]) { a in
            let r = try WindowDemos.convolve(try a.tensor("image"), kernel: try a.tensor("kernel"),
                                             stride: try a.int("stride", 1), padding: try LayerBuiltins.padding(a, .valid))
            return steps(a, r)
        }
        for (name, kind) in [("maxpool2d", PoolKind.max), ("avgpool2d", .average)] {
            t.add(name, ["x", "size", "stride", "padding", "steps"]) { a in
                let r = try WindowDemos.pool(try a.tensor("x"), kind: kind, size: try a.int("size", 2),
                                             stride: a.has("stride") ? try a.int("stride") : nil, padding: try LayerBuiltins.padding(a, .valid))
                return steps(a, r)
            }
        }
    }
}
