/// Why an enrolment ended.
public enum EndReason: String, Sendable, Codable, CaseIterable {
    /// Ran its planned course (avslutad).
    case completed
    /// Ended early by decision (avslutad i förtid).
    case endedEarly = "ended_early"
    /// Interrupted (avbruten).
    case interrupted
}

/// Where an enrolment stands.
public enum EnrolmentStatus: String, Sendable, Codable, CaseIterable {
    /// Decided, not yet started.
    case planned
    case active
    case ended
}

/// An extension of an enrolment beyond its planned end, by decision (one month at a time).
public struct Extension: Sendable, Hashable, Codable {
    public var decidedOn: LocalDate
    public var newPlannedEnd: LocalDate

    public init(decidedOn: LocalDate, newPlannedEnd: LocalDate) {
        self.decidedOn = decidedOn
        self.newPlannedEnd = newPlannedEnd
    }
}

/// A person's enrolment (insats) in a programme: who provides it, who is responsible, when.
public struct Enrolment: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var personId: Int64
    public var programmeId: Int64
    /// The municipality or agency responsible (whose officers see the participant).
    public var responsibleOrganisationId: Int64
    /// The office of the responsible organisation, when one is named.
    public var officeId: Int64?
    /// The provider delivering it, if any.
    public var providerId: Int64?
    /// The responsible officer (handläggare).
    public var officerId: Int64?
    /// The user who reports for it: the participant themself, or a contact person.
    public var reporterId: Int64?
    public var start: LocalDate
    public var plannedEnd: LocalDate?
    public var actualEnd: LocalDate?
    public var endReason: EndReason?
    public var extensions: [Extension]
    /// Local agreements, such as `{"sessions_per_month": 4}` for an LSS contact person.
    public var agreement: [String: JSONValue]

    public init(
        id: Int64? = nil, personId: Int64, programmeId: Int64, responsibleOrganisationId: Int64, officeId: Int64? = nil,
        providerId: Int64? = nil, officerId: Int64? = nil, reporterId: Int64? = nil, start: LocalDate,
        plannedEnd: LocalDate? = nil, actualEnd: LocalDate? = nil, endReason: EndReason? = nil,
        extensions: [Extension] = [], agreement: [String: JSONValue] = [:]
    ) {
        self.id = id
        self.personId = personId
        self.programmeId = programmeId
        self.responsibleOrganisationId = responsibleOrganisationId
        self.officeId = officeId
        self.providerId = providerId
        self.officerId = officerId
        self.reporterId = reporterId
        self.start = start
        self.plannedEnd = plannedEnd
        self.actualEnd = actualEnd
        self.endReason = endReason
        self.extensions = extensions
        self.agreement = agreement
    }

    /// The status on `date`: planned before the start, ended after the actual end.
    public func status(on date: LocalDate) -> EnrolmentStatus {
        if date < start { return .planned }
        if let end = actualEnd, date > end { return .ended }
        return .active
    }

    /// Whether the enrolment is active on some day of `period`.
    public func isActive(in period: Period) -> Bool {
        start <= period.lastDay && (actualEnd.map { $0 >= period.firstDay } ?? true)
    }

    /// The planned end with every extension applied.
    public var effectivePlannedEnd: LocalDate? {
        extensions.map(\.newPlannedEnd).max() ?? plannedEnd
    }
}
