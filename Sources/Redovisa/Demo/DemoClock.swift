import Foundation

/// The demo's "now": the seed moves it to the moment of each step before taking it, so that every
/// timestamp the database writes — status history, audit log, case-number year — tells the demo's
/// story in order, and two runs write the same times.
final class DemoClock: @unchecked Sendable {
    // @unchecked Sendable: `current` is only read and written while holding `lock`.
    private let lock = NSLock()
    private var current: Date

    init(_ start: Date) {
        current = start
    }

    /// The current demo time.
    var now: Date { lock.withLock { current } }

    /// Moves the demo time to `date`.
    func set(_ date: Date) {
        lock.withLock { current = date }
    }

    /// Moves the demo time `seconds` on: one tick per record while the register is set up.
    func advance(seconds: Double = 1) {
        lock.withLock { current = current.addingTimeInterval(seconds) }
    }
}

/// Dates and local times of the demo's story, in Europe/Stockholm.
enum DemoCalendar {
    /// The instant of local time `hour:minute` on `date` in Stockholm.
    static func at(_ date: LocalDate, _ hour: Int, _ minute: Int = 0) -> Date {
        let local = Double(date.dayNumber * 86_400 + hour * 3_600 + minute * 60)
        // Daytime hours never fall in a daylight-saving gap, so one lookup of the offset is exact.
        let offset = Redovisa.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: local))
        return Date(timeIntervalSince1970: local - Double(offset))
    }

    /// Swedish public holidays of 2025, and the eves most employers treat as holidays
    /// (DOMAIN.md, cross-cutting rules). The demo only needs the year it is set in.
    private static let holidays: Set<LocalDate> = Set([
        "2025-01-01", "2025-01-06", "2025-04-18", "2025-04-20", "2025-04-21", "2025-05-01", "2025-05-29",
        "2025-06-06", "2025-06-20", "2025-06-21", "2025-11-01", "2025-12-24", "2025-12-25", "2025-12-26",
        "2025-12-31",
    ].compactMap { LocalDate($0) })

    /// Monday to Friday, not a holiday.
    static func isWorkingDay(_ date: LocalDate) -> Bool {
        date.weekday <= 5 && !holidays.contains(date)
    }

    /// `date` if it is a working day, else the next working day.
    static func workingDay(onOrAfter date: LocalDate) -> LocalDate {
        var day = date
        while !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// The working day `count` working days after `date`.
    static func adding(workingDays count: Int, to date: LocalDate) -> LocalDate {
        var day = date
        var left = count
        while left > 0 {
            day = day.adding(days: 1)
            if isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// The same day `months` months later, or the month's last day when it has fewer days.
    static func adding(months: Int, to date: LocalDate) -> LocalDate {
        let index = date.year * 12 + (date.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        return LocalDate(year: year, month: month, day: min(date.day, LocalDate.daysIn(year: year, month: month)))!
    }

    /// The Swedish name of the month of `period`, in lower case: "september".
    static func monthName(_ period: Period) -> String {
        [
            "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
            "november", "december",
        ][period.month - 1]
    }
}
