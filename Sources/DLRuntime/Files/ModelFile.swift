import Foundation
import CImage

/// cnnsh's model file: architecture, weights (moving statistics included), compile settings
/// and optimizer state, so a loaded model predicts bit-identically and training resumes.
///
/// Layout (little-endian), documented for users in the README:
///
///     8 bytes   magic "CNNSHMDL"
///     4 bytes   format version (1)
///     8 bytes   header length H
///     H bytes   header: JSON (model name, input shape, layer specs, compile settings,
///               optimizer settings and step count, and the list of tensors that follow)
///     ...       tensors: float32 values, in the header's order
///     4 bytes   CRC-32 of everything before it (detects truncation and corruption)
public enum ModelFile {
    public static let formatVersion: UInt32 = 1
    static let magic = Array("CNNSHMDL".utf8)

    struct Header: Codable {
        var format = "cnnsh-model"
        var version: UInt32
        var name: String
        var inputShape: [Int]?
        var layers: [LayerSpec]
        /// A graph model's connections (`Model.inbound`); absent for a chain of layers.
        var inbound: [[Int]]?
        var inputName: String?
        var compile: Compile?
        var tensors: [TensorEntry]

        enum CodingKeys: String, CodingKey {
            case format, version, name, inputShape = "input_shape", layers, inbound, inputName = "input_name", compile, tensors
        }
    }

    struct Compile: Codable {
        var loss: String
        var metrics: [String]
        var optimizer: OptimizerSettings
    }

    struct OptimizerSettings: Codable {
        var kind: String
        var learningRate: Float
        var momentum: Float
        var nesterov: Bool
        var beta1: Float
        var beta2: Float
        var rho: Float
        var epsilon: Float
        var iterations: Int

        enum CodingKeys: String, CodingKey {
            case kind, learningRate = "learning_rate", momentum, nesterov, beta1 = "beta_1", beta2 = "beta_2", rho, epsilon, iterations
        }
    }

    /// One stored tensor: a layer's parameter, or (with `slot`) the optimizer's state for it.
    struct TensorEntry: Codable {
        var layer: Int
        var parameter: String
        var slot: Int?
        var shape: [Int]
    }

    // MARK: writing

    public static func encode(_ model: Model) throws -> Data {
        let model = model.isBuilt ? try model.inliningNestedModels() : model
        var specs: [LayerSpec] = []
        for l in model.layers {
            guard let s = LayerSpec(l) else { throw CnnError(.modelFileUnknownLayer, l.typeName, l.name) }
            specs.append(s)
        }
        var entries: [TensorEntry] = []
        var values: [[Float]] = []
        if model.isBuilt {
            for (i, l) in model.layers.enumerated() {
                for p in l.parameters {
                    entries.append(TensorEntry(layer: i, parameter: p.name, shape: p.value.shape)); values.append(p.value.data)
                }
            }
            if let o = model.optimizer {
                for (i, l) in model.layers.enumerated() {
                    for p in l.parameters where p.trainable {
                        guard let state = o.state(of: p) else { continue }
                        for (k, s) in state.enumerated() {
                            entries.append(TensorEntry(layer: i, parameter: p.name, slot: k, shape: [s.count])); values.append(s)
                        }
                    }
                }
            }
        }
        var compile: Compile?
        if let loss = model.loss, let o = model.optimizer {
            compile = Compile(loss: loss.rawValue, metrics: model.metrics, optimizer: OptimizerSettings(
                kind: o.kind.rawValue, learningRate: o.learningRate, momentum: o.momentum, nesterov: o.nesterov,
                beta1: o.beta1, beta2: o.beta2, rho: o.rho, epsilon: o.epsilon, iterations: o.iterations))
        }
        let header = Header(version: formatVersion, name: model.name, inputShape: model.isBuilt ? model.inputShape : nil,
                            layers: specs, inbound: model.isChain ? nil : model.inbound, inputName: model.isChain ? nil : model.inputName,
                            compile: compile, tensors: entries)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = try encoder.encode(header)

        var out = Data(magic)
        append(&out, formatVersion)
        append(&out, UInt64(json.count))
        out.append(json)
        for v in values { v.withUnsafeBytes { out.append(contentsOf: $0) } }  // x86-64 and arm64 are little-endian
        append(&out, crc(out))
        return out
    }

    public static func save(_ model: Model, to path: String) throws {
        try AtomicFile.write(try encode(model), to: path)
    }

    // MARK: reading

    public static func load(path: String) throws -> Model {
        guard let data = FileManager.default.contents(atPath: path) else { throw CnnError(.fileNotReadable, path) }
        do {
            return try decode(data)
        } catch let e as CnnError where e.key == .modelFileCorrupt {
            throw CnnError(.modelFileCorruptAt, path, e.args.first ?? "")
        }
    }

    public static func decode(_ data: Data) throws -> Model {
        let bytes = [UInt8](data)
        guard bytes.count >= 12, Array(bytes[0..<8]) == magic else { throw CnnError(.notAModelFile) }
        let version: UInt32 = read(bytes, 8)
        guard version <= formatVersion else { throw CnnError(.modelFileTooNew, version, formatVersion) }
        guard bytes.count >= 24 else { throw CnnError(.modelFileCorrupt, "truncated") }
        let stored: UInt32 = read(bytes, bytes.count - 4)
        guard stored == crc(data.prefix(data.count - 4)) else {
            throw CnnError(.modelFileCorrupt, "checksum mismatch (truncated or damaged)")
        }
        let claimedLength: UInt64 = read(bytes, 12)
        guard claimedLength <= UInt64(bytes.count - 24) else { throw CnnError(.modelFileCorrupt, "bad header length") }
        let headerLength = Int(claimedLength)
        let header: Header
        do {
            header = try JSONDecoder().decode(Header.self, from: Data(bytes[20..<(20 + headerLength)]))
        } catch {
            throw CnnError(.modelFileCorrupt, "unreadable header")
        }

        let layers = try header.layers.map { try $0.makeLayer() }
        let model: Model
        if let inbound = header.inbound {
            // Each layer reads the input (0) or earlier layers' outputs, in order.
            guard let shape = header.inputShape, inbound.count == layers.count,
                  inbound.enumerated().allSatisfy({ i, ins in !ins.isEmpty && ins.allSatisfy { $0 >= 0 && $0 <= i } }) else {
                throw CnnError(.modelFileCorrupt, "bad layer connections")
            }
            model = Model(name: header.name, layers: layers, inbound: inbound, inputShape: shape, inputName: header.inputName ?? "input_layer")
        } else {
            model = Model(name: header.name, layers: layers, inputShape: header.inputShape)
        }
        // Adding to a model gives default-named layers fresh names (conv2d_1, ...); a loaded
        // model keeps the names it was saved with.
        for (l, spec) in zip(layers, header.layers) { l.name = spec.name }
        if let c = header.compile {
            guard let loss = Loss.named(c.loss), let kind = Optimizer.Kind(rawValue: c.optimizer.kind) else {
                throw CnnError(.modelFileCorrupt, "unknown loss or optimizer")
            }
            let o = Optimizer(kind, learningRate: c.optimizer.learningRate)
            o.momentum = c.optimizer.momentum; o.nesterov = c.optimizer.nesterov
            o.beta1 = c.optimizer.beta1; o.beta2 = c.optimizer.beta2; o.rho = c.optimizer.rho; o.epsilon = c.optimizer.epsilon
            o.iterations = c.optimizer.iterations
            try model.compile(optimizer: o, loss: loss, metrics: c.metrics)
        }
        guard let shape = header.inputShape else { return model }
        // Building draws initial weights; a private source keeps the user's seeded stream as it was.
        try model.build(inputShape: shape, random: RandomSource(seed: 0))
        var offset = 20 + headerLength
        let end = bytes.count - 4
        for e in header.tensors {
            guard e.layer >= 0, e.layer < model.layers.count,
                  let p = model.layers[e.layer].parameters.first(where: { $0.name == e.parameter }) else {
                throw CnnError(.modelFileCorrupt, "tensor for an unknown parameter \(e.parameter)")
            }
            let count = e.shape.reduce(1, *)
            guard e.shape.allSatisfy({ $0 >= 0 }), offset + count * 4 <= end else { throw CnnError(.modelFileCorrupt, "truncated tensor data") }
            // A straight copy of the little-endian float32 bytes.
            let values = [Float](unsafeUninitializedCapacity: count) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[offset..<(offset + count * 4)]))
                }
                initialized = count
            }
            offset += count * 4
            if let slot = e.slot {
                guard let o = model.optimizer, count == p.value.count, slot < o.slotCount else {
                    throw CnnError(.modelFileCorrupt, "optimizer state does not fit \(e.parameter)")
                }
                var state = o.state(of: p) ?? []
                while state.count <= slot { state.append([]) }
                state[slot] = values
                o.setState(state, of: p)
            } else {
                guard e.shape == p.value.shape else { throw CnnError(.modelFileCorrupt, "\(e.parameter) has shape \(e.shape), the layer needs \(p.value.shape)") }
                p.value.data = values
            }
        }
        guard offset == end else { throw CnnError(.modelFileCorrupt, "unexpected data after the tensors") }
        return model
    }

    // MARK: bytes

    static func append<T: FixedWidthInteger>(_ d: inout Data, _ v: T) {
        withUnsafeBytes(of: v.littleEndian) { d.append(contentsOf: $0) }
    }

    static func read<T: FixedWidthInteger>(_ bytes: [UInt8], _ at: Int) -> T {
        bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: T.self)) }
    }

    /// CRC-32 of `d`, as the file stores it in its last four bytes.
    public static func crc(_ d: Data) -> UInt32 {
        d.withUnsafeBytes { raw in
            // zlib's crc32 takes a UInt32 length: feed it in pieces.
            var c = crc32(0, nil, 0)
            var offset = 0
            while offset < raw.count {
                let n = min(raw.count - offset, 1 << 30)
                c = crc32(c, raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + offset, UInt32(n))
                offset += n
            }
            return UInt32(c)
        }
    }
}
