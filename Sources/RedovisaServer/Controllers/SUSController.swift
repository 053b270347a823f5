import Foundation
import Hummingbird
import Redovisa

/// "Registrera medverkan" in SUS (DOMAIN.md §4), for officers: look a participant up by
/// personnummer (posted, never in a URL), see their registrations, register the next step —
/// the start of an active intervention goes through the `sus-aktiv-insats` template and its
/// rules — and delete a wrong registration to register it anew. An officer without an
/// assignment in an agency (Arbetsförmedlingen, Försäkringskassan) gets the SUS message at once; a participant of another office gets it after the
/// search (the domain audits the refusal).
///
/// | route | what |
/// |---|---|
/// | `GET /sus` | the search form |
/// | `POST /sus/sok` | look up `personnummer` → the participant's page |
/// | `GET /sus/deltagare/{id}` | the registrations and the form to register |
/// | `POST /sus/deltagare/{id}/registrera` | register `steg`, `overgang`, `datum` (and `kontor` the first time) |
/// | `POST /sus/deltagare/{id}/radera/{registrering}` | delete a registration of the register |
/// | `POST /sus/deltagare/{id}/radera-insats/{rapport}` | delete a start of an active intervention, with `anledning` |
public struct SUSController: Sendable {
    let database: AppDatabase
    let reporting: Reporting
    let sessions: SessionStore

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/sus", use: search)
        router.post("/sus/sok", use: find)
        router.get("/sus/deltagare/:id", use: show)
        router.post("/sus/deltagare/:id/registrera", use: register)
        router.post("/sus/deltagare/:id/radera/:registrering", use: deleteRegistration)
        router.post("/sus/deltagare/:id/radera-insats/:rapport", use: deleteActiveStart)
    }

    /// `GET /sus`.
    @Sendable func search(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        return searchPage(context: context, actor: actor)
    }

    /// `POST /sus/sok`.
    @Sendable func find(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        let text = context.form["personnummer"] ?? ""
        let number: Personnummer
        switch Result(catching: { () throws(Personnummer.Problem) in try Personnummer(text, today: reporting.today) }) {
        case .success(let parsed): number = parsed
        case .failure(let problem):
            return searchPage(context: context, actor: actor, error: "Personnumret \(problem.rawValue).", value: text)
        }
        switch Result(catching: { () throws(RedovisaError) in try database.person(personnummer: number, as: actor) }) {
        case .success(let person): return Layout.redirect(to: "/sus/deltagare/\(person.id)")
        case .failure(let error):
            guard error.code == .notFound else { throw error }
            return searchPage(context: context, actor: actor, error: "Det finns ingen deltagare med det personnumret.", value: text)
        }
    }

    /// `GET /sus/deltagare/{id}`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        return try page(try context.parameters.require("id", as: Int64.self), actor: actor, context: context)
    }

    /// `POST /sus/deltagare/{id}/registrera`.
    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let form = context.form
        let entered = SUSPages.Entered(step: form["steg"], transition: form["overgang"], date: form["datum"], office: form["kontor"])
        var problems: [ErrorSummary.Item] = []
        let step = entered.step.flatMap(SUSStep.init(rawValue:))
        if step == nil { problems.append(.init(message: "Välj vad du registrerar.", href: "#steg")) }
        let date = entered.date.flatMap { LocalDate($0.trimmingCharacters(in: .whitespaces)) }
        if date == nil { problems.append(.init(message: "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-10-03.", href: "#datum")) }
        let transition = entered.transition.flatMap { $0.isEmpty ? nil : SUSTransition(rawValue: $0) }
        guard let step, let date, problems.isEmpty else {
            return try page(id, actor: actor, context: context, problems: problems, entered: entered)
        }
        let officeId = entered.office.flatMap { Int64($0) }
        let registered = Result { () throws(RedovisaError) in
            try reporting.registerSUS(
                .init(personId: id, step: step, transition: transition, date: date, officeId: officeId), as: actor)
        }
        switch registered {
        case .success(.register): await flash(context, "Registreringen är sparad.")
        case .success(.activeStart(let submitted)):
            await flash(context, "Starten av den aktiva insatsen är registrerad (ärende \(submitted.receipt.caseNumber)).")
        case .failure(let error):
            guard error.code == .invalidInput else { throw error }
            let fields = ["step": "#steg", "transition": "#overgang", "overgang_till": "#overgang", "date": "#datum",
                          "datum": "#datum", "office": "#kontor", "kontor": "#kontor"]
            let items = error.problems.isEmpty
                ? [ErrorSummary.Item(message: error.message, href: error.field.flatMap { fields[$0] })]
                : error.problems.map { ErrorSummary.Item(message: $0.message, href: fields[$0.field]) }
            return try page(id, actor: actor, context: context, problems: items, entered: entered)
        }
        return Layout.redirect(to: "/sus/deltagare/\(id)")
    }

    /// `POST /sus/deltagare/{id}/radera/{registrering}`.
    @Sendable func deleteRegistration(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let registration = try context.parameters.require("registrering", as: Int64.self)
        let deleted = try database.deleteSUSRegistration(id: registration, as: actor)
        guard deleted.personId == id else { throw HTTPError(.notFound) }
        await flash(context, "Registreringen är raderad. Registrera nu rätt uppgifter.")
        return Layout.redirect(to: "/sus/deltagare/\(id)")
    }

    /// `POST /sus/deltagare/{id}/radera-insats/{rapport}`.
    @Sendable func deleteActiveStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try officer(context)
        let id = try context.parameters.require("id", as: Int64.self)
        let reportId = try context.parameters.require("rapport", as: Int64.self)
        let report = try database.report(id: reportId, as: actor)
        guard report.personId == id, report.templateId == Reporting.susTemplate else { throw HTTPError(.notFound) }
        if case .failure(let error) = Result(catching: { () throws(RedovisaError) in
            try reporting.delete(id: reportId, reason: context.form["anledning"] ?? "", as: actor)
        }) {
            guard error.code == .invalidInput else { throw error }
            return try page(id, actor: actor, context: context, problems: [.init(message: error.message, href: "#anledning-\(reportId)")])
        }
        await flash(context, "Registreringen är raderad. Registrera nu rätt uppgifter.")
        return Layout.redirect(to: "/sus/deltagare/\(id)")
    }

    // MARK: Helpers

    /// The actor, if an officer (or administrator) with an assignment in an agency; else the SUS
    /// message (audited).
    private func officer(_ context: AppRequestContext) throws -> Actor {
        let actor = try context.requireActor()
        try OfficerAccess.require(actor)
        try database.requireSUSAssignment(as: actor)
        return actor
    }

    private func flash(_ context: AppRequestContext, _ message: String) async {
        if let session = context.session { await sessions.flash(session.id, message) }
    }

    private func searchPage(context: AppRequestContext, actor: Actor, error: String? = nil, value: String = "") -> Response {
        Layout.page(
            title: "Registrera medverkan", context: context, main: SUSPages.search(context: context, error: error, value: value),
            status: error == nil ? .ok : .unprocessableContent)
    }

    private func page(
        _ id: Int64, actor: Actor, context: AppRequestContext, problems: [ErrorSummary.Item] = [],
        entered: SUSPages.Entered = .init()
    ) throws -> Response {
        let overview = try reporting.susOverview(person: id, as: actor)
        let offices = try officeChoices(actor)
        let main = SUSPages.participant(
            overview, offices: offices, today: reporting.today, context: context, problems: problems, entered: entered)
        return Layout.page(
            title: "Registrera medverkan", context: context, main: main, status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    /// The offices of the actor's assignments, for a first registration: (id, name).
    private func officeChoices(_ actor: Actor) throws -> [(Int64, String)] {
        let offices = try database.offices(of: Array(Set(actor.assignments.map(\.organisationId))))
        return offices.filter { office in
            actor.assignments.contains { $0.organisationId == office.organisationId && ($0.officeId == nil || $0.officeId == office.id) }
        }.map { ($0.id ?? 0, $0.name) }
    }
}
