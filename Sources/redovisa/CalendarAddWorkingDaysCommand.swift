import ArgumentParser
import Redovisa

/// `redovisa calendar add-working-days DATE N`: the date N working days after DATE.
struct CalendarAddWorkingDaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-working-days",
        abstract: "Print the date N working days after DATE (before it when N is negative).",
        usage: "redovisa calendar add-working-days <date> <n> [--eves-working]",
        discussion: """
            DATE itself never counts: 1 gives the next working day, -1 the previous one; 0 gives \
            DATE when it is a working day, else the next one. A negative N \
            counts backwards: redovisa calendar add-working-days 2025-04-22 -2
            """
    )

    @Argument(help: "The date to count from, YYYY-MM-DD (1900–2200).")
    var date: String

    // Captured as text so that a negative count (`-2`) is not taken for an option.
    @Argument(parsing: .allUnrecognized, help: ArgumentHelp(
        "How many working days to add; negative counts backwards.", valueName: "n"))
    var countText: [String] = []

    /// The count, once ``validate()`` has checked it.
    private var count: Int { Int(countText.first ?? "") ?? 0 }

    @Flag(name: .customLong("eves-working"), help: "Count midsommarafton, julafton and nyårsafton as working days.")
    var evesWorking = false

    func validate() throws {
        guard let day = LocalDate(date) else {
            throw ValidationError("DATE ska vara ett datum ÅÅÅÅ-MM-DD, inte '\(date)'")
        }
        guard SwedishHolidays.years.contains(day.year) else {
            throw ValidationError("kalendern omfattar åren 1900–2200, inte \(day.year)")
        }
        guard countText.count == 1, Int(countText[0]) != nil else {
            throw ValidationError("N ska vara ett heltal, till exempel 5 eller -2")
        }
    }

    func run() throws {
        let calendar = WorkingDayCalendar(evesAreWorkingDays: evesWorking)
        do {
            print(try calendar.adding(workingDays: count, to: LocalDate(date)!))
        } catch {
            CommandLog.writeToStandardError("\(error)\n")
            throw ExitCode.failure
        }
    }
}
