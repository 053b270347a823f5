import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("Officers: Försenat, the overdue list from the deadline rules")
struct OverdueTests {
    @Test("the list holds exactly what the deadline query gives for the officer's organisation, overdue and due within the days asked")
    func overdueList() async throws {
        try await withServer(database: try Demo.database(now: Demo.noon("2025-11-10"))) { browser, database in
            // Given an officer for the whole of Nacka, and what the rules say
            let officer = try Demo.actor("handlaggare-nacka", in: database)
            let nacka = try #require(try database.organisation(code: "nacka"))
            let expected = try DeadlineQuery(database: database).due(organisation: nacka.id!, within: 14, as: officer)
            try #require(!expected.overdue.isEmpty && !expected.upcoming.isEmpty)
            // When they follow the link from the queue
            try await browser.login("handlaggare-nacka")
            #expect(try await browser.get("/arbetsko").body.contains("<a href=\"/arbetsko/forsenat\">Försenat"))
            let page = try await browser.get("/arbetsko/forsenat?dagar=14")
            // Then both lists have the rules' deadlines, with who acts and for whom
            #expect(page.status == .ok)
            #expect(page.body.contains("<h2 id=\"forsenat\">Förfallna (\(expected.overdue.count))</h2>"))
            #expect(page.body.contains("<h2 id=\"snart\">Förfaller inom 14 dagar (\(expected.upcoming.count))</h2>"))
            #expect(page.body.contains("<option value=\"14\" selected>14 dagar</option>"))
            let first = try #require(expected.overdue.first { $0.customer != nil })
            let late = first.daysLate == 1 ? "1 dag sen" : "\(first.daysLate!) dagar sen"
            let person = try database.people(ids: [first.customer!], as: officer)[first.customer!]
            #expect(page.body.contains("<tr><td>\(first.due)</td><td>\(late)</td><td>\(HTML.escape(first.title))</td>"))
            #expect(page.body.contains(HTML.escape(Formatting.name(person))))
            // And Nacka's own personal-data incident of 5 November, whose 72 hours ended on the 8th, is
            // the organisation's, for its officers
            let incident = try #require(expected.overdue.first { $0.rule == "personuppgiftsincident" })
            #expect(incident.due == "2025-11-08" && incident.who == "handläggare" && incident.customer == nil)
            #expect(page.body.contains("<td>\(HTML.escape(incident.title))</td><td>Handläggaren</td>\n<td>Organisationen</td><td>–</td>"))
            // Read as the officer through the rules, and audited so
            let audit = try database.auditLog(limit: 100, entity: "enrolment", as: .system(via: "test"))
            #expect(audit.contains {
                $0.action == "list" && $0.detail == "frister" && $0.actorId == officer.userId && $0.via == "script:scripts/deadlines/query.lua"
            })
        }
    }

    @Test("an officer of one office sees fewer deadlines than the officer for the whole municipality; reporters may not open the list")
    func limitedByAssignment() async throws {
        try await withServer(database: try Demo.database(now: Demo.noon("2025-11-10"))) { browser, database in
            let north = try Demo.actor("handlaggare-norr", in: database), all = try Demo.actor("handlaggare-nacka", in: database)
            let nacka = try #require(try database.organisation(code: "nacka"))
            let query = DeadlineQuery(database: database)
            let mine = try query.due(organisation: nacka.id!, within: 7, as: north)
            let everyone = try query.due(organisation: nacka.id!, within: 7, as: all)
            #expect(mine.overdue.count < everyone.overdue.count)
            try await browser.login("handlaggare-norr")
            let page = try await browser.get("/arbetsko/forsenat")
            #expect(page.body.contains("<h2 id=\"forsenat\">Förfallna (\(mine.overdue.count))</h2>"))
            try await browser.login("deltagare")
            #expect(try await browser.get("/arbetsko/forsenat").status == .forbidden)
        }
    }
}
