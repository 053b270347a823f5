import Foundation

/// When a customer-choice case was actualised (queued at the provider) and when the provider
/// staffed it — the same day or the next weekday (DOMAIN.md §5, the process clock). One per
/// enrolment.
public struct Staffing: Sendable, Hashable, Codable {
    public var enrolmentId: Int64
    /// Day 1: the case is queued at the provider.
    public var actualisedOn: LocalDate
    /// The day the provider staffed the case and told the officer, once it has.
    public var staffedOn: LocalDate?

    public init(enrolmentId: Int64, actualisedOn: LocalDate, staffedOn: LocalDate? = nil) {
        self.enrolmentId = enrolmentId
        self.actualisedOn = actualisedOn
        self.staffedOn = staffedOn
    }
}

/// A decision to adjust a plan (the officer's, after a follow-up): the provider revises the plan
/// within 5 working days (DOMAIN.md §5). The revision is the plan's next version.
public struct PlanAdjustment: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var enrolmentId: Int64
    public var kind: PlanKind
    public var decidedOn: LocalDate
    /// The user who recorded the decision.
    public var decidedBy: Int64?

    public init(id: Int64? = nil, enrolmentId: Int64, kind: PlanKind, decidedOn: LocalDate, decidedBy: Int64? = nil) {
        self.id = id
        self.enrolmentId = enrolmentId
        self.kind = kind
        self.decidedOn = decidedOn
        self.decidedBy = decidedBy
    }
}

/// A personal-data incident (personuppgiftsincident) in an organisation: reported within 72 hours
/// of its discovery (DOMAIN.md §5, data protection). The description is short and names no one.
public struct Incident: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var organisationId: Int64
    public var discoveredAt: Date
    /// When it was reported, once it has been.
    public var reportedAt: Date?
    /// What happened, without personal data ("Månadsrapport skickad till fel handläggare").
    public var description: String
    public var registeredBy: Int64?

    /// The longest description accepted.
    public static let maximumDescription = 200

    public init(
        id: Int64? = nil, organisationId: Int64, discoveredAt: Date, reportedAt: Date? = nil, description: String,
        registeredBy: Int64? = nil
    ) {
        self.id = id
        self.organisationId = organisationId
        self.discoveredAt = discoveredAt
        self.reportedAt = reportedAt
        self.description = description
        self.registeredBy = registeredBy
    }
}
