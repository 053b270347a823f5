import Foundation
import Redovisa
import Testing

/// A report's life through its template: start, save with problems shown, a refused submission
/// that stores nothing, a receipt with the template's text, a return and a resubmission.
struct TemplateLifecycleTests {
    /// "Now" in the tests is 2025-10-03, inside the LSS window for September (1–10 October).
    func world(now: Date = World.now) throws -> World {
        let world = try World(clock: { now })
        try world.publish("lss-kontaktperson")
        return world
    }

    func september(_ world: World) -> Reporting.DraftRequest {
        .init(template: "lss-kontaktperson", period: Period("2025-09"), personId: world.anna.id!,
              enrolmentId: world.annaEnrolment.id)
    }

    @Test func aDraftStartsWithTheTemplatesDefaults() throws {
        let world = try world()
        let draft = try Reporting(database: world.database).startDraft(september(world), as: world.contactPerson)
        #expect(draft.templateVersion == 1)
        #expect(draft.answers == .object(["ar": .integer(2025), "manad": .integer(9)]))
    }

    @Test func savingShowsProblemsWithoutBlocking() throws {
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try reporting.startDraft(september(world), as: world.contactPerson)
        // When the contact person saves with "Nej" and no reason
        let saved = try reporting.save(
            id: draft.id!, answers: .object(["alla_tillfallen": .string("nej")]), expectedRevision: draft.revision,
            as: world.contactPerson)
        // Then the draft is stored as given, and the problems are shown per field
        #expect(saved.report.answers == .object(["alla_tillfallen": .string("nej")]))
        #expect(!saved.check.valid)
        let fields = saved.check.errors.map(\.field)
        #expect(fields.contains("anledning"))
        #expect(!fields.contains("aktiviteter"))
        #expect(!saved.check.visible.contains("aktiviteter"))
        // And the fields required for these answers are listed, for the form to star
        #expect(saved.check.required.contains("anledning"))
        #expect(!saved.check.required.contains("fortydligande"))
    }

    @Test func aRefusedSubmissionListsEveryProblemAndStoresNothing() throws {
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try reporting.startDraft(september(world), as: world.contactPerson)
        var answers = World.completeLSSAnswers
        if case .object(var members) = answers {
            members["alla_tillfallen"] = .string("nej_nagra")
            members["personnummer"] = .string("198112189877")
            answers = .object(members)
        }
        let saved = try reporting.save(id: draft.id!, answers: answers, expectedRevision: draft.revision, as: world.contactPerson)
        // When it is submitted
        let error = #expect(throws: RedovisaError.self) {
            try reporting.submit(id: draft.id!, as: world.contactPerson)
        }
        // Then every problem is listed in Swedish, by field
        #expect(error?.message == "Rapporten kan inte skickas in: 2 uppgifter behöver rättas.")
        #expect(error?.problems == [
            FieldProblem(field: "anledning", message: "Fyll i: Vad är anledningen till att du inte har utfört alla tillfällen enligt överenskommelsen?"),
            FieldProblem(field: "personnummer", message: "Kontrollsiffran stämmer inte. Kontrollera personnumret."),
        ])
        // And the report is still the draft it was
        let after = try world.database.report(id: draft.id!, as: world.contactPerson)
        #expect(after == saved.report)
    }

    @Test func aSubmissionGetsACaseNumberAndTheTemplatesReceipt() throws {
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try reporting.startDraft(september(world), as: world.contactPerson)
        var answers = World.completeLSSAnswers
        if case .object(var members) = answers {
            members["anledning"] = .string("Ska inte sparas: den är dold för Ja, alla.")
            members["fornamn"] = .string("  Kalle ")
            answers = .object(members)
        }
        _ = try reporting.save(id: draft.id!, answers: answers, expectedRevision: draft.revision, as: world.contactPerson)
        // When it is submitted
        let submitted = try reporting.submit(id: draft.id!, as: world.contactPerson)
        // Then it has a receipt, the hidden answer is gone and text is trimmed
        #expect(submitted.receipt.caseNumber == "2025-000001")
        #expect(submitted.report.status == .submitted)
        #expect(submitted.report.answers["anledning"] == .null)
        #expect(submitted.report.answers["fornamn"] == .string("Kalle"))
        #expect(submitted.receipt.hash == AppDatabase.hash(submitted.report.answers))
        #expect(submitted.text == """
            Ditt ärende är nu inskickat
            Ärendenummer: 2025-000001
            Inskickat av: Kalle
            Tidpunkt: 2025-10-03 12:00
            Rapporten gäller Anna Åberg.
            Du kan följa ditt ärende och skriva till handläggaren på Mina sidor.
            """)
        // And submitting again gives the same receipt
        #expect(try reporting.submit(id: draft.id!, as: world.contactPerson).receipt == submitted.receipt)
    }

    @Test func theWindowRefusesTooEarlyWithTheDates() throws {
        // Given "now" is 30 September: the September report opens on 1 October
        let world = try world(now: World.now.addingTimeInterval(-3 * 86_400))
        let reporting = Reporting(database: world.database)
        let draft = try reporting.startDraft(september(world), as: world.contactPerson)
        _ = try reporting.save(id: draft.id!, answers: World.completeLSSAnswers, expectedRevision: draft.revision, as: world.contactPerson)
        let error = #expect(throws: RedovisaError.self) { try reporting.submit(id: draft.id!, as: world.contactPerson) }
        #expect(error?.message == "För tidigt: rapporten för september 2025 kan skickas in från 1 oktober 2025 till 10 oktober 2025.")
        #expect(try world.database.report(id: draft.id!, as: world.contactPerson).status == .draft)
    }

    @Test func aLateSubmissionIsAcceptedAndFlaggedWhereTheTemplateAllowsIt() throws {
        // Given "now" is 20 October, after the 10th
        let world = try world(now: World.now.addingTimeInterval(17 * 86_400))
        let reporting = Reporting(database: world.database)
        let draft = try reporting.startDraft(september(world), as: world.contactPerson)
        _ = try reporting.save(id: draft.id!, answers: World.completeLSSAnswers, expectedRevision: draft.revision, as: world.contactPerson)
        let submitted = try reporting.submit(id: draft.id!, as: world.contactPerson)
        #expect(submitted.report.late)
        let history = try world.database.history(report: draft.id!, as: world.contactPerson)
        #expect(history.last?.comment == "inskickad efter sista dag")
    }

    @Test func aReturnedReportIsCompletedAndResubmitted() throws {
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try reporting.startDraft(september(world), as: world.contactPerson)
        _ = try reporting.save(id: draft.id!, answers: World.completeLSSAnswers, expectedRevision: draft.revision, as: world.contactPerson)
        let first = try reporting.submit(id: draft.id!, as: world.contactPerson)
        // When the officer returns it with a comment
        let returned = try world.database.returnForCompletion(id: draft.id!, comment: "Förtydliga aktiviteterna.", as: world.officerNorth)
        var answers = World.completeLSSAnswers
        if case .object(var members) = answers {
            members["fortydligande"] = .string("Vi gick på bio två gånger.")
            answers = .object(members)
        }
        _ = try reporting.save(id: draft.id!, answers: answers, expectedRevision: returned.revision, as: world.contactPerson)
        let second = try reporting.submit(id: draft.id!, as: world.contactPerson)
        // Then the case number stays and the report is resubmitted with the new answer
        #expect(second.receipt.caseNumber == first.receipt.caseNumber)
        #expect(second.report.status == .resubmitted)
        #expect(second.report.answers["fortydligande"] == .string("Vi gick på bio två gånger."))
    }

    @Test func contactDetailsAreRememberedForTheNextReport() throws {
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try reporting.startDraft(september(world), as: world.contactPerson)
        _ = try reporting.save(id: draft.id!, answers: World.completeLSSAnswers, expectedRevision: draft.revision, as: world.contactPerson)
        _ = try reporting.submit(id: draft.id!, as: world.contactPerson)
        // When the contact person starts October's report
        var october = september(world)
        october.period = Period("2025-10")
        let next = try reporting.startDraft(october, as: world.contactPerson)
        // Then their own details are filled in, and nothing about the month is
        #expect(next.answers["personnummer"] == .string("198112189876"))
        #expect(next.answers["epost"] == .string("kalle@example.se"))
        #expect(next.answers["notifiering"] == .array([.string("epost")]))
        #expect(next.answers["alla_tillfallen"] == .null)
        #expect(next.answers["manad"] == .integer(10))
    }

    @Test func previewShowsEveryVisibleAnswer() throws {
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try reporting.startDraft(september(world), as: world.contactPerson)
        _ = try reporting.save(id: draft.id!, answers: World.completeLSSAnswers, expectedRevision: draft.revision, as: world.contactPerson)
        let rows = try reporting.preview(id: draft.id!, as: world.contactPerson)
        #expect(rows.first == SummaryRow(step: 1, field: "klient_fornamn", label: "Förnamn på personen du är kontaktperson för", value: "Anna"))
        #expect(rows.contains(SummaryRow(step: 1, field: "alla_tillfallen", label: "Jag har utfört alla tillfällen enligt överenskommelsen", value: "Ja, alla")))
        #expect(!rows.contains { $0.field == "anledning" })
        #expect(rows.last?.value == "Jag förstår")
    }

    @Test func aRegistrationThatCannotBeEditedIsDeletedAndRegisteredAnew() throws {
        let world = try world()
        let reporting = Reporting(database: world.database)
        // Given a submitted LSS report: its template does not allow deleting it
        let draft = try reporting.startDraft(september(world), as: world.contactPerson)
        _ = try reporting.save(id: draft.id!, answers: World.completeLSSAnswers, expectedRevision: draft.revision, as: world.contactPerson)
        _ = try reporting.submit(id: draft.id!, as: world.contactPerson)
        let refused = #expect(throws: RedovisaError.self) { try reporting.delete(id: draft.id!, reason: "fel", as: world.officerNorth) }
        #expect(refused?.message == "Månadsrapport som kontaktperson kan inte raderas när den är inskickad; handläggaren kan återremittera den.")
        // Given a template that is corrected by deleting (as SUS registrations are)
        let source = TemplateSource(text: """
            return form.template { id = "registrering", version = 1, title = "Registrering", role = "officer",
              period = "event", deletable = true,
              steps = { form.step { title = "Registrera", form.date { id = "datum", label = "Datum", required = true } } } }
            """, chunkName: "templates/registrering.lua")
        try world.database.publishTemplate(id: "registrering", version: 1, title: "Registrering", source: source.text, as: world.administrator)
        let registration = try reporting.startDraft(
            .init(template: "registrering", eventDate: LocalDate("2025-10-01"), personId: world.anna.id!, enrolmentId: world.annaEnrolment.id),
            as: world.officerNorth)
        _ = try reporting.save(id: registration.id!, answers: .object(["datum": .string("2025-10-01")]),
                               expectedRevision: registration.revision, as: world.officerNorth)
        _ = try reporting.submit(id: registration.id!, as: world.officerNorth)
        // When the officer deletes it, it is withdrawn with the reason kept; the reporter may not
        #expect(throws: RedovisaError.self) { try reporting.delete(id: registration.id!, reason: "fel datum", as: world.contactPerson) }
        let deleted = try reporting.delete(id: registration.id!, reason: "fel datum", as: world.officerNorth)
        #expect(deleted.status == .withdrawn)
        let history = try world.database.history(report: registration.id!, as: world.officerNorth)
        #expect(history.last?.comment == "raderad: fel datum")
    }

    @Test func theWindowOfAPeriodIsKnownBeforeAReportExists() throws {
        let world = try world()
        let window = try Reporting(database: world.database).window(
            template: "lss-kontaktperson", period: Period("2025-09"), personId: world.anna.id!,
            enrolmentId: world.annaEnrolment.id, as: world.contactPerson)
        #expect(window == SubmissionWindow(opens: LocalDate("2025-10-01")!, closes: LocalDate("2025-10-10")!, late: true))
    }
}
