import ArgumentParser
import Foundation
import LuaHost
import Redovisa
import RedovisaDelivery

/// `redovisa outbox`: lists the outbox, or delivers what is due in it.
struct OutboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outbox",
        abstract: "List the outbox of notifications, or deliver it.",
        subcommands: [OutboxListCommand.self, OutboxDeliverCommand.self],
        defaultSubcommand: OutboxListCommand.self
    )
}

/// `redovisa outbox [list] [--status S]`: the messages, newest first, by id, channel, status,
/// attempts, the next attempt, the recipient's key and the last error — no names or addresses.
struct OutboxListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the outbox, newest first.")

    @Option(help: "Only messages with this status: pending, sent or failed.")
    var status: String?

    @Option(help: "At most this many.")
    var limit = 100

    @OptionGroup var databaseOptions: DatabaseOptions

    func validate() throws {
        if let status, DeliveryStatus(rawValue: status) == nil {
            throw ValidationError("--status must be pending, sent or failed, got '\(status)'")
        }
        guard (1...100_000).contains(limit) else { throw ValidationError("--limit must be 1 to 100000") }
    }

    func run() throws {
        do {
            let database = try databaseOptions.openExisting()
            let messages = try database.outboxMessages(status: status.flatMap(DeliveryStatus.init(rawValue:)), limit: limit)
            let counts = try database.outboxCounts()
            var rows = [["ID", "KANAL", "STATUS", "FÖRSÖK", "NÄSTA FÖRSÖK", "MOTTAGARE", "REGEL", "FEL"]]
            for m in messages {
                let recipient = m.recipientUserId.map { "user:\($0)" } ?? m.recipientPersonId.map { "person:\($0)" } ?? "–"
                rows.append([
                    String(m.id ?? 0), m.channel.rawValue, m.status.rawValue, String(m.attempts),
                    m.status == .pending ? (m.nextAttemptAt.map { LocalDate.stockholmTime($0) } ?? "nu") : "–",
                    recipient, m.rule ?? "–", m.lastError ?? "",
                ])
            }
            if messages.isEmpty { print("Utkorgen har inga meddelanden\(status.map { " med status \($0)" } ?? "").") } else { print(RemindOutput.table(rows), terminator: "") }
            print("Totalt: \(counts[.pending] ?? 0) väntar, \(counts[.sent] ?? 0) skickade, \(counts[.failed] ?? 0) misslyckade.")
        } catch {
            CommandLog.writeToStandardError("error: \(error)\n")
            throw ExitCode.failure
        }
    }
}

/// `redovisa outbox deliver [--as-of DATE]`: delivers every message that is due.
struct OutboxDeliverCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deliver", abstract: "Deliver the messages that are due (new ones and retries).")

    @Option(name: .customLong("as-of"), help: "Deliver as if it were this date or local time (for retries in tests).")
    var asOf: String?

    @OptionGroup var databaseOptions: DatabaseOptions

    func validate() throws {
        if let asOf, LuaClock(asOf: asOf) == nil {
            throw ValidationError("--as-of must be a date YYYY-MM-DD or a local time YYYY-MM-DDTHH:MM, got '\(asOf)'")
        }
    }

    func run() async throws {
        CommandLog.bootstrap()
        do {
            let delivery = try DeliveryConfiguration(environment: ProcessInfo.processInfo.environment)
            let database = try databaseOptions.openExisting()
            let now = asOf.flatMap { LuaClock(asOf: $0) }?.now ?? Date()
            print(RemindOutput.delivery(try await delivery.deliverer(database: database).deliver(at: now)))
        } catch {
            CommandLog.writeToStandardError("error: \(error)\n")
            throw ExitCode.failure
        }
    }
}
