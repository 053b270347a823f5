import LuaHost

extension DomainModules {
    /// The domain modules that need no database, for a run without a user: `calendar` and
    /// `reminders`.
    public static var withoutDatabase: [LuaModule] { [calendar, reminders] }

    /// `calendar`: Swedish public holidays and working days (``SwedishHolidays``,
    /// ``WorkingDayCalendar``) and date arithmetic, for 1900–2200 in Europe/Stockholm. It needs
    /// no database: it is in every run, with or without a user.
    ///
    /// - `calendar.is_working_day(date [, options])` → boolean
    /// - `calendar.add_working_days(date, n [, options])` → date
    /// - `calendar.working_days_between(a, b [, options])` → integer: working days after `a` up
    ///   to and including `b`
    /// - `calendar.next_working_day(date [, options])` → date
    /// - `calendar.holidays(year)` → { {date, name, kind}, … }; `calendar.holiday(date)` → the
    ///   holiday or eve on `date`, or nil; `calendar.easter(year)` → date
    /// - `calendar.add_days(date, n)`, `calendar.add_months(date, n)`,
    ///   `calendar.days_between(a, b)`, `calendar.weekday(date)`, `calendar.days_in_month(month)`
    ///
    /// `options` is `{ eves_working = true }` to count midsommarafton, julafton and nyårsafton as
    /// working days; without it the run's setting holds (``LuaRunContext/workingDayCalendar``,
    /// by default: they are not).
    ///
    /// ```lua
    /// local due = calendar.add_working_days("2025-04-16", 5)   -- "2025-04-25"
    /// ```
    public static var calendar: LuaModule {
        var module = LuaModule("calendar")
        module.function("is_working_day") { call in
            let date = try date(call, 1)
            let calendar = try workingDayCalendar(call, 2)
            return [.boolean(try calendarResult { () throws(RedovisaError) in try calendar.isWorkingDay(date) })]
        }
        module.function("add_working_days") { call in
            let date = try date(call, 1)
            let count = try Int(call.integer(2))
            let calendar = try workingDayCalendar(call, 3)
            return [.string(try calendarResult { () throws(RedovisaError) in try calendar.adding(workingDays: count, to: date) }.description)]
        }
        module.function("working_days_between") { call in
            let start = try date(call, 1), end = try date(call, 2)
            let calendar = try workingDayCalendar(call, 3)
            return [.integer(Int64(try calendarResult { () throws(RedovisaError) in try calendar.workingDays(from: start, to: end) }))]
        }
        module.function("next_working_day") { call in
            let date = try date(call, 1)
            let calendar = try workingDayCalendar(call, 2)
            return [.string(try calendarResult { () throws(RedovisaError) in try calendar.nextWorkingDay(after: date) }.description)]
        }
        module.function("holidays") { call in
            let year = try year(call, 1)
            let holidays = try calendarResult { () throws(RedovisaError) in try SwedishHolidays.holidays(in: year) }
            return [try LuaValueEncoder().encode(holidays)]
        }
        module.function("holiday") { call in
            let date = try date(call, 1)
            let found = try calendarResult { () throws(RedovisaError) in try SwedishHolidays.holidays(on: date) }
            return [try found.first.map { holiday throws(LuaError) in try LuaValueEncoder().encode(holiday) } ?? .nil]
        }
        module.function("easter") { call in
            let year = try year(call, 1)
            try calendarResult { () throws(RedovisaError) in try SwedishHolidays.checkYear(year) }
            return [.string(SwedishHolidays.easterSunday(year).description)]
        }
        addDateArithmetic(to: &module)
        return module
    }

    /// `add_days`, `add_months`, `days_between`, `weekday`, `days_in_month`: plain date
    /// arithmetic, for any date of years 1–9999.
    private static func addDateArithmetic(to module: inout LuaModule) {
        module.function("add_days") { call in
            let date = try date(call, 1)
            // Clamped first: no count of days can leave the years 1–9999 by less than this.
            let days = Int(max(-10_000_000, min(10_000_000, try call.integer(2))))
            return [.string(try inRange(call, date.dayNumber + days).description)]
        }
        module.function("add_months") { call in
            let date = try date(call, 1)
            let months = Int(max(-1_000_000, min(1_000_000, try call.integer(2))))
            let index = date.year * 12 + date.month - 1 + months
            let year = index >= 0 ? index / 12 : -1
            guard (1...9999).contains(year) else { throw call.badArgument(2, "the date would be outside the years 1–9999") }
            let month = index % 12 + 1
            let day = min(date.day, LocalDate.daysIn(year: year, month: month))
            return [.string(LocalDate(year: year, month: month, day: day)!.description)]
        }
        module.function("days_between") { call in
            let start = try date(call, 1), end = try date(call, 2)
            return [.integer(Int64(start.days(until: end)))]
        }
        module.function("weekday") { call in
            [.integer(Int64(try date(call, 1).weekday))]
        }
        module.function("days_in_month") { call in
            let text = try call.string(1)
            guard let period = Period(text) else {
                throw call.badArgument(1, "\"YYYY-MM\" expected, got \(LuaValue.string(text).luaLiteral)")
            }
            return [.integer(Int64(LocalDate.daysIn(year: period.year, month: period.month)))]
        }
    }

    // MARK: Arguments

    /// Argument `position` as a date `"YYYY-MM-DD"`.
    private static func date(_ call: LuaCall, _ position: Int) throws(LuaError) -> LocalDate {
        let text = try call.string(position)
        guard let date = LocalDate(text) else {
            throw call.badArgument(position, "\"YYYY-MM-DD\" expected, got \(LuaValue.string(text).luaLiteral)")
        }
        return date
    }

    /// Argument `position` as a year (an integer).
    private static func year(_ call: LuaCall, _ position: Int) throws(LuaError) -> Int {
        Int(clamping: try call.integer(position))
    }

    /// The date with day number `day`, or a bad argument when it is outside the years 1–9999.
    private static func inRange(_ call: LuaCall, _ day: Int) throws(LuaError) -> LocalDate {
        let first = LocalDate(year: 1, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: 9999, month: 12, day: 31)!.dayNumber
        guard (first...last).contains(day) else { throw call.badArgument(2, "the date would be outside the years 1–9999") }
        return LocalDate(dayNumber: day)
    }

    /// The working-day calendar of a call: the run's setting, changed by the options at
    /// `position` (`{ eves_working = true }`).
    private static func workingDayCalendar(_ call: LuaCall, _ position: Int) throws(LuaError) -> WorkingDayCalendar {
        let options = try LuaOptions(call, position, allowed: ["eves_working"])
        var calendar = call.context.workingDayCalendar
        switch options.table["eves_working"] {
        case .nil: break
        case .boolean(let working): calendar.evesAreWorkingDays = working
        case let other: throw options.problem("eves_working", "boolean expected, got \(other.typeName)")
        }
        return calendar
    }

    /// Runs a calendar computation, its error (a year outside 1900–2200) as a Lua error.
    @discardableResult
    private static func calendarResult<Value>(_ body: () throws(RedovisaError) -> Value) throws(LuaError) -> Value {
        do {
            return try body()
        } catch {
            throw error.luaError
        }
    }
}

/// The key of the run's ``WorkingDayCalendar`` (whether the eves are working days) in a
/// ``LuaRunContext``.
public enum WorkingDayCalendarKey: LuaContextKey {
    public typealias Value = WorkingDayCalendar
}

extension LuaRunContext {
    /// The working-day calendar the `calendar` functions use unless a call says otherwise: the
    /// host's setting for the run. By default midsommarafton, julafton and nyårsafton are not
    /// working days.
    public var workingDayCalendar: WorkingDayCalendar {
        get { self[WorkingDayCalendarKey.self] ?? WorkingDayCalendar() }
        set { self[WorkingDayCalendarKey.self] = newValue }
    }
}
