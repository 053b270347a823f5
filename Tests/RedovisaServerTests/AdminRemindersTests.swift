import Foundation
import Testing
import Redovisa
@testable import RedovisaServer

/// The reminder dry run and the outbox on the administrator's pages.
struct AdminRemindersTests {
    @Test("a dry run at a date and time shows what remind --dry-run would send, records nothing and audits the recipients shown")
    func dryRun() async throws {
        let database = try Demo.database()
        let users = try ReminderWorld.add(count: 4, to: database)
        try await withAdminServer(database: database) { browser, database in
            try await browser.login("admin")
            let form = try await browser.get("/admin/paminnelser")
            #expect(form.body.contains("<code>scripts/reminders/af-aktivitetsrapport.lua</code>"))
            let page = try await browser.post("/admin/paminnelser/torrkorning", form: [("datum", "2025-10-10"), ("tid", "08:00")])
            #expect(page.status == .ok)

            // What the runner itself says would go out at that moment
            let expected = try ReminderWorld.administration(deliverer: nil).reminderRunner(database: database)
                .run(at: ReminderMoment(ReminderWorld.moment), dryRun: true)
            let planned = expected.rules.flatMap(\.reminders)
            #expect(planned.count >= 4)
            let rows = page.tableRows.dropFirst()
            #expect(rows.count == planned.count)
            for user in users {
                let reminder = try #require(planned.first { $0.userId == user })
                #expect(rows.contains([
                    "af-aktivitetsrapport", "day_of_month:10", "2025-09", "\(reminder.recipientName) (user:\(user))",
                    reminder.channels.map(RemindersPages.channel).joined(separator: ", "), reminder.reminder.subject,
                ]))
            }
            #expect(page.body.contains("\(planned.count) påminnelser, \(planned.reduce(0) { $0 + $1.channels.count }) meddelanden skulle skickas."))
            #expect(page.body.contains("<strong>af-aktivitetsrapport</strong>: day_of_month:10: \(planned.filter { $0.reminder.rule == "af-aktivitetsrapport" }.count) påminnelser"))

            // Nothing recorded, and the administrator's look at the recipients is in the audit log
            #expect(try database.outboxOverview(as: .system(via: "test")).messages.isEmpty)
            let admin = try Demo.actor("admin", in: database)
            let audit = try database.auditLog(limit: 50, entity: "user", as: .system(via: "test"))
            #expect(audit.contains { $0.actorId == admin.userId && $0.detail == "torrkörning av påminnelser" && Set(users).isSubset(of: $0.entityIds) })
        }
    }

    @Test("a dry run with a wrong time is refused, naming the field")
    func dryRunRefusesAWrongTime() async throws {
        try await withAdminServer { browser, _ in
            try await browser.login("admin")
            try await browser.get("/admin/paminnelser")
            let page = try await browser.post("/admin/paminnelser/torrkorning", form: [("datum", "2025-10-10"), ("tid", "8")])
            #expect(page.status == .unprocessableContent && page.body.contains("Tiden ska skrivas TT:MM."))
        }
    }

    @Test("the outbox lists status, attempts and the last error; retry and deliver-now send them, audited")
    func outboxRetryAndDeliver() async throws {
        // Given 3 participants reminded, their e-mails and SMS failing for good
        let database = try Demo.database()
        try ReminderWorld.add(count: 3, to: database)
        let transport = SwitchTransport(failing: DeliveryFailure("550 5.1.1 <anna.svensson@example.se>: adressen finns inte", permanent: true))
        let log = LogCapture()
        let deliverer = OutboxDeliverer(database: database, email: transport, sms: transport, logger: log.logger)
        let administration = ReminderWorld.administration(deliverer: deliverer)
        let recorded = try administration.reminderRunner(database: database).run(at: ReminderMoment(ReminderWorld.moment), dryRun: false)
        #expect(recorded.recorded.count >= 3)
        try await withAdminServer(database: database, deliverer: deliverer) { browser, database in
            try await browser.login("admin")
            let before = try await browser.get("/admin/utkorg")
            let total = try database.outboxOverview(as: .system(via: "test")).messages.count
            #expect(before.body.contains("<p>\(total) väntar, 0 skickade, 0 misslyckade.</p>"))

            // When the administrator delivers now
            let delivered = try await browser.post("/admin/utkorg/leverera")
            #expect(delivered.location == "/admin/utkorg")
            let after = try await browser.get("/admin/utkorg?status=failed")
            let messages = try database.outboxOverview(as: .system(via: "test")).messages
            let failed = messages.filter { $0.status == .failed }
            let sent = messages.filter { $0.status == .sent }
            #expect(sent.allSatisfy { $0.channel == .inApp } && sent.count >= 3)
            #expect(after.flash == "Levererade \(sent.count) (\(sent.count) i appen, 0 e-post, 0 sms); 0 försöks igen, \(failed.count) misslyckades.")
            #expect(failed.count == messages.count - sent.count && failed.count >= 4)
            // Then the failed ones are listed with their attempt and error, the address it quoted left out
            let rows = after.tableRows.dropFirst()
            #expect(rows.count == failed.count)
            let email = try #require(failed.first { $0.channel == .email })
            #expect(rows.contains { $0[0] == "\(email.id!)" && $0[1] == "e-post" && $0[2] == "misslyckad" && $0[3] == "1" && $0[8] == "550 5.1.1 <…@example.se>: adressen finns inte" })
            // and the server's log says which message failed, without the address
            #expect(log.lines.contains { $0.contains("outbox \(email.id!) (epost) via") && $0.contains("failed: 550 5.1.1 <…@example.se>") })
            #expect(!log.lines.contains { $0.contains("anna.svensson") })

            // When the address works again and they retry that message
            transport.set(failing: nil)
            let retried = try await browser.post("/admin/utkorg/\(email.id!)/forsok-igen")
            #expect(retried.location == "/admin/utkorg")
            #expect(try await browser.get("/admin/utkorg").flash == "Meddelande \(email.id!) försöks igen. Levererade 1 (0 i appen, 1 e-post, 0 sms); 0 försöks igen, 0 misslyckades.")
            #expect(transport.sent.map(\.id) == [email.id!])
            #expect(try database.outboxOverview(status: .sent, as: .system(via: "test")).messages.contains { $0.id == email.id })
            let admin = try Demo.actor("admin", in: database)
            let audit = try database.auditLog(limit: 20, entity: "outbox", as: .system(via: "test"))
            #expect(audit.contains { $0.action == "retry" && $0.actorId == admin.userId && $0.entityIds == [email.id!] })
            #expect(audit.contains { $0.action == "read" && $0.actorId == admin.userId })

            // A sent message is not sent again
            try await browser.post("/admin/utkorg/\(email.id!)/forsok-igen")
            #expect(try await browser.get("/admin/utkorg").flash == "Meddelande \(email.id!) är redan skickat.")
            #expect(transport.sent.count == 1)
        }
    }
}
