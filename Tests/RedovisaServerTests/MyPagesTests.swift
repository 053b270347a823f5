import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("Mina sidor and the report page")
struct MyPagesTests {
    @Test("Mina sidor shows the reporter's drafts, returned reports with the officer's comment, and submitted ones")
    func lists() async throws {
        try await withServer { browser, database in
            // Given the demo participant, with reports in several statuses
            let me = try Demo.actor("deltagare", in: database)
            let mine = try database.reports(.init(), as: me)
            let drafts = mine.filter { $0.status == .draft }, returned = mine.filter { $0.status == .returned }
            let handedIn = mine.filter { [.submitted, .resubmitted, .approved].contains($0.status) }
            try #require(!drafts.isEmpty && !returned.isEmpty && !handedIn.isEmpty)
            // When they open Mina sidor
            try await browser.login("deltagare")
            let page = try await browser.get("/mina-sidor")
            // Then each list holds its reports, and the returned ones show the officer's comment
            #expect(page.status == .ok)
            let sections = page.body.components(separatedBy: "<h2 id=")
            func section(_ id: String) -> String { sections.first { $0.hasPrefix("\"\(id)\">") } ?? "" }
            #expect(section("ej-inskickade").hasPrefix("\"ej-inskickade\">Ej inskickade"))
            #expect(Set(Page(section("ej-inskickade")).reportIds) == Set(drafts.compactMap(\.id)))
            #expect(Set(Page(section("aterskickade")).reportIds) == Set(returned.compactMap(\.id)))
            #expect(Set(Page(section("inskickade")).reportIds) == Set(handedIn.compactMap(\.id)))
            for report in returned {
                let comment = try database.history(report: report.id!, as: me).last { $0.status == .returned }?.comment
                #expect(section("aterskickade").contains(HTML.escape(try #require(comment))))
            }
        }
    }

    @Test("a participant in the establishment programme sees the job suggestions their officer sent, newest first; others see no such list")
    func jobSuggestions() async throws {
        try await withServer { browser, database in
            // Given the demo participant, who has been sent job suggestions
            let me = try Demo.actor("deltagare", in: database)
            let suggestions = try database.jobSuggestions(person: me.user!.personId!, as: me)
            try #require(suggestions.count >= 2)
            // When they open Mina sidor
            try await browser.login("deltagare")
            let page = try await browser.get("/mina-sidor")
            // Then every suggestion is listed, newest first
            let section = try #require(page.body.components(separatedBy: "<h2 id=\"jobbforslag\">").last)
            #expect(page.body.contains("<h2 id=\"jobbforslag\">Förslag på jobb att söka</h2>"))
            var position = section.startIndex
            for suggestion in suggestions {
                let row = "<tr><td>\(HTML.escape(suggestion.title))</td><td>\(HTML.escape(suggestion.employer))</td>"
                let found = try #require(section.range(of: row, range: position..<section.endIndex), "\(suggestion.title)")
                position = found.upperBound
            }
            // And the read is audited
            let audit = try database.auditLog(limit: 50, entity: "jobSuggestion", as: .system(via: "test"))
            #expect(audit.contains { $0.action == "read" && $0.actorId == me.userId && $0.via == "web" })
            // A contact person has none
            try await browser.login("kontaktperson")
            #expect(!(try await browser.get("/mina-sidor").body.contains("Förslag på jobb att söka")))
        }
    }

    @Test("the report page shows the answers as the template words them, step by step, and the status history")
    func reportPage() async throws {
        try await withServer { browser, database in
            let me = try Demo.actor("kontaktperson", in: database)
            let report = try #require(try database.reports(.init(statuses: [.approved]), as: me).first)
            let history = try database.history(report: report.id!, as: me)
            let rows = try Reporting(database: database).preview(id: report.id!, as: me)
            try #require(rows.count >= 8)
            try await browser.login("kontaktperson")
            let page = try await browser.get("/rapporter/\(report.id!)")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1>Rapport \(report.caseNumber!)</h1>"))
            // Every row of the template's preview: its label and the answer as text, under its step
            #expect(page.body.contains("<h3>Rapportering</h3>") && page.body.contains("<h3>Information om dig</h3>"))
            for row in rows { #expect(page.body.contains("<dt>\(HTML.escape(row.label))</dt><dd>\(HTML.escape(row.value))</dd>")) }
            // An approved report is not editable, and has its receipt
            #expect(!page.body.contains("<textarea") && !page.body.contains("/steg/1"))
            #expect(page.links.contains("/rapporter/\(report.id!)/kvitto"))
            // The history has one row per status change, and no review forms for a reporter
            let historyTable = try #require(page.body.components(separatedBy: "<caption>Statushistorik</caption>").last)
            #expect(historyTable.components(separatedBy: "<tr><td>").count - 1 == history.count)
            #expect(!page.body.contains("/godkann"))
        }
    }

    @Test("a draft's page and Mina sidor lead back into its form")
    func draftLinks() async throws {
        try await withServer { browser, database in
            let me = try Demo.actor("kontaktperson", in: database)
            let draft = try #require(try database.reports(.init(statuses: [.draft]), as: me).first)
            try await browser.login("kontaktperson")
            let page = try await browser.get("/rapporter/\(draft.id!)")
            #expect(page.body.contains("<a class=\"button\" href=\"/rapporter/\(draft.id!)/steg/1\">Fortsätt fylla i rapporten</a>"))
            let mine = try await browser.get("/mina-sidor")
            #expect(mine.links.contains("/rapporter/\(draft.id!)/steg/1"))
            #expect(mine.links.contains("/rapporter/ny"))
        }
    }

    @Test("a reporter opening someone else's report gets 403 with the SUS message")
    func othersReport() async throws {
        try await withServer { browser, database in
            let me = try Demo.actor("deltagare", in: database)
            let mine = Set(try database.reports(.init(), as: me).compactMap(\.id))
            let other = try #require(try database.reports(.init(limit: 50), as: .system(via: "test")).first { !mine.contains($0.id!) })
            try await browser.login("deltagare")
            let page = try await browser.get("/rapporter/\(other.id!)")
            #expect(page.status == .forbidden)
            #expect(page.body.contains(HTML.escape(RedovisaError.noAssignmentMessage)))
            #expect(!page.body.contains(other.caseNumber ?? "–"))
        }
    }
}

extension Page {
    /// A part of a page, to read its links.
    init(_ fragment: String) {
        self.init(status: .ok, headers: [:], body: fragment)
    }
}
