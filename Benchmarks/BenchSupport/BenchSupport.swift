import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// What both benchmark programs (redovisa-bench, redovisa-domain-bench) share: clocks, the
// machine they ran on, number formatting and the text table they print.

/// Seconds of CPU time this process has used (all threads).
public func processCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

extension Duration {
    /// The duration in seconds.
    public var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}

/// The machine a run was measured on, as printed beside the figures.
public enum Machine {
    public static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return "?" }
        for line in text.split(separator: "\n") where line.hasPrefix("model name") {
            return line.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "?"
        }
        return "?"
    }

    public static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "?" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    public static var processors: Int { ProcessInfo.processInfo.activeProcessorCount }
}

/// `value` with `digits` decimals.
public func fixed(_ value: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", value) }

/// A whole number with spaces between thousands: 1 000 000.
public func grouped(_ n: Int) -> String {
    var digits = Array(String(n))
    var out = ""
    while digits.count > 3 {
        out = " " + String(digits.suffix(3)) + out
        digits.removeLast(3)
    }
    return String(digits) + out
}

/// A plain text table with a header, padded columns and a rule under the header; a row of one
/// cell is a section title printed as it is.
public struct TextTable {
    public var header: [String]
    public var rows: [[String]] = []
    /// Columns aligned to the right (numbers); the rest are aligned to the left.
    public var rightAligned: Set<Int> = []

    public init(header: [String], rightAligned: Set<Int> = []) {
        self.header = header
        self.rightAligned = rightAligned
    }

    public mutating func add(_ row: [String]) { rows.append(row) }
    public mutating func section(_ title: String) { rows.append([title]) }

    public func render() -> String {
        var widths = header.map(\.count)
        for row in rows where row.count > 1 {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            let text = cells.enumerated().map { i, cell in
                let pad = String(repeating: " ", count: max(0, widths[i] - cell.count))
                return rightAligned.contains(i) ? pad + cell : cell + pad
            }.joined(separator: "  ")
            return String(text.reversed().drop(while: { $0 == " " }).reversed())
        }
        var out = [line(header), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        for row in rows { out.append(row.count == 1 ? row[0] : line(row)) }
        return out.joined(separator: "\n")
    }
}
