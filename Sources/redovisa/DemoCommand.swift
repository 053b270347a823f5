import ArgumentParser
import Foundation
import Redovisa

/// `redovisa demo [--db PATH] [--reset]`: fills a database with the demo and lists its logins.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Fill a database with a realistic demo and list its logins.",
        discussion: """
            Seeds Nacka kommun, Arbetsförmedlingen, Försäkringskassan and three providers; staff in \
            every role; 200 people; enrolments in the five services; plans, absences, deviations, \
            results, SUS registrations; and reports in every status for 2025-08 to 2025-10, as of \
            \(DemoSeed.asOf). Every run makes the same data. The templates in ./templates are \
            published into it, so that its reports can be opened and submitted.

            The demo fills only an empty database. If the database already holds the demo, nothing \
            is changed and the logins are listed again. If it holds anything else, the command \
            refuses (exit status 1) unless --reset is given, which replaces everything in it. \
            The demo is built in memory and copied in one step, so a failure leaves the database \
            as it was.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Flag(help: "Replace everything in the database with the demo (what is there is deleted).")
    var reset = false

    func run() throws {
        let path = database.resolvedPath
        let outcome: DemoSeed.Outcome, target: AppDatabase
        do {
            (outcome, target) = try seed(path: path)
        } catch where error.code == .conflict {
            CommandLog.writeToStandardError("""
                error: \(path): \(error.message).
                Nothing was changed. Give another file with --db PATH, or add --reset to replace everything in \(path) with the demo.

                """)
            throw ExitCode.failure
        } catch {
            CommandLog.writeToStandardError("error: the demo was not seeded: \(error.message)\n\(path) was not changed.\n")
            throw ExitCode.failure
        }
        do {
            try show(outcome, target, path: path)
        } catch {
            CommandLog.writeToStandardError("error: \(path) holds the demo, but it cannot be listed: \(error.message)\n")
            throw ExitCode.failure
        }
        print("")
        publishTemplates(into: target)
    }

    /// Looks before building, so that a refusal is quick and a missing file is not created for
    /// nothing; then builds the demo in memory and installs it in one step.
    private func seed(path: String) throws(RedovisaError) -> (DemoSeed.Outcome, AppDatabase) {
        var existing: AppDatabase?
        if FileManager.default.fileExists(atPath: path) {
            let opened = try database.open()
            if try DemoSeed.check(opened, reset: reset) == .alreadyPresent { return (.alreadyPresent, opened) }
            existing = opened
        }
        let demo = try DemoSeed.build()
        let target = if let existing { existing } else { try database.open() }
        return (try DemoSeed.install(demo, into: target, reset: reset), target)
    }

    /// Publishes the templates of ./templates, so that the demo's reports can be opened, checked
    /// and submitted. Without the folder (run elsewhere than the project's root) it says so.
    private func publishTemplates(into target: AppDatabase) {
        let results = TemplatePublisher(database: target).publishAll(as: .system(via: "demo"))
        if results.isEmpty {
            print("No templates found in ./templates: publish them with redovisa template publish NAME.")
            return
        }
        for result in results where result.failed {
            CommandLog.writeToStandardError("warning: template \(result.line)\n")
        }
        let published = results.filter { !$0.failed }.map(\.name)
        print("Templates published: \(published.joined(separator: ", ")).")
    }

    private func show(_ outcome: DemoSeed.Outcome, _ target: AppDatabase, path: String) throws(RedovisaError) {
        switch outcome {
        case .seeded:
            print("Seeded the demo into \(path), as of \(DemoSeed.asOf).")
        case .alreadyPresent:
            print("\(path) already holds the demo; nothing was changed (add --reset to seed it anew).")
        case .replaced(let previous):
            print("Replaced everything in \(path) (\(DemoSeed.describe(previous))) with the demo, as of \(DemoSeed.asOf).")
        }
        print("")
        print(Self.summary(try target.contents()))
        print("")
        print(Self.loginTable(try DemoSeed.logins(in: target)))
    }

    /// Counts per kind, one kind a line.
    static func summary(_ c: AppDatabase.Contents) -> String {
        let services = [
            ("etablering", "etablering"), ("lss-kontaktperson", "LSS"), ("rom", "Rusta och matcha"), ("sus", "SUS"),
        ].map { "\($1) \(c.enrolmentsByProgramme[$0, default: 0])" }
        let choices = ["FAI1", "FAI2", "AMI1", "AMI2", "ISA1", "ISA2"].map { "\($0) \(c.enrolmentsByProgramme[$0, default: 0])" }
        let statuses = ReportStatus.allCases.map { "\($0.rawValue) \(c.reportsByStatus[$0, default: 0])" }
        let templates = c.reportsByTemplate.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        let rows: [(String, Int, String)] = [
            ("organisations", c.organisations, "a municipality, two agencies, three providers"),
            ("offices", c.offices, ""),
            ("users", c.users, "\(c.assignments) assignments"),
            ("people", c.people, "\(c.protectedPeople) with protected identity, \(c.samordningsnummer) with samordningsnummer"),
            ("programmes", c.programmes, ""),
            ("enrolments", c.enrolments, services.joined(separator: ", ")),
            ("", 0, choices.joined(separator: ", ") + "; \(c.endedEnrolments) ended, \(c.extendedEnrolments) extended"),
            ("plans", c.plans, "IUP, gemensam planering, genomförandeplan (with versions)"),
            ("reports", c.reports, statuses.joined(separator: ", ")),
            ("", 0, templates.joined(separator: ", ")),
            ("status changes", c.statusChanges, ""),
            ("absences", c.absences, ""),
            ("deviations", c.deviations, ""),
            ("result reports", c.resultReports, ""),
            ("SUS registrations", c.susRegistrations, ""),
            ("audit lines", c.auditEntries, ""),
        ]
        return rows.map { name, count, detail in
            let number = name.isEmpty ? "" : String(count)
            let line = name.padding(toLength: 18, withPad: " ", startingAt: 0)
                + String(repeating: " ", count: max(0, 5 - number.count)) + number
            return (detail.isEmpty ? line : line + "  " + detail)
        }.joined(separator: "\n")
    }

    /// The demo logins as a table, and the further reporters.
    static func loginTable(_ logins: [DemoSeed.Login]) -> String {
        let header = ("USERNAME", "ROLE", "NAME", "WHERE", "NOTE")
        let rows = logins.map { login in
            (login.username, login.role.rawValue, login.displayName, login.place, login.note)
        }
        func width(_ column: (((String, String, String, String, String)) -> String)) -> Int {
            ([header] + rows).map { column($0).count }.max() ?? 0
        }
        let widths = [width { $0.0 }, width { $0.1 }, width { $0.2 }, width { $0.3 }]
        func line(_ row: (String, String, String, String, String)) -> String {
            let cells = [row.0, row.1, row.2, row.3]
            return "  " + zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                + "  " + row.4
        }
        let more = DemoSeed.moreReporters
        return (["Demo logins:", line(header)] + rows.map(line) + [
            "  Also \(more.participants) more participants (deltagare02 … deltagare\(more.participants + 1)) and "
                + "\(more.contactPersons) more contact persons (kontaktperson02 … kontaktperson\(more.contactPersons + 1)).",
        ]).joined(separator: "\n")
    }
}
