import Foundation

/// The one random source of the runtime: weight initialisation, shuffling and dropout draw
/// from it, so `seed(n)` makes a whole run repeatable. xoshiro256** seeded by SplitMix64.
public struct RandomSource: RandomNumberGenerator, Sendable {
    private var s: (UInt64, UInt64, UInt64, UInt64)

    public init(seed: UInt64) {
        var x = seed
        func splitmix() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (splitmix(), splitmix(), splitmix(), splitmix())
    }

    public mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0; s.3 ^= s.1; s.1 ^= s.2; s.0 ^= s.3
        s.2 ^= t
        s.3 = (s.3 << 45) | (s.3 >> 19)
        return result
    }

    /// Uniform in [low, high).
    public mutating func uniform(_ low: Float, _ high: Float) -> Float {
        let u = Float(next() >> 40) / Float(1 << 24)
        return low + (high - low) * u
    }

    /// Standard normal (Box-Muller).
    public mutating func normal() -> Float {
        let u1 = max(Double(next() >> 11) / Double(1 << 53), 1e-300)
        let u2 = Double(next() >> 11) / Double(1 << 53)
        return Float((-2 * Foundation.log(u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2))
    }

    /// Runs `body` with a source made from `seed`, or with the shared source (which then
    /// advances, so later draws differ) when there is none.
    public static func with<T>(seed: UInt64?, _ body: (inout RandomSource) throws -> T) rethrows -> T {
        if let seed { var r = RandomSource(seed: seed); return try body(&r) }
        var r = shared
        defer { shared = r }
        return try body(&r)
    }

    /// The calling thread's source; `seed(n)` replaces it. One per thread (see `PerThread`),
    /// so tests that run side by side cannot draw from each other's seeded sequence.
    public static var shared: RandomSource {
        get { perThread.value }
        set { perThread.value = newValue }
    }

    private static let perThread = PerThread("RandomSource") { RandomSource(seed: UInt64.random(in: 0...UInt64.max)) }
}
