import Foundation
import DLRuntime

/// The unit tests the course notebook ships (report 002): they call the student's own
/// function and print "Tests passed." or say exactly what differs.
enum NotebookChecks {
    static func pass(_ interp: Interpreter) { interp.output.write(Catalog.text(.testsPassed) + "\n") }

    /// normalize_images([0, 127, 255]) must return an array of the same shape equal to x/255.
    static func normalizeImages(_ f: Value, _ interp: Interpreter) throws {
        let input = Tensor(shape: [3], data: [0, 127, 255], dtype: .uint8)
        let out = try interp.call(f, [.tensor(input)], [])
        guard case .tensor(let b) = out else { throw CnnError(.checkNotArray, "normalize_images", out.typeName) }
        guard b.t.shape == input.shape else {
            throw CnnError(.checkWrongShape, "normalize_images", pythonShape(b.t.shape), pythonShape(input.shape))
        }
        for i in 0..<3 where abs(b.t.data[i] - input.data[i] / 255) > 1e-6 {
            throw CnnError(.checkWrongValue, "normalize_images", "[\(i)]", b.t.data[i], input.data[i] / 255)
        }
        pass(interp)
    }

    /// one_hot(arange(10), 10) must equal the 10x10 identity.
    static func oneHot(_ f: Value, _ interp: Interpreter) throws {
        let labels = Tensor(shape: [10], data: (0..<10).map(Float.init), dtype: .int64)
        let out = try interp.call(f, [.tensor(labels), .int(10)], [])
        guard case .tensor(let b) = out else { throw CnnError(.checkNotArray, "one_hot", out.typeName) }
        guard b.t.shape == [10, 10] else { throw CnnError(.checkWrongShape, "one_hot", pythonShape(b.t.shape), "(10, 10)") }
        for i in 0..<10 { for j in 0..<10 {
            let want: Float = i == j ? 1 : 0
            if b.t.data[i * 10 + j] != want { throw CnnError(.checkWrongValue, "one_hot", "[\(i), \(j)]", b.t.data[i * 10 + j], want) }
        }}
        pass(interp)
    }
}

