import LuaHost
import Testing
@testable import Redovisa

/// The schedule vocabulary: which day and time a rule is due, with Swedish working days.
struct ReminderScheduleTests {
    let calendar = WorkingDayCalendar()

    func schedule(_ fields: LuaValue) throws -> ReminderSchedule { try ReminderSchedule(lua: fields) }

    /// The days of `month` on which the schedule gives, at 09:00, an occasion for that day itself.
    func dueDays(_ schedule: ReminderSchedule, in month: String) throws -> [String] {
        let period = Period(month)!
        var days: [String] = []
        var day = period.firstDay
        while day <= period.lastDay {
            if let occasion = try schedule.occasion(on: day, minute: 9 * 60, calendar: calendar), occasion.date == day {
                days.append(day.description)
            }
            day = day.adding(days: 1)
        }
        return days
    }

    @Test func workingDayTenIsMovedByEasterAndMidsummerEveByNationaldagen() throws {
        let ten = try schedule(["working_day_of_month": 10])
        // April 2026: långfredagen (3rd) and annandag påsk (6th) push it from the 14th to the 16th
        #expect(try dueDays(ten, in: "2026-04") == ["2026-04-16"])
        // April 2025: Easter is later (18th–21st) and moves nothing
        #expect(try dueDays(ten, in: "2025-04") == ["2025-04-14"])
        // June 2025: nationaldagen (Friday the 6th) moves working day 10 to Monday the 16th
        #expect(try dueDays(ten, in: "2025-06") == ["2025-06-16"])
        // and midsommarafton (Friday the 20th) moves working day 14 to Monday the 23rd
        #expect(try dueDays(try schedule(["working_day_of_month": 14]), in: "2025-06") == ["2025-06-23"])
        #expect(try dueDays(try schedule(["working_day_of_month": -1]), in: "2025-12") == ["2025-12-30"])
    }

    @Test func aDayOfTheMonthOnAHolidayMovesAsTold() throws {
        // 6 June 2025 is nationaldagen, a Friday
        #expect(try dueDays(try schedule(["day_of_month": 6]), in: "2025-06") == ["2025-06-06"])
        #expect(try dueDays(try schedule(["day_of_month": 6, "if_not_working_day": "previous"]), in: "2025-06") == ["2025-06-05"])
        #expect(try dueDays(try schedule(["day_of_month": 6, "if_not_working_day": "next"]), in: "2025-06") == ["2025-06-09"])
        #expect(try dueDays(try schedule(["day_of_month": 6, "if_not_working_day": "skip"]), in: "2025-06") == [])
        // Day 31 in a 30-day month is its last day; the 1st moved back lands in the month before
        #expect(try dueDays(try schedule(["day_of_month": 31]), in: "2025-09") == ["2025-09-30"])
        // (Saturday 1 November 2025 moves back to Friday 31 October)
        #expect(try dueDays(try schedule(["day_of_month": 1, "if_not_working_day": "previous"]), in: "2025-10") == ["2025-10-01", "2025-10-31"])
        #expect(try dueDays(try schedule(["day_of_month": 1, "if_not_working_day": "previous"]), in: "2025-11") == [])
    }

    @Test func anOccasionIsCaughtUpForItsDaysAndTheLatestWins() throws {
        let s = try schedule(["day_of_month": [10, 13], "at": "08:00"])
        func occasion(_ day: String, _ hour: Int) throws -> String? {
            try s.occasion(on: LocalDate(day)!, minute: hour * 60, calendar: calendar).map { "\($0.date) \($0.step)" }
        }
        #expect(try occasion("2025-10-10", 7) == nil)
        #expect(try occasion("2025-10-10", 8) == "2025-10-10 day_of_month:10")
        #expect(try occasion("2025-10-12", 23) == "2025-10-10 day_of_month:10")
        #expect(try occasion("2025-10-13", 7) == "2025-10-10 day_of_month:10")
        #expect(try occasion("2025-10-14", 12) == "2025-10-13 day_of_month:13")
        #expect(try occasion("2025-10-17", 12) == nil)
    }

    @Test func aRelativeReminderIsDueFromItsFirstDayToItsDeadline() throws {
        let s = try schedule(["working_days_before": 1])
        let deadline = LocalDate("2026-04-07")!   // the Tuesday after Easter
        func due(_ day: String, _ hour: Int = 12) throws -> Bool {
            try s.isDue(anchor: deadline, today: LocalDate(day)!, minute: hour * 60, calendar: calendar)
        }
        #expect(try !due("2026-04-01"))
        #expect(try !due("2026-04-02", 7))
        #expect(try due("2026-04-02", 8))
        #expect(try due("2026-04-07"))
        #expect(try !due("2026-04-08"))
    }

    @Test func aWrongScheduleIsNamedByItsField() throws {
        #expect(throws: ReminderDeclarationError("schedule", "say when: one of every_day, every_working_day, daily_at, day_of_month, working_day_of_month, days_before, working_days_before, days_after, working_days_after")) {
            try schedule(["at": "08:00"])
        }
        #expect(throws: ReminderDeclarationError("schedule", "only one of day_of_month, days_before may be given")) {
            try schedule(["day_of_month": 1, "days_before": 2])
        }
        #expect(throws: ReminderDeclarationError("schedule.at", "\"HH:MM\" expected, got \"8\"")) {
            try schedule(["every_day": true, "at": "8"])
        }
        #expect(throws: ReminderDeclarationError("schedule.if_not_working_day", "only with day_of_month")) {
            try schedule(["working_day_of_month": 2, "if_not_working_day": "next"])
        }
        #expect(throws: ReminderDeclarationError("schedule", "unknown field 'day_of_mont' (expected every_day, every_working_day, daily_at, day_of_month, working_day_of_month, days_before, working_days_before, days_after, working_days_after, at, if_not_working_day, catch_up_days)")) {
            try schedule(["day_of_mont": 1])
        }
    }

    @Test func aLinkNeverHoldsPersonalData() {
        #expect(ReminderSelection.linkProblem("/rapporter/123") == nil)
        #expect(ReminderSelection.linkProblem("/personer/199005172342") == "ten digits or more in a row could be a personnummer: a link never holds personal data")
        #expect(ReminderSelection.linkProblem("/sok?namn=Anna") != nil)
        #expect(ReminderSelection.linkProblem("https://example.com/x") != nil)
    }
}
