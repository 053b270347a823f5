import ArgumentParser
import Foundation
import Redovisa

/// `redovisa calendar holidays YEAR [--json]`: the public holidays and eves of a year, with
/// their Swedish names.
struct CalendarHolidaysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "holidays",
        abstract: "List the public holidays and eves of a year (1900–2200) with their Swedish names.",
        discussion: """
            One line per day: the date, the weekday and the name. Midsommarafton, julafton and \
            nyårsafton are not public holidays by law and are marked (afton). With --json, an \
            array of {date, weekday, name, kind} where kind is public_holiday or eve.
            """
    )

    @Argument(help: "The year, 1900–2200.")
    var year: Int

    @Flag(help: "Print the days as JSON.")
    var json = false

    func validate() throws {
        guard SwedishHolidays.years.contains(year) else {
            throw ValidationError("kalendern omfattar åren 1900–2200, inte \(year)")
        }
    }

    func run() throws {
        let holidays = try SwedishHolidays.holidays(in: year)
        if json {
            let rows = holidays.map { Row(date: $0.date, weekday: $0.date.swedishWeekday, name: $0.name, kind: $0.kind) }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(rows), as: UTF8.self))
        } else {
            for holiday in holidays {
                let weekday = holiday.date.swedishWeekday.padding(toLength: 7, withPad: " ", startingAt: 0)
                print("\(holiday.date)  \(weekday)  \(holiday.name)" + (holiday.kind == .eve ? " (afton)" : ""))
            }
        }
    }

    /// One day of the JSON output.
    private struct Row: Encodable {
        var date: LocalDate
        var weekday: String
        var name: String
        var kind: Holiday.Kind
    }
}
