import ArgumentParser
import Foundation
import LuaHost
import Redovisa

/// `redovisa template check NAME ANSWERS.json`: checks answers against a template file.
struct TemplateCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check answers (a JSON file) against a template and print the verdict as JSON.",
        discussion: """
            Prints {"valid": …, "errors": [{"field": …, "message": …}], "warnings": […]}. Exits 0 \
            when the answers are valid, 1 when they are not (or the template fails), 2 on a usage \
            error. A monthly report's period is --period, or else the month before --as-of (the \
            month one reports on). There is no database: rules that read the enrolment or earlier \
            reports see none.
            """)

    @Argument(help: "The template's name: templates/NAME.lua.")
    var name: String

    @Argument(help: "A JSON file with the answers (an object), or - for standard input.")
    var answers: String

    @Option(name: .customLong("as-of"), help: "Check as if today were this date (YYYY-MM-DD), Europe/Stockholm.")
    var asOf: String?

    @Option(help: "The month the report is for (YYYY-MM).")
    var period: String?

    @Option(name: .customLong("event-date"), help: "The date of the event, for event reports (YYYY-MM-DD).")
    var eventDate: String?

    func validate() throws {
        if let asOf, LocalDate(asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD, got '\(asOf)'") }
        if let period, Period(period) == nil { throw ValidationError("--period must be a month YYYY-MM, got '\(period)'") }
        if let eventDate, LocalDate(eventDate) == nil {
            throw ValidationError("--event-date must be a date YYYY-MM-DD, got '\(eventDate)'")
        }
        if !TemplateSource.isValidName(name) {
            throw ValidationError("'\(name)' is not a template name (lower-case letters, digits and '-')")
        }
    }

    func run() throws {
        let today = asOf.flatMap(LocalDate.init) ?? LocalDate.today()
        let text: String
        do {
            text = answers == "-" ? String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                : try String(contentsOfFile: answers, encoding: .utf8)
        } catch {
            CommandLog.writeToStandardError("error: cannot read \(answers): \(error.localizedDescription)\n")
            throw ExitCode(2)
        }
        let parsed: JSONValue
        do {
            parsed = try JSONValue(parsing: text)
        } catch {
            CommandLog.writeToStandardError("error: \(answers): \(error)\n")
            throw ExitCode(2)
        }
        guard case .object = parsed else {
            CommandLog.writeToStandardError("error: \(answers): the answers must be a JSON object\n")
            throw ExitCode(2)
        }
        do {
            let source = try TemplateSource.file(named: name)
            let check = try TemplateCatalog.withSources([source], clock: LuaClock(asOf: today.description)!) { session throws(RedovisaError) in
                let description = try session.describe(name)
                let monthly = description.period == .month
                let context = TemplateContext(
                    today: today, period: monthly ? (period.flatMap(Period.init) ?? today.period.previous) : nil,
                    eventDate: eventDate.flatMap(LocalDate.init))
                return try session.check(name, answers: parsed, context: context)
            }
            print(check.verdictText)
            if !check.valid { throw ExitCode.failure }
        } catch let error as RedovisaError {
            CommandLog.writeToStandardError("error: \(error.message)\n")
            throw ExitCode(error.code == .notFound ? 2 : 1)
        }
    }
}
