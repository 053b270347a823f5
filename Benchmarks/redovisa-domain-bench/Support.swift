import BenchSupport
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// MARK: Timing

/// Seconds `body` took (wall clock), and what it returned.
func timed<T>(_ body: () throws -> T) rethrows -> (seconds: Double, value: T) {
    let clock = ContinuousClock()
    let t0 = clock.now
    let value = try body()
    return ((clock.now - t0).seconds, value)
}

/// The timings of repeated runs of one operation, in seconds (wall clock, and CPU time).
struct Timings {
    var samples: [Double]
    var cpu: [Double] = []

    var cpuMedian: Double { Timings(samples: cpu).median }

    var median: Double {
        let sorted = samples.sorted()
        guard !sorted.isEmpty else { return .nan }
        let mid = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
    }
    var best: Double { samples.min() ?? .nan }
    /// Half the range of the samples, as a fraction of the median.
    var spread: Double {
        guard let lo = samples.min(), let hi = samples.max(), median > 0 else { return 0 }
        return (hi - lo) / 2 / median
    }

    static func repeating(_ count: Int, _ body: () throws -> Void) rethrows -> Timings {
        var timings = Timings(samples: [])
        for _ in 0..<count {
            let cpu0 = processCPUSeconds()
            timings.samples.append(try timed(body).seconds)
            timings.cpu.append(processCPUSeconds() - cpu0)
        }
        return timings
    }
}

// MARK: The operating system's page cache

/// Drops the file's pages from the operating system's page cache (after writing any dirty
/// ones), so that the next read comes from the disk: a cold start for this file only, without
/// root and without disturbing other processes' caches.
func evictFromPageCache(_ path: String) {
    for file in [path, path + "-wal", path + "-shm"] {
        let fd = open(file, O_RDONLY)
        guard fd >= 0 else { continue }
        fdatasync(fd)
        _ = posix_fadvise(fd, 0, 0, Int32(POSIX_FADV_DONTNEED))
        close(fd)
    }
}

/// The fraction of the file's pages that are in the page cache (mincore).
func residentFraction(_ path: String) -> Double? {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else { return nil }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, st.st_size > 0 else { return nil }
    let size = Int(st.st_size)
    guard let map = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), map != MAP_FAILED else { return nil }
    defer { munmap(map, size) }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let pages = (size + page - 1) / page
    var vector = [UInt8](repeating: 0, count: pages)
    guard mincore(map, size, &vector) == 0 else { return nil }
    return Double(vector.reduce(0) { $0 + Int($1 & 1) }) / Double(pages)
}

func fileSize(_ path: String) -> Int {
    ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
}

func removeDatabase(_ path: String) {
    for file in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
}

// MARK: Formatting

/// A duration in the unit that reads best.
func durationText(_ seconds: Double) -> String {
    if seconds.isNaN { return "-" }
    if seconds >= 1 { return fixed(seconds, 2) + " s" }
    if seconds >= 1e-3 { return fixed(seconds * 1e3, seconds >= 0.1 ? 0 : 1) + " ms" }
    return fixed(seconds * 1e6, 0) + " µs"
}


func megabytes(_ bytes: Int) -> String { fixed(Double(bytes) / 1_048_576, 0) + " MB" }

