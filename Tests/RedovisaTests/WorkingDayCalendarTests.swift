import Redovisa
import Testing

/// Working days and their arithmetic: Monday–Friday except holidays and, by default, the eves.
struct WorkingDayCalendarTests {
    let calendar = WorkingDayCalendar()
    let evesWorking = WorkingDayCalendar(evesAreWorkingDays: true)

    func day(_ text: String) -> LocalDate { LocalDate(text)! }

    @Test func holidaysWeekendsAndEvesAreNotWorkingDays() throws {
        #expect(try calendar.isWorkingDay(day("2025-10-14")))          // a Tuesday
        #expect(try !calendar.isWorkingDay(day("2025-10-18")))         // a Saturday
        #expect(try !calendar.isWorkingDay(day("2025-04-18")))         // långfredagen
        #expect(try !calendar.isWorkingDay(day("2025-04-21")))         // annandag påsk
        #expect(try !calendar.isWorkingDay(day("2025-06-06")))         // nationaldagen
        #expect(try calendar.isWorkingDay(day("2004-06-07")))          // 6 June 2004 was no holiday; the 7th a Monday
        #expect(try !calendar.isWorkingDay(day("2004-05-31")))         // annandag pingst, until 2004
        #expect(try calendar.isWorkingDay(day("2025-06-09")))          // the Monday after pingstdagen, since 2005
        #expect(try !calendar.isWorkingDay(day("1952-06-24")))         // midsommardagen on a Tuesday, before 1953
    }

    @Test func theEvesAreASetting() throws {
        for eve in ["2025-06-20", "2025-12-24", "2025-12-31"] {
            #expect(try !calendar.isWorkingDay(day(eve)), "\(eve)")
            #expect(try evesWorking.isWorkingDay(day(eve)), "\(eve)")
        }
        // The setting never makes a holiday or a weekend a working day
        #expect(try !evesWorking.isWorkingDay(day("2025-12-25")))
        #expect(try !evesWorking.isWorkingDay(day("2022-12-24")))      // julafton on a Saturday
    }

    @Test func addingWorkingDaysStepsOverEaster() throws {
        // Thursday before Easter 2025: långfredagen, the weekend and annandag påsk are skipped
        #expect(try calendar.adding(workingDays: 1, to: day("2025-04-17")) == day("2025-04-22"))
        #expect(try calendar.adding(workingDays: 5, to: day("2025-04-16")) == day("2025-04-25"))
        #expect(try calendar.adding(workingDays: -1, to: day("2025-04-22")) == day("2025-04-17"))
        #expect(try calendar.workingDays(from: day("2025-04-17"), to: day("2025-04-22")) == 1)
    }

    @Test func addingWorkingDaysStepsOverChristmasAndNewYear() throws {
        #expect(try calendar.adding(workingDays: 1, to: day("2025-12-23")) == day("2025-12-29"))
        #expect(try calendar.adding(workingDays: 3, to: day("2025-12-23")) == day("2026-01-02"))
        #expect(try evesWorking.adding(workingDays: 1, to: day("2025-12-23")) == day("2025-12-24"))
        #expect(try evesWorking.adding(workingDays: 3, to: day("2025-12-23")) == day("2025-12-30"))
        // 23, 29, 30 December and 2 January; 31 December too when eves are working days
        #expect(try calendar.workingDays(from: day("2025-12-22"), to: day("2026-01-02")) == 4)
        #expect(try evesWorking.workingDays(from: day("2025-12-22"), to: day("2026-01-02")) == 6)
    }

    @Test func leapYears() throws {
        // 2024 is a leap year: Thursday 29 February is a working day; February has 21
        #expect(try calendar.adding(workingDays: 1, to: day("2024-02-28")) == day("2024-02-29"))
        #expect(try calendar.workingDays(from: day("2024-01-31"), to: day("2024-02-29")) == 21)
        // 2100 is not: Friday 26 February is followed by Monday 1 March
        #expect(LocalDate("2100-02-29") == nil)
        #expect(try calendar.adding(workingDays: 1, to: day("2100-02-26")) == day("2100-03-01"))
        // 2000 was: Tuesday 29 February 2000
        #expect(try calendar.adding(workingDays: 1, to: day("2000-02-28")) == day("2000-02-29"))
    }

    @Test func zeroGivesTheDayItselfOrTheNextWorkingDay() throws {
        #expect(try calendar.adding(workingDays: 0, to: day("2025-10-14")) == day("2025-10-14"))
        #expect(try calendar.adding(workingDays: 0, to: day("2025-04-18")) == day("2025-04-22"))
        #expect(try calendar.nextWorkingDay(after: day("2025-10-14")) == day("2025-10-15"))
        #expect(try calendar.nextWorkingDay(after: day("2025-06-19")) == day("2025-06-23"))
    }

    @Test func countingIsTheInverseOfAdding() throws {
        // For every day of 2025 (working day or not) and every count -12…12 but 0
        for offset in 0..<365 {
            let start = day("2025-01-01").adding(days: offset)
            for n in -12...12 where n != 0 {
                let end = try calendar.adding(workingDays: n, to: start)
                #expect(try calendar.isWorkingDay(end))
                #expect(try calendar.workingDays(from: start, to: end) == n, "\(start) \(n)")
            }
        }
    }

    @Test func workingDaysOfWholeYears() throws {
        // 2025: 261 weekdays, 9 holidays on weekdays and 3 eves on weekdays
        #expect(try calendar.workingDays(from: day("2024-12-31"), to: day("2025-12-31")) == 249)
        #expect(try evesWorking.workingDays(from: day("2024-12-31"), to: day("2025-12-31")) == 252)
        #expect(try calendar.workingDays(from: day("2025-12-31"), to: day("2024-12-31")) == -249)
        #expect(try calendar.workingDays(from: day("2025-10-14"), to: day("2025-10-14")) == 0)
    }

    @Test func theEdgesOfTheCalendar() throws {
        #expect(try calendar.adding(workingDays: 1, to: day("1900-01-01")) == day("1900-01-02"))
        #expect(try calendar.adding(workingDays: -1, to: day("2200-12-31")) == day("2200-12-30"))
        let beyond = #expect(throws: RedovisaError.self) { try calendar.adding(workingDays: 5, to: day("2200-12-29")) }
        #expect(beyond?.message == "kalendern omfattar åren 1900–2200, inte 2201")
        #expect(throws: RedovisaError.self) { try calendar.adding(workingDays: -1, to: day("1900-01-01")) }
        #expect(throws: RedovisaError.self) { try calendar.isWorkingDay(day("1899-12-29")) }
        #expect(throws: RedovisaError.self) { try calendar.workingDays(from: day("2025-01-01"), to: day("2201-01-01")) }
    }
}
