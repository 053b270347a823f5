import Foundation
import GRDB
import Logging
import Redovisa
import Testing
@testable import RedovisaServer

/// The scheduler of `redovisa serve`: each reminder once, even from two servers on one database
/// file, catching up after downtime, and delivering what it recorded.
struct ReminderSchedulerTests {
    /// A scheduler as a server has it, on its own connection to the database file at `path`.
    func scheduler(_ path: String, transport: SwitchTransport, clock: @escaping @Sendable () -> Date = { Date() }) throws -> ReminderScheduler {
        let database = try AppDatabase.open(path: path)
        let deliverer = OutboxDeliverer(database: database, email: transport, sms: transport)
        let administration = ReminderWorld.administration(deliverer: deliverer)
        return ReminderScheduler(
            runner: administration.reminderRunner(database: database), deliverer: deliverer, interval: .milliseconds(20),
            clock: clock, logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    }

    struct Counts: Equatable {
        var ledger: Int, outbox: Int, sent: Int, maxAttempts: Int, inbox: Int, inboxUsers: Int
    }

    func counts(_ path: String) throws -> Counts {
        try DatabaseQueue(path: path).read { db in
            Counts(
                ledger: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reminderLedgerEntry")!,
                outbox: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outboxMessage")!,
                sent: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outboxMessage WHERE status = 'sent'")!,
                maxAttempts: try Int.fetchOne(db, sql: "SELECT MAX(attempts) FROM outboxMessage") ?? 0,
                inbox: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inboxMessage")!,
                inboxUsers: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT userId) FROM inboxMessage")!)
        }
    }

    @Test("two schedulers on one database file, ticking at the same moment, send each reminder once", .timeLimit(.minutes(3)))
    func twoSchedulersSendEachReminderOnce() async throws {
        // Given 60 participants to remind (20 of them by SMS too), in one database file
        let path = try Project.temporaryFolder().appendingPathComponent("r.sqlite").path
        try ReminderWorld.add(count: 60, to: try AppDatabase.open(path: path))
        let transport = SwitchTransport()
        let first = try scheduler(path, transport: transport), second = try scheduler(path, transport: transport)

        // When both tick at 08:00 on the 10th at once, and again a minute later
        let now = ReminderWorld.moment
        async let a = first.tick(at: now)
        async let b = second.tick(at: now)
        let (ta, tb) = try await (a, b)
        _ = try await (first.tick(at: now.addingTimeInterval(60)), second.tick(at: now.addingTimeInterval(60)))

        // Then the two recorded the 60 reminders between them, none twice
        #expect(ta.reminders.recorded.count + tb.reminders.recorded.count == 60)
        #expect(ta.reminders.failedRules.isEmpty && tb.reminders.failedRules.isEmpty)
        // and every message went out once: 60 in-app, 60 e-mails, 20 SMS
        let done = try counts(path)
        #expect(done == Counts(ledger: 60, outbox: 140, sent: 140, maxAttempts: 1, inbox: 60, inboxUsers: 60))
        #expect(transport.sent.count == 80 && Set(transport.sent.map(\.id)).count == 80)
    }

    @Test("after downtime over the 10th, the next tick still sends the reminder once; the day after it sends nothing more")
    func catchesUpAfterDowntime() async throws {
        let path = try Project.temporaryFolder().appendingPathComponent("r.sqlite").path
        try ReminderWorld.add(count: 3, to: try AppDatabase.open(path: path))
        let transport = SwitchTransport()
        let scheduler = try scheduler(path, transport: transport)

        // The server was down from the 9th until the 11th at noon (Saturday the 11th, within catch-up)
        let late = try await scheduler.tick(at: LuaClockMoment.at("2025-10-11T12:00"))
        #expect(late.reminders.recorded.map(\.planned.reminder.step) == Array(repeating: "day_of_month:10", count: 3))
        #expect(late.delivery?.sentCount == 3 + 3 + 1)
        let again = try await scheduler.tick(at: LuaClockMoment.at("2025-10-12T09:00"))
        #expect(again.reminders.recorded.isEmpty && again.delivery?.sentCount == 0)
        #expect(try counts(path).ledger == 3)
    }

    @Test("a failed e-mail is retried by a later tick after its backoff, not before")
    func retriesWithBackoff() async throws {
        let path = try Project.temporaryFolder().appendingPathComponent("r.sqlite").path
        try ReminderWorld.add(count: 1, to: try AppDatabase.open(path: path))
        let transport = SwitchTransport(failing: DeliveryFailure("421 försök senare"))
        let scheduler = try scheduler(path, transport: transport)
        let now = ReminderWorld.moment
        let first = try await scheduler.tick(at: now)
        #expect(first.delivery?.retrying == 2 && first.delivery?.sentCount == 1)  // e-mail and SMS fail; in-app goes
        transport.set(failing: nil)
        #expect(try await scheduler.tick(at: now.addingTimeInterval(30)).delivery?.sentCount == 0, "the first retry waits a minute")
        #expect(try await scheduler.tick(at: now.addingTimeInterval(61)).delivery?.sentCount == 2)
        #expect(try counts(path).maxAttempts == 2)
    }

    @Test("run() ticks on its interval until its task is cancelled")
    func runTicksUntilCancelled() async throws {
        let path = try Project.temporaryFolder().appendingPathComponent("r.sqlite").path
        try ReminderWorld.add(count: 2, to: try AppDatabase.open(path: path))
        let transport = SwitchTransport()
        let scheduler = try scheduler(path, transport: transport, clock: { ReminderWorld.moment })
        let task = Task { try await scheduler.run() }
        let deadline = Date().addingTimeInterval(60)
        while try counts(path).sent < 5 && Date() < deadline { try await Task.sleep(for: .milliseconds(20)) }
        task.cancel()
        _ = await task.result
        #expect(try counts(path) == Counts(ledger: 2, outbox: 5, sent: 5, maxAttempts: 1, inbox: 2, inboxUsers: 2))
    }
}
