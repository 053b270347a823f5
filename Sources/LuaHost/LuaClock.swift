import Foundation

/// The host's clock as a script sees it: `clock.today()` and `clock.now()`, in Europe/Stockholm.
///
/// A run can be given any instant, so a test or `--as-of` can make any day "today".
public struct LuaClock: Sendable, Equatable {
    /// The instant that `clock.now()` reports.
    public var now: Date
    /// The time zone of every date and time a script sees.
    public var timeZone: TimeZone

    /// The Swedish time zone of every date and deadline.
    public static let stockholm = TimeZone(identifier: "Europe/Stockholm")!

    /// A clock fixed at `now`.
    public init(now: Date = Date(), timeZone: TimeZone = LuaClock.stockholm) {
        self.now = now
        self.timeZone = timeZone
    }

    /// A clock at noon, local time, of the given `YYYY-MM-DD` date, or at the given local
    /// `YYYY-MM-DDTHH:MM[:SS]` time. Returns nil for anything else or an impossible date.
    ///
    /// Noon is chosen so that a date given alone is well inside its day whatever the DST shift.
    public init?(asOf text: String, timeZone: TimeZone = LuaClock.stockholm) {
        let parts = text.split(separator: "T", maxSplits: 1).map(String.init)
        let dateFields = parts[0].split(separator: "-", omittingEmptySubsequences: false)
        guard dateFields.count == 3, dateFields[0].count == 4, dateFields[1].count == 2,
            dateFields[2].count == 2, let year = Int(dateFields[0]), let month = Int(dateFields[1]),
            let day = Int(dateFields[2])
        else { return nil }
        var hour = 12, minute = 0, second = 0
        if parts.count == 2 {
            let timeFields = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard (2...3).contains(timeFields.count), timeFields.allSatisfy({ $0.count == 2 }),
                let h = Int(timeFields[0]), let m = Int(timeFields[1]), (0..<24).contains(h),
                (0..<60).contains(m)
            else { return nil }
            hour = h
            minute = m
            if timeFields.count == 3 {
                guard let s = Int(timeFields[2]), (0..<60).contains(s) else { return nil }
                second = s
            }
        }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let components = DateComponents(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components),
            calendar.dateComponents([.year, .month, .day], from: date)
                == DateComponents(year: year, month: month, day: day)
        else { return nil }
        self.init(now: date, timeZone: timeZone)
    }

    private var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// Today's date as `YYYY-MM-DD`.
    public var today: String {
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// The local time as ISO 8601 with the UTC offset: `2025-10-14T12:00:00+02:00`.
    public var nowText: String {
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: now)
        let offset = timeZone.secondsFromGMT(for: now)
        let sign = offset < 0 ? "-" : "+"
        let hours = abs(offset) / 3600, minutes = abs(offset) % 3600 / 60
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!,
            c.second!, sign, hours, minutes)
    }
}
