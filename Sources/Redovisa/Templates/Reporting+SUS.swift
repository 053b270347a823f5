import Foundation

/// The SUS registration flow of DOMAIN.md §4 ("Registrera medverkan"): a participant's
/// registrations in one place, a new one registered with its preconditions checked, and a wrong
/// one deleted so that it can be registered anew (a row of the register with
/// ``AppDatabase/deleteSUSRegistration(id:as:)``, a start of an active intervention with
/// ``delete(id:reason:as:)``).
///
/// The start of an active intervention (a transition to arbetsförberedande or arbetslivsinriktade
/// insatser) is a report of the `sus-aktiv-insats` template, submitted at once: its rules — the
/// joint mapping registered first, a move between the two kinds, the office of the earlier
/// registration — decide, and a refusal stores nothing. The steps of the joint mapping go into
/// the SUS register (``AppDatabase/registerSUSStep(person:step:transition:date:officeId:as:)``).
///
/// ```swift
/// let overview = try reporting.susOverview(person: personId, as: officer)
/// let made = try reporting.registerSUS(.init(personId: personId, step: .activeInterventionStarted,
///                                            transition: .workOriented, date: today), as: officer)
/// ```
extension Reporting {
    /// The template registering the start of active interventions.
    public static let susTemplate = "sus-aktiv-insats"

    /// A participant's SUS registrations: the register's, and the starts of active
    /// interventions registered with the template (deleted ones left out).
    public struct SUSOverview: Sendable {
        public var person: PersonView
        public var register: [AppDatabase.SUSRecord]
        /// The `sus-aktiv-insats` reports about the person, newest first.
        public var activeStarts: [Report]
    }

    /// What to register.
    public struct SUSRequest: Sendable {
        public var personId: Int64
        public var step: SUSStep
        public var transition: SUSTransition?
        public var date: LocalDate
        /// For the first registration only: the office (later ones take the latest one's).
        public var officeId: Int64?

        public init(personId: Int64, step: SUSStep, transition: SUSTransition?, date: LocalDate, officeId: Int64? = nil) {
            self.personId = personId
            self.step = step
            self.transition = transition
            self.date = date
            self.officeId = officeId
        }
    }

    /// What a registration made: a row of the register, or a submitted report.
    public enum SUSRegistered: Sendable {
        case register(SUSRegistration)
        case activeStart(Submitted)
    }

    /// Person `personId`'s registrations, as `actor` may see them. Audited.
    /// - Throws: ``RedovisaError/Code/accessDenied`` with the SUS message outside an assignment.
    public func susOverview(person personId: Int64, as actor: Actor) throws(RedovisaError) -> SUSOverview {
        let person = try database.person(id: personId, as: actor)
        let register = try database.susRecords(person: personId, as: actor)
        let reports = try database.reports(.init(templateId: Self.susTemplate, personId: personId, limit: 200), as: actor)
            .filter { $0.status != .withdrawn && $0.status != .draft }
        return SUSOverview(person: person, register: register, activeStarts: reports)
    }

    /// Registers `request` as `actor` (an officer with an assignment for the person).
    /// - Throws: ``RedovisaError/Code/invalidInput`` naming the field, or with the template's
    ///   `problems`, when a precondition fails (nothing is stored); ``RedovisaError/Code/accessDenied``.
    public func registerSUS(_ request: SUSRequest, as actor: Actor) throws(RedovisaError) -> SUSRegistered {
        guard actor.has(.officer) || actor.seesEveryone else {
            throw RedovisaError(.accessDenied, "Endast handläggare kan registrera i SUS.")
        }
        guard request.step == .activeInterventionStarted else {
            return .register(try database.registerSUSStep(
                person: request.personId, step: request.step, transition: request.transition, date: request.date,
                officeId: request.officeId, as: actor))
        }
        guard let transition = request.transition else {
            throw RedovisaError(.invalidInput, "Välj Arbetsförberedande eller Arbetslivsinriktad.", field: "transition")
        }
        // The person's enrolment in the cooperation that the actor may see, so that the
        // registration is visible to the officers of the office, not to its author only.
        let own = Set(actor.assignments.map(\.organisationId))
        let enrolments = try database.activeEnrolments(on: request.date, as: actor).filter { $0.personId == request.personId }
        let enrolment = enrolments.first { own.contains($0.responsibleOrganisationId) } ?? enrolments.first
        let register = try database.susRecords(person: request.personId, as: actor)
        let draft = try startDraft(
            .init(template: Self.susTemplate, eventDate: request.date, personId: request.personId, enrolmentId: enrolment?.id),
            as: actor)
        var answers = draft.answers.objectValue ?? [:]
        answers["overgang_till"] = .string(transition.rawValue)
        answers["datum"] = .string(request.date.description)
        if answers["kontor"] == nil || answers["kontor"] == .null, let office = register.last?.office {
            answers["kontor"] = .string(office)
        }
        let submitted = Result { () throws(RedovisaError) in
            let saved = try database.saveDraft(
                id: draft.id!, answers: .object(answers), expectedRevision: draft.revision, as: actor)
            return try submit(id: draft.id!, expectedRevision: saved.revision, as: actor)
        }
        if case .failure = submitted {
            // A refused registration leaves nothing behind: the draft is withdrawn.
            _ = try? database.withdraw(id: draft.id!, as: actor)
        }
        return .activeStart(try submitted.get())
    }
}
