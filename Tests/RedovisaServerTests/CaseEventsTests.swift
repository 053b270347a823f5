import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("Deadline events on the web: Bemanning, actualisation, plan adjustment, incidents")
struct CaseEventsTests {
    /// The demo's "today".
    static let now = Demo.noon("2025-11-06")

    /// A new Rusta och matcha case of Nacka at Nästa Steg Nacka AB (whose staff is `anordnare`),
    /// starting on 2025-11-10, neither actualised nor with a plan.
    static func enrolment(in database: AppDatabase, serial: Int = 456) throws -> Int64 {
        let system = Actor.system(via: "test")
        let nacka = try #require(try database.organisation(code: "nacka"))
        let provider = try #require(try database.organisation(code: "lev-nastasteg"))
        let programme = try #require(try database.programme(code: "rom"))
        let person = try database.add(
            Person(
                personnummer: Personnummer.make(birthDate: LocalDate("1990-02-03")!, serial: serial), firstName: "Bemanna",
                lastName: "Testsson", municipality: "Nacka"),
            as: system)
        let enrolment = try database.add(
            Enrolment(
                personId: person.id!, programmeId: programme.id!, responsibleOrganisationId: nacka.id!, providerId: provider.id!,
                start: LocalDate("2025-11-10")!),
            as: system)
        return enrolment.id!
    }

    @Test("the officer actualises a case and the provider staffs it under Bemanning; a day before the actualisation is refused at its field; the roles are kept apart")
    func actualiseAndStaff() async throws {
        try await withServer(database: try Demo.database(now: Self.now)) { browser, database in
            let id = try Self.enrolment(in: database)
            // Given the officer of Nacka on the case's events
            try await browser.login("handlaggare-nacka")
            let page = try await browser.get("/insatser/\(id)/handelser")
            #expect(page.body.contains("<label for=\"aktualiserad\">Aktualiserad den</label>"))
            #expect(page.body.contains("<p>Deltagare: Bemanna Testsson</p>"))
            // When they actualise it, then the page says so
            let actualised = try await browser.post("/insatser/\(id)/aktualisera", form: [("datum", "2025-11-06")])
            #expect(actualised.status == .seeOther && actualised.location == "/insatser/\(id)/handelser")
            #expect(try await browser.get("/insatser/\(id)/handelser").body.contains("Aktualiseringen 2025-11-06 är registrerad."))
            // An officer may not staff it
            #expect(try await browser.get("/bemanning").status == .forbidden)
            let notStaff = try await browser.post("/bemanning/\(id)", form: [("datum", "2025-11-06")])
            #expect(notStaff.status == .forbidden && notStaff.body.contains("Sidan är till för anordnare."))

            // Given the provider: Mina sidor leads to Bemanning, where the case waits
            try await browser.login("anordnare")
            #expect(try await browser.get("/mina-sidor").body.contains("<a href=\"/bemanning\">Bemanning</a>"))
            let waiting = try await browser.get("/bemanning")
            #expect(waiting.body.contains("<label for=\"datum-\(id)\">Bemannad den</label>"))
            #expect(waiting.body.contains("<tr><td>Bemanna Testsson</td><td>rom</td><td>2025-11-06</td><td>2025-11-10</td>"))
            // A day before the actualisation is refused at its field, and nothing is kept
            let early = try await browser.post("/bemanning/\(id)", form: [("datum", "2025-11-05")])
            #expect(early.status == .unprocessableContent)
            #expect(early.body.contains("<a href=\"#datum-\(id)\">Bemanningen ligger före aktualiseringen (2025-11-06).</a>"))
            #expect(early.body.contains("<p class=\"field-error\" id=\"datum-\(id)-fel\">"))
            #expect(early.body.contains("value=\"2025-11-05\" aria-describedby=\"datum-\(id)-hjalp datum-\(id)-fel\" aria-invalid=\"true\""))
            let mistyped = try await browser.post("/bemanning/\(id)", form: [("datum", "6/11")])
            #expect(mistyped.body.contains("<a href=\"#datum-\(id)\">Skriv datumet som ÅÅÅÅ-MM-DD"))
            // When it is staffed the next day, then the case leaves the list
            let staffed = try await browser.post("/bemanning/\(id)", form: [("datum", "2025-11-07")])
            #expect(staffed.status == .seeOther && staffed.location == "/bemanning")
            let after = try await browser.get("/bemanning")
            #expect(after.body.contains("Bemanningen 2025-11-07 är registrerad."))
            #expect(!after.body.contains("action=\"/bemanning/\(id)\""))
            // The provider may not actualise, nor open the officer's page
            let notOfficer = try await browser.post("/insatser/\(id)/aktualisera", form: [("datum", "2025-11-06")])
            #expect(notOfficer.status == .forbidden && notOfficer.body.contains("Sidan är till för handläggare."))
            #expect(try await browser.get("/insatser/\(id)/handelser").status == .forbidden)

            // An actualisation after the staffing is refused at its field
            try await browser.login("handlaggare-nacka")
            try await browser.get("/insatser/\(id)/handelser")
            let late = try await browser.post("/insatser/\(id)/aktualisera", form: [("datum", "2025-11-10")])
            #expect(late.status == .unprocessableContent)
            #expect(late.body.contains("<a href=\"#aktualiserad\">Ärendet är redan bemannat före 2025-11-10.</a>"))
        }
    }

    @Test("the officer's page shows where the case stands and its absences; telling an absence is recorded, a day before it is refused at its field, an absence of another case is not found")
    func caseStateAndAbsences() async throws {
        try await withServer(database: try Demo.database(now: Self.now)) { browser, database in
            // Given a new case with an invalid absence on 2025-11-03 and sick days 4–5 November, another case with an absence
            let id = try Self.enrolment(in: database)
            let system = Actor.system(via: "test")
            let invalid = try database.add(Absence(
                enrolmentId: id, from: LocalDate("2025-11-03")!, to: LocalDate("2025-11-03")!, cause: .invalid,
                contactAttempts: [LocalDate("2025-11-03")!]), as: system)
            _ = try database.add(Absence(enrolmentId: id, from: LocalDate("2025-11-04")!, to: LocalDate("2025-11-05")!, cause: .sick), as: system)
            let other = try Self.enrolment(in: database, serial: 457)
            let elsewhere = try database.add(Absence(enrolmentId: other, from: LocalDate("2025-11-03")!, to: LocalDate("2025-11-03")!, cause: .leave), as: system)
            try await browser.login("handlaggare-nacka")
            // When the officer opens the case's events
            let page = try await browser.get("/insatser/\(id)/handelser")
            // Then it is neither actualised nor staffed, and both absences wait to be told
            #expect(page.body.contains("<tr><th scope=\"row\">Aktualisering</th><td>Inte aktualiserad</td></tr>"))
            #expect(page.body.contains("<tr><th scope=\"row\">Bemanning</th><td>–</td></tr>"))
            #expect(page.body.contains("<tr><th scope=\"row\">Beslut om justering av plan</th><td>Inga</td></tr>"))
            #expect(page.body.contains("<tr><td>2025-11-03</td><td>Ogiltig frånvaro</td><td><form method=\"post\" action=\"/insatser/\(id)/franvaro/\(invalid.id!)/anmald\">"))
            #expect(page.body.contains("<tr><td>2025-11-04 – 2025-11-05</td><td>Sjuk</td>"))
            #expect(page.body.contains("<label for=\"franvaro-\(invalid.id!)\">Anmäld till handläggaren den</label>"))

            // A day before the absence is refused at its field, and nothing is kept
            let early = try await browser.post("/insatser/\(id)/franvaro/\(invalid.id!)/anmald", form: [("datum", "2025-11-02")])
            #expect(early.status == .unprocessableContent)
            #expect(early.body.contains("<a href=\"#franvaro-\(invalid.id!)\">Anmälan ligger före frånvaron (2025-11-03).</a>"))
            #expect(early.body.contains("value=\"2025-11-02\" aria-describedby=\"franvaro-\(invalid.id!)-hjalp franvaro-\(invalid.id!)-fel\" aria-invalid=\"true\""))
            #expect(try database.caseEvents(enrolment: id, as: system).absences.first?.reportedOn == nil)
            // An absence of another case is not found through this one
            let wrong = try await browser.post("/insatser/\(id)/franvaro/\(elsewhere.id!)/anmald", form: [("datum", "2025-11-04")])
            #expect(wrong.status == .notFound)
            #expect(try database.caseEvents(enrolment: other, as: system).absences.first?.reportedOn == nil)

            // When the officer records that it was told on the 4th, and actualises the case
            let told = try await browser.post("/insatser/\(id)/franvaro/\(invalid.id!)/anmald", form: [("datum", "2025-11-04")])
            #expect(told.status == .seeOther && told.location == "/insatser/\(id)/handelser")
            try await browser.post("/insatser/\(id)/aktualisera", form: [("datum", "2025-11-06")])
            // Then the page shows the day it was told and the actualisation, waiting for staffing
            let after = try await browser.get("/insatser/\(id)/handelser")
            #expect(after.body.contains("<tr><td>2025-11-03</td><td>Ogiltig frånvaro</td><td>Anmäld 2025-11-04</td></tr>"))
            #expect(after.body.contains("<td>Aktualiserad 2025-11-06</td>") && after.body.contains("<td>Väntar på bemanning</td>"))
            let officer = try Demo.actor("handlaggare-nacka", in: database)
            let audit = try database.auditLog(limit: 50, as: system)
            #expect(audit.contains { $0.action == "update" && $0.entity == "absence" && $0.entityIds == [invalid.id!] && $0.actorId == officer.userId })
            #expect(audit.contains { $0.action == "read" && $0.entity == "enrolment" && $0.detail == "händelser" && $0.actorId == officer.userId })

            // The provider may not open the page nor post to it
            try await browser.login("anordnare")
            try await browser.get("/mina-sidor")
            #expect(try await browser.get("/insatser/\(id)/handelser").status == .forbidden)
            let notOfficer = try await browser.post("/insatser/\(id)/franvaro/\(invalid.id!)/anmald", form: [("datum", "2025-11-04")])
            #expect(notOfficer.status == .forbidden)
        }
    }

    @Test("the officer records a decision to adjust a plan from Försenat; a case without the plan is refused; the provider may not")
    func planAdjustment() async throws {
        try await withServer(database: try Demo.database(now: Self.now)) { browser, database in
            // Given a case of Nacka with an implementation plan, and one without a plan
            let officer = try Demo.actor("handlaggare-nacka", in: database)
            let nacka = try #require(try database.organisation(code: "nacka"))
            let day = LocalDate("2025-11-06")!
            let cases = try database.deadlineEnrolments(organisation: nacka.id!, activeFrom: day, activeTo: day, asOf: day, as: officer)
            let planned = try #require(cases.first { row in row.plans.contains { $0.kind == .implementationPlan } }?.enrolment.id)
            let bare = try Self.enrolment(in: database)
            try await browser.login("handlaggare-nacka")
            #expect(try await browser.get("/arbetsko/forsenat").body.contains("/handelser\">Registrera<span class=\"visually-hidden\"> händelse: "))
            // When the officer decides on a case without a plan, then it is refused at the plan
            let refused = try await browser.post("/insatser/\(bare)/justera-plan", form: [("plan", "genomforandeplan"), ("datum", "2025-11-06")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.body.contains("<a href=\"#plan\">Insatsen har ingen plan att justera.</a>"))
            #expect(refused.body.contains("<option value=\"genomforandeplan\" selected>Genomförandeplan</option>"))
            // When on the case with the plan, then it is recorded
            let decided = try await browser.post("/insatser/\(planned)/justera-plan", form: [("plan", "genomforandeplan"), ("datum", "2025-11-06")])
            #expect(decided.status == .seeOther)
            #expect(try await browser.get("/insatser/\(planned)/handelser").body.contains(
                "Beslutet 2025-11-06 att justera genomförandeplan är registrerat. Anordnaren ska revidera planen inom 5 arbetsdagar."))
            let after = try database.deadlineEnrolments(organisation: nacka.id!, activeFrom: day, activeTo: day, asOf: day, as: officer)
            #expect(after.first { $0.enrolment.id == planned }?.adjustments.contains { $0.decidedOn == day && $0.kind == .implementationPlan } == true)
            // The provider may not decide
            try await browser.login("anordnare")
            try await browser.get("/mina-sidor")
            let notOfficer = try await browser.post("/insatser/\(planned)/justera-plan", form: [("plan", "genomforandeplan"), ("datum", "2025-11-06")])
            #expect(notOfficer.status == .forbidden && notOfficer.body.contains("Sidan är till för handläggare."))
        }
    }

    @Test("provider staff register a personal-data incident and its report; an empty description and a report before the discovery are refused at their fields; others are refused")
    func incidents() async throws {
        try await withServer(database: try Demo.database(now: Self.now)) { browser, database in
            let provider = try #require(try database.organisation(code: "lev-nastasteg"))
            let nacka = try #require(try database.organisation(code: "nacka"))
            try await browser.login("anordnare")
            let page = try await browser.get("/incidenter")
            #expect(page.body.contains("<label for=\"beskrivning\">Vad hände?</label>"))
            #expect(!page.body.contains("<option value=\"\(nacka.id!)\""))
            // An empty description is refused at its field
            let empty = try await browser.post("/incidenter", form: [
                ("organisation", String(provider.id!)), ("datum", "2025-11-05"), ("tid", "09:30"), ("beskrivning", " "),
            ])
            #expect(empty.status == .unprocessableContent)
            #expect(empty.body.contains("<a href=\"#beskrivning\">Beskrivningen ska ha 1–200 tecken.</a>"))
            #expect(empty.body.contains("value=\"09:30\""))
            let badTime = try await browser.post("/incidenter", form: [
                ("organisation", String(provider.id!)), ("datum", "2025-11-05"), ("tid", "25:00"), ("beskrivning", "Fel mottagare"),
            ])
            #expect(badTime.body.contains("<a href=\"#tid\">Skriv klockslaget som TT:MM"))
            // An organisation without their assignment is refused
            let elsewhere = try await browser.post("/incidenter", form: [
                ("organisation", String(nacka.id!)), ("datum", "2025-11-05"), ("tid", "09:30"), ("beskrivning", "Fel mottagare"),
            ])
            #expect(elsewhere.status == .forbidden && elsewhere.body.contains("Du saknar uppdrag i organisation"))
            // When registered, then it is listed with a form to record its report
            let registered = try await browser.post("/incidenter", form: [
                ("organisation", String(provider.id!)), ("datum", "2025-11-05"), ("tid", "09:30"),
                ("beskrivning", "Månadsrapport skickad till fel handläggare"),
            ])
            #expect(registered.status == .seeOther && registered.location == "/incidenter")
            let listed = try await browser.get("/incidenter")
            #expect(listed.body.contains("Incidenten är registrerad. Den ska anmälas inom 72 timmar från upptäckten."))
            #expect(listed.body.contains("<tr><td>2025-11-05 09:30</td><td>Nästa Steg Nacka AB</td><td>Månadsrapport skickad till fel handläggare</td>"))
            let staff = try Demo.actor("anordnare", in: database)
            let incident = try #require(
                try database.deadlineIncidents(organisation: provider.id!, asOf: LocalDate("2025-11-06")!, as: staff)
                    .first { $0.description == "Månadsrapport skickad till fel handläggare" })
            // A report before the discovery is refused at its field
            let early = try await browser.post("/incidenter/\(incident.id)/anmald", form: [("datum", "2025-11-04"), ("tid", "10:00")])
            #expect(early.status == .unprocessableContent)
            #expect(early.body.contains("<a href=\"#anmald-datum-\(incident.id)\">Anmälan ligger före upptäckten.</a>"))
            // Staff of another provider may not record it; a participant may not open the page
            try await browser.login("anordnare-framtid")
            #expect(!(try await browser.get("/incidenter").body.contains("Månadsrapport skickad till fel handläggare")))
            let foreign = try await browser.post("/incidenter/\(incident.id)/anmald", form: [("datum", "2025-11-06"), ("tid", "08:00")])
            #expect(foreign.status == .forbidden && foreign.body.contains("Du saknar uppdrag i organisation"))
            try await browser.login("deltagare")
            #expect(try await browser.get("/incidenter").status == .forbidden)
            // When reported, then the list says when
            try await browser.login("anordnare")
            try await browser.get("/incidenter")
            let reported = try await browser.post("/incidenter/\(incident.id)/anmald", form: [("datum", "2025-11-06"), ("tid", "08:00")])
            #expect(reported.status == .seeOther)
            let done = try await browser.get("/incidenter")
            #expect(done.body.contains("Anmälan 2025-11-06 08:00 är registrerad."))
            #expect(done.body.contains("<td>Anmäld 2025-11-06 08:00</td>"))
        }
    }
}
