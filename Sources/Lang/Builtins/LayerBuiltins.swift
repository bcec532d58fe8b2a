import DLRuntime

/// Layer constructors: the short teaching names (`conv`, `dense`: relu and "same" by
/// default, as the course network uses them) and Keras's classes with Keras's own defaults.
enum LayerBuiltins {
    static let activations: [String: Activation] = Dictionary(uniqueKeysWithValues: Activation.known.map { ($0.name, $0) })

    /// Layers that need no arguments, which `seq` accepts written bare: `seq(..., batchnorm, flatten, ...)`.
    static let bare: [String: @Sendable () -> Layer] = [
        "flatten": { Flatten() }, "Flatten": { Flatten() },
        "batchnorm": { BatchNormalization() }, "BatchNormalization": { BatchNormalization() },
        "global_avgpool": { GlobalPooling2D(.average) }, "GlobalAveragePooling2D": { GlobalPooling2D(.average) },
        "global_maxpool": { GlobalPooling2D(.max) }, "GlobalMaxPooling2D": { GlobalPooling2D(.max) },
        "avgpool": { Pooling2D(.average) }, "maxpool": { Pooling2D(.max) },
    ]

    /// `activation=relu`, `activation='relu'` or `activation=None`.
    static func activation(_ a: Arguments, _ dflt: Activation) throws -> Activation {
        guard let v = a["activation"] else { return a.values["activation"] == nil ? dflt : .linear }
        var name: String
        switch v {
        case .string(let s): name = s.lowercased()
        case .builtin(let b): name = b.name
        // `activation=leaky_relu(alpha=0.1)`: the layer that call made carries the parameter.
        case .layer(let box) where box.layer is ActivationLayer: return (box.layer as! ActivationLayer).activation
        default: throw a.fail("activation", .typeActivation, v)
        }
        guard let act = activations[name == "silu" ? "swish" : name] else {
            let hint = suggest(name, among: Array(activations.keys)).map { Catalog.text(.didYouMean, $0) } ?? ""
            throw CnnError(.unknownActivation, name, activations.keys.sorted().joined(separator: ", "), hint)
        }
        return act
    }

    /// ZeroPadding2D's `padding`: n, (rows, columns) or ((top, bottom), (left, right)), as
    /// [top, bottom, left, right].
    static func paddingAmounts(_ a: Arguments) throws -> [Int] {
        guard let v = a["padding"] else { return [1, 1, 1, 1] }
        if case .int(let n) = v { return Array(repeating: try nonNegative("padding", n), count: 4) }
        let items = try a.interp.iterate(v)
        guard items.count == 2 else { throw a.fail("padding", .typePadding2D, v) }
        var out: [Int] = []
        for item in items {
            switch item {
            case .int(let n): out += [n, n]
            case .tuple, .list:
                let pair = try a.interp.iterate(item)
                guard pair.count == 2, case .int(let x) = pair[0], case .int(let y) = pair[1] else { throw a.fail("padding", .typePadding2D, v) }
                out += [x, y]
            default: throw a.fail("padding", .typePadding2D, v)
            }
        }
        for n in out { _ = try nonNegative("padding", n) }
        return out
    }

    static func padding(_ a: Arguments, _ dflt: Padding) throws -> Padding {
        let s = try a.string("padding", dflt.rawValue).lowercased()
        guard let p = Padding(rawValue: s) else { throw CnnError(.unknownPadding, s) }
        return p
    }

    static func positive(_ a: Arguments, _ name: String, _ v: Int) throws -> Int {
        guard v > 0 else { throw CnnError(.mustBePositive, name, v) }
        return v
    }

    static func nonNegative<T: Comparable & Numeric & CustomStringConvertible>(_ name: String, _ v: T) throws -> T {
        guard v >= 0 else { throw CnnError(.mustBeNonNegative, name, v) }
        return v
    }

    static func positivePair(_ a: Arguments, _ name: String, _ v: (Int, Int)) throws -> (Int, Int) {
        guard v.0 > 0 && v.1 > 0 else { throw CnnError(.mustBePositive, name, "(\(v.0), \(v.1))") }
        return v
    }

    /// Wraps a new layer with its optional `input_shape=` and `name=`.
    static func box(_ layer: Layer, _ a: Arguments) throws -> Value {
        if let n = a["name"] {
            guard case .string(let s) = n else { throw a.fail("name", .typeString, n) }
            layer.name = s
        }
        return .layer(LayerBox(layer, inputShape: a.has("input_shape") ? try a.shape("input_shape") : nil))
    }

    static func register(_ t: inout BuiltinTable) {
        let common = ["input_shape", "name"]
        t.add("conv", ["filters", "kernel", "stride", "padding", "activation"] + common) { a in
            try box(Conv2D(filters: try positive(a, "filters", try a.int("filters")),
                           kernel: try positivePair(a, "kernel", try a.pair("kernel", (3, 3))),
                           stride: try positivePair(a, "stride", try a.pair("stride", (1, 1))),
                           padding: try padding(a, .same), activation: try activation(a, .relu)), a)
        }
        t.add("Conv2D", ["filters", "kernel_size", "strides", "padding", "activation", "use_bias"] + common) { a in
            try box(Conv2D(filters: try positive(a, "filters", try a.int("filters")),
                           kernel: try positivePair(a, "kernel_size", try a.pair("kernel_size")),
                           stride: try positivePair(a, "strides", try a.pair("strides", (1, 1))),
                           padding: try padding(a, .valid), activation: try activation(a, .linear),
                           useBias: a.bool("use_bias", true)), a)
        }
        t.add("maxpool", ["pool", "stride", "padding"] + common) { a in
            let pool = try positivePair(a, "pool", try a.pair("pool", (2, 2)))
            return try box(Pooling2D(pool: pool, stride: a.has("stride") ? try positivePair(a, "stride", try a.pair("stride")) : nil,
                                     padding: try padding(a, .valid)), a)
        }
        t.add("MaxPooling2D", ["pool_size", "strides", "padding"] + common) { a in
            let pool = try positivePair(a, "pool_size", try a.pair("pool_size", (2, 2)))
            return try box(Pooling2D(pool: pool, stride: a.has("strides") ? try positivePair(a, "strides", try a.pair("strides")) : nil,
                                     padding: try padding(a, .valid)), a)
        }
        t.alias("MaxPool2D", "MaxPooling2D")
        t.add("avgpool", ["pool", "stride", "padding"] + common) { a in
            let pool = try positivePair(a, "pool", try a.pair("pool", (2, 2)))
            return try box(Pooling2D(.average, pool: pool, stride: a.has("stride") ? try positivePair(a, "stride", try a.pair("stride")) : nil,
                                     padding: try padding(a, .valid)), a)
        }
        t.add("AveragePooling2D", ["pool_size", "strides", "padding"] + common) { a in
            let pool = try positivePair(a, "pool_size", try a.pair("pool_size", (2, 2)))
            return try box(Pooling2D(.average, pool: pool, stride: a.has("strides") ? try positivePair(a, "strides", try a.pair("strides")) : nil,
                                     padding: try padding(a, .valid)), a)
        }
        t.alias("AvgPool2D", "AveragePooling2D")
        t.add("global_avgpool", common) { a in try box(GlobalPooling2D(.average), a) }
        t.add("global_maxpool", common) { a in try box(GlobalPooling2D(.max), a) }
        t.alias("GlobalAveragePooling2D", "global_avgpool")
        t.alias("GlobalMaxPooling2D", "global_maxpool")
        t.alias("GlobalAvgPool2D", "global_avgpool")
        t.alias("GlobalMaxPool2D", "global_maxpool")
        t.add("dropout", ["rate", "seed", "noise_shape"] + common) { a in
            let rate = try a.double("rate")
            guard rate >= 0 && rate < 1 else { throw CnnError(.dropoutRate, rate) }
            // noise_shape=(None, 1, 1, 1): None stands for the batch axis.
            var noise: [Int]?
            if let v = a["noise_shape"] {
                let items = try a.interp.iterate(v)
                noise = try items.dropFirst().map { item -> Int in
                    guard case .int(let n) = item, n > 0 else { throw a.fail("noise_shape", .typeShape, v) }
                    return n
                }
            }
            return try box(Dropout(rate: Float(rate), seed: a.has("seed") ? UInt64(truncatingIfNeeded: try a.int("seed")) : nil,
                                   noiseShape: noise), a)
        }
        t.alias("Dropout", "dropout")
        t.add("batchnorm", ["axis", "momentum", "epsilon", "center", "scale"] + common) { a in
            let axis = try a.int("axis", -1)
            guard axis == -1 else { throw CnnError(.batchNormAxis, axis) }
            let momentum = try a.double("momentum", Double(KerasDefaults.batchNorm.momentum))
            guard momentum >= 0 && momentum <= 1 else { throw CnnError(.batchNormMomentum, momentum) }
            return try box(BatchNormalization(momentum: Float(momentum),
                                              epsilon: Float(try a.double("epsilon", Double(KerasDefaults.batchNorm.epsilon))),
                                              center: a.bool("center", true), scale: a.bool("scale", true)), a)
        }
        t.alias("BatchNormalization", "batchnorm")
        t.add("ZeroPadding2D", ["padding"] + common) { a in
            let p = try paddingAmounts(a)
            return try box(ZeroPadding2D(top: p[0], bottom: p[1], left: p[2], right: p[3]), a)
        }
        t.add("Rescaling", ["scale", "offset"] + common) { a in
            try box(Rescaling(scale: Float(try a.double("scale")), offset: Float(try a.double("offset", 0))), a)
        }
        t.add("Reshape", ["target_shape"] + common) { a in
            let target = try a.interp.iterate(try a.required("target_shape")).map { v -> Int in
                guard case .int(let n) = v, n > 0 || n == -1 else { throw a.fail("target_shape", .typeShape, v) }
                return n
            }
            return try box(Reshape(target), a)
        }
        t.add("DepthwiseConv2D", ["kernel_size", "strides", "padding", "depth_multiplier", "activation", "use_bias"] + common) { a in
            try box(DepthwiseConv2D(kernel: try positivePair(a, "kernel_size", try a.pair("kernel_size")),
                                    stride: try positivePair(a, "strides", try a.pair("strides", (1, 1))),
                                    padding: try padding(a, .valid), multiplier: try positive(a, "depth_multiplier", try a.int("depth_multiplier", 1)),
                                    activation: try activation(a, .linear), useBias: a.bool("use_bias", true)), a)
        }
        t.add("SeparableConv2D", ["filters", "kernel_size", "strides", "padding", "depth_multiplier", "activation", "use_bias"] + common) { a in
            try box(SeparableConv2D(filters: try positive(a, "filters", try a.int("filters")),
                                    kernel: try positivePair(a, "kernel_size", try a.pair("kernel_size")),
                                    stride: try positivePair(a, "strides", try a.pair("strides", (1, 1))),
                                    padding: try padding(a, .valid), multiplier: try positive(a, "depth_multiplier", try a.int("depth_multiplier", 1)),
                                    activation: try activation(a, .linear), useBias: a.bool("use_bias", true)), a)
        }
        t.alias("SeparableConvolution2D", "SeparableConv2D")
        t.add("Normalization", ["axis", "mean", "variance"] + common) { a in
            guard try a.int("axis", -1) == -1 else { throw CnnError(.batchNormAxis, try a.int("axis")) }
            func floats(_ name: String) throws -> [Float]? { a.has(name) ? try a.tensor(name).data : nil }
            return try box(Normalization(mean: try floats("mean"), variance: try floats("variance")), a)
        }
        MergeBuiltins.register(&t)
        Zoo.register(&t)
        t.add("Flatten", common) { a in try box(Flatten(), a) }
        t.add("dense", ["units", "activation"] + common) { a in
            try box(Dense(units: try positive(a, "units", try a.int("units")), activation: try activation(a, .relu)), a)
        }
        t.add("Dense", ["units", "activation", "use_bias"] + common) { a in
            try box(Dense(units: try positive(a, "units", try a.int("units")), activation: try activation(a, .linear),
                          useBias: a.bool("use_bias", true)), a)
        }
        t.add("Activation", ["activation"] + common) { a in
            guard a.has("activation") else { throw CnnError(.missingArgument, "Activation", "activation") }
            return try box(ActivationLayer(try activation(a, .linear)), a)
        }
        // Keras's activation layer classes.
        t.add("LeakyReLU", ["negative_slope", "alpha"] + common) { a in
            let slope = try a.double("negative_slope", try a.double("alpha", Double(KerasDefaults.leakyReluSlope)))
            return try box(ActivationLayer(.leakyRelu(alpha: Float(try nonNegative("negative_slope", slope))), typeName: "LeakyReLU"), a)
        }
        t.add("ELU", ["alpha"] + common) { a in
            try box(ActivationLayer(.elu(alpha: Float(try a.double("alpha", 1))), typeName: "ELU"), a)
        }
        // ReLU(max_value=6) is MobileNet's relu6; other caps are not supported.
        t.add("ReLU", ["max_value"] + common) { a in
            guard a.has("max_value") else { return try box(ActivationLayer(.relu, typeName: "ReLU"), a) }
            let cap = try a.double("max_value")
            guard cap == 6 else { throw CnnError(.reluMaxValue, cap) }
            return try box(ActivationLayer(.relu6, typeName: "ReLU"), a)
        }
        t.add("Softmax", common) { a in try box(ActivationLayer(.softmax, typeName: "Softmax"), a) }
        // Activation functions: applied to an array they compute; bare in `seq` they are a
        // layer; `leaky_relu(alpha=0.1)` and `elu(alpha=0.5)` without an array make a layer
        // with that parameter.
        for (name, dflt) in activations {
            let parameter: String? = switch dflt { case .elu, .leakyRelu: "alpha"; default: nil }
            t.add(name, ["x"] + (parameter.map { [$0] } ?? [])) { a in
                var act = dflt
                if let parameter, a.has(parameter) {
                    let alpha = Float(try a.double(parameter))
                    act = dflt == .elu(alpha: 1) ? .elu(alpha: alpha) : .leakyRelu(alpha: Float(try nonNegative(parameter, Double(alpha))))
                }
                guard a.has("x") else { return .layer(LayerBox(ActivationLayer(act))) }
                var x = try a.tensor("x").withDType(.float32)
                let count = x.count, width = act == .softmax ? (x.shape.last ?? 1) : count
                x.data.withUnsafeMutableBufferPointer { act.apply($0.baseAddress!, rows: count / Swift.max(width, 1), width: width) }
                return x.rank == 0 ? .fromFloat32(x.data[0], dtype: .float32) : .tensor(x)
            }
        }
        t.alias("silu", "swish")
        t.add("input", ["shape", "name"]) { a in
            .symbolic(SymbolicTensor(input: try a.shape("shape"), name: try a["name"].map { _ in try a.string("name") } ?? NameScope.unique("input_layer")))
        }
        t.alias("Input", "input")
    }
}
