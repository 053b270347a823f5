import Foundation
import Hummingbird
import Redovisa

/// The API's SUS registrations (DOMAIN.md §4), for officers with an assignment for the
/// participant: list them, register the next step (the start of an active intervention through
/// the `sus-aktiv-insats` template, whose refusal is 422 with `problems`), and delete a wrong
/// one to register it anew. Outside an assignment: 403 with the SUS message, audited.
///
/// | route | what |
/// |---|---|
/// | `GET /people/{id}/sus-registrations` | the register's rows and the starts of active interventions |
/// | `POST /people/{id}/sus-registrations` | `{"step", "transition", "date", "officeId"}` → 201 |
/// | `DELETE /sus-registrations/{id}` | delete a row of the register |
/// | `DELETE /sus-active-starts/{reportId}` | delete a start of an active intervention, `{"reason"}` |
extension APIController {
    /// Registers the SUS routes on the API group.
    func addSUSRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("/people/:id/sus-registrations", use: susRegistrations)
        api.post("/people/:id/sus-registrations", use: registerSUS)
        api.delete("/sus-registrations/:id", use: deleteSUSRegistration)
        api.delete("/sus-active-starts/:id", use: deleteSUSActiveStart)
    }

    /// What `GET /people/{id}/sus-registrations` answers.
    struct SUSList: Encodable {
        var registrations: [AppDatabase.SUSRecord]
        var activeStarts: [Report]
    }

    /// `GET /people/{id}/sus-registrations`.
    @Sendable func susRegistrations(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try OfficerAccess.require(actor)
        try database.requireSUSAssignment(as: actor)
        let overview = try reporting.susOverview(person: try context.parameters.require("id", as: Int64.self), as: actor)
        return try Self.json(SUSList(registrations: overview.register, activeStarts: overview.activeStarts))
    }

    /// The body of `POST /people/{id}/sus-registrations`.
    struct NewSUSRegistration: Decodable {
        var step: String
        var transition: String?
        var date: String
        var officeId: Int64?
    }

    /// What a registration made: a row of the register, or a submitted report with its receipt.
    struct SUSMade: Encodable {
        var registration: SUSRegistration?
        var report: Report?
        var receipt: Receipt?
    }

    /// `POST /people/{id}/sus-registrations`.
    @Sendable func registerSUS(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try OfficerAccess.require(actor)
        try database.requireSUSAssignment(as: actor)
        let personId = try context.parameters.require("id", as: Int64.self)
        let body = try await request.decode(as: NewSUSRegistration.self, context: context)
        guard let step = SUSStep(rawValue: body.step) else {
            let steps = SUSStep.allCases.map(\.rawValue).joined(separator: ", ")
            throw RedovisaError(.invalidInput, "steget ska vara ett av \(steps)", field: "step")
        }
        var transition: SUSTransition?
        if let text = body.transition {
            guard let parsed = SUSTransition(rawValue: text) else {
                throw RedovisaError(.invalidInput, "övergången ska vara arbetsforberedande eller arbetslivsinriktad", field: "transition")
            }
            transition = parsed
        }
        guard let date = LocalDate(body.date) else {
            throw RedovisaError(.invalidInput, "datumet ska skrivas ÅÅÅÅ-MM-DD", field: "date")
        }
        let made: SUSMade
        switch try reporting.registerSUS(
            .init(personId: personId, step: step, transition: transition, date: date, officeId: body.officeId), as: actor) {
        case .register(let registration): made = SUSMade(registration: registration)
        case .activeStart(let submitted): made = SUSMade(report: submitted.report, receipt: submitted.receipt)
        }
        return try Self.json(made, status: .created)
    }

    /// `DELETE /sus-registrations/{id}`: the deleted registration.
    @Sendable func deleteSUSRegistration(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try OfficerAccess.require(actor)
        try database.requireSUSAssignment(as: actor)
        return try Self.json(try database.deleteSUSRegistration(id: try context.parameters.require("id", as: Int64.self), as: actor))
    }

    /// The body of `DELETE /sus-active-starts/{id}`.
    struct Deletion: Decodable { var reason: String }

    /// `DELETE /sus-active-starts/{id}`: the report, now withdrawn with the reason in its history.
    @Sendable func deleteSUSActiveStart(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try OfficerAccess.require(actor)
        try database.requireSUSAssignment(as: actor)
        let id = try context.parameters.require("id", as: Int64.self)
        let body = try await request.decode(as: Deletion.self, context: context)
        guard try database.report(id: id, as: actor).templateId == Reporting.susTemplate else {
            throw RedovisaError(.notFound, "rapporten är ingen registrering av start av aktiv insats")
        }
        return try Self.json(try reporting.delete(id: id, reason: body.reason, as: actor))
    }
}
