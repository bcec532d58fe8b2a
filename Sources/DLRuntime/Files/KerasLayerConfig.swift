import Foundation

/// One layer's Keras 3 config (the `"config"` object of a `.keras` file's config.json) to a
/// cnnsh layer and back. Settings cnnsh does not have (dilation, groups, regularizers with
/// values) are refused by name rather than silently dropped.
enum KerasLayerConfig {
    typealias JSON = [String: Any]

    static func int(_ c: JSON, _ key: String, _ dflt: Int? = nil, layer: String) throws -> Int {
        if let v = c[key] as? Int { return v }
        if let v = c[key] as? Double, v == v.rounded() { return Int(v) }
        if let dflt, c[key] == nil || c[key] is NSNull { return dflt }
        throw CnnError(.kerasConfigBad, layer, key)
    }

    static func double(_ c: JSON, _ key: String, _ dflt: Double, layer: String) throws -> Double {
        if c[key] == nil || c[key] is NSNull { return dflt }
        if let v = c[key] as? Double { return v }
        if let v = c[key] as? Int { return Double(v) }
        throw CnnError(.kerasConfigBad, layer, key)
    }

    /// `kernel_size`, `strides`, `pool_size`: an int or a pair.
    static func pair(_ c: JSON, _ key: String, _ dflt: (Int, Int)? = nil, layer: String) throws -> (Int, Int) {
        if let v = c[key] as? [Int], v.count == 2, v[0] > 0, v[1] > 0 { return (v[0], v[1]) }
        if let v = c[key] as? Int, v > 0 { return (v, v) }
        if let dflt, c[key] == nil || c[key] is NSNull { return dflt }
        throw CnnError(.kerasConfigBad, layer, key)
    }

    static func padding(_ c: JSON, layer: String) throws -> Padding {
        guard let p = Padding(rawValue: (c["padding"] as? String ?? "valid").lowercased()) else { throw CnnError(.kerasConfigBad, layer, "padding") }
        return p
    }

    static func activation(_ c: JSON, layer: String) throws -> Activation {
        let name = c["activation"] as? String ?? "linear"
        guard let a = Activation.named(name) else { throw CnnError(.kerasUnsupportedSetting, layer, "activation=\(name)") }
        return a
    }

    /// Settings cnnsh has no counterpart for must have their neutral values.
    static func requireNeutral(_ c: JSON, layer: String) throws {
        if let d = c["dilation_rate"] as? [Int], d.contains(where: { $0 != 1 }) { throw CnnError(.kerasUnsupportedSetting, layer, "dilation_rate=\(d)") }
        if let g = c["groups"] as? Int, g != 1 { throw CnnError(.kerasUnsupportedSetting, layer, "groups=\(g)") }
        if let f = c["data_format"] as? String, f != "channels_last" { throw CnnError(.kerasUnsupportedSetting, layer, "data_format=\(f)") }
        if let k = c["keepdims"] as? Bool, k { throw CnnError(.kerasUnsupportedSetting, layer, "keepdims=True") }
    }

    /// The cnnsh layer for a Keras class and config.
    static func makeLayer(_ className: String, _ c: JSON) throws -> Layer {
        let name = c["name"] as? String ?? className
        try requireNeutral(c, layer: name)
        let layer: Layer
        switch className {
        case "Conv2D":
            layer = Conv2D(filters: try int(c, "filters", layer: name), kernel: try pair(c, "kernel_size", layer: name),
                           stride: try pair(c, "strides", (1, 1), layer: name), padding: try padding(c, layer: name),
                           activation: try activation(c, layer: name), useBias: c["use_bias"] as? Bool ?? true)
        case "DepthwiseConv2D":
            layer = DepthwiseConv2D(kernel: try pair(c, "kernel_size", layer: name), stride: try pair(c, "strides", (1, 1), layer: name),
                                    padding: try padding(c, layer: name), multiplier: try int(c, "depth_multiplier", 1, layer: name),
                                    activation: try activation(c, layer: name), useBias: c["use_bias"] as? Bool ?? true)
        case "SeparableConv2D":
            layer = SeparableConv2D(filters: try int(c, "filters", layer: name), kernel: try pair(c, "kernel_size", layer: name),
                                    stride: try pair(c, "strides", (1, 1), layer: name), padding: try padding(c, layer: name),
                                    multiplier: try int(c, "depth_multiplier", 1, layer: name),
                                    activation: try activation(c, layer: name), useBias: c["use_bias"] as? Bool ?? true)
        case "Dense":
            layer = Dense(units: try int(c, "units", layer: name), activation: try activation(c, layer: name), useBias: c["use_bias"] as? Bool ?? true)
        case "MaxPooling2D", "AveragePooling2D":
            let pool = try pair(c, "pool_size", (2, 2), layer: name)
            let stride = c["strides"] == nil || c["strides"] is NSNull ? pool : try pair(c, "strides", layer: name)
            layer = Pooling2D(className == "MaxPooling2D" ? .max : .average, pool: pool, stride: stride, padding: try padding(c, layer: name))
        case "GlobalAveragePooling2D": layer = GlobalPooling2D(.average)
        case "GlobalMaxPooling2D": layer = GlobalPooling2D(.max)
        case "Flatten": layer = Flatten()
        case "Dropout":
            let noise = (c["noise_shape"] as? [Any]).map { $0.dropFirst().compactMap { $0 as? Int } }
            layer = Dropout(rate: Float(try double(c, "rate", 0, layer: name)), seed: (c["seed"] as? Int).map { UInt64(truncatingIfNeeded: $0) },
                            noiseShape: noise)
        case "BatchNormalization":
            let axis = try int(c, "axis", -1, layer: name)
            guard axis == -1 || axis == 3 else { throw CnnError(.kerasUnsupportedSetting, name, "axis=\(axis)") }
            layer = BatchNormalization(momentum: Float(try double(c, "momentum", 0.99, layer: name)),
                                       epsilon: Float(try double(c, "epsilon", 1e-3, layer: name)),
                                       center: c["center"] as? Bool ?? true, scale: c["scale"] as? Bool ?? true)
        case "Activation": layer = ActivationLayer(try activation(c, layer: name))
        case "ReLU":
            let cap = c["max_value"] as? Double ?? (c["max_value"] as? Int).map(Double.init)
            let slope = try double(c, "negative_slope", 0, layer: name), threshold = try double(c, "threshold", 0, layer: name)
            guard slope == 0, threshold == 0, cap == nil || cap == 6 else { throw CnnError(.kerasUnsupportedSetting, name, "ReLU(max_value=\(cap ?? 0), negative_slope=\(slope))") }
            layer = ActivationLayer(cap == 6 ? .relu6 : .relu, typeName: "ReLU")
        case "LeakyReLU":
            layer = ActivationLayer(.leakyRelu(alpha: Float(try double(c, "negative_slope", try double(c, "alpha", 0.3, layer: name), layer: name))), typeName: "LeakyReLU")
        case "ELU": layer = ActivationLayer(.elu(alpha: Float(try double(c, "alpha", 1, layer: name))), typeName: "ELU")
        case "Softmax": layer = ActivationLayer(.softmax, typeName: "Softmax")
        case "ZeroPadding2D":
            let p = c["padding"]
            var amounts: [Int]
            if let n = p as? Int { amounts = [n, n, n, n] }
            else if let pairs = p as? [[Int]], pairs.count == 2, pairs.allSatisfy({ $0.count == 2 }) { amounts = pairs.flatMap { $0 } }
            else if let two = p as? [Int], two.count == 2 { amounts = [two[0], two[0], two[1], two[1]] }
            else { throw CnnError(.kerasConfigBad, name, "padding") }
            layer = ZeroPadding2D(top: amounts[0], bottom: amounts[1], left: amounts[2], right: amounts[3])
        case "Rescaling":
            guard let scale = c["scale"] as? Double ?? (c["scale"] as? Int).map(Double.init) else { throw CnnError(.kerasUnsupportedSetting, name, "scale per channel") }
            layer = Rescaling(scale: Float(scale), offset: Float(try double(c, "offset", 0, layer: name)))
        case "Normalization": layer = Normalization()
        case "Reshape":
            guard let target = c["target_shape"] as? [Int] else { throw CnnError(.kerasConfigBad, name, "target_shape") }
            layer = Reshape(target)
        case "Concatenate": layer = Concatenate(axis: try int(c, "axis", -1, layer: name))
        case let merge where ElementwiseMerge.Operation.allCases.contains(where: { $0.className == merge }):
            layer = ElementwiseMerge(ElementwiseMerge.Operation.allCases.first { $0.className == merge }!)
        default:
            throw CnnError(.kerasUnsupportedLayer, className, name)
        }
        layer.name = name
        return layer
    }

    /// Keras 3's config for a cnnsh layer (the inverse of `makeLayer`).
    static func config(_ layer: Layer) throws -> (className: String, config: JSON) {
        var c: JSON = ["name": layer.name, "trainable": true,
                       "dtype": ["module": "keras", "class_name": "DTypePolicy", "config": ["name": "float32"], "registered_name": NSNull()]]
        func window(_ k: (h: Int, w: Int), _ s: (h: Int, w: Int), _ p: Padding) {
            c["kernel_size"] = [k.h, k.w]; c["strides"] = [s.h, s.w]; c["padding"] = p.rawValue
            c["data_format"] = "channels_last"; c["dilation_rate"] = [1, 1]
        }
        switch layer {
        case let l as SeparableConv2D:
            let d = l.depthwise
            window(d.kernel, d.stride, d.padding)
            c["filters"] = l.filters; c["depth_multiplier"] = d.multiplier; c["activation"] = l.activation.name; c["use_bias"] = l.useBias
        case let l as Conv2D:
            window(l.kernel, l.stride, l.padding)
            c["filters"] = l.filters; c["groups"] = 1; c["activation"] = l.activation.name; c["use_bias"] = l.useBias
        case let l as DepthwiseConv2D:
            window(l.kernel, l.stride, l.padding)
            c["depth_multiplier"] = l.multiplier; c["activation"] = l.activation.name; c["use_bias"] = l.useBias
        case let l as Dense:
            c["units"] = l.units; c["activation"] = l.activation.name; c["use_bias"] = l.useBias
        case let l as Pooling2D:
            c["pool_size"] = [l.pool.h, l.pool.w]; c["strides"] = [l.stride.h, l.stride.w]; c["padding"] = l.padding.rawValue
            c["data_format"] = "channels_last"
        case is GlobalPooling2D:
            c["data_format"] = "channels_last"; c["keepdims"] = false
        case is Flatten:
            c["data_format"] = "channels_last"
        case let l as Dropout:
            c["rate"] = Double(l.rate)
            c["seed"] = l.fixedSeed.map { Int(truncatingIfNeeded: $0) } ?? NSNull()
            c["noise_shape"] = l.noiseShape.map { [NSNull()] + $0 } ?? NSNull()
        case let l as BatchNormalization:
            c["axis"] = -1; c["momentum"] = Double(l.momentum); c["epsilon"] = Double(l.epsilon); c["center"] = l.center; c["scale"] = l.scale
        case let l as ActivationLayer:
            switch (l.typeName, l.activation) {
            case ("ReLU", let a): c["max_value"] = a == .relu6 ? 6.0 : NSNull(); c["negative_slope"] = 0.0; c["threshold"] = 0.0
            case ("LeakyReLU", .leakyRelu(let alpha)): c["negative_slope"] = Double(alpha)
            case ("ELU", .elu(let alpha)): c["alpha"] = Double(alpha)
            case ("Softmax", _): c["axis"] = -1
            default:
                guard l.activation != .step else { throw CnnError(.kerasUnsupportedLayer, "step", l.name) }
                if case .leakyRelu = l.activation { throw CnnError(.kerasUnsupportedLayer, "leaky_relu activation (use LeakyReLU)", l.name) }
                if case .elu(let alpha) = l.activation, alpha != 1 { throw CnnError(.kerasUnsupportedLayer, "elu(alpha=\(alpha)) (use ELU)", l.name) }
                c["activation"] = l.activation.name
            }
        case let l as ZeroPadding2D:
            c["padding"] = [[l.top, l.bottom], [l.left, l.right]]; c["data_format"] = "channels_last"
        case let l as Rescaling:
            c["scale"] = Double(l.scale); c["offset"] = Double(l.offset)
        case is Normalization:
            c["axis"] = [-1]; c["mean"] = NSNull(); c["variance"] = NSNull(); c["invert"] = false
        case let l as Reshape:
            c["target_shape"] = l.target
        case let l as Concatenate:
            c["axis"] = l.axis
        case is ElementwiseMerge: break
        default:
            throw CnnError(.kerasUnsupportedLayer, layer.typeName, layer.name)
        }
        return (KerasFile.kerasClass(layer), c)
    }
}
