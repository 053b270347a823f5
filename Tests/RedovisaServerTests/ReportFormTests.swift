import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

/// The LSS report filled in through its pages, as a contact person without JavaScript would.
/// "Now" is 3 December 2025: the window for November (1–10 December) is open, and the demo has
/// no November reports yet.
@Suite("Report forms from templates")
struct ReportFormTests {
    static let now = Demo.noon("2025-12-03")

    /// A new LSS draft for November by the demo contact person, about their first client.
    static func novemberDraft(_ database: AppDatabase) throws -> Report {
        let me = try Demo.actor("kontaktperson", in: database)
        let enrolment = try #require(
            try database.activeEnrolments(on: LocalDate("2025-12-03")!, as: me).first { $0.reporterId == me.userId })
        return try Reporting(database: database).startDraft(
            .init(template: "lss-kontaktperson", period: Period("2025-11"), personId: enrolment.personId, enrolmentId: enrolment.id),
            as: me)
    }

    @Test("a contact person starts the LSS report from Mina sidor, fills both steps, previews, submits and gets the receipt")
    func completeReport() async throws {
        try await withServer(database: try Demo.database(now: Self.now)) { browser, database in
            let me = try Demo.actor("kontaktperson", in: database)
            try await browser.login("kontaktperson")
            // Given Mina sidor, with "Ny rapport" leading to the people the contact person reports for
            #expect(try await browser.get("/mina-sidor").links.contains("/rapporter/ny"))
            let clients = try database.activeEnrolments(on: LocalDate("2025-12-03")!, as: me).filter { $0.reporterId == me.userId }
            try #require(clients.count == 3)
            let choose = try await browser.get("/rapporter/ny")
            for client in clients { #expect(choose.links.contains("/rapporter/ny?insats=\(client.id!)")) }
            // When they choose the first: the LSS report and November (whose window is open) are chosen
            var form = try HTMLForm(try await browser.get("/rapporter/ny?insats=\(clients[0].id!)"), action: "/rapporter/ny")
            #expect(form["mall"] == "lss-kontaktperson")
            #expect(form["period"] == "2025-11")
            let created = try await browser.submit(form)
            let location = try #require(created.location)
            let id = try #require(Int64(location.split(separator: "/")[1]))
            #expect(location == "/rapporter/\(id)/steg/1")

            // Step 1: the indicator, the year and month filled in, the reason hidden
            var page = try await browser.get(location)
            #expect(page.status == .ok)
            #expect(page.matches(#"<li[^>]*><span class="step-number">([0-9])</span> ([^<]*)"#).count == 4)
            #expect(page.body.contains("<li class=\"current\" aria-current=\"step\"><span class=\"step-number\">1</span> Rapportering</li>"))
            for (number, title) in [(2, "Information om dig"), (3, "Förhandsgranska"), (4, "Skicka in")] {
                #expect(page.body.contains("<li><span class=\"step-number\">\(number)</span> \(title)</li>"))
            }
            form = try HTMLForm(page, action: "/rapporter/\(id)/steg/1")
            #expect(form["ar"] == "2025" && form["manad"] == "11")
            #expect(page.fieldIsShown("anledning") == false)
            form.set("klient_fornamn", "Anna")
            form.set("klient_efternamn", "Åberg")
            form.set("alla_tillfallen", "ja_alla")
            form.set("aktiviteter", "Bio och fika.\r\nPromenad i Nackareservatet.")
            var answer = try await browser.submit(form, button: "nasta")
            #expect(answer.location == "/rapporter/\(id)/steg/2")

            // Step 2: contact details, notification by e-mail, the confirmation
            page = try await browser.get("/rapporter/\(id)/steg/2")
            #expect(page.body.contains("<li class=\"current\" aria-current=\"step\"><span class=\"step-number\">2</span> Information om dig</li>"))
            form = try HTMLForm(page, action: "/rapporter/\(id)/steg/2")
            form.set("personnummer", "19811218-9876")
            form.set("fornamn", "Kalle")
            form.set("efternamn", "Kontakt")
            form.set("epost", "kalle@example.se")
            form.set("mobil", "070-123 45 67")
            form.untick("notifiering")
            form.tick("notifiering", "epost")
            form.tick("bekraftelse")
            answer = try await browser.submit(form, button: "nasta")
            #expect(answer.location == "/rapporter/\(id)/forhandsgranska")

            // The preview: every answer with its label and "Ändra"
            page = try await browser.get("/rapporter/\(id)/forhandsgranska")
            #expect(page.status == .ok)
            #expect(page.errorSummary.isEmpty)
            #expect(page.body.contains("<th scope=\"row\">Jag har utfört alla tillfällen enligt överenskommelsen</th><td>Ja, alla</td>"))
            #expect(page.body.contains("<td>Bio och fika.<br>Promenad i Nackareservatet.</td>"))
            #expect(page.body.contains("<td>Jag vill bli notifierad via e-post</td>"))

            // Submit: the receipt
            answer = try await browser.submit(try HTMLForm(page, action: "/rapporter/\(id)/skicka-in"))
            #expect(answer.location == "/rapporter/\(id)/kvitto")
            page = try await browser.get("/rapporter/\(id)/kvitto")
            let report = try database.report(id: id, as: me)
            let caseNumber = try #require(report.caseNumber)
            #expect(report.status == .submitted)
            #expect(page.body.contains("<h1>Ditt ärende är nu inskickat</h1>"))
            #expect(page.body.contains("<td class=\"case-number\">\(caseNumber)</td>"))
            #expect(page.body.contains("<p>Ärendenummer: \(caseNumber)</p>"))
            #expect(page.body.contains("<tr><th scope=\"row\">Inskickat av</th><td>\(HTML.escape(me.user!.displayName))</td></tr>"))
            #expect(page.body.contains("<tr><th scope=\"row\">Tidpunkt</th><td>2025-12-03 12:00</td></tr>"))
            #expect(page.body.contains("<a href=\"/rapporter/ny?mall=lss-kontaktperson\">Rapportera för en till person</a>"))
            #expect(page.body.contains("<li class=\"current\" aria-current=\"step\"><span class=\"step-number\">4</span> Skicka in</li>"))
            // And the answers are stored typed, as the template cleaned them
            #expect(report.answers == .object([
                "klient_fornamn": "Anna", "klient_efternamn": "Åberg", "ar": 2025, "manad": 11, "alla_tillfallen": "ja_alla",
                "aktiviteter": "Bio och fika.\nPromenad i Nackareservatet.", "personnummer": "198112189876", "fornamn": "Kalle",
                "efternamn": "Kontakt", "epost": "kalle@example.se", "mobil": "0701234567", "notifiering": ["epost"],
                "bekraftelse": true,
            ]))
        }
    }

    @Test("choosing 'Nej, men något eller några av dem' and saving shows the reason, which is then required")
    func conditionalFieldAfterSave() async throws {
        let database = try Demo.database(now: Self.now)
        let draft = try Self.novemberDraft(database)
        try await withServer(database: database) { browser, database in
            try await browser.login("kontaktperson")
            let step = "/rapporter/\(draft.id!)/steg/1"
            var page = try await browser.get(step)
            #expect(page.fieldIsShown("anledning") == false)
            #expect(page.fieldIsShown("aktiviteter") == true)
            // When the contact person chooses "Nej, men något eller några av dem" and saves
            var form = try HTMLForm(page, action: step)
            form.set("alla_tillfallen", "nej_nagra")
            let saved = try await browser.submit(form, button: "spara")
            #expect(saved.location == step)
            page = try await browser.get(step)
            // Then the page comes back with the reason shown, and says it was saved
            #expect(page.body.contains("<div class=\"notice\" role=\"status\">Utkastet är sparat.</div>"))
            #expect(page.fieldIsShown("anledning") == true)
            #expect(page.body.contains("<label for=\"f-anledning\">Vad är anledningen till att du inte har utfört alla tillfällen enligt överenskommelsen?</label>"))
            #expect(page.errorSummary.isEmpty)
            // When they go on without a reason: the step again, with the error summary linking to it
            form = try HTMLForm(page, action: step)
            form.set("aktiviteter", "Fika.")
            page = try await browser.submit(form, button: "nasta")
            #expect(page.status == .unprocessableContent)
            let message = "Fyll i: Vad är anledningen till att du inte har utfört alla tillfällen enligt överenskommelsen?"
            #expect(page.errorSummary.contains(message))
            #expect(page.errorSummaryLinks.contains("#f-anledning"))
            #expect(page.body.contains("<p class=\"field-error\" id=\"f-anledning-fel\"><span class=\"visually-hidden\">Fel:</span> \(HTML.escape(message))</p>"))
            #expect(page.body.contains("<textarea id=\"f-anledning\" name=\"anledning\" aria-describedby=\"f-anledning-fel\" aria-invalid=\"true\""))
            // And what they typed was saved
            let stored = try database.report(id: draft.id!, as: try Demo.actor("kontaktperson", in: database))
            #expect(stored.answers["aktiviteter"] == "Fika." && stored.answers["alla_tillfallen"] == "nej_nagra")
            // When they choose "Nej" and save, the activities are hidden instead
            form = try HTMLForm(page, action: step)
            form.set("alla_tillfallen", "nej")
            try await browser.submit(form, button: "spara")
            page = try await browser.get(step)
            #expect(page.fieldIsShown("aktiviteter") == false)
            #expect(page.fieldIsShown("anledning") == true)
        }
    }

    @Test("a submission the template refuses shows the preview with every problem linked to its step; nothing is stored")
    func refusal() async throws {
        let database = try Demo.database(now: Self.now)
        let draft = try Self.novemberDraft(database)
        try await withServer(database: database) { browser, database in
            let me = try Demo.actor("kontaktperson", in: database)
            try await browser.login("kontaktperson")
            // Given a draft with step 1 answered and step 2 left as it started
            var form = try HTMLForm(try await browser.get("/rapporter/\(draft.id!)/steg/1"), action: "/rapporter/\(draft.id!)/steg/1")
            form.set("klient_fornamn", "Anna")
            form.set("klient_efternamn", "Åberg")
            form.set("alla_tillfallen", "nej_nagra")
            form.set("aktiviteter", "Fika.")
            form.set("anledning", "Sjuk i två veckor.")
            try await browser.submit(form, button: "nasta")
            var form2 = try HTMLForm(try await browser.get("/rapporter/\(draft.id!)/steg/2"), action: "/rapporter/\(draft.id!)/steg/2")
            form2.set("personnummer", "198112189877")
            form2.untick("bekraftelse")
            try await browser.submit(form2, button: "spara")
            let before = try database.report(id: draft.id!, as: me)
            // When it is submitted
            let preview = try await browser.get("/rapporter/\(draft.id!)/forhandsgranska")
            let refused = try await browser.submit(try HTMLForm(preview, action: "/rapporter/\(draft.id!)/skicka-in"))
            // Then the preview comes back with every problem, each linked to its field on its step
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("<h2 id=\"fel-rubrik\">Rapporten kan inte skickas in ännu</h2>"))
            let problems = try Reporting(database: database).checked(id: draft.id!, as: me).check.errors
            #expect(refused.errorSummary == problems.map(\.message))
            #expect(refused.errorSummary.contains("Kontrollsiffran stämmer inte. Kontrollera personnumret."))
            #expect(refused.errorSummaryLinks.contains("/rapporter/\(draft.id!)/steg/2?visa=fel#f-personnummer"))
            #expect(refused.errorSummaryLinks.contains("/rapporter/\(draft.id!)/steg/2?visa=fel#f-bekraftelse"))
            // And nothing was stored
            #expect(try database.report(id: draft.id!, as: me) == before)
            // Following a link shows the step with that field's error
            let step = try await browser.get("/rapporter/\(draft.id!)/steg/2?visa=fel")
            #expect(step.body.contains("id=\"f-personnummer-fel\""))
            #expect(step.errorSummaryLinks.contains("#f-personnummer"))
        }
    }

    @Test("every row of the preview has an 'Ändra' link to the field on its step")
    func previewLinks() async throws {
        let database = try Demo.database(now: Self.now)
        let draft = try Self.novemberDraft(database)
        let me = try Demo.actor("kontaktperson", in: database)
        var answers = draft.answers.objectValue ?? [:]
        answers["klient_fornamn"] = "Anna"
        answers["alla_tillfallen"] = "nej_nagra"
        answers["anledning"] = "Sjuk."
        answers["epost"] = "kalle@example.se"
        _ = try Reporting(database: database).save(id: draft.id!, answers: .object(answers), expectedRevision: draft.revision, as: me)
        try await withServer(database: database) { browser, database in
            try await browser.login("kontaktperson")
            let preview = try await browser.get("/rapporter/\(draft.id!)/forhandsgranska")
            let rows = try Reporting(database: database).preview(id: draft.id!, as: me)
            let links = preview.matches(#"<a href="(/rapporter/[0-9]+/steg/[0-9]#f-[^"]*)">Ändra"#)
            #expect(links.count == rows.count)
            #expect(links.contains("/rapporter/\(draft.id!)/steg/1#f-anledning"))
            #expect(links.contains("/rapporter/\(draft.id!)/steg/2#f-epost"))
            for row in rows { #expect(links.contains("/rapporter/\(draft.id!)/steg/\(row.step)#\(FieldPath.elementId(row.field))")) }
            // Each link leads to a page with that element
            for link in Set(links) {
                let parts = link.split(separator: "#")
                let page = try await browser.get(String(parts[0]))
                #expect(page.body.contains("id=\"\(parts[1])\""), "\(link)")
            }
        }
    }

    @Test("a returned report shows the officer's comment, can be completed and is resubmitted with the same case number")
    func returnedReport() async throws {
        try await withServer(database: try Demo.database(now: Demo.noon("2025-11-06"))) { browser, database in
            let me = try Demo.actor("kontaktperson", in: database)
            let returned = try #require(try database.reports(.init(period: Period("2025-10"), statuses: [.returned]), as: me).first)
            let comment = try #require(try database.history(report: returned.id!, as: me).last { $0.status == .returned }?.comment)
            try await browser.login("kontaktperson")
            // The report page and the form show the comment, with the way to complete it
            let reportPage = try await browser.get("/rapporter/\(returned.id!)")
            #expect(reportPage.body.contains("<a class=\"button\" href=\"/rapporter/\(returned.id!)/steg/1\">Komplettera rapporten</a>"))
            let id = returned.id!
            var page = try await browser.get("/rapporter/\(id)/steg/1")
            #expect(page.body.contains("<h2>Handläggarens kommentar</h2><p>\(HTML.escape(comment))</p>"))
            // When the contact person completes both steps and sends it again
            var form = try HTMLForm(page, action: "/rapporter/\(id)/steg/1")
            form.set("klient_fornamn", "Anna")
            form.set("klient_efternamn", "Åberg")
            form.set("alla_tillfallen", "ja_alla")
            form.set("aktiviteter", "Bio, fika och en promenad.")
            #expect(try await browser.submit(form, button: "nasta").location == "/rapporter/\(id)/steg/2")
            form = try HTMLForm(try await browser.get("/rapporter/\(id)/steg/2"), action: "/rapporter/\(id)/steg/2")
            form.set("personnummer", "198112189876")
            form.set("fornamn", "Kalle")
            form.set("efternamn", "Kontakt")
            form.untick("notifiering")
            form.tick("bekraftelse")
            #expect(try await browser.submit(form, button: "nasta").location == "/rapporter/\(id)/forhandsgranska")
            page = try await browser.get("/rapporter/\(id)/forhandsgranska")
            #expect(page.body.contains("<button type=\"submit\">Skicka in igen</button>"))
            let sent = try await browser.submit(try HTMLForm(page, action: "/rapporter/\(id)/skicka-in"))
            #expect(sent.location == "/rapporter/\(id)/kvitto")
            // Then it is resubmitted with its case number
            let after = try database.report(id: id, as: me)
            #expect(after.status == .resubmitted)
            #expect(after.caseNumber == returned.caseNumber)
            #expect(try await browser.get("/rapporter/\(id)/kvitto").body.contains(returned.caseNumber!))
            // And its form is closed: the step page leads to the report
            #expect(try await browser.get("/rapporter/\(id)/steg/1").location == "/rapporter/\(id)")
        }
    }

    @Test("a value that is not a number is kept and the template's message is shown beside it")
    func unconvertibleValue() async throws {
        let database = try Demo.database(now: Self.now)
        let draft = try Self.novemberDraft(database)
        try await withServer(database: database) { browser, database in
            try await browser.login("kontaktperson")
            let step = "/rapporter/\(draft.id!)/steg/1"
            var form = try HTMLForm(try await browser.get(step), action: step)
            form.set("ar", "tjugo")
            try await browser.submit(form, button: "spara")
            let page = try await browser.get(step)
            #expect(try HTMLForm(page, action: step)["ar"] == "tjugo")
            #expect(page.body.contains("<span class=\"visually-hidden\">Fel:</span> Ange ett heltal.</p>"))
            #expect(page.errorSummaryLinks == ["#f-ar"])
            // An empty required field is not an error before the person asks to go on
            #expect(!page.errorSummary.contains { $0.hasPrefix("Fyll i:") })
            let stored = try database.report(id: draft.id!, as: try Demo.actor("kontaktperson", in: database))
            #expect(stored.answers["ar"] == "tjugo")
        }
    }

    @Test("the script's visibility call answers which fields the form's answers show, and saves nothing")
    func visibilityCall() async throws {
        let database = try Demo.database(now: Self.now)
        let draft = try Self.novemberDraft(database)
        try await withServer(database: database) { browser, database in
            try await browser.login("kontaktperson")
            let step = "/rapporter/\(draft.id!)/steg/1"
            var form = try HTMLForm(try await browser.get(step), action: step)
            form.set("alla_tillfallen", "nej")
            let answer = try await browser.post("\(step)/synlighet", form: form.submission(), withToken: false)
            #expect(answer.status == .ok)
            let visible = try #require(try answer.json()["visible"] as? [String])
            #expect(visible.contains("anledning") && !visible.contains("aktiviteter"))
            #expect(try answer.json()["steps"] as? [Int] == [1, 2])
            #expect(try database.report(id: draft.id!, as: try Demo.actor("kontaktperson", in: database)).revision == draft.revision)
            // Without the token it is refused like every change
            #expect(try await browser.post("\(step)/synlighet", form: [("alla_tillfallen", "nej")], withToken: false).status == .forbidden)
        }
    }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral
{
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
}
