/// Keras's `validation_split` takes the last samples as they are. Data loaded class by class
/// (an image folder: all cats, then all dogs) then validates on one class only, a trap Keras
/// users keep reporting (keras issues #597, #6422, #10374). This measures how far the
/// held-out tail's class mix is from the training part's.
enum SplitCheck {
    /// Class frequencies of targets: one-hot rows by arg-max, integer labels, or a 0.5
    /// threshold for a single unit. Nil for targets that are not class labels.
    static func classShares(_ y: Tensor, rows: Range<Int>) -> [Double]? {
        let units = y.sampleSize
        var counts: [Int: Int] = [:]
        for i in rows {
            let row = i * units
            let label: Int
            if units == 1 {
                let v = y.data[row]
                guard v == v.rounded(), v >= 0, v < 1000 else { return nil }
                label = Int(v)
            } else {
                label = argmax(y.data, row, units)
            }
            counts[label, default: 0] += 1
        }
        let k = (counts.keys.max() ?? 0) + 1
        return (0..<k).map { Double(counts[$0] ?? 0) / Double(max(rows.count, 1)) }
    }

    /// Total variation distance between the class mixes of the two parts (0 = same mix,
    /// 1 = no class in common); nil when the targets are not labels.
    static func mismatch(_ y: Tensor, trainCount: Int) -> Double? {
        guard let a = classShares(y, rows: 0..<trainCount), let b = classShares(y, rows: trainCount..<y.shape[0]) else { return nil }
        let k = max(a.count, b.count)
        var d = 0.0
        for i in 0..<k { d += abs((i < a.count ? a[i] : 0) - (i < b.count ? b[i] : 0)) }
        return d / 2
    }
}
