import ArgumentParser
import Foundation
import Redovisa

/// `redovisa template validate NAME`: checks every stored report of a published template.
struct TemplateValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check every stored report of a published template against its rules.",
        discussion: """
            Reads the reports of the template's newest published version (or --version) from the \
            database and checks each one as a submission would, as of today. Prints how many were \
            checked and each report that fails, with its problems; exits 1 when any fails. For \
            administrators (--as) or the system.
            """)

    @Argument(help: "The template's id.")
    var name: String

    @Option(help: "The published version (default: the newest).")
    var version: Int?

    @Option(name: .customLong("status"), help: "Only reports with this status (repeatable): draft, submitted, returned, resubmitted, approved.")
    var statuses: [String] = []

    @Option(name: .customLong("as"), help: ArgumentHelp("Check as this administrator (default: the system).", valueName: "username"))
    var user: String?

    @OptionGroup var databaseOptions: DatabaseOptions

    func validate() throws {
        for status in statuses where ReportStatus(rawValue: status) == nil {
            throw ValidationError("--status must be one of \(ReportStatus.allCases.map(\.rawValue).joined(separator: ", ")); got '\(status)'")
        }
    }

    func run() throws {
        CommandLog.bootstrap()
        do {
            guard FileManager.default.fileExists(atPath: databaseOptions.resolvedPath) else {
                throw RedovisaError(.notFound, "databasen \(databaseOptions.resolvedPath) finns inte (skapa den med redovisa init)")
            }
            let database = try databaseOptions.open()
            let actor = try user.map { try database.actor(username: $0, via: "cli") } ?? .system(via: "cli")
            let outcome = try TemplateValidator(database: database).validateStored(
                template: name, version: version, statuses: statuses.compactMap(ReportStatus.init(rawValue:)), as: actor)
            for invalid in outcome.invalid {
                print("report \(invalid.reportId):")
                for problem in invalid.errors { print("  \(problem.field.isEmpty ? "-" : problem.field): \(problem.message)") }
            }
            print("\(outcome.checked) reports checked: \(outcome.valid) valid, \(outcome.invalid.count) invalid")
            if !outcome.invalid.isEmpty { throw ExitCode.failure }
        } catch let error as RedovisaError {
            CommandLog.writeToStandardError("error: \(error.message)\n")
            throw ExitCode.failure
        }
    }
}
