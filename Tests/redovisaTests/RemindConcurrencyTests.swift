import Foundation
import GRDB
import Redovisa
import Testing

/// Every reminder exactly once: after a runner is killed in the middle of sending, and with two
/// runners on one database at once.
struct RemindConcurrencyTests {
    struct State {
        var ledger: Int, outbox: Int, sent: Int, maxAttempts: Int, inbox: Int, distinctInbox: Int
    }

    func state(_ path: String) throws -> State {
        try DatabaseQueue(path: path).read { db in
            State(
                ledger: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reminderLedgerEntry")!,
                outbox: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outboxMessage")!,
                sent: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outboxMessage WHERE status = 'sent'")!,
                maxAttempts: try Int.fetchOne(db, sql: "SELECT MAX(attempts) FROM outboxMessage") ?? 0,
                inbox: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inboxMessage")!,
                distinctInbox: try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT userId) FROM inboxMessage")!)
        }
    }

    /// The messages the file sink wrote: `000042-epost.txt`, `000043-sms.txt`.
    func messageFiles(_ outbox: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: outbox.path).filter { $0.hasSuffix("-epost.txt") || $0.hasSuffix("-sms.txt") }
    }

    @Test(.timeLimit(.minutes(5)))
    func aRunnerKilledWhileSendingIsFinishedByTheNextRunWithoutSendingTwice() throws {
        // Given 600 participants to remind: 600 in-app messages, 600 e-mails and 200 SMS
        let dir = try RemindWorld.folder()
        let db = dir.appendingPathComponent("r.sqlite").path, outbox = dir.appendingPathComponent("outbox")
        try RemindWorld.make(at: db, count: 600)

        // When the runner is killed (SIGKILL: no cleanup) once it has sent some of them
        let process = RemindWorld.start(["remind", "--db", db, "--as-of", "2025-10-10T08:00"], outbox: outbox)
        try process.run()
        let deadline = Date().addingTimeInterval(120)
        var sentSome = 0
        while Date() < deadline && process.isRunning {
            sentSome = (try? FileManager.default.contentsOfDirectory(atPath: outbox.path).count) ?? 0
            if sentSome >= 40 { break }
            usleep(1_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        #expect(process.terminationReason == .uncaughtSignal)
        let killed = try state(db)
        #expect(sentSome >= 40 && killed.sent < 1400, "the run finished before it could be killed in the middle")
        #expect(killed.ledger == 600, "the ledger and the outbox were written in one transaction before sending")

        // And the next run comes after the killed one's lease (10 minutes) has ended
        let rerun = try RemindWorld.run(["remind", "--db", db, "--as-of", "2025-10-10T08:30"], outbox: outbox)
        #expect(rerun.status == 0, "\(rerun.standardError)")
        #expect(rerun.standardOutput.contains("af-aktivitetsrapport: day_of_month:10: 0 påminnelser, 600 redan skickade\n"))

        // Then every reminder went out once: one ledger row, one inbox message and one file each
        let done = try state(db)
        #expect(done.ledger == 600 && done.outbox == 1400 && done.sent == 1400)
        #expect(done.inbox == 600 && done.distinctInbox == 600)
        #expect(done.maxAttempts <= 2)
        // (a write cut off by the kill may leave a temporary file beside them: not a message)
        #expect(try messageFiles(outbox).count == 800)
    }

    @Test(.timeLimit(.minutes(5)))
    func twoRunnersAtOnceSendEachReminderOnce() throws {
        // Given 300 participants to remind
        let dir = try RemindWorld.folder()
        let db = dir.appendingPathComponent("r.sqlite").path, outbox = dir.appendingPathComponent("outbox")
        try RemindWorld.make(at: db, count: 300)

        // When two runners start at the same moment on the same database
        let runners = (0..<2).map { _ in RemindWorld.start(["remind", "--db", db, "--as-of", "2025-10-10T08:00"], outbox: outbox) }
        for runner in runners { try runner.run() }
        for runner in runners { runner.waitUntilExit() }

        // Then both succeeded, and each reminder and each message went out once
        #expect(runners.allSatisfy { $0.terminationStatus == 0 })
        let done = try state(db)
        #expect(done.ledger == 300 && done.outbox == 700 && done.sent == 700)
        #expect(done.maxAttempts == 1, "no message was claimed by both")
        #expect(done.inbox == 300 && done.distinctInbox == 300)
        #expect(try messageFiles(outbox).count == 400)
    }
}
