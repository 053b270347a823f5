import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("JSON API: messages and SUS registrations")
struct APIMessagesSUSTests {
    /// Logs in as `username` after API calls (a page first, for the session's CSRF token).
    static func switchUser(_ browser: Browser, to username: String) async throws {
        try await browser.get("/meddelanden")
        try await browser.login(username)
    }

    @Test("a participant posts a message about their report, lists their conversations and reads the conversation; another office's officer gets 403")
    func messages() async throws {
        try await withServer { browser, database in
            let report = try MessagesTests.returnedReport(database)
            let id = report.id!
            try await browser.login("deltagare")
            let token = try #require(try await browser.api(.get, "/api/v1/session").json()["csrfToken"] as? String)
            // Without the CSRF token: refused; an empty body: 422 naming the field
            #expect(try await browser.api(.post, "/api/v1/reports/\(id)/messages", json: #"{"body": "Hej"}"#).status == .forbidden)
            let empty = try await browser.api(.post, "/api/v1/reports/\(id)/messages", json: #"{"body": " "}"#, token: token)
            #expect(empty.status == .unprocessableContent)
            #expect((try empty.json()["error"] as? [String: Any])?["field"] as? String == "body")
            // Posted
            let posted = try await browser.api(.post, "/api/v1/reports/\(id)/messages", json: #"{"body": "När granskas rapporten?"}"#, token: token)
            #expect(posted.status == .created)
            #expect(posted.location == "/api/v1/reports/\(id)/messages")
            #expect(try posted.json()["body"] as? String == "När granskas rapporten?")
            // Listed and read
            let list = try await browser.api(.get, "/api/v1/messages").json()["conversations"] as? [[String: Any]] ?? []
            #expect(list.count == 1)
            #expect((list.first?["reportId"] as? NSNumber)?.int64Value == id)
            #expect((list.first?["unread"] as? NSNumber)?.intValue == 0)
            let conversation = try await browser.api(.get, "/api/v1/reports/\(id)/messages").json()
            let messages = conversation["messages"] as? [[String: Any]] ?? []
            #expect(messages.map { $0["body"] as? String } == ["När granskas rapporten?"])
            #expect(messages.first?["mine"] as? Bool == true)
            // The officer of the report has it unread; an officer of another office is refused
            try await Self.switchUser(browser, to: "handlaggare-af")
            let theirs = try await browser.api(.get, "/api/v1/messages").json()["conversations"] as? [[String: Any]] ?? []
            #expect((theirs.first { ($0["reportId"] as? NSNumber)?.int64Value == id }?["unread"] as? NSNumber)?.intValue == 1)
            try await Self.switchUser(browser, to: "handlaggare-af-soder")
            let refused = try await browser.api(.get, "/api/v1/reports/\(id)/messages")
            #expect(refused.status == .forbidden)
            #expect((try refused.json()["error"] as? [String: Any])?["message"] as? String == RedovisaError.noAssignmentMessage)
        }
    }

    @Test("an officer registers the joint mapping and the start of an active intervention, lists them and deletes them; outside the assignment, 403")
    func susRegistrations() async throws {
        try await withServer(database: try Demo.database(now: SUSTests.now)) { browser, database in
            let person = try SUSTests.participant(in: database)
            let id = person.id!
            let af = try #require(try database.organisation(code: "af"))
            let office = try #require(try database.office(code: "nacka-varmdo", organisationId: af.id!))
            try await browser.login("handlaggare-af")
            let token = try #require(try await browser.api(.get, "/api/v1/session").json()["csrfToken"] as? String)
            let path = "/api/v1/people/\(id)/sus-registrations"
            // An unknown step names the field
            let unknown = try await browser.api(.post, path, json: #"{"step": "start", "date": "2025-09-01"}"#, token: token)
            #expect(unknown.status == .unprocessableContent)
            #expect((try unknown.json()["error"] as? [String: Any])?["field"] as? String == "step")
            // The active intervention before the mapping: refused by the template, with its problems
            let early = try await browser.api(
                .post, path, json: #"{"step": "start_aktiv_insats", "transition": "arbetsforberedande", "date": "2025-11-03"}"#, token: token)
            #expect(early.status == .unprocessableContent)
            let problems = (try early.json()["error"] as? [String: Any])?["problems"] as? [[String: String]] ?? []
            #expect(problems.contains { $0["message"]?.hasPrefix("Det saknas registreringar före start av aktiv insats") == true })
            // The mapping in order, then the active intervention
            var made: [Int64] = []
            for body in [
                #"{"step": "begaran_kartlaggning", "date": "2025-09-01", "officeId": \#(office.id!)}"#,
                #"{"step": "start_kartlaggning", "date": "2025-09-15"}"#,
                #"{"step": "slut_kartlaggning", "transition": "arbetslivsinriktad", "date": "2025-10-20"}"#,
            ] {
                let answer = try await browser.api(.post, path, json: body, token: token)
                #expect(answer.status == .created, "\(answer.body)")
                let registration = try #require(try answer.json()["registration"] as? [String: Any])
                made.append(try #require((registration["id"] as? NSNumber)?.int64Value))
            }
            let active = try await browser.api(
                .post, path, json: #"{"step": "start_aktiv_insats", "transition": "arbetslivsinriktad", "date": "2025-11-03"}"#, token: token)
            #expect(active.status == .created)
            let report = try #require(try active.json()["report"] as? [String: Any])
            let reportId = try #require((report["id"] as? NSNumber)?.int64Value)
            #expect(report["status"] as? String == "submitted")
            #expect((try active.json()["receipt"] as? [String: Any])?["caseNumber"] is String)
            // Listed
            let list = try await browser.api(.get, path).json()
            let rows = list["registrations"] as? [[String: Any]] ?? []
            #expect(rows.map { $0["step"] as? String } == ["begaran_kartlaggning", "start_kartlaggning", "slut_kartlaggning"])
            #expect(rows.last?["office"] as? String == office.name)
            #expect(((list["activeStarts"] as? [[String: Any]]) ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value } == [reportId])
            // Deleted: the active start needs a reason; the register's row goes
            let noReason = try await browser.api(.delete, "/api/v1/sus-active-starts/\(reportId)", json: #"{"reason": ""}"#, token: token)
            #expect(noReason.status == .unprocessableContent)
            let withdrawn = try await browser.api(
                .delete, "/api/v1/sus-active-starts/\(reportId)", json: #"{"reason": "Fel datum"}"#, token: token)
            #expect(withdrawn.status == .ok)
            #expect(try withdrawn.json()["status"] as? String == "withdrawn")
            let gone = try await browser.api(.delete, "/api/v1/sus-registrations/\(made[2])", token: token)
            #expect(gone.status == .ok)
            #expect(try database.susRecords(person: id, as: .system(via: "test")).map(\.id) == Array(made.prefix(2)))
            // Another office's officer: 403 with the SUS message, audited
            try await Self.switchUser(browser, to: "handlaggare-af-soder")
            let other = try Demo.actor("handlaggare-af-soder", in: database)
            let otherToken = try #require(try await browser.api(.get, "/api/v1/session").json()["csrfToken"] as? String)
            #expect(try await browser.api(.get, path).status == .forbidden)
            #expect(try await browser.api(.delete, "/api/v1/sus-registrations/\(made[0])", token: otherToken).status == .forbidden)
            #expect(try database.susRecords(person: id, as: .system(via: "test")).count == 2)
            let denied = try database.auditLog(limit: 50, entity: "person", as: .system(via: "test"))
                .filter { $0.action == "denied" && $0.actorId == other.userId && $0.entityIds == [id] }
            #expect(denied.count == 2)
        }
    }
}
