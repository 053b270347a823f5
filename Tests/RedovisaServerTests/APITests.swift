import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("JSON API /api/v1")
struct APITests {
    @Test("without a session the API answers 401 in JSON")
    func unauthenticated() async throws {
        try await withServer { browser, _ in
            let answer = try await browser.api(.get, "/api/v1/reports")
            #expect(answer.status == .unauthorized)
            let error = try #require(try answer.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "not_logged_in")
            #expect(error["message"] as? String == "Du behöver logga in.")
            #expect(answer.headers[.contentType] == "application/json; charset=utf-8")
        }
    }

    @Test("a reporter lists their reports, starts a draft through the template, saves it (a stale save is refused) and submits it")
    func reporterFlow() async throws {
        try await withServer(database: try Demo.database(now: ReportFormTests.now)) { browser, database in
            let me = try Demo.actor("kontaktperson", in: database)
            try await browser.login("kontaktperson")
            let session = try await browser.api(.get, "/api/v1/session").json()
            #expect(session["username"] as? String == "kontaktperson")
            let token = try #require(session["csrfToken"] as? String)
            // List, filtered by status
            let listed = try await browser.api(.get, "/api/v1/reports?status=approved").json()["reports"] as? [[String: Any]] ?? []
            let expected = try database.reports(.init(statuses: [.approved], limit: 200), as: me)
            #expect(Set(listed.compactMap { ($0["id"] as? NSNumber)?.int64Value }) == Set(expected.compactMap(\.id)))
            let model = try #require(expected.first { $0.templateId == "lss-kontaktperson" })
            // Create without the CSRF header: refused
            let body = """
                {"templateId": "lss-kontaktperson", "templateVersion": 1, "period": "2025-11",
                 "personId": \(model.personId), "enrolmentId": \(model.enrolmentId!), "answers": {"klient_fornamn": "Anna"}}
                """
            #expect(try await browser.api(.post, "/api/v1/reports", json: body).status == .forbidden)
            // Create with it: the template's initial answers (the month) with the given ones over them, and its verdict
            let created = try await browser.api(.post, "/api/v1/reports", json: body, token: token)
            #expect(created.status == .created)
            let draft = try created.json()
            let id = try #require((draft["id"] as? NSNumber)?.int64Value)
            #expect(created.location == "/api/v1/reports/\(id)")
            #expect(draft["status"] as? String == "draft" && draft["period"] as? String == "2025-11")
            let answers = try #require(draft["answers"] as? [String: Any])
            #expect(answers["klient_fornamn"] as? String == "Anna" && (answers["manad"] as? NSNumber)?.intValue == 11)
            let check = try #require(draft["check"] as? [String: Any])
            #expect(check["valid"] as? Bool == false)
            let errors = check["errors"] as? [[String: String]] ?? []
            #expect(errors.contains { $0["field"] == "klient_efternamn" && $0["message"] == "Fyll i: Efternamn på personen du är kontaktperson för" })
            let revision = try #require((draft["revision"] as? NSNumber)?.intValue)
            // Submitting now is refused with every problem, field by field
            let refused = try await browser.api(.post, "/api/v1/reports/\(id)/submit", token: token)
            #expect(refused.status == .unprocessableContent)
            let problems = (try refused.json()["error"] as? [String: Any])?["problems"] as? [[String: String]] ?? []
            #expect(problems.map { $0["field"] ?? "" } == errors.map { $0["field"] ?? "" })
            // Save complete answers at the revision, then again at it: the second is stale
            let complete = """
                {"klient_fornamn": "Anna", "klient_efternamn": "Åberg", "ar": 2025, "manad": 11, "alla_tillfallen": "ja_alla",
                 "aktiviteter": "Bio.", "personnummer": "198112189876", "fornamn": "Kalle", "efternamn": "Kontakt",
                 "notifiering": [], "bekraftelse": true}
                """
            let save = #"{"answers": \#(complete), "expectedRevision": \#(revision)}"#
            let saved = try await browser.api(.put, "/api/v1/reports/\(id)", json: save, token: token)
            #expect(saved.status == .ok)
            #expect((try saved.json()["revision"] as? NSNumber)?.intValue == revision + 1)
            #expect((try saved.json()["check"] as? [String: Any])?["valid"] as? Bool == true)
            let stale = try await browser.api(.put, "/api/v1/reports/\(id)", json: save, token: token)
            #expect(stale.status == .conflict)
            #expect((try stale.json()["error"] as? [String: Any])?["code"] as? String == "stale_revision")
            // Submit: a receipt with a case number and the template's text; submitting again gives the same receipt
            let receipt = try await browser.api(.post, "/api/v1/reports/\(id)/submit", token: token).json()
            let caseNumber = try #require(receipt["caseNumber"] as? String)
            #expect(receipt["submittedBy"] as? String == me.user?.displayName)
            #expect((receipt["text"] as? String)?.hasPrefix("Ditt ärende är nu inskickat\nÄrendenummer: \(caseNumber)") == true)
            #expect(try await browser.api(.post, "/api/v1/reports/\(id)/submit", token: token).json()["caseNumber"] as? String == caseNumber)
            // The cleaned answers are stored (the empty notification list dropped)
            #expect(try database.report(id: id, as: me).answers["notifiering"] == .null)
            // History: draft, submitted
            let history = try await browser.api(.get, "/api/v1/reports/\(id)/history").json()["history"] as? [[String: Any]] ?? []
            #expect(history.compactMap { $0["status"] as? String } == ["draft", "submitted"])
            // A version other than the newest published is refused, naming the field
            let old = body.replacingOccurrences(of: "\"templateVersion\": 1", with: "\"templateVersion\": 7")
            let wrong = try await browser.api(.post, "/api/v1/reports", json: old, token: token)
            #expect(wrong.status == .unprocessableContent)
            #expect((try wrong.json()["error"] as? [String: Any])?["field"] as? String == "templateVersion")
        }
    }

    @Test("the published templates are listed, and each is described with its steps and fields")
    func templates() async throws {
        try await withServer { browser, _ in
            #expect(try await browser.api(.get, "/api/v1/templates").status == .unauthorized)
            try await browser.login("kontaktperson")
            let list = try await browser.api(.get, "/api/v1/templates").json()["templates"] as? [[String: Any]] ?? []
            let ids = list.compactMap { $0["id"] as? String }
            #expect(ids.count == 10 && ids.contains("lss-kontaktperson") && ids == ids.sorted())
            let lss = try #require(list.first { $0["id"] as? String == "lss-kontaktperson" })
            #expect(lss["title"] as? String == "Månadsrapport som kontaktperson" && lss["role"] as? String == "reporter")
            #expect(lss["period"] as? String == "month" && lss["hasWindow"] as? Bool == true)
            let description = try await browser.api(.get, "/api/v1/templates/lss-kontaktperson").json()
            let steps = try #require(description["steps"] as? [[String: Any]])
            #expect(steps.compactMap { $0["title"] as? String } == ["Rapportering", "Information om dig"])
            let fields = steps[0]["fields"] as? [[String: Any]] ?? []
            let choice = try #require(fields.first { $0["id"] as? String == "alla_tillfallen" })
            #expect(choice["type"] as? String == "choice" && choice["required"] as? String == "yes")
            #expect((choice["options"] as? [[String: Any]])?.compactMap { $0["label"] as? String }
                == ["Ja, alla", "Nej, men något eller några av dem", "Nej"])
            let reason = try #require(fields.first { $0["id"] as? String == "anledning" })
            #expect(reason["conditional"] as? Bool == true && reason["required"] as? String == "depends")
            #expect(try await browser.api(.get, "/api/v1/templates/lss-kontaktperson?version=1").json()["version"] as? Int == 1)
            #expect(try await browser.api(.get, "/api/v1/templates/finns-inte").status == .notFound)
            #expect(try await browser.api(.get, "/api/v1/templates/lss-kontaktperson?version=x").status == .unprocessableContent)
        }
    }

    @Test("an officer returns one report with a comment and approves another; a reporter may not")
    func review() async throws {
        try await withServer { browser, database in
            let officer = try Demo.actor("handlaggare-norr", in: database)
            let waiting = try database.reports(.init(statuses: ReportStatus.awaitingReview, limit: 2), as: officer)
            try #require(waiting.count == 2)
            try await browser.login("handlaggare-norr")
            let token = try #require(try await browser.api(.get, "/api/v1/session").json()["csrfToken"] as? String)
            let noComment = try await browser.api(.post, "/api/v1/reports/\(waiting[0].id!)/return", json: "{}", token: token)
            #expect(noComment.status == .unprocessableContent)
            #expect((try noComment.json()["error"] as? [String: Any])?["field"] as? String == "comment")
            let returned = try await browser.api(
                .post, "/api/v1/reports/\(waiting[0].id!)/return", json: #"{"comment": "Saknar datum."}"#, token: token)
            #expect(try returned.json()["status"] as? String == "returned")
            let approved = try await browser.api(.post, "/api/v1/reports/\(waiting[1].id!)/approve", token: token)
            #expect(try approved.json()["status"] as? String == "approved")
            #expect(try database.history(report: waiting[0].id!, as: officer).last?.comment == "Saknar datum.")
            // Approving twice is a conflict: the report is no longer awaiting review
            let again = try await browser.api(.post, "/api/v1/reports/\(waiting[1].id!)/approve", token: token)
            #expect(again.status == .conflict)
        }
    }

    @Test("outside the caller's assignments a report answers 403 with the SUS message, audited")
    func outsideAssignment() async throws {
        try await withServer { browser, database in
            let north = try Demo.actor("handlaggare-norr", in: database), south = try Demo.actor("handlaggare-syd", in: database)
            let visible = Set(try database.reports(.init(limit: 1000), as: north).compactMap(\.id))
            let report = try #require(try database.reports(.init(limit: 1000), as: south).first { !visible.contains($0.id!) })
            try await browser.login("handlaggare-norr")
            let answer = try await browser.api(.get, "/api/v1/reports/\(report.id!)")
            #expect(answer.status == .forbidden)
            let error = try #require(try answer.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "access_denied")
            #expect(error["message"] as? String == RedovisaError.noAssignmentMessage)
            let lines = try database.auditLog(limit: 5, entity: "report", as: .system(via: "test"))
            #expect(lines.contains { $0.action == "denied" && $0.actorId == north.userId && $0.entityIds == [report.id!] })
            // A report that does not exist is 404
            #expect(try await browser.api(.get, "/api/v1/reports/99999999").status == .notFound)
        }
    }

    @Test("bad input names the field: a period that is not YYYY-MM, JSON that does not parse")
    func badInput() async throws {
        try await withServer { browser, _ in
            try await browser.login("kontaktperson")
            let token = try #require(try await browser.api(.get, "/api/v1/session").json()["csrfToken"] as? String)
            let period = try await browser.api(.get, "/api/v1/reports?period=2025-9")
            #expect(period.status == .unprocessableContent)
            #expect((try period.json()["error"] as? [String: Any])?["field"] as? String == "period")
            let broken = try await browser.api(.post, "/api/v1/reports", json: "{\"templateId\": ", token: token)
            #expect(broken.status == .badRequest)
        }
    }
}
