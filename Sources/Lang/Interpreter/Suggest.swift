/// The closest known name to a misspelt one, for "did you mean ...?" (edit distance at
/// most a third of the name's length, and at most 3).
public func suggest(_ name: String, among candidates: [String]) -> String? {
    let limit = min(3, max(1, name.count / 3))
    // Ranked by distance ignoring case, then with case (dense2d -> dense before Dense).
    var best: (String, Int, Int)?
    for c in Set(candidates) where !c.contains(".") {
        let d = editDistance(name.lowercased(), c.lowercased())
        guard d <= limit else { continue }
        let exact = editDistance(name, c)
        if best == nil || d < best!.1 || (d == best!.1 && (exact < best!.2 || (exact == best!.2 && c < best!.0))) { best = (c, d, exact) }
    }
    return best?.0
}

/// Levenshtein distance.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count), cur = prev
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
