import Foundation
import Testing

/// `redovisa calendar holidays` and `redovisa calendar add-working-days`, through the binary.
struct CalendarCommandTests {
    let here = FileManager.default.temporaryDirectory

    @Test func holidaysListsTheDaysWithWeekdaysAndSwedishNames() throws {
        let output = try CommandRunner.run(["calendar", "holidays", "2025"], in: here)
        #expect(output.status == 0)
        #expect(output.standardError == "")
        #expect(output.standardOutput == """
            2025-01-01  onsdag   nyårsdagen
            2025-01-06  måndag   trettondedag jul
            2025-04-18  fredag   långfredagen
            2025-04-20  söndag   påskdagen
            2025-04-21  måndag   annandag påsk
            2025-05-01  torsdag  första maj
            2025-05-29  torsdag  Kristi himmelsfärdsdag
            2025-06-06  fredag   nationaldagen
            2025-06-08  söndag   pingstdagen
            2025-06-20  fredag   midsommarafton (afton)
            2025-06-21  lördag   midsommardagen
            2025-11-01  lördag   alla helgons dag
            2025-12-24  onsdag   julafton (afton)
            2025-12-25  torsdag  juldagen
            2025-12-26  fredag   annandag jul
            2025-12-31  onsdag   nyårsafton (afton)

            """)
    }

    @Test func holidaysAsJSON() throws {
        let output = try CommandRunner.run(["calendar", "holidays", "1952", "--json"], in: here)
        #expect(output.status == 0)
        let rows = try #require(JSONSerialization.jsonObject(with: Data(output.standardOutput.utf8)) as? [[String: String]])
        #expect(rows.count == 17)
        #expect(rows.contains(["date": "1952-03-25", "weekday": "tisdag", "name": "Marie bebådelsedag", "kind": "public_holiday"]))
        #expect(rows.contains(["date": "1952-06-24", "weekday": "tisdag", "name": "midsommardagen", "kind": "public_holiday"]))
        #expect(rows.contains(["date": "1952-06-23", "weekday": "måndag", "name": "midsommarafton", "kind": "eve"]))
    }

    @Test func aYearOutsideTheCalendarIsAUsageError() throws {
        let output = try CommandRunner.run(["calendar", "holidays", "2201"], in: here)
        #expect(output.status == 2)
        #expect(output.standardOutput == "")
        #expect(output.standardError.hasPrefix("Error: kalendern omfattar åren 1900–2200, inte 2201\n"))
    }

    @Test func addWorkingDaysPrintsTheDateForwardsAndBackwards() throws {
        let forwards = try CommandRunner.run(["calendar", "add-working-days", "2025-04-17", "1"], in: here)
        #expect(forwards.status == 0)
        #expect(forwards.standardOutput == "2025-04-22\n")
        let backwards = try CommandRunner.run(["calendar", "add-working-days", "2025-04-22", "-2"], in: here)
        #expect(backwards.status == 0)
        #expect(backwards.standardOutput == "2025-04-16\n")
        let christmas = try CommandRunner.run(["calendar", "add-working-days", "2025-12-23", "1"], in: here)
        #expect(christmas.standardOutput == "2025-12-29\n")
        let evesWorking = try CommandRunner.run(["calendar", "add-working-days", "2025-12-23", "1", "--eves-working"], in: here)
        #expect(evesWorking.standardOutput == "2025-12-24\n")
    }

    @Test func addWorkingDaysRefusesBadInputAndAnAnswerOutsideTheCalendar() throws {
        let badDate = try CommandRunner.run(["calendar", "add-working-days", "2025-02-29", "1"], in: here)
        #expect(badDate.status == 2)
        #expect(badDate.standardError.hasPrefix("Error: DATE ska vara ett datum ÅÅÅÅ-MM-DD, inte '2025-02-29'\n"))
        let badCount = try CommandRunner.run(["calendar", "add-working-days", "2025-10-14", "fem"], in: here)
        #expect(badCount.status == 2)
        #expect(badCount.standardError.hasPrefix("Error: N ska vara ett heltal, till exempel 5 eller -2\n"))
        let beyond = try CommandRunner.run(["calendar", "add-working-days", "2200-12-29", "5"], in: here)
        #expect(beyond.status == 1)
        #expect(beyond.standardOutput == "")
        #expect(beyond.standardError == "kalendern omfattar åren 1900–2200, inte 2201\n")
    }

    @Test func scriptsSeeTheCalendarWithoutADatabase() throws {
        let dir = try CommandRunner.folder(withScripts: [
            "due.lua": "return calendar.add_working_days(clock.today(), 5)"
        ])
        let output = try CommandRunner.run(["script", "run", "due.lua", "--as-of", "2025-04-16"], in: dir)
        #expect(output.status == 0)
        #expect(output.standardOutput == "\"2025-04-25\"\n")
    }
}
