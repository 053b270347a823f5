import ArgumentParser
import Foundation
import LuaHost
import Redovisa
import RedovisaDelivery

/// `redovisa remind`: runs the reminder rules that are due, records each reminder once in the
/// ledger, and delivers the outbox.
struct RemindCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remind",
        abstract: "Run the reminder rules that are due now, and deliver their messages.",
        discussion: """
            Runs every rule in scripts/reminders/ (not *_test.lua) whose schedule is due at the moment \
            (--as-of, or now): each reminder goes out once per rule, period, recipient and step, \
            however often and from however many processes remind runs. The new messages go into the \
            outbox and are delivered: in-app into the inbox, e-mail over SMTP and SMS through the \
            gateway when configured (REDOVISA_SMTP_*, REDOVISA_SMS_*), else as files in \
            REDOVISA_OUTBOX_DIR (default ./outbox). See docs/reminders.md.

            --dry-run prints what would go out and changes nothing.
            """
    )

    @Option(name: .customLong("as-of"), help: "Run as if it were this date (YYYY-MM-DD, 12:00) or local time (YYYY-MM-DDTHH:MM), Europe/Stockholm.")
    var asOf: String?

    @Flag(name: .customLong("dry-run"), help: "Print what would go out; record and send nothing.")
    var dryRun = false

    @Flag(name: .customLong("no-deliver"), help: "Put the messages in the outbox but leave delivering them to `redovisa outbox deliver`.")
    var noDeliver = false

    @Option(name: .customLong("scripts"), help: "The folder of the reminder rules.")
    var scripts = "scripts/reminders"

    @Flag(name: .customLong("eves-working"), help: "Count midsommarafton, julafton and nyårsafton as working days.")
    var evesWorking = false

    @OptionGroup var databaseOptions: DatabaseOptions

    func validate() throws {
        if let asOf, LuaClock(asOf: asOf) == nil {
            throw ValidationError("--as-of must be a date YYYY-MM-DD or a local time YYYY-MM-DDTHH:MM, got '\(asOf)'")
        }
    }

    func run() async throws {
        CommandLog.bootstrap()
        let moment = ReminderMoment(asOf.flatMap { LuaClock(asOf: $0) }?.now ?? Date())
        do {
            let delivery = try DeliveryConfiguration(environment: ProcessInfo.processInfo.environment)
            let database = try databaseOptions.openExisting()
            let runner = ReminderRunner(database: database, folder: scripts, calendar: WorkingDayCalendar(evesAreWorkingDays: evesWorking))
            let report = try runner.run(at: moment, dryRun: dryRun)
            print(RemindOutput.text(report, dryRun: dryRun), terminator: "")
            if !dryRun && !noDeliver {
                let delivered = try await delivery.deliverer(database: database).deliver(at: moment.instant)
                print(RemindOutput.delivery(delivered))
            }
            for failed in report.failedRules {
                CommandLog.writeToStandardError("\(failed.error ?? failed.file)\n")
            }
            if !report.failedRules.isEmpty { throw ExitCode.failure }
        } catch let error as RedovisaError {
            CommandLog.writeToStandardError("error: \(error)\n")
            throw ExitCode.failure
        }
    }
}

extension DatabaseOptions {
    /// Opens the database, which must exist (a misspelt --db should not leave an empty one).
    /// - Throws: ``RedovisaError/Code/notFound``.
    func openExisting() throws(RedovisaError) -> AppDatabase {
        guard FileManager.default.fileExists(atPath: resolvedPath) else {
            throw RedovisaError(.notFound, "databasen \(resolvedPath) finns inte (skapa den med redovisa init)")
        }
        return try open()
    }
}
