import Foundation
import GRDB

/// The events four deadlines of seed 004 need (scripts/deadlines/README.md), each audited: a case
/// actualised and staffed, an absence told to the officer, a decision to adjust a plan, and a
/// personal-data incident discovered and reported.
extension AppDatabase {
    /// Records that the officer actualised enrolment `id` (queued the case at its provider) on
    /// `date`. Officers (and administrators, the system) only; the enrolment must be visible.
    /// - Throws: ``RedovisaError/Code/accessDenied`` for others; ``RedovisaError/Code/invalidInput``
    ///   for an enrolment without a provider.
    ///
    /// ```swift
    /// _ = try database.recordActualisation(enrolment: id, on: LocalDate("2025-10-10")!, as: officer)
    /// ```
    public func recordActualisation(enrolment id: Int64, on date: LocalDate, as actor: Actor) throws(RedovisaError) -> Staffing {
        guard actor.seesEveryone || actor.has(.officer) else {
            throw RedovisaError(.accessDenied, "Endast handläggare kan aktualisera ärenden.")
        }
        let enrolment = try self.enrolment(id: id, as: actor)
        guard enrolment.providerId != nil else {
            throw RedovisaError(.invalidInput, "insatsen har ingen anordnare", field: "enrolment")
        }
        return try write { db in
            var staffing = try Staffing.fetchOne(db, key: id) ?? Staffing(enrolmentId: id, actualisedOn: date)
            guard staffing.staffedOn.map({ $0 >= date }) ?? true else {
                throw RedovisaError(.invalidInput, "ärendet är redan bemannat före \(date)", field: "actualisedOn")
            }
            staffing.actualisedOn = date
            try staffing.save(db)
            try audit(db, actor, "update", "enrolment", [id], detail: "aktualiserad")
            return staffing
        }
    }

    /// Records that the provider staffed actualised enrolment `id` on `date` (and told the
    /// officer). Provider staff (and administrators, the system) only.
    /// - Throws: ``RedovisaError/Code/accessDenied``; ``RedovisaError/Code/invalidTransition``
    ///   when it is not actualised or already staffed; ``RedovisaError/Code/invalidInput`` for a
    ///   day before the actualisation.
    public func recordStaffing(enrolment id: Int64, on date: LocalDate, as actor: Actor) throws(RedovisaError) -> Staffing {
        guard actor.seesEveryone || actor.has(.providerStaff) else {
            throw RedovisaError(.accessDenied, "Endast anordnaren kan bemanna ärenden.")
        }
        _ = try enrolment(id: id, as: actor)
        return try write { db in
            guard var staffing = try Staffing.fetchOne(db, key: id) else {
                throw RedovisaError(.invalidTransition, "ärendet är inte aktualiserat")
            }
            guard staffing.staffedOn == nil else { throw RedovisaError(.invalidTransition, "ärendet är redan bemannat") }
            guard date >= staffing.actualisedOn else {
                throw RedovisaError(.invalidInput, "bemanningen ligger före aktualiseringen (\(staffing.actualisedOn))", field: "staffedOn")
            }
            staffing.staffedOn = date
            try staffing.update(db)
            try audit(db, actor, "update", "enrolment", [id], detail: "bemannad")
            return staffing
        }
    }

    /// Records that absence `id` was told to the officer on `date` (not before it began).
    /// Provider staff and officers (and administrators, the system) who see its enrolment.
    /// With `caseId`, the absence must be of that enrolment (a page of one case).
    /// - Throws: ``RedovisaError/Code/notFound`` (also for an absence of another enrolment than
    ///   `caseId`), access errors; ``RedovisaError/Code/invalidInput`` for a day before the absence.
    public func recordAbsenceReported(
        absence id: Int64, of caseId: Int64? = nil, on date: LocalDate, as actor: Actor
    ) throws(RedovisaError) -> Absence {
        guard actor.seesEveryone || actor.has(.providerStaff) || actor.has(.officer) else {
            throw RedovisaError(.accessDenied, "Endast anordnare och handläggare kan registrera frånvaro.")
        }
        guard var absence = try read({ db in try Absence.fetchOne(db, key: id) }), caseId == nil || absence.enrolmentId == caseId else {
            throw RedovisaError(.notFound, "frånvaron finns inte")
        }
        _ = try enrolment(id: absence.enrolmentId, as: actor)
        guard date >= absence.from else {
            throw RedovisaError(.invalidInput, "anmälan ligger före frånvaron (\(absence.from))", field: "reportedOn")
        }
        absence.reportedOn = date
        return try write { db in
            try absence.update(db)
            try audit(db, actor, "update", "absence", [id], detail: "anmäld")
            return absence
        }
    }

    /// Records the officer's decision on `decidedOn` to adjust the plan of `kind` for enrolment
    /// `id`: its next version is due within 5 working days. Officers (administrators, the system).
    /// - Throws: ``RedovisaError/Code/accessDenied``; ``RedovisaError/Code/invalidTransition``
    ///   when the enrolment has no plan of that kind yet.
    public func requestPlanRevision(
        enrolment id: Int64, kind: PlanKind, decidedOn: LocalDate, as actor: Actor
    ) throws(RedovisaError) -> PlanAdjustment {
        guard actor.seesEveryone || actor.has(.officer) else {
            throw RedovisaError(.accessDenied, "Endast handläggare kan besluta om justering av planen.")
        }
        _ = try enrolment(id: id, as: actor)
        return try write { db in
            guard try Plan.filter(Column("enrolmentId") == id && Column("kind") == kind).fetchCount(db) > 0 else {
                throw RedovisaError(.invalidTransition, "insatsen har ingen plan att justera")
            }
            var adjustment = PlanAdjustment(enrolmentId: id, kind: kind, decidedOn: decidedOn, decidedBy: actor.userId)
            try adjustment.insert(db)
            try audit(db, actor, "create", "planAdjustment", [adjustment.id!], detail: "enrolment \(id)")
            return adjustment
        }
    }

    /// Registers a personal-data incident of organisation `organisationId`, discovered at
    /// `discoveredAt`: someone with an assignment in it (or an administrator, the system).
    /// - Throws: ``RedovisaError/noAssignment``; ``RedovisaError/Code/invalidInput`` for an empty
    ///   description or one over 200 characters.
    public func registerIncident(
        organisation organisationId: Int64, discoveredAt: Date, description: String, as actor: Actor
    ) throws(RedovisaError) -> Incident {
        let text = description.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty, text.count <= Incident.maximumDescription else {
            throw RedovisaError(.invalidInput, "beskrivningen ska ha 1–\(Incident.maximumDescription) tecken", field: "description")
        }
        try checkAssigned(organisationId, as: actor, entity: "incident")
        return try write { db in
            var incident = Incident(
                organisationId: organisationId, discoveredAt: discoveredAt, description: text, registeredBy: actor.userId)
            try incident.insert(db)
            try audit(db, actor, "create", "incident", [incident.id!])
            return incident
        }
    }

    /// Records that incident `id` was reported at `reportedAt` (not before its discovery).
    /// - Throws: ``RedovisaError/Code/notFound``, ``RedovisaError/noAssignment``,
    ///   ``RedovisaError/Code/invalidTransition`` when it already was.
    public func recordIncidentReported(_ id: Int64, at reportedAt: Date, as actor: Actor) throws(RedovisaError) -> Incident {
        guard var incident = try read({ db in try Incident.fetchOne(db, key: id) }) else {
            throw RedovisaError(.notFound, "incidenten finns inte")
        }
        try checkAssigned(incident.organisationId, as: actor, entity: "incident")
        guard incident.reportedAt == nil else { throw RedovisaError(.invalidTransition, "incidenten är redan anmäld") }
        guard reportedAt >= incident.discoveredAt else {
            throw RedovisaError(.invalidInput, "anmälan ligger före upptäckten", field: "reportedAt")
        }
        incident.reportedAt = reportedAt
        return try write { db in
            try incident.update(db)
            try audit(db, actor, "update", "incident", [id], detail: "anmäld")
            return incident
        }
    }

    /// Throws unless `actor` sees everyone or has an assignment in organisation `organisationId`
    /// (the refusal is audited).
    func checkAssigned(_ organisationId: Int64, as actor: Actor, entity: String) throws(RedovisaError) {
        if actor.seesEveryone { return }
        guard actor.assignments.contains(where: { $0.organisationId == organisationId }) else {
            auditDenied(actor, entity, [])
            throw RedovisaError.noAssignment
        }
    }
}
