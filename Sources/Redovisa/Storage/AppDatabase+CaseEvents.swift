import Foundation
import GRDB

/// What has happened in one case that its deadlines depend on (seed 004, scripts/deadlines):
/// the actualisation and staffing, the decisions to adjust a plan, and the absences with the day
/// each was told to the officer.
public struct CaseEvents: Sendable, Hashable {
    /// The actualisation and, once staffed, the staffing day; nil: not actualised.
    public var staffing: Staffing?
    /// The decisions to adjust a plan, oldest first.
    public var adjustments: [PlanAdjustment]
    /// The absences, oldest first.
    public var absences: [Absence]

    public init(staffing: Staffing?, adjustments: [PlanAdjustment], absences: [Absence]) {
        self.staffing = staffing
        self.adjustments = adjustments
        self.absences = absences
    }
}

extension AppDatabase {
    /// The case events of enrolment `id`, if `actor` may see it. Audited: the enrolment's read
    /// and one line for the events (`read enrolment … händelser`).
    /// - Throws: ``RedovisaError/Code/notFound``, ``RedovisaError/noAssignment`` (audited).
    ///
    /// ```swift
    /// let events = try database.caseEvents(enrolment: id, as: officer)
    /// events.staffing?.staffedOn   // nil while the provider has not staffed it
    /// ```
    public func caseEvents(enrolment id: Int64, as actor: Actor) throws(RedovisaError) -> CaseEvents {
        _ = try enrolment(id: id, as: actor)
        return try audited { db, lines in
            let events = CaseEvents(
                staffing: try Staffing.fetchOne(db, key: id),
                adjustments: try PlanAdjustment.filter(Column("enrolmentId") == id).order(Column("decidedOn"), Column("id")).fetchAll(db),
                absences: try Absence.filter(Column("enrolmentId") == id).order(Column("from"), Column("id")).fetchAll(db))
            audit(lines, actor, "read", "enrolment", [id], detail: "händelser")
            return events
        }
    }
}
