import BenchSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps a result alive so the optimiser cannot drop the work that made it.
@inline(never)
func consume<T>(_ value: T) {
    withExtendedLifetime(value) {}
}

/// The repetitions of one measurement: operations per second (wall clock) of each.
struct Measurement {
    var rates: [Double]
    /// Operations per second of CPU time, per repetition (a check on the wall-clock figure).
    var cpuRates: [Double]
    var operationsPerRep: Int

    var median: Double { Self.median(rates) }
    var cpuMedian: Double { Self.median(cpuRates) }
    /// The fastest repetition: least disturbed by other processes.
    var best: Double { rates.max() ?? 0 }
    var secondsPerOp: Double { 1 / median }
    /// (max - min) / median of the repetitions, as a fraction.
    var spread: Double {
        guard let lo = rates.min(), let hi = rates.max(), median > 0 else { return 0 }
        return (hi - lo) / median
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
}

/// How long each repetition runs and how many there are.
struct Plan {
    var repetitions = 5
    var secondsPerRep = 0.25
    /// A calibration batch must run at least this long; it doubles as the warm-up.
    var calibrationSeconds = 0.1
}

/// One timed batch of `n` operations.
func timeBatch(_ n: Int, _ body: (Int) throws -> Void) rethrows -> (wall: Double, cpu: Double) {
    let clock = ContinuousClock()
    let cpu0 = processCPUSeconds()
    let t0 = clock.now
    try body(n)
    let wall = (clock.now - t0).seconds
    return (wall, processCPUSeconds() - cpu0)
}

/// Warms up and finds how many operations fill one repetition.
func calibrate(_ plan: Plan, _ body: (Int) throws -> Void, after: () -> Void = {}) rethrows -> Int {
    var n = 1
    while true {
        let (wall, _) = try timeBatch(n, body)
        after()
        if wall >= plan.calibrationSeconds {
            return max(1, Int((Double(n) * plan.secondsPerRep / wall).rounded(.up)))
        }
        n = wall < plan.calibrationSeconds / 16 ? n * 8 : n * 2
    }
}

/// Warms up, then times `plan.repetitions` batches. `body(n)` must do `n` operations; `after`
/// runs after each batch, untimed (to free what the batch made).
func measure(_ plan: Plan, _ body: (Int) throws -> Void, after: () -> Void = {}) rethrows -> Measurement {
    let n = try calibrate(plan, body, after: after)
    var result = Measurement(rates: [], cpuRates: [], operationsPerRep: n)
    for _ in 0..<plan.repetitions {
        let (wall, cpu) = try timeBatch(n, body)
        after()
        result.rates.append(Double(n) / wall)
        result.cpuRates.append(Double(n) / max(cpu, 1e-9))
    }
    return result
}

/// Two variants of one workload, calibrated alike and timed in alternation (A B A B …) so that
/// a drift of the machine's speed hits both the same.
func measurePair(
    _ plan: Plan, _ a: (Int) throws -> Void, _ b: (Int) throws -> Void
) rethrows -> (Measurement, Measurement) {
    let na = try calibrate(plan, a)
    let nb = try calibrate(plan, b)
    let n = min(na, nb)
    var ma = Measurement(rates: [], cpuRates: [], operationsPerRep: n)
    var mb = ma
    for rep in 0..<plan.repetitions {
        // Alternate which goes first as well.
        let order: [Bool] = rep % 2 == 0 ? [true, false] : [false, true]
        for first in order {
            let (wall, cpu) = first ? try timeBatch(n, a) : try timeBatch(n, b)
            if first {
                ma.rates.append(Double(n) / wall)
                ma.cpuRates.append(Double(n) / max(cpu, 1e-9))
            } else {
                mb.rates.append(Double(n) / wall)
                mb.cpuRates.append(Double(n) / max(cpu, 1e-9))
            }
        }
    }
    return (ma, mb)
}

// MARK: Formatting

/// A rate with a thousands separator: 123 456/s.
func rateText(_ rate: Double) -> String { grouped(Int(rate.rounded())) + "/s" }

/// A duration per operation in the unit that reads best.
func durationText(_ seconds: Double) -> String {
    if seconds >= 1e-3 { return fixed(seconds * 1e3, 2) + " ms" }
    if seconds >= 1e-6 { return fixed(seconds * 1e6, 2) + " µs" }
    return fixed(seconds * 1e9, 0) + " ns"
}

func percentText(_ fraction: Double) -> String {
    (fraction >= 0 ? "+" : "") + fixed(fraction * 100, 1) + " %"
}

