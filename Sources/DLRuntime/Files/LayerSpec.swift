/// A layer's architecture (class, name and settings, no weights) as model files store it.
/// Unused fields stay nil and are left out of the JSON.
public struct LayerSpec: Codable, Equatable {
    public var `class`: String
    public var name: String
    public var filters: Int?
    public var units: Int?
    public var kernel: [Int]?
    public var pool: [Int]?
    public var strides: [Int]?
    public var padding: String?
    public var activation: String?
    public var alpha: Float?
    public var useBias: Bool?
    public var rate: Float?
    public var seed: UInt64?
    public var momentum: Float?
    public var epsilon: Float?
    public var center: Bool?
    public var scale: Bool?
    public var multiplier: Int?
    /// ZeroPadding2D: top, bottom, left, right.
    public var amounts: [Int]?
    /// Rescaling: y = x * factor + offset.
    public var factor: Float?
    public var offset: Float?
    public var targetShape: [Int]?
    public var axis: Int?

    init(_ cls: String, _ name: String) { self.class = cls; self.name = name }

    enum CodingKeys: String, CodingKey {
        case `class`, name, filters, units, kernel, pool, strides, padding, activation, alpha
        case useBias = "use_bias", rate, seed, momentum, epsilon, center, scale, multiplier = "depth_multiplier"
        case amounts = "padding_amounts", factor, offset, targetShape = "target_shape", axis
    }

    /// The spec of a layer; nil for a kind files do not know yet.
    public init?(_ layer: Layer) {
        self.init(layer.typeName, layer.name)
        switch layer {
        case let l as Conv2D:
            filters = l.filters; kernel = [l.kernel.h, l.kernel.w]; strides = [l.stride.h, l.stride.w]
            padding = l.padding.rawValue; useBias = l.useBias; setActivation(l.activation)
        case let l as Dense:
            units = l.units; useBias = l.useBias; setActivation(l.activation)
        case let l as Pooling2D:
            pool = [l.pool.h, l.pool.w]; strides = [l.stride.h, l.stride.w]; padding = l.padding.rawValue
        case is GlobalPooling2D, is Flatten: break
        case let l as Dropout: rate = l.rate; seed = l.fixedSeed; targetShape = l.noiseShape
        case let l as BatchNormalization:
            momentum = l.momentum; epsilon = l.epsilon
            if !l.center { center = false }
            if !l.scale { scale = false }
        case let l as ActivationLayer: setActivation(l.activation)
        case let l as DepthwiseConv2D:
            kernel = [l.kernel.h, l.kernel.w]; strides = [l.stride.h, l.stride.w]; padding = l.padding.rawValue
            multiplier = l.multiplier; useBias = l.useBias; setActivation(l.activation)
        case let l as SeparableConv2D:
            let d = l.depthwise
            filters = l.filters; kernel = [d.kernel.h, d.kernel.w]; strides = [d.stride.h, d.stride.w]; padding = d.padding.rawValue
            multiplier = d.multiplier; useBias = l.useBias; setActivation(l.activation)
        case let l as ZeroPadding2D: amounts = [l.top, l.bottom, l.left, l.right]
        case let l as Rescaling: factor = l.scale; offset = l.offset
        case let l as Reshape: targetShape = l.target
        case is Normalization: break
        case is ElementwiseMerge: break
        case let l as Concatenate: axis = l.axis
        default: return nil
        }
    }

    private mutating func setActivation(_ a: Activation) {
        activation = a.name
        switch a { case .elu(let x), .leakyRelu(let x): alpha = x; default: break }
    }

    private func decodedActivation() throws -> Activation {
        let name = activation ?? "linear"
        guard let a = Activation.named(name) else { throw CnnError(.modelFileCorrupt, "unknown activation '\(name)'") }
        switch a {
        case .elu: return .elu(alpha: alpha ?? 1)
        case .leakyRelu: return .leakyRelu(alpha: alpha ?? KerasDefaults.leakyReluSlope)
        default: return a
        }
    }

    private func pair(_ v: [Int]?, _ field: String) throws -> (Int, Int) {
        guard let v, v.count == 2, v[0] > 0, v[1] > 0 else { throw CnnError(.modelFileCorrupt, "\(name): bad \(field)") }
        return (v[0], v[1])
    }

    private func positive(_ v: Int, _ field: String) throws -> Int {
        guard v > 0 else { throw CnnError(.modelFileCorrupt, "\(name): bad \(field)") }
        return v
    }

    private func paddingValue() throws -> Padding {
        guard let p = Padding(rawValue: padding ?? "valid") else { throw CnnError(.modelFileCorrupt, "\(name): bad padding") }
        return p
    }

    /// A new, unbuilt layer from the spec.
    public func makeLayer() throws -> Layer {
        let layer: Layer
        switch self.class {
        case "Conv2D":
            guard let filters, filters > 0 else { throw CnnError(.modelFileCorrupt, "\(name): bad filters") }
            layer = Conv2D(filters: filters, kernel: try pair(kernel, "kernel"), stride: try pair(strides, "strides"),
                           padding: try paddingValue(), activation: try decodedActivation(), useBias: useBias ?? true)
        case "Dense":
            guard let units, units > 0 else { throw CnnError(.modelFileCorrupt, "\(name): bad units") }
            layer = Dense(units: units, activation: try decodedActivation(), useBias: useBias ?? true)
        case "MaxPooling2D", "AveragePooling2D":
            layer = Pooling2D(self.class == "MaxPooling2D" ? .max : .average, pool: try pair(pool, "pool"),
                              stride: try pair(strides, "strides"), padding: try paddingValue())
        case "GlobalMaxPooling2D": layer = GlobalPooling2D(.max)
        case "GlobalAveragePooling2D": layer = GlobalPooling2D(.average)
        case "Flatten": layer = Flatten()
        case "Dropout":
            guard let rate, rate >= 0, rate < 1 else { throw CnnError(.modelFileCorrupt, "\(name): bad rate") }
            layer = Dropout(rate: rate, seed: seed, noiseShape: targetShape)
        case "BatchNormalization":
            layer = BatchNormalization(momentum: momentum ?? KerasDefaults.batchNorm.momentum, epsilon: epsilon ?? KerasDefaults.batchNorm.epsilon,
                                       center: center ?? true, scale: scale ?? true)
        case "Activation", "LeakyReLU", "ELU", "ReLU", "Softmax":
            layer = ActivationLayer(try decodedActivation(), typeName: self.class)
        case "DepthwiseConv2D":
            layer = DepthwiseConv2D(kernel: try pair(kernel, "kernel"), stride: try pair(strides, "strides"), padding: try paddingValue(),
                                    multiplier: try positive(multiplier ?? 1, "depth_multiplier"), activation: try decodedActivation(),
                                    useBias: useBias ?? true)
        case "SeparableConv2D":
            guard let filters, filters > 0 else { throw CnnError(.modelFileCorrupt, "\(name): bad filters") }
            layer = SeparableConv2D(filters: filters, kernel: try pair(kernel, "kernel"), stride: try pair(strides, "strides"),
                                    padding: try paddingValue(), multiplier: try positive(multiplier ?? 1, "depth_multiplier"),
                                    activation: try decodedActivation(), useBias: useBias ?? true)
        case "ZeroPadding2D":
            guard let a = amounts, a.count == 4, a.allSatisfy({ $0 >= 0 }) else { throw CnnError(.modelFileCorrupt, "\(name): bad padding") }
            layer = ZeroPadding2D(top: a[0], bottom: a[1], left: a[2], right: a[3])
        case "Rescaling":
            layer = Rescaling(scale: factor ?? 1, offset: offset ?? 0)
        case "Reshape":
            guard let t = targetShape, !t.isEmpty else { throw CnnError(.modelFileCorrupt, "\(name): bad target_shape") }
            layer = Reshape(t)
        case "Concatenate":
            layer = Concatenate(axis: axis ?? -1)
        case "Normalization":
            layer = Normalization()
        case let c where ElementwiseMerge.Operation.allCases.contains { $0.className == c }:
            layer = ElementwiseMerge(ElementwiseMerge.Operation.allCases.first { $0.className == c }!)
        default:
            throw CnnError(.modelFileUnknownLayer, self.class, name)
        }
        layer.name = name
        return layer
    }
}
