/// Swedish working days: Monday to Friday, except public holidays and — unless the setting says
/// otherwise — midsommarafton, julafton and nyårsafton. For any date of 1900–2200 (see
/// ``SwedishHolidays`` for the rules of each period), in Europe/Stockholm.
///
/// The arithmetic, with `a` and `b` any dates (working days or not):
/// - ``adding(workingDays:to:)`` with `n > 0` gives the `n`-th working day after `a` (`a` itself
///   never counts); with `n < 0` the `|n|`-th working day before `a`; with `n == 0`, `a` when it
///   is a working day, else the next working day.
/// - ``workingDays(from:to:)`` counts the working days after `a` up to and including `b`
///   (negative, counting from `b` up to but not including `a`, when `b` is before `a`). So
///   `workingDays(from: a, to: adding(workingDays: n, to: a)) == n` for every `n != 0`.
///
/// ```swift
/// let calendar = WorkingDayCalendar()
/// try calendar.adding(workingDays: 5, to: LocalDate("2025-04-16")!)  // 2025-04-25: past Easter
/// try calendar.isWorkingDay(LocalDate("2025-12-24")!)                // false
/// try WorkingDayCalendar(evesAreWorkingDays: true).isWorkingDay(LocalDate("2025-12-24")!)  // true
/// ```
public struct WorkingDayCalendar: Sendable, Hashable, Codable {
    /// Whether midsommarafton, julafton and nyårsafton are working days (when they fall on a
    /// weekday). Most employers treat them as days off, and so does the default.
    public var evesAreWorkingDays: Bool

    /// A calendar; by default the eves are not working days.
    public init(evesAreWorkingDays: Bool = false) {
        self.evesAreWorkingDays = evesAreWorkingDays
    }

    /// Whether `date` is a working day.
    /// - Throws: ``RedovisaError/Code/invalidInput`` for a date outside 1900–2200.
    public func isWorkingDay(_ date: LocalDate) throws(RedovisaError) -> Bool {
        try SwedishHolidays.checkYear(date.year)
        return isWorkingDay(dayNumber: date.dayNumber)
    }

    /// The working day `count` working days after `date` (before it when negative); for 0, `date`
    /// itself when it is a working day, else the next one.
    /// - Throws: ``RedovisaError/Code/invalidInput`` when `date` or the answer is outside 1900–2200.
    public func adding(workingDays count: Int, to date: LocalDate) throws(RedovisaError) -> LocalDate {
        try SwedishHolidays.checkYear(date.year)
        if count == 0 {
            return try isWorkingDay(date) ? date : nextWorkingDay(after: date)
        }
        let step = count > 0 ? 1 : -1
        var day = date.dayNumber
        var left = abs(count)
        while left > 0 {
            day += step
            guard Self.range.contains(day) else { throw SwedishHolidays.outOfRange(LocalDate(dayNumber: day).year) }
            if isWorkingDay(dayNumber: day) { left -= 1 }
        }
        return LocalDate(dayNumber: day)
    }

    /// The first working day after `date`.
    /// - Throws: ``RedovisaError/Code/invalidInput`` when `date` or the answer is outside 1900–2200.
    public func nextWorkingDay(after date: LocalDate) throws(RedovisaError) -> LocalDate {
        try adding(workingDays: 1, to: date)
    }

    /// The working days after `start` up to and including `end`; negative when `end` is before
    /// `start` (then the working days from `end` up to but not including `start`).
    /// - Throws: ``RedovisaError/Code/invalidInput`` for a date outside 1900–2200.
    ///
    /// ```swift
    /// // Monday 2025-12-22 to Friday 2026-01-02: 23, 29, 30 December and 2 January
    /// try WorkingDayCalendar().workingDays(from: LocalDate("2025-12-22")!, to: LocalDate("2026-01-02")!)  // 4
    /// ```
    public func workingDays(from start: LocalDate, to end: LocalDate) throws(RedovisaError) -> Int {
        try SwedishHolidays.checkYear(start.year)
        try SwedishHolidays.checkYear(end.year)
        let (low, high, sign) = start <= end ? (start.dayNumber, end.dayNumber, 1) : (end.dayNumber - 1, start.dayNumber - 1, -1)
        var count = 0
        var day = low + 1
        while day <= high {
            if isWorkingDay(dayNumber: day) { count += 1 }
            day += 1
        }
        return sign * count
    }

    // MARK: The table

    /// Day numbers (``LocalDate/dayNumber``) of 1900-01-01 to 2200-12-31.
    private static let range: ClosedRange<Int> =
        LocalDate(year: SwedishHolidays.years.lowerBound, month: 1, day: 1)!.dayNumber
        ... LocalDate(year: SwedishHolidays.years.upperBound, month: 12, day: 31)!.dayNumber

    /// The day numbers of every public holiday and of every eve in 1900–2200, worked out once:
    /// about 4 500 and 900 days, so that a check is a lookup, not a year's rules.
    private static let table: (holidays: Set<Int>, eves: Set<Int>) = {
        var holidays = Set<Int>(), eves = Set<Int>()
        for year in SwedishHolidays.years {
            for holiday in SwedishHolidays.unchecked(year) {
                if holiday.kind == .eve {
                    eves.insert(holiday.date.dayNumber)
                } else {
                    holidays.insert(holiday.date.dayNumber)
                }
            }
        }
        return (holidays, eves)
    }()

    /// Whether day `day` (in ``range``) is a working day.
    private func isWorkingDay(dayNumber day: Int) -> Bool {
        // 1970-01-01 (day 0) was a Thursday: ISO weekday (day + 3) mod 7 + 1.
        let weekday = ((day % 7 + 7 + 3) % 7) + 1
        if weekday >= 6 { return false }
        if Self.table.holidays.contains(day) { return false }
        return evesAreWorkingDays || !Self.table.eves.contains(day)
    }
}
