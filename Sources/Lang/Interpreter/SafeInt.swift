/// Floating values become integers without trapping: NaN, infinities and values beyond
/// Int's range (which Swift's `Int(_:)` would crash on) are refused or clamped.
extension Double {
    /// The integer value, or nil when there is none that Int can hold.
    var exactInt: Int? {
        guard isFinite, abs(self) < 9.2e18 else { return nil }
        return Int(self)
    }

    /// Truncated toward zero and clamped to Int's range (NaN becomes 0).
    var clampedInt: Int {
        if isNaN { return 0 }
        if self >= 9.2e18 { return Int.max }
        if self <= -9.2e18 { return Int.min }
        return Int(self)
    }
}

extension Float {
    var clampedInt: Int { Double(self).clampedInt }

    /// How an integer-typed array shows a value: digits, or nan/inf when it holds one.
    var integerText: String {
        if isNaN { return "nan" }
        if isInfinite { return self > 0 ? "inf" : "-inf" }
        return String(clampedInt)
    }
}
