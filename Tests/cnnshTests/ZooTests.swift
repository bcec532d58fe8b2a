import Foundation
import Testing

/// The zoo's networks against keras.applications, layer by layer, from figures Keras itself
/// recorded (scripts/dev/record-zoo.py wrote Tests/cnnshTests/Fixtures/zoo). Each runs in a
/// fresh cnnsh, as Keras numbered its unnamed layers in a fresh session.
@Suite struct ZooTests {
    static let fixtures = repositoryRoot.appendingPathComponent("Tests/cnnshTests/Fixtures/zoo")
    static let names: [String] = ((try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? [])
        .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()

    struct Record: Decodable {
        struct Layer: Decodable {
            var name: String
            var `class`: String
            var output_shape: [Int?]?
            var params: Int
        }
        var model: String
        var name: String
        var kwargs: [String: Kwarg]
        var total: Int
        var trainable: Int
        var non_trainable: Int
        var layers: [Layer]
    }

    enum Kwarg: Decodable {
        case bool(Bool), string(String), shape([Int])
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let b = try? c.decode(Bool.self) { self = .bool(b) }
            else if let s = try? c.decode(String.self) { self = .string(s) }
            else { self = .shape(try c.decode([Int].self)) }
        }
        var cnnsh: String {
            switch self {
            case .bool(let b): return b ? "True" : "False"
            case .string(let s): return "\"\(s)\""
            case .shape(let s): return "(" + s.map(String.init).joined(separator: ", ") + ")"
            }
        }
    }

    /// 3504872 -> "3,504,872", as summary prints counts.
    func grouped(_ n: Int) -> String {
        let s = String(n)
        return s.enumerated().map { i, c in (i > 0 && (s.count - i) % 3 == 0 ? "," : "") + String(c) }.joined()
    }

    @Test(arguments: names)
    func architectureMatchesKeras(_ fixture: String) throws {
        let record = try JSONDecoder().decode(Record.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent(fixture + ".json")))
        // The builder's name: the fixture's model name up to its variant suffix.
        let builder = ["resnet50_notop_avg": "resnet50", "mobilenet_v2_notop_160": "mobilenet_v2"][record.model] ?? record.model
        let arguments = record.kwargs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.cnnsh)" }.joined(separator: ", ")
        let script = """
        m = \(builder)(\(arguments))
        print(m.name, m.count_params())
        for l in m.layers:
            print(l.name, type(l), l.output_shape, l.count_params())
        m.summary()
        """
        let result = try cnnsh(["-c", script])
        #expect(result.status == 0, "\(result.output)")
        let all = result.output.split(separator: "\n").map(String.init)
        let summary = all.firstIndex { $0.hasPrefix("Model: ") } ?? all.count
        let lines = Array(all[..<summary])
        try #require(lines.count == record.layers.count, "\(lines.count - 1) layers, Keras has \(record.layers.count - 1)")
        #expect(lines[0] == "\(record.name) \(record.total)")
        #expect(all.contains { $0.hasPrefix("Trainable params: \(grouped(record.trainable)) ") })
        #expect(all.contains { $0.hasPrefix("Non-trainable params: \(grouped(record.non_trainable)) ") })
        for (line, layer) in zip(lines.dropFirst(), record.layers.dropFirst()) {   // Keras lists its InputLayer first
            let shape = "(None, " + (layer.output_shape ?? []).map { $0.map(String.init) ?? "None" }.joined(separator: ", ") + ")"
            let expected = "\(layer.name) \(layer.class) \(shape) \(layer.params)"
            #expect(line == expected, "layer \(layer.name)")
            if line != expected { break }   // one mismatch shifts every line after it
        }
    }
}
