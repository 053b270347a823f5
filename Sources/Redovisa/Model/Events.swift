/// The cause of an absence, as the monthly report states it.
public enum AbsenceCause: String, Sendable, Codable, CaseIterable {
    case sick = "sjuk"
    case careOfChild = "vab"
    case leave = "ledighet"
    /// Ogiltig frånvaro: no answer after three contact attempts, or a no-show.
    case invalid = "ogiltig"
}

/// An absence of a participant: dates and cause; for sickness and care of a child, whether the
/// medical certificate (required from day 8) has been received.
public struct Absence: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var enrolmentId: Int64
    public var from: LocalDate
    public var to: LocalDate
    public var cause: AbsenceCause
    public var certificateReceived: Bool
    /// For invalid absence: the dates the provider tried to reach the participant.
    public var contactAttempts: [LocalDate]
    /// The day the provider told the officer (invalid absence: the same or the next day).
    public var reportedOn: LocalDate?

    public init(
        id: Int64? = nil, enrolmentId: Int64, from: LocalDate, to: LocalDate, cause: AbsenceCause,
        certificateReceived: Bool = false, contactAttempts: [LocalDate] = [], reportedOn: LocalDate? = nil
    ) {
        self.id = id
        self.enrolmentId = enrolmentId
        self.from = from
        self.to = to
        self.cause = cause
        self.certificateReceived = certificateReceived
        self.contactAttempts = contactAttempts
        self.reportedOn = reportedOn
    }

    /// Days of absence, both ends included.
    public var days: Int { from.days(until: to) + 1 }
}

/// A deviation (avvikelse): the participant did not take part as planned, or misbehaved;
/// reported always, whether the cause is known or not.
public struct Deviation: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var enrolmentId: Int64
    public var date: LocalDate
    public var causeKnown: Bool
    public var description: String

    public init(id: Int64? = nil, enrolmentId: Int64, date: LocalDate, causeKnown: Bool, description: String) {
        self.id = id
        self.enrolmentId = enrolmentId
        self.date = date
        self.causeKnown = causeKnown
        self.description = description
    }
}

/// A result report of Rusta och matcha: R1/R2 in KA-Webb, SOA/RR in MSFA.
public enum ResultKind: String, Sendable, Codable, CaseIterable {
    case r1, r2, soa, rr
}

/// What a result is about.
public enum ResultReason: String, Sendable, Codable, CaseIterable {
    case work = "arbete"
    case studies = "studier"
}

/// One result report, and when the agency handled it (SOA must be handled before an RR).
public struct ResultReport: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var enrolmentId: Int64
    public var kind: ResultKind
    public var reason: ResultReason
    public var date: LocalDate
    public var handledOn: LocalDate?

    public init(
        id: Int64? = nil, enrolmentId: Int64, kind: ResultKind, reason: ResultReason, date: LocalDate,
        handledOn: LocalDate? = nil
    ) {
        self.id = id
        self.enrolmentId = enrolmentId
        self.kind = kind
        self.reason = reason
        self.date = date
        self.handledOn = handledOn
    }
}

/// The steps a participant goes through in SUS (the Af/FK cooperation).
public enum SUSStep: String, Sendable, Codable, CaseIterable {
    case mappingRequested = "begaran_kartlaggning"
    case mappingStarted = "start_kartlaggning"
    case mappingEnded = "slut_kartlaggning"
    case activeInterventionStarted = "start_aktiv_insats"
}

/// The kind of active intervention (övergång till).
public enum SUSTransition: String, Sendable, Codable, CaseIterable {
    case workPreparatory = "arbetsforberedande"
    case workOriented = "arbetslivsinriktad"
}

/// One SUS registration. It cannot be edited: a wrong one is deleted and registered anew.
public struct SUSRegistration: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var personId: Int64
    public var officeId: Int64
    public var step: SUSStep
    /// For the end of mapping: the planned direction; for an active intervention: its kind.
    public var transition: SUSTransition?
    public var date: LocalDate
    public var registeredBy: Int64

    public init(
        id: Int64? = nil, personId: Int64, officeId: Int64, step: SUSStep, transition: SUSTransition? = nil,
        date: LocalDate, registeredBy: Int64
    ) {
        self.id = id
        self.personId = personId
        self.officeId = officeId
        self.step = step
        self.transition = transition
        self.date = date
        self.registeredBy = registeredBy
    }
}
