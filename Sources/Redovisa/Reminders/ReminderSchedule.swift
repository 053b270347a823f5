import Foundation

/// When a reminder rule runs: the schedule vocabulary of `scripts/reminders/*.lua`
/// (docs/scripting.md, "Reminders").
///
/// Two kinds of schedule:
/// - **Calendar** schedules name days — `every_day`, `every_working_day`, `day_of_month`,
///   `working_day_of_month` — each at a time of day (`at`, default 08:00). Each such day is an
///   *occasion*. A run at a moment considers the occasions of the last `catch_up_days` days
///   (default 3) whose time has come, and takes the latest: after downtime the most recent
///   reminder still goes out, the ones it superseded do not.
/// - **Relative** schedules — `days_before`, `working_days_before` (to each reminder's
///   `deadline`), `days_after`, `working_days_after` (from each reminder's `since`) — are looked
///   at on every run; a reminder is due from its first day (at `at`) to its deadline, or for
///   `catch_up_days` days after its first day.
///
/// ```swift
/// let schedule = try ReminderSchedule(lua: ["day_of_month": [10, 13], "if_not_working_day": "previous"])
/// let occasion = try schedule.occasion(on: LocalDate("2025-10-10")!, minute: 9 * 60, calendar: WorkingDayCalendar())
/// // occasion?.step == "day_of_month:10"
/// ```
public struct ReminderSchedule: Sendable, Hashable {
    /// What a day falling on a non-working day does under `day_of_month`.
    public enum Shift: String, Sendable, Hashable, CaseIterable {
        /// Runs on the working day before.
        case previous
        /// Runs on the working day after.
        case next
        /// Does not run that month.
        case skip
    }

    /// Which days, or which reminders, the schedule picks.
    public enum When: Sendable, Hashable {
        case everyDay
        case everyWorkingDay
        /// Days of the month (a day past the month's end is its last day), shifted off non-working
        /// days when a shift is given.
        case dayOfMonth([Int], shift: Shift?)
        /// The nth working days of the month; negative counts from the end (-1: the last).
        case workingDayOfMonth([Int])
        /// `count` (working) days before each reminder's `deadline`, up to the deadline.
        case before(count: Int, working: Bool)
        /// `count` (working) days after each reminder's `since`.
        case after(count: Int, working: Bool)
    }

    public var when: When
    /// The time of day, in minutes after midnight, Europe/Stockholm.
    public var minuteOfDay: Int
    /// How many days after an occasion (or a reminder's first day) it may still go out.
    public var catchUpDays: Int

    /// A schedule; see the type's documentation for the meaning of each part.
    public init(when: When, minuteOfDay: Int = 8 * 60, catchUpDays: Int = 3) {
        self.when = when
        self.minuteOfDay = minuteOfDay
        self.catchUpDays = catchUpDays
    }

    /// Whether reminders are chosen by their own `deadline` or `since` rather than by the day.
    public var isRelative: Bool {
        switch when {
        case .before, .after: true
        default: false
        }
    }

    /// The field each reminder must have under a relative schedule: `deadline` or `since`.
    public var anchorField: String? {
        switch when {
        case .before: "deadline"
        case .after: "since"
        default: nil
        }
    }

    /// The step of the ledger key for relative schedules (calendar ones name it per occasion).
    var relativeStep: String {
        switch when {
        case .before(let count, let working): "\(working ? "working_days" : "days")_before:\(count)"
        case .after(let count, let working): "\(working ? "working_days" : "days")_after:\(count)"
        default: ""
        }
    }

    /// The occasion open at `minute` on `today`: for a calendar schedule the latest matching day
    /// within `catchUpDays` whose time has come, or nil; for a relative schedule always today
    /// (each reminder is then checked with ``isDue(anchor:today:minute:calendar:)``).
    /// - Throws: ``RedovisaError`` for a day outside the calendar's years 1900–2200.
    public func occasion(on today: LocalDate, minute: Int, calendar: WorkingDayCalendar) throws(RedovisaError) -> ReminderOccasion? {
        if isRelative {
            return ReminderOccasion(date: today, minuteOfDay: minuteOfDay, step: relativeStep)
        }
        for back in 0...catchUpDays {
            if back == 0 && minute < minuteOfDay { continue }
            let day = today.adding(days: -back)
            if let step = try step(on: day, calendar: calendar) {
                return ReminderOccasion(date: day, minuteOfDay: minuteOfDay, step: step)
            }
        }
        return nil
    }

    /// Under a relative schedule: whether a reminder with this `deadline` (or `since`) is due at
    /// `minute` on `today`.
    /// - Throws: ``RedovisaError`` for a day outside the calendar's years.
    public func isDue(anchor: LocalDate, today: LocalDate, minute: Int, calendar: WorkingDayCalendar) throws(RedovisaError) -> Bool {
        let first: LocalDate, last: LocalDate
        switch when {
        case .before(let count, let working):
            first = working ? try calendar.adding(workingDays: -count, to: anchor) : anchor.adding(days: -count)
            last = anchor
        case .after(let count, let working):
            first = working ? try calendar.adding(workingDays: count, to: anchor) : anchor.adding(days: count)
            last = first.adding(days: catchUpDays)
        default:
            return true
        }
        guard first <= today, today <= last else { return false }
        return first < today || minute >= minuteOfDay
    }

    /// The step name when `day` is a day of this calendar schedule, else nil.
    private func step(on day: LocalDate, calendar: WorkingDayCalendar) throws(RedovisaError) -> String? {
        switch when {
        case .everyDay:
            return "every_day:\(day)"
        case .everyWorkingDay:
            return try calendar.isWorkingDay(day) ? "every_working_day:\(day)" : nil
        case .dayOfMonth(let days, let shift):
            let month = day.period
            for number in days {
                // A shifted day may come from the month before or after.
                for candidate in [month.previous, month, month.next] {
                    if try effectiveDay(number, of: candidate, shift: shift, calendar: calendar) == day {
                        return "day_of_month:\(number)"
                    }
                }
            }
            return nil
        case .workingDayOfMonth(let numbers):
            for number in numbers where try nthWorkingDay(number, of: day.period, calendar: calendar) == day {
                return "working_day_of_month:\(number)"
            }
            return nil
        case .before, .after:
            return nil
        }
    }

    /// Day `number` of `month` (its last day when shorter), moved off a non-working day by `shift`.
    private func effectiveDay(_ number: Int, of month: Period, shift: Shift?, calendar: WorkingDayCalendar) throws(RedovisaError) -> LocalDate? {
        let nominal = LocalDate(year: month.year, month: month.month, day: min(number, LocalDate.daysIn(year: month.year, month: month.month)))!
        guard let shift, !(try calendar.isWorkingDay(nominal)) else { return nominal }
        switch shift {
        case .previous: return try calendar.adding(workingDays: -1, to: nominal)
        case .next: return try calendar.nextWorkingDay(after: nominal)
        case .skip: return nil
        }
    }

    /// The `number`th working day of `month` (from the end when negative), or nil when the month
    /// has fewer.
    private func nthWorkingDay(_ number: Int, of month: Period, calendar: WorkingDayCalendar) throws(RedovisaError) -> LocalDate? {
        var found: [LocalDate] = []
        var day = month.firstDay
        while day <= month.lastDay {
            if try calendar.isWorkingDay(day) { found.append(day) }
            day = day.adding(days: 1)
        }
        let index = number > 0 ? number - 1 : found.count + number
        return found.indices.contains(index) ? found[index] : nil
    }
}

/// One occasion of a schedule: the day it is for, its time, and the step it gives the ledger key
/// (`day_of_month:10`, `working_days_before:1`).
public struct ReminderOccasion: Sendable, Hashable, Codable {
    public var date: LocalDate
    public var minuteOfDay: Int
    public var step: String

    /// The time of day as `HH:MM`.
    public var at: String { ReminderSchedule.clockText(minuteOfDay) }

    private enum CodingKeys: String, CodingKey { case date, at, step }

    public init(date: LocalDate, minuteOfDay: Int, step: String) {
        self.date = date
        self.minuteOfDay = minuteOfDay
        self.step = step
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        date = try c.decode(LocalDate.self, forKey: .date)
        step = try c.decode(String.self, forKey: .step)
        minuteOfDay = ReminderSchedule.minute(of: try c.decode(String.self, forKey: .at)) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(date, forKey: .date)
        try c.encode(at, forKey: .at)
        try c.encode(step, forKey: .step)
    }
}

extension ReminderSchedule {
    /// `HH:MM` for a minute of the day.
    static func clockText(_ minute: Int) -> String {
        let hours: Int = minute / 60
        let minutes: Int = minute % 60
        return String(format: "%02d:%02d", hours, minutes)
    }

    /// The minute of the day of `HH:MM`, or nil for anything else.
    static func minute(of text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count == 2 }), let h = Int(parts[0]), let m = Int(parts[1]),
            (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        return h * 60 + m
    }
}
