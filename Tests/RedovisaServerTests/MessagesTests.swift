import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("Messages with the case officer, and the inbox")
struct MessagesTests {
    /// The demo participant's returned report (their officer is `handlaggare-af`).
    static func returnedReport(_ database: AppDatabase) throws -> Report {
        let me = try Demo.actor("deltagare", in: database)
        return try #require(try database.reports(.init(statuses: [.returned]), as: me).first)
    }

    @Test("a participant writes to the officer from the report page; an empty message is refused at the field; the officer sees it unread and answers")
    func conversation() async throws {
        try await withServer { browser, database in
            // Given the participant's returned report
            let report = try Self.returnedReport(database)
            let id = report.id!
            try await browser.login("deltagare")
            let reportPage = try await browser.get("/rapporter/\(id)")
            #expect(reportPage.body.contains("<a href=\"/rapporter/\(id)/meddelanden\">Skriv till handläggaren</a>"))
            let page = try await browser.get("/rapporter/\(id)/meddelanden")
            #expect(page.status == .ok)
            #expect(page.body.contains("Inga meddelanden ännu."))
            #expect(page.body.contains("<label for=\"meddelande\">Meddelande</label>"))
            #expect(page.body.contains("<h2 id=\"skriv\">Skriv till handläggaren</h2>"))
            // When they send nothing: the error at the top, linked to the field
            let empty = try await browser.post("/rapporter/\(id)/meddelanden", form: [("meddelande", "   ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("<a href=\"#meddelande\">Skriv ett meddelande.</a>"))
            #expect(empty.body.contains("aria-invalid=\"true\""))
            // When they send a message
            let sent = try await browser.post(
                "/rapporter/\(id)/meddelanden", form: [("meddelande", "Hej!\nJag har lagt till datumen nu.")])
            #expect(sent.status == .seeOther && sent.location == "/rapporter/\(id)/meddelanden")
            let after = try await browser.get("/rapporter/\(id)/meddelanden")
            #expect(after.body.contains("Meddelandet är skickat."))
            #expect(after.body.contains("<p>Hej!</p><p>Jag har lagt till datumen nu.</p>"))
            #expect(after.body.contains("<strong>Du</strong>"))
            // Then the officer has one unread message in their inbox, and reads it
            let officer = try Demo.actor("handlaggare-af", in: database)
            #expect(try database.unreadMessageCount(as: officer) == 1)
            try await browser.login("handlaggare-af")
            let inbox = try await browser.get("/meddelanden")
            #expect(inbox.body.contains("<a href=\"/rapporter/\(id)/meddelanden\">Ärende \(report.caseNumber!)</a>"))
            #expect(inbox.body.contains("<td>1</td><td><strong>1</strong></td>"))
            let review = try await browser.get("/rapporter/\(id)")
            #expect(review.body.contains("<a href=\"/rapporter/\(id)/meddelanden\">Meddelanden om ärendet</a>"))
            let read = try await browser.get("/rapporter/\(id)/meddelanden")
            let participant = try Demo.actor("deltagare", in: database)
            #expect(read.body.contains("<strong>\(participant.user!.displayName)</strong>"))
            #expect(read.body.contains("<h2 id=\"skriv\">Skriv till den som rapporterar</h2>"))
            #expect(try database.unreadMessageCount(as: officer) == 0)
            // And answers; the participant sees one unread on Mina sidor
            #expect(try await browser.post("/rapporter/\(id)/meddelanden", form: [("meddelande", "Tack, jag tittar på det.")]).status == .seeOther)
            try await browser.login("deltagare")
            #expect(try await browser.get("/mina-sidor").body.contains("Du har 1 oläst meddelande."))
            let conversation = try database.conversation(report: id, as: participant)
            #expect(conversation.messages.map(\.body) == ["Hej!\nJag har lagt till datumen nu.", "Tack, jag tittar på det."])
            // Every write and read is in the audit log, through the web
            let audit = try database.auditLog(limit: 200, as: .system(via: "test"))
            #expect(audit.filter { $0.entity == "message" && $0.action == "create" && $0.via == "web" }.map(\.actorId)
                == [officer.userId, participant.userId])
            #expect(audit.contains { $0.entity == "messageThread" && $0.action == "read" && $0.actorId == officer.userId })
            #expect(audit.contains { $0.entity == "messageThread" && $0.action == "list" && $0.actorId == officer.userId })
        }
    }

    @Test("an officer outside the report's assignments gets 403 with the SUS message, writes nothing, and both attempts are audited")
    func outsideAssignment() async throws {
        try await withServer { browser, database in
            let report = try Self.returnedReport(database)
            let other = try Demo.actor("handlaggare-af-soder", in: database)
            try await browser.login("handlaggare-af-soder")
            let page = try await browser.get("/rapporter/\(report.id!)/meddelanden")
            #expect(page.status == .forbidden)
            #expect(page.body.contains(HTML.escape(RedovisaError.noAssignmentMessage)))
            let csrf = try #require(browser.csrf)
            let post = try await browser.post("/rapporter/\(report.id!)/meddelanden", form: [("meddelande", "Hej")], csrf: csrf)
            #expect(post.status == .forbidden)
            #expect(try database.conversation(report: report.id!, as: .system(via: "test")).messages.isEmpty)
            #expect(!(try await browser.get("/meddelanden").body.contains("/rapporter/\(report.id!)/meddelanden")))
            let denied = try database.auditLog(limit: 50, entity: "report", as: .system(via: "test"))
                .filter { $0.action == "denied" && $0.actorId == other.userId && $0.entityIds == [report.id!] }
            #expect(denied.count == 2)
        }
    }

    @Test("about a protected identity, an officer without the permission sees that there is a message but not its text")
    func protectedIdentity() async throws {
        try await withServer { browser, database in
            // Given a report about a protected person, written by a contact person
            let officer = try Demo.actor("handlaggare-nacka", in: database)
            let reports = try database.reports(.init(templateId: "lss-kontaktperson", limit: 1000), as: officer)
            let people = try database.people(ids: reports.map(\.personId), as: officer)
            let report = try #require(reports.first { people[$0.personId]?.isMasked == true })
            let usernames = ["kontaktperson"] + (2...10).map { String(format: "kontaktperson%02d", $0) }
            let author = try #require(try usernames.map { try Demo.actor($0, in: database) }.first { $0.userId == report.authorId })
            _ = try database.writeMessage(report: report.id!, body: "Klienten har flyttat till en ny adress.", as: author)
            // When an officer without the permission reads it
            try await browser.login("handlaggare-nacka")
            let page = try await browser.get("/rapporter/\(report.id!)/meddelanden")
            // Then the text is withheld, and so is the person's name
            #expect(page.status == .ok)
            #expect(!page.body.contains("Klienten har flyttat"))
            #expect(page.body.contains("Meddelandet visas inte: ärendet gäller en person med skyddade personuppgifter."))
            #expect(page.body.contains("Gäller \(PersonView.maskedName)"))
            // And an officer with it reads the text
            try await browser.login("handlaggare-skyddad")
            #expect(try await browser.get("/rapporter/\(report.id!)/meddelanden").body.contains("Klienten har flyttat till en ny adress."))
        }
    }

    @Test("the inbox shows the notifications reminders wrote, new ones marked until seen")
    func notifications() async throws {
        try await withServer { browser, database in
            let me = try Demo.actor("deltagare", in: database)
            _ = try database.add(
                InboxMessage(
                    userId: me.userId!, subject: "Påminnelse: aktivitetsrapport för oktober",
                    body: "Sista dag att skicka in är 14 november.", link: "/mina-sidor", rule: "af-aktivitetsrapport",
                    createdAt: Date()),
                as: .system(via: "test"))
            try await browser.login("deltagare")
            let mine = try await browser.get("/mina-sidor")
            #expect(mine.body.contains("<a href=\"/meddelanden\">Till meddelanden och aviseringar</a>"))
            let first = try await browser.get("/meddelanden")
            #expect(first.body.contains("<h3>Påminnelse: aktivitetsrapport för oktober <span class=\"status status-submitted\">Ny</span></h3>"))
            #expect(first.body.contains("<p>Sista dag att skicka in är 14 november.</p>"))
            #expect(first.body.contains("<a href=\"/mina-sidor\">Öppna</a>"))
            let second = try await browser.get("/meddelanden")
            #expect(second.body.contains("<h3>Påminnelse: aktivitetsrapport för oktober</h3>"))
            #expect(try database.inbox(user: me.userId!).allSatisfy { $0.readAt != nil })
        }
    }
}
