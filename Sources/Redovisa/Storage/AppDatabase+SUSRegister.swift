import Foundation
import GRDB

/// Registering in the SUS register (DOMAIN.md §4): the steps of the joint mapping that an officer
/// registers themself when Försäkringskassan has not, and deleting a wrong registration (one
/// cannot be edited: delete it, then register anew). The start of an active intervention is
/// registered through the `sus-aktiv-insats` template (``Reporting/registerSUS(_:as:)``), whose
/// rules read this register. Officers only, for participants of their assignments; outside them
/// the SUS message, audited.
extension AppDatabase {
    /// One registration in the register as the pages and the API show it.
    public struct SUSRecord: Sendable, Hashable, Codable, FetchableRecord {
        public var id: Int64
        public var step: SUSStep
        public var transition: SUSTransition?
        public var date: LocalDate
        public var officeId: Int64
        /// The office's name: "Arbetsförmedlingen Nacka-Värmdö".
        public var office: String
        public var registeredBy: Int64
        public var registeredByName: String
    }

    /// Refuses an actor without an assignment in an agency (Arbetsförmedlingen or
    /// Försäkringskassan) with the SUS message as soon as they open the SUS registration
    /// (seed 003: the message comes "directly" then), audited as `denied`; administrators pass.
    /// - Throws: ``RedovisaError/Code/accessDenied`` with the SUS message.
    public func requireSUSAssignment(as actor: Actor) throws(RedovisaError) {
        guard !actor.seesEveryone else { return }
        let organisations = actor.assignments.map(\.organisationId)
        let agencies = try read { db in
            try Organisation.filter(organisations.contains(Column("id")) && Column("kind") == OrganisationKind.agency.rawValue)
                .fetchCount(db)
        }
        guard agencies == 0 else { return }
        auditDenied(actor, "susRegistration", [])
        throw RedovisaError.noAssignment
    }

    /// Person `personId`'s registrations in the SUS register with their ids, oldest first.
    /// Audited (`read` on the registrations; a refusal as `denied` on the person).
    /// - Throws: ``RedovisaError/Code/accessDenied`` with the SUS message outside an assignment.
    public func susRecords(person personId: Int64, as actor: Actor) throws(RedovisaError) -> [SUSRecord] {
        let result: Result<[SUSRecord], RedovisaError> = try write { db in
            guard try AccessFilter.maySee(person: personId, actor, in: db) else {
                try audit(db, actor, "denied", "person", [personId])
                return .failure(RedovisaError.noAssignment)
            }
            let records = try SUSRecord.fetchAll(db, sql: """
                SELECT s.id, s.step, s.transition, s.date, s.officeId, o.name AS office, s.registeredBy,
                       u.displayName AS registeredByName
                FROM susRegistration s JOIN office o ON o.id = s.officeId JOIN user u ON u.id = s.registeredBy
                WHERE s.personId = ? ORDER BY s.date, s.id
                """, arguments: [personId])
            try audit(db, actor, "read", "susRegistration", records.map(\.id), detail: "person \(personId)")
            return .success(records)
        }
        return try result.get()
    }

    /// Registers a step of the joint mapping for person `personId` on `date` (at office
    /// `officeId`; by default the office of the person's latest registration). The steps come in
    /// order — the request, then the start, then the end, each on or after the one before — and
    /// the end names the planned kind of intervention. Audited as `create`.
    /// - Throws: ``RedovisaError/Code/accessDenied`` (not an officer; the SUS message outside an
    ///   assignment, audited), ``RedovisaError/Code/invalidInput`` naming the field (`step`,
    ///   `transition`, `date`, `office`) when a precondition fails.
    public func registerSUSStep(
        person personId: Int64, step: SUSStep, transition: SUSTransition?, date: LocalDate, officeId: Int64? = nil,
        as actor: Actor
    ) throws(RedovisaError) -> SUSRegistration {
        guard actor.has(.officer) || actor.seesEveryone, let userId = actor.userId else {
            throw RedovisaError(.accessDenied, "Endast handläggare kan registrera i SUS.")
        }
        guard step != .activeInterventionStarted else {
            throw RedovisaError(.invalidInput, "Start av aktiv insats registreras med mallen sus-aktiv-insats.", field: "step")
        }
        if date > LocalDate.today(at: clock()) {
            throw RedovisaError(.invalidInput, "Registrera steget när det har skett; datumet är i framtiden.", field: "date")
        }
        if step == .mappingEnded, transition == nil {
            throw RedovisaError(
                .invalidInput, "Ange om deltagaren väntar på arbetsförberedande eller arbetslivsinriktade insatser.",
                field: "transition")
        }
        let result: Result<SUSRegistration, RedovisaError> = try write { db in
            guard try AccessFilter.maySee(person: personId, actor, in: db) else {
                try audit(db, actor, "denied", "person", [personId])
                return .failure(RedovisaError.noAssignment)
            }
            let earlier = try SUSRegistration.filter(Column("personId") == personId)
                .order(Column("date"), Column("id")).fetchAll(db)
            if let problem = Self.orderProblem(step, date: date, after: earlier) { return .failure(problem) }
            guard let office = officeId ?? earlier.last?.officeId else {
                return .failure(RedovisaError(.invalidInput, "Välj Arbetsförmedling och kontor.", field: "office"))
            }
            guard try Office.fetchOne(db, key: office) != nil else {
                return .failure(RedovisaError(.invalidInput, "Kontoret finns inte.", field: "office"))
            }
            var registration = SUSRegistration(
                personId: personId, officeId: office, step: step, transition: step == .mappingEnded ? transition : nil,
                date: date, registeredBy: userId)
            try registration.insert(db)
            try audit(db, actor, "create", "susRegistration", [registration.id!], detail: "person \(personId)")
            return .success(registration)
        }
        return try result.get()
    }

    /// Deletes registration `id` from the SUS register (to register it anew, right). Officers
    /// with an assignment for the person. Audited as `delete`.
    /// - Throws: ``RedovisaError/Code/notFound``, ``RedovisaError/Code/accessDenied``.
    public func deleteSUSRegistration(id: Int64, as actor: Actor) throws(RedovisaError) -> SUSRegistration {
        guard actor.has(.officer) || actor.seesEveryone else {
            throw RedovisaError(.accessDenied, "Endast handläggare kan radera en registrering i SUS.")
        }
        let result: Result<SUSRegistration, RedovisaError> = try write { db in
            guard let registration = try SUSRegistration.fetchOne(db, key: id) else {
                return .failure(RedovisaError(.notFound, "registreringen finns inte"))
            }
            guard try AccessFilter.maySee(person: registration.personId, actor, in: db) else {
                try audit(db, actor, "denied", "person", [registration.personId])
                return .failure(RedovisaError.noAssignment)
            }
            try registration.delete(db)
            try audit(
                db, actor, "delete", "susRegistration", [id],
                detail: "person \(registration.personId), \(registration.step.rawValue) \(registration.date)")
            return .success(registration)
        }
        return try result.get()
    }

    /// The offices of organisations `organisationIds`, by name (no personal data).
    public func offices(of organisationIds: [Int64]) throws(RedovisaError) -> [Office] {
        try read { db in try Office.filter(organisationIds.contains(Column("organisationId"))).order(Column("name")).fetchAll(db) }
    }

    /// Why `step` on `date` cannot follow `earlier` (the person's registrations by date), or nil.
    static func orderProblem(_ step: SUSStep, date: LocalDate, after earlier: [SUSRegistration]) -> RedovisaError? {
        let order: [SUSStep] = [.mappingRequested, .mappingStarted, .mappingEnded]
        let names: [SUSStep: String] = [
            .mappingRequested: "begäran om gemensam kartläggning", .mappingStarted: "start av gemensam kartläggning",
            .mappingEnded: "avslut av gemensam kartläggning", .activeInterventionStarted: "start av aktiv insats",
        ]
        if let done = earlier.last(where: { $0.step == step }) {
            return RedovisaError(
                .invalidInput,
                "Deltagaren har redan \(names[step]!) registrerad (\(done.date)). Radera den först om den är fel.",
                field: "step")
        }
        guard let index = order.firstIndex(of: step), index > 0 else { return nil }
        let previousStep = order[index - 1]
        guard let previous = earlier.last(where: { $0.step == previousStep }) else {
            return RedovisaError(.invalidInput, "Registrera \(names[previousStep]!) först.", field: "step")
        }
        if date < previous.date {
            return RedovisaError(
                .invalidInput, "Datumet kan inte vara före \(names[previousStep]!) (\(previous.date)).", field: "date")
        }
        return nil
    }
}
