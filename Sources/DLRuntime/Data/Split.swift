/// scikit-learn's `train_test_split` (stratified by default here) and class balancing by
/// undersampling, for data sets that arrive in one piece (report 001's photo folders).
public enum Split {
    /// The rows for the test part and for the training part, each in random order. With
    /// `stratify`, each class gets the same share in both parts (largest remainders settle the
    /// rounding, as scikit-learn does). `testCount` is the number of test rows.
    public static func trainTest(labels: [Int], testCount: Int, stratify: Bool, random: inout RandomSource) -> (train: [Int], test: [Int]) {
        let n = labels.count
        var test: [Int] = []
        if stratify {
            let classes = Set(labels).sorted()
            let members = classes.map { c in labels.indices.filter { labels[$0] == c } }
            let exact = members.map { Double($0.count) * Double(testCount) / Double(n) }
            var take = exact.map { Int($0.rounded(.down)) }
            let order = exact.indices.sorted { exact[$0] - Double(take[$0]) > exact[$1] - Double(take[$1]) }
            for i in order.prefix(testCount - take.reduce(0, +)) { take[i] += 1 }
            for (rows, count) in zip(members, take) { test += rows.shuffled(using: &random).prefix(count) }
        } else {
            test = Array((0..<n).shuffled(using: &random).prefix(testCount))
        }
        let inTest = Set(test)
        return ((0..<n).filter { !inTest.contains($0) }.shuffled(using: &random), test.shuffled(using: &random))
    }

    /// Rows that keep every class at the size of the smallest one, in random order.
    public static func balanced(labels: [Int], random: inout RandomSource) -> [Int] {
        let classes = Set(labels).sorted()
        let members = classes.map { c in labels.indices.filter { labels[$0] == c } }
        let smallest = members.map(\.count).min() ?? 0
        return members.flatMap { $0.shuffled(using: &random).prefix(smallest) }.shuffled(using: &random)
    }
}

extension Tensor {
    /// The rows at `indices`, in that order.
    public func rows(_ indices: [Int]) -> Tensor {
        var out = Tensor(zeros: [0])
        gather(rows: indices[...], into: &out)
        out.dtype = dtype
        return out
    }
}
