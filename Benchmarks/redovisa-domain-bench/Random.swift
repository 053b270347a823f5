import Foundation

/// SplitMix64: a small, fast, deterministic generator, so that every run builds the same data.
struct Random {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return Self.mix(state)
    }

    /// A number in `range` (uniform).
    mutating func int(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        int(range.lowerBound..<(range.upperBound + 1))
    }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[int(0..<items.count)] }

    /// An index chosen with probability proportional to `weights[index]`.
    mutating func weighted(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// A number in [0, 1) that depends only on its arguments: the same draw in both passes of
    /// the generator, whatever else was drawn in between.
    static func unit(_ a: Int, _ b: Int, salt: UInt64) -> Double {
        let h = mix(mix(UInt64(truncatingIfNeeded: a) &* 0x100_0000_01B3 ^ salt) ^ UInt64(truncatingIfNeeded: b))
        return Double(h >> 11) / Double(1 << 53)
    }
}

/// Zipf-like weights 1, 1/2^s, 1/3^s, …: a few large units and a long tail.
func zipfWeights(_ count: Int, exponent: Double = 0.8) -> [Double] {
    (1...count).map { 1 / pow(Double($0), exponent) }
}

