import LuaHost
import Redovisa
import Testing

/// The `calendar` module as scripts see it: in a run without a database, with the run's clock.
struct CalendarLuaTests {
    /// Runs `source` with only the modules that need no database, on `today`.
    func run(_ source: String, today: String = "2025-10-14", evesWorking: Bool? = nil) throws -> [LuaValue] {
        let sandbox = try LuaSandbox(.init(modules: DomainModules.withoutDatabase))
        var context = LuaRunContext(clock: LuaClock(asOf: today)!)
        if let evesWorking { context.workingDayCalendar = WorkingDayCalendar(evesAreWorkingDays: evesWorking) }
        return try sandbox.runSource(source, chunkName: "scripts/cal.lua", context: context)
    }

    func failure(_ source: String) -> String? {
        (#expect(throws: LuaError.self) { _ = try run(source) })?.message
    }

    @Test func theWorkingDayFunctionsWorkWithoutADatabase() throws {
        let results = try run("""
            return calendar.is_working_day("2025-04-18"), calendar.add_working_days("2025-04-17", 1),
                   calendar.add_working_days("2025-04-22", -1), calendar.working_days_between("2025-12-22", "2026-01-02"),
                   calendar.next_working_day("2025-06-19")
            """)
        #expect(results == [false, "2025-04-22", "2025-04-17", 4, "2025-06-23"])
    }

    @Test func theEvesFollowTheRunsSettingUnlessACallSaysOtherwise() throws {
        let source = """
            return calendar.is_working_day("2025-12-24"), calendar.is_working_day("2025-12-24", { eves_working = true }),
                   calendar.is_working_day("2025-12-24", { eves_working = false })
            """
        #expect(try run(source) == [false, true, false])
        #expect(try run(source, evesWorking: true) == [true, true, false])
    }

    @Test func holidaysComeAsTablesWithSwedishNames() throws {
        let results = try run("""
            local days = calendar.holidays(2025)
            return #days, days[10], calendar.holiday("2025-06-06"), calendar.holiday("2025-10-14"), calendar.easter(2024)
            """)
        #expect(results[0] == 16)
        #expect(results[1] == .table(LuaTable(hash: ["date": "2025-06-20", "name": "midsommarafton", "kind": "eve"])))
        #expect(results[2] == .table(LuaTable(hash: ["date": "2025-06-06", "name": "nationaldagen", "kind": "public_holiday"])))
        #expect(results[3] == .nil)
        #expect(results[4] == "2024-03-31")
    }

    @Test func dateArithmetic() throws {
        let results = try run("""
            return calendar.add_days("2024-02-28", 1), calendar.add_days("2025-01-01", -1), calendar.days_between("2025-09-01", "2025-10-01"),
                   calendar.weekday("2025-10-14"), calendar.days_in_month("2024-02"), calendar.days_in_month("2100-02"),
                   calendar.add_months("2025-01-31", 1), calendar.add_months("2024-03-31", -1), calendar.add_months("2025-10-14", 3)
            """)
        #expect(results == ["2024-02-29", "2024-12-31", 30, 2, 29, 28, "2025-02-28", "2024-02-29", "2026-01-14"])
    }

    @Test func wrongArgumentsGetLuaStyleErrors() {
        #expect(failure("return calendar.is_working_day('14 okt')")
            == "scripts/cal.lua:1: bad argument #1 to 'calendar.is_working_day' (\"YYYY-MM-DD\" expected, got \"14 okt\")")
        #expect(failure("return calendar.add_working_days('2025-10-14', 1.5)")
            == "scripts/cal.lua:1: bad argument #2 to 'calendar.add_working_days' (number has no integer representation)")
        #expect(failure("return calendar.is_working_day('2025-10-14', { eves = true })")?
            .hasSuffix("(unknown option 'eves' (expected eves_working))") == true)
        #expect(failure("return calendar.is_working_day('2025-10-14', { eves_working = 'ja' })")?
            .hasSuffix("(option 'eves_working': boolean expected, got string)") == true)
        #expect(failure("return calendar.holidays(2201)") == "scripts/cal.lua:1: kalendern omfattar åren 1900–2200, inte 2201")
        #expect(failure("return calendar.add_days('9999-12-31', 1)")?.hasSuffix("(the date would be outside the years 1–9999)") == true)
        #expect(failure("return calendar.days_in_month('2025-13')")?.hasSuffix("(\"YYYY-MM\" expected, got \"2025-13\")") == true)
    }

    @Test func aRunOutOfRangeCanBeCaughtWithPcall() throws {
        // Called straight from pcall there is no Lua line to name, as with Lua's own functions
        let results = try run("return pcall(calendar.add_working_days, '2200-12-29', 5)")
        #expect(results == [false, "kalendern omfattar åren 1900–2200, inte 2201"])
    }

    // MARK: time travel

    /// "Is today a working day, and which is the next?" run every day from the Wednesday
    /// before Easter 2025 to the Wednesday after, as the clock moves forward.
    @Test func timeTravelOverEaster() throws {
        let source = "local today = clock.today()\nreturn calendar.is_working_day(today), calendar.next_working_day(today)"
        var seen: [String] = []
        var day = LocalDate("2025-04-16")!
        while day <= LocalDate("2025-04-23")! {
            let results = try run(source, today: day.description)
            seen.append("\(day) \(results[0] == true ? "arbetsdag" : "ledig") → \(results[1].stringValue ?? "")")
            day = day.adding(days: 1)
        }
        #expect(seen == [
            "2025-04-16 arbetsdag → 2025-04-17", "2025-04-17 arbetsdag → 2025-04-22", "2025-04-18 ledig → 2025-04-22",
            "2025-04-19 ledig → 2025-04-22", "2025-04-20 ledig → 2025-04-22", "2025-04-21 ledig → 2025-04-22",
            "2025-04-22 arbetsdag → 2025-04-23", "2025-04-23 arbetsdag → 2025-04-24",
        ])
    }

    /// "Due 3 working days from today": midsommar 2025 as the clock moves over it, with the
    /// default setting and with the eves as working days.
    @Test func timeTravelOverMidsummer() throws {
        let source = "return calendar.add_working_days(clock.today(), 3)"
        var due: [String] = [], dueEvesWorking: [String] = []
        for offset in 0..<5 {
            let today = LocalDate("2025-06-17")!.adding(days: offset).description
            due.append(try run(source, today: today)[0].stringValue!)
            dueEvesWorking.append(try run(source, today: today, evesWorking: true)[0].stringValue!)
        }
        #expect(due == ["2025-06-23", "2025-06-24", "2025-06-25", "2025-06-25", "2025-06-25"])
        #expect(dueEvesWorking == ["2025-06-20", "2025-06-23", "2025-06-24", "2025-06-25", "2025-06-25"])
    }
}
