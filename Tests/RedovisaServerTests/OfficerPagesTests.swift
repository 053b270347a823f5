import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("Officers: queue, review, dashboard; administrators: audit log")
struct OfficerPagesTests {
    @Test("the queue lists exactly the reports awaiting review in the officer's assignments, and filters narrow it")
    func queue() async throws {
        try await withServer { browser, database in
            let officer = try Demo.actor("handlaggare-norr", in: database)
            let expected = try database.reports(.init(statuses: ReportStatus.awaitingReview, limit: 500), as: officer)
            try #require(!expected.isEmpty)
            try await browser.login("handlaggare-norr")
            let page = try await browser.get("/arbetsko")
            #expect(Set(page.reportIds) == Set(expected.compactMap(\.id)))
            #expect(page.body.contains("<label for=\"filter-period\">Period</label><select id=\"filter-period\""))
            // Filtered by period and template
            let period = try #require(expected.first?.period), template = expected.first!.templateId
            let filtered = try await browser.get("/arbetsko?vy=granska&period=\(period)&mall=\(template)")
            let narrowed = expected.filter { $0.period == period && $0.templateId == template }
            #expect(Set(filtered.reportIds) == Set(narrowed.compactMap(\.id)))
            // The approved tab
            let approved = try database.reports(.init(statuses: [.approved], limit: 500), as: officer)
            #expect(Set(try await browser.get("/arbetsko?vy=godkanda").reportIds) == Set(approved.compactMap(\.id)))
        }
    }

    @Test("reporters cannot open the queue or the dashboard")
    func queueForOfficersOnly() async throws {
        try await withServer { browser, _ in
            try await browser.login("deltagare")
            #expect(try await browser.get("/arbetsko").status == .forbidden)
            #expect(try await browser.get("/oversikt").status == .forbidden)
        }
    }

    @Test("returning without a comment shows the error at the top, linked to the field; with one, the report is returned")
    func returnWithComment() async throws {
        try await withServer { browser, database in
            let officer = try Demo.actor("handlaggare-norr", in: database)
            let report = try #require(try database.reports(.init(statuses: [.submitted], limit: 1), as: officer).first)
            try await browser.login("handlaggare-norr")
            let page = try await browser.get("/rapporter/\(report.id!)")
            #expect(page.body.contains("<label for=\"kommentar\">"))
            // Without a comment
            let empty = try await browser.post("/rapporter/\(report.id!)/aterskicka", form: [("kommentar", "  ")])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("<a href=\"#kommentar\">Skriv vad som behöver kompletteras.</a>"))
            #expect(empty.body.contains("aria-invalid=\"true\""))
            #expect(try database.report(id: report.id!, as: officer).status == .submitted)
            // With a comment
            let done = try await browser.post("/rapporter/\(report.id!)/aterskicka", form: [("kommentar", "Ange datum för mötena.")])
            #expect(done.status == .seeOther && done.location == "/rapporter/\(report.id!)")
            let after = try await browser.get("/rapporter/\(report.id!)")
            #expect(after.body.contains("Rapporten är återskickad för komplettering."))
            #expect(after.body.contains("Ange datum för mötena."))
            #expect(try database.report(id: report.id!, as: officer).status == .returned)
            #expect(try database.history(report: report.id!, as: officer).last?.comment == "Ange datum för mötena.")
            // The message is shown once
            #expect(!(try await browser.get("/rapporter/\(report.id!)").body.contains("Rapporten är återskickad för komplettering.")))
        }
    }

    @Test("approving moves the report to approved and records who did it")
    func approve() async throws {
        try await withServer { browser, database in
            let officer = try Demo.actor("handlaggare-norr", in: database)
            let report = try #require(try database.reports(.init(statuses: ReportStatus.awaitingReview, limit: 1), as: officer).first)
            try await browser.login("handlaggare-norr")
            try await browser.get("/rapporter/\(report.id!)")
            let done = try await browser.post("/rapporter/\(report.id!)/godkann", form: [("godkann-kommentar", "")])
            #expect(done.status == .seeOther)
            #expect(try database.report(id: report.id!, as: officer).status == .approved)
            #expect(try database.history(report: report.id!, as: officer).last?.byUserId == officer.userId)
            #expect(try await browser.get("/rapporter/\(report.id!)").body.contains("Rapporten är godkänd."))
        }
    }

    @Test("a report outside the officer's assignments answers 403 with the SUS message, and the attempt is audited")
    func outsideAssignment() async throws {
        try await withServer { browser, database in
            let north = try Demo.actor("handlaggare-norr", in: database), south = try Demo.actor("handlaggare-syd", in: database)
            let visible = Set(try database.reports(.init(limit: 1000), as: north).compactMap(\.id))
            let report = try #require(
                try database.reports(.init(statuses: ReportStatus.awaitingReview, limit: 1000), as: south).first { !visible.contains($0.id!) })
            try await browser.login("handlaggare-norr")
            let page = try await browser.get("/rapporter/\(report.id!)")
            #expect(page.status == .forbidden)
            #expect(page.body.contains(HTML.escape(RedovisaError.noAssignmentMessage)))
            let csrf = try #require(browser.csrf)
            let approve = try await browser.post("/rapporter/\(report.id!)/godkann", csrf: csrf)
            #expect(approve.status == .forbidden)
            #expect(try database.report(id: report.id!, as: south).status == report.status)
            let denied = try database.auditLog(limit: 20, entity: "report", as: .system(via: "test"))
                .filter { $0.action == "denied" && $0.actorId == north.userId && $0.entityIds == [report.id!] && $0.via == "web" }
            #expect(denied.count == 2)
        }
    }

    @Test("the dashboard draws the period's reports by status as an SVG chart, with the numbers and the on-time rate")
    func dashboard() async throws {
        try await withServer { browser, database in
            let officer = try Demo.actor("handlaggare-nacka", in: database)
            let period = Period(year: 2025, month: 9)!
            let summary = try database.summary(period: period, as: officer)
            try #require(summary.handedIn > 0)
            try await browser.login("handlaggare-nacka")
            let page = try await browser.get("/oversikt?period=2025-09")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Översikt september 2025</h1>"))
            #expect(page.body.contains("<svg class=\"chart\" role=\"img\""))
            for status in ReportStatus.allCases {
                #expect(page.body.contains("<tr><th scope=\"row\">\(HTML.escape(Formatting.label(status)))</th><td>\(summary.byStatus[status] ?? 0)</td></tr>"))
            }
            #expect(page.body.contains("<strong>\(Formatting.percent(summary.onTimeRate))</strong> (\(summary.onTime) av \(summary.handedIn) inlämnade"))
            #expect(page.body.components(separatedBy: "<rect class=\"bar\"").count - 1 == ReportStatus.allCases.count)
        }
    }

    @Test("the audit log page is for administrators: it lists the latest lines, including the read of the log itself")
    func auditLog() async throws {
        try await withServer { browser, database in
            try await browser.login("handlaggare-norr")
            #expect(try await browser.get("/admin/granskningslogg").status == .forbidden)
            try await browser.post("/logga-ut")
            try await browser.login("admin")
            let page = try await browser.get("/admin/granskningslogg")
            #expect(page.status == .ok)
            let admin = try Demo.actor("admin", in: database).user!
            #expect(page.body.contains("<td>\(HTML.escape(admin.displayName))</td>\n<td>web</td><td>login</td><td>user</td>"))
            let reports = try await browser.get("/admin/granskningslogg?typ=report")
            #expect(!reports.body.contains("<td>user</td>"))
        }
    }
}
