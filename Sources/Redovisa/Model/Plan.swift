/// The kinds of plan the seeds describe.
public enum PlanKind: String, Sendable, Codable, CaseIterable {
    /// Individuell utvecklingsplan (Rusta och matcha).
    case iup
    /// Gemensam planering (Rusta och matcha): due 5 working days after the start.
    case jointPlanning = "gemensam_planering"
    /// Genomförandeplan (Nacka): due 14 days after the start, approved within 5 working days.
    case implementationPlan = "genomforandeplan"
}

/// One planned activity: mandatory or optional, with its hours per week.
public struct PlanActivity: Sendable, Hashable, Codable {
    public var name: String
    public var mandatory: Bool
    public var hoursPerWeek: Double
    /// A goal the activity can be followed up against.
    public var goal: String?

    public init(name: String, mandatory: Bool, hoursPerWeek: Double, goal: String? = nil) {
        self.name = name
        self.mandatory = mandatory
        self.hoursPerWeek = hoursPerWeek
        self.goal = goal
    }
}

/// One version of a plan for an enrolment. A change makes a new version; old ones are kept.
public struct Plan: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var enrolmentId: Int64
    public var kind: PlanKind
    public var version: Int
    public var activities: [PlanActivity]
    public var createdAt: LocalDate
    public var submittedAt: LocalDate?
    public var approvedAt: LocalDate?

    public init(
        id: Int64? = nil, enrolmentId: Int64, kind: PlanKind, version: Int, activities: [PlanActivity],
        createdAt: LocalDate, submittedAt: LocalDate? = nil, approvedAt: LocalDate? = nil
    ) {
        self.id = id
        self.enrolmentId = enrolmentId
        self.kind = kind
        self.version = version
        self.activities = activities
        self.createdAt = createdAt
        self.submittedAt = submittedAt
        self.approvedAt = approvedAt
    }
}
