import Foundation
import Redovisa

/// The template's verdict on a report's answers, kept for a short while so that the page drawn
/// right after a save (the redirect that follows every "Spara" and "Nästa"), and a step page
/// opened again, need not run the template once more: a template run costs a fresh Lua sandbox
/// with the engine loaded (about a millisecond), a page without one a fraction of that.
///
/// A verdict is kept for one report at one revision and status, on one day, for one user (the
/// template sees the domain as that user may), and for at most ``lifetime`` seconds — the
/// template may also read the enrolment, the plan and earlier reports, which can change without
/// the report changing. At most ``capacity`` verdicts are kept; the oldest go first.
///
/// ```swift
/// if let check = cache.check(for: report, actor: actor, today: today) { … }
/// cache.store(check, for: saved.report, actor: actor, today: today)
/// ```
public final class CheckCache: @unchecked Sendable {
    // @unchecked: `entries`, `order` and `stored` are only touched under `lock`.
    private let lock = NSLock()
    private var entries: [Key: Entry] = [:]
    private var order: [Key] = []
    /// How many verdicts were ever stored: each one's serial number.
    private var stored: UInt64 = 0
    /// How long a verdict is used, in seconds.
    public let lifetime: TimeInterval
    /// How many verdicts are kept.
    public let capacity: Int
    private let now: @Sendable () -> Date

    public init(lifetime: TimeInterval = 15, capacity: Int = 2000, now: @escaping @Sendable () -> Date = { Date() }) {
        self.lifetime = lifetime
        self.capacity = capacity
        self.now = now
    }

    struct Key: Hashable {
        var reportId: Int64
        var revision: Int
        var status: ReportStatus
        var templateVersion: Int
        var today: LocalDate
        var userId: Int64
    }

    private struct Entry {
        var check: TemplateCheck
        var storedAt: Date
        var serial: UInt64
    }

    /// The verdict on `report` as it stands, if one is kept.
    public func check(for report: Report, actor: Actor, today: LocalDate) -> TemplateCheck? {
        kept(for: report, actor: actor, today: today)?.check
    }

    /// The verdict on `report` as it stands and its serial number, if one is kept: a page drawn
    /// from that verdict is still right while the same serial is kept (``serial(of:stamp:userId:today:)``).
    func kept(for report: Report, actor: Actor, today: LocalDate) -> (check: TemplateCheck, serial: UInt64)? {
        guard let key = Self.key(report, actor, today) else { return nil }
        return entry(key).map { ($0.check, $0.serial) }
    }

    /// The serial number of the verdict kept for report `reportId` standing as `stamp` says, if one is kept.
    func serial(of reportId: Int64, stamp: ReportStamp, userId: Int64, today: LocalDate) -> UInt64? {
        entry(Key(
            reportId: reportId, revision: stamp.revision, status: stamp.status, templateVersion: stamp.templateVersion,
            today: today, userId: userId))?.serial
    }

    private func entry(_ key: Key) -> Entry? {
        let time = now()
        return lock.withLock {
            guard let entry = entries[key], time.timeIntervalSince(entry.storedAt) < lifetime else { return nil }
            return entry
        }
    }

    /// Keeps `check`, the verdict on `report` as it stands; returns its serial number (nil when
    /// it cannot be kept: a report without id, an actor without user).
    @discardableResult
    public func store(_ check: TemplateCheck, for report: Report, actor: Actor, today: LocalDate) -> UInt64? {
        guard let key = Self.key(report, actor, today) else { return nil }
        let time = now()
        return lock.withLock {
            stored += 1
            if entries.updateValue(Entry(check: check, storedAt: time, serial: stored), forKey: key) == nil { order.append(key) }
            if order.count > capacity {
                let gone = order.prefix(order.count - capacity)
                for old in gone { entries[old] = nil }
                order.removeFirst(gone.count)
            }
            return stored
        }
    }

    private static func key(_ report: Report, _ actor: Actor, _ today: LocalDate) -> Key? {
        guard let id = report.id, let userId = actor.userId else { return nil }
        return Key(
            reportId: id, revision: report.revision, status: report.status, templateVersion: report.templateVersion,
            today: today, userId: userId)
    }
}
