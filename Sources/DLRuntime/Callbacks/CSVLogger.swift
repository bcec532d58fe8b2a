import Foundation

/// Keras's `CSVLogger`: one row per epoch, `epoch` then the logs' keys in sorted order.
/// The whole file is rewritten atomically after each epoch, so it is complete at every
/// moment (an interrupted run leaves the epochs it finished).
public final class CSVLogger: TrainingCallback {
    public let path: String
    let separator: String
    let append: Bool
    private var keys: [String]?
    private var text = ""

    public init(path: String, separator: String = ",", append: Bool = false) {
        self.path = path; self.separator = separator; self.append = append
    }

    public func onTrainBegin(model: Model) throws {
        keys = nil
        text = append ? (FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) } ?? "") : ""
        if append, let header = text.split(separator: "\n").first {
            keys = Array(String(header).components(separatedBy: separator).dropFirst())
        }
        try AtomicFile.write(Data(text.utf8), to: path)  // fails now, not after an epoch, if the folder is wrong
    }

    public func onEpochEnd(epoch: Int, logs: [(String, Double)], model: Model) throws -> Bool {
        let values = Dictionary(logs, uniquingKeysWith: { a, _ in a })
        if keys == nil {
            keys = values.keys.sorted()
            text += (["epoch"] + keys!).joined(separator: separator) + "\n"
        }
        text += ([String(epoch)] + keys!.map { values[$0].map { String($0) } ?? "NA" }).joined(separator: separator) + "\n"
        try AtomicFile.write(Data(text.utf8), to: path)
        return false
    }
}
