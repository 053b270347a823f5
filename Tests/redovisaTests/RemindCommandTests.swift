import Foundation
import GRDB
import Redovisa
import Testing

/// `redovisa remind` and `redovisa outbox` as an administrator uses them, moving through days.
struct RemindCommandTests {
    func counts(_ db: String) throws -> (ledger: Int, outbox: Int, inbox: Int, steps: [String]) {
        let queue = try DatabaseQueue(path: db)
        return try queue.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reminderLedgerEntry")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outboxMessage")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM inboxMessage")!,
             try String.fetchAll(db, sql: "SELECT DISTINCT step FROM reminderLedgerEntry ORDER BY step"))
        }
    }

    @Test func timeTravelThroughOctoberSendsEachReminderOnceOnItsDay() throws {
        // Given three participants who have not handed in September's activity report
        let dir = try RemindWorld.folder()
        let db = dir.appendingPathComponent("r.sqlite").path, outbox = dir.appendingPathComponent("outbox")
        try RemindWorld.make(at: db, count: 3)

        // When remind runs on the 9th: nothing is due
        var run = try RemindWorld.run(["remind", "--db", db, "--as-of", "2025-10-09T08:00"], outbox: outbox)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("af-aktivitetsrapport: inte aktuell nu\n"))
        #expect(run.standardOutput.contains("0 påminnelser, 0 meddelanden i utkorgen.\n"))

        // On the 10th at 08:00: one reminder each, in-app and by e-mail (and SMS for the first)
        run = try RemindWorld.run(["remind", "--db", db, "--as-of", "2025-10-10T08:00"], outbox: outbox)
        #expect(run.status == 0, "\(run.standardError)")
        #expect(run.standardOutput.contains("af-aktivitetsrapport: day_of_month:10: 3 påminnelser\n"))
        #expect(run.standardOutput.contains("3 påminnelser, 7 meddelanden i utkorgen.\n"))
        #expect(run.standardOutput.contains("Levererade 7 (3 in_app, 3 epost, 1 sms); 0 försöks igen, 0 misslyckades."))
        #expect(run.standardOutput.contains("Deltagare0 Test"), "the administrator's table names the recipient")
        #expect(!run.standardError.contains("Deltagare"), "the log holds no names")
        var c = try counts(db)
        #expect(c.ledger == 3 && c.outbox == 7 && c.inbox == 3)
        let files = try FileManager.default.contentsOfDirectory(atPath: outbox.path).sorted()
        #expect(files.count == 4)
        let email = try String(contentsOf: outbox.appendingPathComponent(files.first { $0.hasSuffix("-epost.txt") }!), encoding: .utf8)
        #expect(email.hasPrefix("Till: d"))
        #expect(email.contains("Ämne: Påminnelse: aktivitetsrapporten för september 2025\n"))
        #expect(email.contains("\nHej Deltagare"), "the recipient is greeted by the name the runner found")
        #expect(email.contains("Skicka in den senast tisdag 14 oktober."))
        #expect(email.hasSuffix("/mina-sidor\n"))

        // Run again the same day, and the next day (a restart, a second cron): nothing new
        for moment in ["2025-10-10T12:00", "2025-10-11"] {
            run = try RemindWorld.run(["remind", "--db", db, "--as-of", moment], outbox: outbox)
            #expect(run.standardOutput.contains("af-aktivitetsrapport: day_of_month:10: 0 påminnelser, 3 redan skickade\n"))
        }
        // The 13th: the second reminder
        run = try RemindWorld.run(["remind", "--db", db, "--as-of", "2025-10-13T08:00"], outbox: outbox)
        #expect(run.standardOutput.contains("af-aktivitetsrapport: day_of_month:13: 3 påminnelser\n"))
        c = try counts(db)
        #expect(c.ledger == 6 && c.inbox == 6 && c.steps == ["day_of_month:10", "day_of_month:13"])

        // And the outbox lists every message, sent, by recipient key only
        run = try RemindWorld.run(["outbox", "--db", db, "--status", "sent", "--limit", "2"], outbox: outbox)
        #expect(run.status == 0)
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.first?.hasPrefix("ID  KANAL   STATUS  FÖRSÖK  NÄSTA FÖRSÖK  MOTTAGARE  REGEL") == true)
        #expect(lines.last == "Totalt: 0 väntar, 14 skickade, 0 misslyckade.")
        #expect(!run.standardOutput.contains("Deltagare") && !run.standardOutput.contains("@example.com"))
    }

    @Test func aDryRunPrintsTheTableAndChangesNothing() throws {
        let dir = try RemindWorld.folder()
        let db = dir.appendingPathComponent("r.sqlite").path, outbox = dir.appendingPathComponent("outbox")
        try RemindWorld.make(at: db, count: 2)
        let run = try RemindWorld.run(["remind", "--db", db, "--as-of", "2025-10-10T09:00", "--dry-run"], outbox: outbox)
        #expect(run.status == 0, "\(run.standardError)")
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Torrkörning 2025-10-10 09:00: inget skickas och inget sparas.")
        #expect(lines[1].hasPrefix("REGEL                 STEG             PERIOD   MOTTAGARE"))
        #expect(lines[2].hasPrefix("af-aktivitetsrapport  day_of_month:10  2025-09  user:"))
        #expect(lines[2].hasSuffix("in_app,epost,sms  Påminnelse: aktivitetsrapporten för september 2025"))
        #expect(run.standardOutput.contains("2 påminnelser, 5 meddelanden skulle skickas.\n"))
        let c = try counts(db)
        #expect(c.ledger == 0 && c.outbox == 0 && c.inbox == 0)
        #expect(!FileManager.default.fileExists(atPath: outbox.path))
    }

    @Test func afterDowntimeTheLatestDueReminderGoesOutAndTheSupersededOneDoesNot() throws {
        // Given a runner that last ran on the 9th and was down until the 14th
        let dir = try RemindWorld.folder()
        let db = dir.appendingPathComponent("r.sqlite").path, outbox = dir.appendingPathComponent("outbox")
        try RemindWorld.make(at: db, count: 2)
        #expect(try RemindWorld.run(["remind", "--db", db, "--as-of", "2025-10-09"], outbox: outbox).status == 0)
        // When it runs on the 14th
        let run = try RemindWorld.run(["remind", "--db", db, "--as-of", "2025-10-14T07:00"], outbox: outbox)
        // Then the 13th's reminder goes out (within its three days), the 10th's does not
        #expect(run.standardOutput.contains("af-aktivitetsrapport: day_of_month:13: 2 påminnelser\n"))
        #expect(try counts(db).steps == ["day_of_month:13"])
        // And after a week of downtime nothing is caught up at all
        let late = try RemindWorld.run(["remind", "--db", db, "--as-of", "2025-11-20"], outbox: outbox)
        #expect(late.standardOutput.contains("af-aktivitetsrapport: inte aktuell nu\n"))
    }

    @Test func aBrokenRuleIsReportedAndTheOthersStillRun() throws {
        let dir = try RemindWorld.folder()
        let db = dir.appendingPathComponent("r.sqlite").path, outbox = dir.appendingPathComponent("outbox")
        try RemindWorld.make(at: db, count: 1)
        let rules = dir.appendingPathComponent("rules")
        try FileManager.default.createDirectory(at: rules, withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            at: RemindWorld.repositoryRoot.appendingPathComponent("scripts/reminders/af-aktivitetsrapport.lua"),
            to: rules.appendingPathComponent("af-aktivitetsrapport.lua"))
        try Data("return { schedule = { day_of_month = 32 }, channels = { \"in_app\" }, targets = print, message = print }\n".utf8)
            .write(to: rules.appendingPathComponent("broken.lua"))
        let run = try RemindWorld.run(["remind", "--db", db, "--as-of", "2025-10-10T09:00", "--scripts", rules.path], outbox: outbox)
        #expect(run.status == 1)
        #expect(run.standardError.contains("\(rules.path)/broken.lua: schedule.day_of_month: 1 to 31, or a list of them, expected, got 32\n"))
        #expect(run.standardOutput.contains("af-aktivitetsrapport: day_of_month:10: 1 påminnelse\n"))
        #expect(run.standardOutput.contains("\(rules.path)/broken.lua: misslyckades (se standard error)\n"))
        #expect(try counts(db).ledger == 1)
    }
}
