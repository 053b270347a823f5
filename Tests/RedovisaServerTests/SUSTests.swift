import Foundation
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("SUS: Registrera medverkan")
struct SUSTests {
    /// The demo's "today".
    static let now = Demo.noon("2025-11-06")

    /// A new participant in the Af/FK cooperation at Arbetsförmedlingen Nacka-Värmdö (whose
    /// officer is `handlaggare-af`), with nothing registered in SUS.
    static func participant(in database: AppDatabase) throws -> Person {
        let system = Actor.system(via: "test")
        let af = try #require(try database.organisation(code: "af"))
        let office = try #require(try database.office(code: "nacka-varmdo", organisationId: af.id!))
        let programme = try #require(try database.programme(code: "sus"))
        let person = try database.add(
            Person(
                personnummer: Personnummer.make(birthDate: LocalDate("1988-04-12")!, serial: 321), firstName: "Samira",
                lastName: "Testsson", municipality: "Nacka", district: "Fisksätra"),
            as: system)
        _ = try database.add(
            Enrolment(
                personId: person.id!, programmeId: programme.id!, responsibleOrganisationId: af.id!, officeId: office.id,
                start: LocalDate("2025-09-01")!),
            as: system)
        return person
    }

    @Test("an officer finds the participant by personnummer, registers the joint mapping in order and the active intervention through the template, and corrects one by deleting it")
    func registerInOrder() async throws {
        try await withServer(database: try Demo.database(now: Self.now)) { browser, database in
            let person = try Self.participant(in: database)
            let id = person.id!
            try await browser.login("handlaggare-af")
            let search = try await browser.get("/sus")
            #expect(search.body.contains("<label for=\"personnummer\">Personnummer</label>"))
            // A mistyped personnummer is refused at the field
            let wrong = try await browser.post("/sus/sok", form: [("personnummer", "1988-04-12")])
            #expect(wrong.status == .unprocessableContent)
            #expect(wrong.body.contains("<a href=\"#personnummer\">Personnumret ska vara 12 siffror"))
            #expect(wrong.body.contains("aria-invalid=\"true\""))
            // The search goes to the participant's page (the personnummer is posted, never in the URL)
            let found = try await browser.post("/sus/sok", form: [("personnummer", person.personnummer.digits)])
            #expect(found.status == .seeOther && found.location == "/sus/deltagare/\(id)")
            let page = try await browser.get("/sus/deltagare/\(id)")
            #expect(page.body.contains("<td>Samira Testsson</td>") && page.body.contains("<td>Fisksätra</td>"))
            #expect(page.body.contains("Deltagaren har inga registreringar i SUS."))
            #expect(page.body.contains("<label for=\"steg\">Registrering</label>"))
            // Before the joint mapping, the start of an active intervention is refused by the template, and nothing is left
            let early = try await browser.post("/sus/deltagare/\(id)/registrera", form: [
                ("steg", "start_aktiv_insats"), ("overgang", "arbetsforberedande"), ("datum", "2025-11-03"),
            ])
            #expect(early.status == .unprocessableContent)
            #expect(early.body.contains("Det saknas registreringar före start av aktiv insats: begäran om gemensam kartläggning, start av gemensam kartläggning, avslut av gemensam kartläggning."))
            let officer = try Demo.actor("handlaggare-af", in: database)
            #expect(try database.reports(.init(templateId: "sus-aktiv-insats", personId: id), as: officer).allSatisfy { $0.status == .withdrawn })
            // Out of order: the start of the mapping before the request
            let outOfOrder = try await browser.post("/sus/deltagare/\(id)/registrera", form: [
                ("steg", "start_kartlaggning"), ("overgang", ""), ("datum", "2025-09-15"),
            ])
            #expect(outOfOrder.status == .unprocessableContent)
            #expect(outOfOrder.body.contains("<a href=\"#steg\">Registrera begäran om gemensam kartläggning först.</a>"))
            // In order
            let office = try #require(try database.office(code: "nacka-varmdo", organisationId: try database.organisation(code: "af")!.id!))
            for (step, transition, date) in [
                ("begaran_kartlaggning", "", "2025-09-01"), ("start_kartlaggning", "", "2025-09-15"),
                ("slut_kartlaggning", "arbetsforberedande", "2025-10-20"),
            ] {
                let done = try await browser.post("/sus/deltagare/\(id)/registrera", form: [
                    ("steg", step), ("overgang", transition), ("datum", date), ("kontor", String(office.id!)),
                ])
                #expect(done.status == .seeOther, "\(step): \(done.body.prefix(300))")
            }
            let active = try await browser.post("/sus/deltagare/\(id)/registrera", form: [
                ("steg", "start_aktiv_insats"), ("overgang", "arbetslivsinriktad"), ("datum", "2025-11-03"),
            ])
            #expect(active.status == .seeOther)
            let after = try await browser.get("/sus/deltagare/\(id)")
            #expect(after.body.contains("Starten av den aktiva insatsen är registrerad (ärende"))
            let overview = try Reporting(database: database).susOverview(person: id, as: officer)
            #expect(overview.register.map(\.step) == [.mappingRequested, .mappingStarted, .mappingEnded])
            #expect(overview.register.last?.transition == .workPreparatory)
            let start = try #require(overview.activeStarts.first)
            #expect(start.status == .submitted && start.answers["overgang_till"] == .string("arbetslivsinriktad"))
            #expect(start.answers["kontor"] == .string(office.name))
            #expect(after.body.contains("<td>Arbetslivsinriktad</td>"))
            // A wrong registration is deleted (with a reason), then registered anew
            let deleted = try await browser.post(
                "/sus/deltagare/\(id)/radera-insats/\(start.id!)", form: [("anledning", "Fel insats registrerad")])
            #expect(deleted.status == .seeOther)
            #expect(try database.report(id: start.id!, as: officer).status == .withdrawn)
            let again = try await browser.post("/sus/deltagare/\(id)/registrera", form: [
                ("steg", "start_aktiv_insats"), ("overgang", "arbetsforberedande"), ("datum", "2025-11-03"),
            ])
            #expect(again.status == .seeOther)
            let final = try Reporting(database: database).susOverview(person: id, as: officer).activeStarts
            #expect(final.map { $0.answers["overgang_till"] } == [.string("arbetsforberedande")])
            // A row of the register is deleted the same way
            let request = try #require(overview.register.first)
            #expect(try await browser.post("/sus/deltagare/\(id)/radera/\(request.id)").status == .seeOther)
            #expect(try database.susRecords(person: id, as: officer).map(\.step) == [.mappingStarted, .mappingEnded])
            // Every registration and deletion is audited
            let audit = try database.auditLog(limit: 300, entity: "susRegistration", as: .system(via: "test"))
            #expect(audit.filter { $0.action == "create" && $0.actorId == officer.userId }.count == 3)
            #expect(audit.contains { $0.action == "delete" && $0.entityIds == [request.id] && $0.via == "web" })
        }
    }

    @Test("an officer of another office gets the SUS message after the search, one without an agency assignment at once, both audited; a reporter cannot open the page")
    func outsideAssignment() async throws {
        try await withServer(database: try Demo.database(now: Self.now)) { browser, database in
            let person = try Self.participant(in: database)
            let other = try Demo.actor("handlaggare-af-soder", in: database)
            try await browser.login("handlaggare-af-soder")
            #expect(try await browser.get("/sus").status == .ok)
            let found = try await browser.post("/sus/sok", form: [("personnummer", person.personnummer.digits)])
            #expect(found.status == .forbidden)
            #expect(found.body.contains(HTML.escape(RedovisaError.noAssignmentMessage)))
            let csrf = try #require(browser.csrf)
            let register = try await browser.post(
                "/sus/deltagare/\(person.id!)/registrera",
                form: [("steg", "begaran_kartlaggning"), ("datum", "2025-09-01")], csrf: csrf)
            #expect(register.status == .forbidden)
            #expect(try database.susRecords(person: person.id!, as: .system(via: "test")).isEmpty)
            let denied = try database.auditLog(limit: 50, entity: "person", as: .system(via: "test"))
                .filter { $0.action == "denied" && $0.actorId == other.userId && $0.entityIds == [person.id!] }
            #expect(denied.count >= 2)
            // An officer of the municipality, with no assignment in an agency, gets the message at once
            try await browser.login("handlaggare-norr")
            let north = try Demo.actor("handlaggare-norr", in: database)
            let page = try await browser.get("/sus")
            #expect(page.status == .forbidden)
            #expect(page.body.contains(HTML.escape(RedovisaError.noAssignmentMessage)))
            let audit = try database.auditLog(limit: 20, entity: "susRegistration", as: .system(via: "test"))
            #expect(audit.contains { $0.action == "denied" && $0.actorId == north.userId && $0.via == "web" })
            try await browser.login("deltagare")
            #expect(try await browser.get("/sus").status == .forbidden)
        }
    }
}
