import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("New reports, group rows and paper reports")
struct NewReportTests {
    @Test("'Lägg till aktivitet' and 'Ta bort' change a group's rows without JavaScript; hours take a decimal comma")
    func groupRows() async throws {
        // Given the demo participant's October activity report (the window is 1–14 November)
        try await withServer(database: try Demo.database(now: Demo.noon("2025-11-06"))) { browser, database in
            let me = try Demo.actor("deltagare", in: database)
            let draft = try #require(try database.reports(.init(period: Period("2025-10"), statuses: [.draft]), as: me).first)
            let rows = draft.answers["aktiviteter"].arrayItems?.count ?? 0
            try await browser.login("deltagare")
            let step = "/rapporter/\(draft.id!)/steg/1"
            var page = try await browser.get(step)
            #expect(page.body.contains("<legend>Aktiviteter under månaden"))
            #expect(page.matches(#"<fieldset class="row" id="(f-aktiviteter-[0-9]+)""#).count == rows)
            // When they add an activity
            let added = try await browser.submit(try HTMLForm(page, action: step), button: "lagg-till:aktiviteter")
            let row = rows + 1
            #expect(added.location == "\(step)#f-aktiviteter-\(row)")
            page = try await browser.get(step)
            // Then a new, empty row is there, its hours hidden until the kind says they count
            #expect(page.body.contains("<legend>Aktivitet \(row)</legend>"))
            #expect(page.body.contains("value=\"ta-bort:aktiviteter[\(row)]\">Ta bort<span class=\"visually-hidden\"> aktivitet \(row)</span>"))
            #expect(page.fieldIsShown("aktiviteter[\(row)].timmar") == false)
            #expect(page.errorSummary.isEmpty)
            // When they fill it in as sfi, 1,5 hours, in their plan
            var form = try HTMLForm(page, action: step)
            form.set("aktiviteter[\(row)].typ", "sfi")
            form.set("aktiviteter[\(row)].datum", "2025-10-20")
            form.set("aktiviteter[\(row)].timmar", "1,5")
            form.set("aktiviteter[\(row)].i_planering", "ja")
            try await browser.submit(form, button: "spara")
            page = try await browser.get(step)
            #expect(page.fieldIsShown("aktiviteter[\(row)].timmar") == true)
            #expect(try HTMLForm(page, action: step)["aktiviteter[\(row)].timmar"] == "1,5")
            let saved = try database.report(id: draft.id!, as: me)
            #expect(saved.answers.value(at: "aktiviteter[\(row)]") == .object([
                "typ": "sfi", "datum": "2025-10-20", "timmar": .number(1.5), "i_planering": true,
            ]))
            // And the rows before it are as they were
            for index in 0..<rows { #expect(saved.answers["aktiviteter"].arrayItems?[index] == draft.answers["aktiviteter"].arrayItems?[index]) }
            // When they remove it again
            let removed = try await browser.submit(try HTMLForm(page, action: step), button: "ta-bort:aktiviteter[\(row)]")
            #expect(removed.location == "\(step)#f-aktiviteter")
            #expect(try database.report(id: draft.id!, as: me).answers["aktiviteter"].arrayItems?.count ?? 0 == rows)
        }
    }

    @Test("an info field shows the text the template works out: the job suggestions the participant was sent")
    func infoText() async throws {
        try await withServer(database: try Demo.database(now: Demo.noon("2025-11-06"))) { browser, database in
            let me = try Demo.actor("deltagare", in: database)
            let draft = try #require(try database.reports(.init(period: Period("2025-10"), statuses: [.draft]), as: me).first)
            try await browser.login("deltagare")
            // The suggestions the demo's officer sent are shown read-only (without any, the
            // field is hidden: templates/af-aktivitetsrapport_test.lua)
            let seeded = try database.jobSuggestions(person: draft.personId, as: me)
            try #require(!seeded.isEmpty)
            let before = try await browser.get("/rapporter/\(draft.id!)/steg/1")
            #expect(before.fieldIsShown("jobbforslag") == true)
            #expect(before.body.contains("<p>" + HTML.escape(seeded[0].title + ", " + seeded[0].employer)))
            #expect(!before.body.contains("Nacka Lager AB"))
            // When the officer sends one more, it is shown too, with its last day
            _ = try database.send(
                JobSuggestion(
                    personId: draft.personId, title: "Lagerarbetare", employer: "Nacka Lager AB",
                    lastApplicationDay: LocalDate("2025-11-20"), sentAt: Demo.noon("2025-11-06")),
                as: try Demo.actor("handlaggare-af", in: database))
            // (a save makes a new revision, so the verdict is not the one kept from before)
            let step = "/rapporter/\(draft.id!)/steg/1"
            try await browser.submit(try HTMLForm(try await browser.get(step), action: step), button: "spara")
            let page = try await browser.get(step)
            #expect(page.fieldIsShown("jobbforslag") == true)
            #expect(page.body.contains("<p>Lagerarbetare, Nacka Lager AB – sök senast 20 november 2025</p>"))
        }
    }

    @Test("a second report for a month that has one is refused with a link to it; the copy and the period are offered")
    func existingReport() async throws {
        try await withServer(database: try Demo.database(now: Demo.noon("2025-11-06"))) { browser, database in
            let me = try Demo.actor("kontaktperson", in: database)
            let october = try #require(try database.reports(.init(period: Period("2025-10"), templateId: "lss-kontaktperson"), as: me)
                .first { $0.status != .withdrawn })
            try await browser.login("kontaktperson")
            let page = try await browser.get("/rapporter/ny?insats=\(october.enrolmentId!)")
            var form = try HTMLForm(page, action: "/rapporter/ny")
            // October is the month whose window is open on 6 November
            #expect(form["period"] == "2025-10")
            #expect(page.body.contains("<label for=\"kopiera\">Kopiera från förra månaden</label>"))
            let before = try database.reports(.init(), as: me).count
            let refused = try await browser.submit(form)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorSummary == ["Det finns redan en rapport för oktober 2025. Öppna den i stället."])
            #expect(refused.errorSummaryLinks == ["/rapporter/\(october.id!)"])
            #expect(try database.reports(.init(), as: me).count == before)
            // November with a copy of October starts from October's answers, without its month
            form.set("period", "2025-11")
            form.tick("kopiera")
            let created = try await browser.submit(form)
            let id = try #require(created.location.flatMap { Int64($0.split(separator: "/")[1]) })
            let draft = try database.report(id: id, as: me)
            #expect(draft.period == Period("2025-11"))
            #expect(draft.answers["klient_fornamn"] == october.answers["klient_fornamn"])
            #expect(draft.answers["manad"] == 11)
        }
    }

    @Test("an officer registers a paper report for a participant in their office, on a template that allows it")
    func paperReport() async throws {
        try await withServer(database: try Demo.database(now: Demo.noon("2025-11-06"))) { browser, database in
            let officer = try Demo.actor("handlaggare-af-soder", in: database)
            let visible = try database.activeEnrolments(on: LocalDate("2025-11-06")!, as: officer)
            // A participant who reports on paper (no login of their own)
            let paper = try #require(visible.first { $0.reporterId == nil })
            try await browser.login("handlaggare-af-soder")
            let list = try await browser.get("/rapporter/ny")
            #expect(list.body.contains("registrera en pappersblankett"))
            #expect(list.links.contains("/rapporter/ny?insats=\(paper.id!)"))
            let page = try await browser.get("/rapporter/ny?insats=\(paper.id!)")
            var form = try HTMLForm(page, action: "/rapporter/ny")
            #expect(form["mall"] == "af-aktivitetsrapport")
            // (October, the month open now, has its paper report already: this one is for November.)
            form.set("period", "2025-11")
            // The officer's role offers no LSS report (not theirs, and it does not allow paper)
            #expect(!page.body.contains("value=\"lss-kontaktperson\""))
            let created = try await browser.submit(form)
            let id = try #require(created.location.flatMap { Int64($0.split(separator: "/")[1]) })
            let draft = try database.report(id: id, as: officer)
            #expect(draft.authorId == officer.userId && draft.personId == paper.personId && draft.templateId == "af-aktivitetsrapport")
            #expect(try await browser.get("/rapporter/\(id)/steg/2").body.contains("Datum då pappersblanketten kom in"))
            // A participant outside the officer's office is refused with the SUS message
            let all = try database.activeEnrolments(on: LocalDate("2025-11-06")!, as: .system(via: "test"))
            let other = try #require(all.first { enrolment in !visible.contains { $0.id == enrolment.id } })
            let refused = try await browser.get("/rapporter/ny?insats=\(other.id!)")
            #expect(refused.status == .forbidden)
            #expect(refused.body.contains(HTML.escape(RedovisaError.noAssignmentMessage)))
        }
    }

    @Test("provider staff start an event report (a deviation) with its date; a date that is not one is refused")
    func eventReport() async throws {
        try await withServer(database: try Demo.database(now: Demo.noon("2025-11-06"))) { browser, database in
            let staff = try Demo.actor("anordnare", in: database)
            try await browser.login("anordnare")
            let list = try await browser.get("/rapporter/ny")
            let link = try #require(list.links.first { $0.hasPrefix("/rapporter/ny?insats=") })
            let all = try await browser.get(link + "&alla=1")
            #expect(all.body.contains("value=\"rom-avvikelserapport\""))
            // Only the providers' templates: no reporter's or officer's
            #expect(!all.body.contains("value=\"lss-kontaktperson\"") && !all.body.contains("value=\"sus-aktiv-insats\""))
            var form = try HTMLForm(all, action: "/rapporter/ny")
            form.set("mall", "rom-avvikelserapport")
            form.set("datum", "5 november")
            let refused = try await browser.submit(form)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorSummary == ["Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-10-03."])
            #expect(refused.errorSummaryLinks == ["#datum"])
            form = try HTMLForm(refused, action: "/rapporter/ny")
            form.set("datum", "2025-11-05")
            let created = try await browser.submit(form)
            let id = try #require(created.location.flatMap { Int64($0.split(separator: "/")[1]) })
            let draft = try database.report(id: id, as: staff)
            #expect(draft.templateId == "rom-avvikelserapport" && draft.eventDate == LocalDate("2025-11-05") && draft.period == nil)
            #expect(try await browser.get("/rapporter/\(id)/steg/1").status == .ok)
        }
    }

    @Test("the new forms refuse a post without the CSRF token and change nothing")
    func csrf() async throws {
        let database = try Demo.database(now: ReportFormTests.now)
        let draft = try ReportFormTests.novemberDraft(database)
        try await withServer(database: database) { browser, database in
            let me = try Demo.actor("kontaktperson", in: database)
            try await browser.login("kontaktperson")
            let count = try database.reports(.init(), as: me).count
            let id = draft.id!
            let forged: [(String, [(String, String)])] = [
                ("/rapporter/ny", [("insats", String(draft.enrolmentId!)), ("mall", "lss-kontaktperson"), ("period", "2025-10")]),
                ("/rapporter/\(id)/steg/1", [("revision", String(draft.revision)), ("klient_fornamn", "Mallory"), ("atgard", "spara")]),
                ("/rapporter/\(id)/steg/1", [("revision", String(draft.revision)), ("atgard", "lagg-till:aktiviteter")]),
                ("/rapporter/\(id)/skicka-in", [("revision", String(draft.revision))]),
            ]
            for (uri, fields) in forged {
                for token in [nil, "fel-token"] as [String?] {
                    let answer = try await browser.post(uri, form: fields + (token.map { [("csrf", $0)] } ?? []), withToken: false)
                    #expect(answer.status == .forbidden, "\(uri)")
                    #expect(answer.body.contains(HTML.escape(CSRFRefusal.message)), "\(uri)")
                }
            }
            #expect(try database.report(id: id, as: me) == draft)
            #expect(try database.reports(.init(), as: me).count == count)
        }
    }
}
