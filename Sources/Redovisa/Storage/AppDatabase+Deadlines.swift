import Foundation
import GRDB

/// What the deadline rules (scripts/deadlines/) read: the enrolments of an organisation — as the
/// responsible municipality or agency, or as the provider — with what has been done for them and
/// when: reports (status, days submitted and approved), plan versions (days created, submitted,
/// approved), absences, decisions to adjust a plan and the days the case was actualised and
/// staffed; and the organisation's personal-data incidents. As it stood at the end of a given day;
/// answers are never read.
extension AppDatabase {
    /// One version of a plan as the deadline rules see it: its days, not its activities.
    public struct PlanState: Sendable, Hashable, Codable {
        public var kind: PlanKind
        /// 1 for the first version, one higher for each revision.
        public var version: Int
        public var createdAt: LocalDate
        /// The days it was submitted and approved, if it was by the query's `asOf`.
        public var submittedAt: LocalDate?
        public var approvedAt: LocalDate?
    }

    /// An enrolment with everything the deadline rules look at.
    public struct DeadlineEnrolment: Sendable, Hashable, Codable {
        public var enrolment: Enrolment
        /// The programme's code (`FAI1`, `etablering`, `rom`) and customer choice, if any.
        public var programme: String
        public var customerChoice: String?
        /// Its reports of every template, oldest first, without answers.
        public var reports: [BillingReport]
        /// Every version of every plan, oldest first.
        public var plans: [PlanState]
        /// Its absences that had begun by the query's `asOf`, by first day (`reportedOn` only if
        /// it was by `asOf`).
        public var absences: [Absence]
        /// The day the case was actualised at the provider and the day the provider staffed it,
        /// if they were by `asOf`.
        public var actualisedOn: LocalDate?
        public var staffedOn: LocalDate?
        /// The decisions to adjust a plan taken by `asOf`, oldest first.
        public var adjustments: [PlanAdjustmentState]
    }

    /// A decision to adjust a plan as the deadline rules see it.
    public struct PlanAdjustmentState: Sendable, Hashable, Codable {
        public var kind: PlanKind
        public var decidedOn: LocalDate
    }

    /// A personal-data incident as the deadline rules see it: times are Stockholm local time to
    /// the minute (`2025-10-03 14:05`).
    public struct DeadlineIncident: Sendable, Hashable, Codable {
        public var id: Int64
        public var organisation: Int64
        /// `anordnare`, `kommun` or `myndighet`.
        public var organisationKind: String
        public var discoveredAt: String
        /// When it was reported, if it was by the end of `asOf`.
        public var reportedAt: String?
        public var description: String
    }

    /// The enrolments of organisation `organisationId` (responsible for them, or providing them)
    /// that are active on some day of `activeFrom…activeTo` (or not started yet but actualised by
    /// `activeTo`, for the staffing deadline) and that `actor` may see, by id;
    /// with their reports, plans and absences as they stood at the end of day `asOf`. One audit
    /// line for the enrolments, one for the reports.
    ///
    /// ```swift
    /// let nacka = try database.organisation(code: "nacka")!
    /// let rows = try database.deadlineEnrolments(
    ///     organisation: nacka.id!, activeFrom: LocalDate("2025-07-16")!, activeTo: LocalDate("2025-10-14")!,
    ///     asOf: LocalDate("2025-10-14")!, as: officer)
    /// ```
    public func deadlineEnrolments(
        organisation organisationId: Int64, activeFrom: LocalDate, activeTo: LocalDate, asOf: LocalDate, as actor: Actor
    ) throws(RedovisaError) -> [DeadlineEnrolment] {
        try write { db in
            let condition = AccessFilter.enrolment("e", actor)
            let request: SQLRequest<Row> = """
                SELECT e.*, p.code AS programmeCode, p.customerChoice AS programmeChoice
                FROM enrolment e JOIN programme p ON p.id = e.programmeId
                WHERE (e.responsibleOrganisationId = \(organisationId) OR e.providerId = \(organisationId))
                AND (e.start <= \(activeTo) OR e.id IN (SELECT enrolmentId FROM staffing WHERE actualisedOn <= \(activeTo)))
                AND (e.actualEnd IS NULL OR e.actualEnd >= \(activeFrom)) AND \(condition)
                ORDER BY e.id
                """
            let rows = try request.fetchAll(db)
            let enrolments = try rows.map { try Enrolment(row: $0) }
            let ids = enrolments.compactMap(\.id)
            let reports = try reportStates(db, enrolments: ids, templates: nil, asOf: asOf)
            var plans: [Int64: [PlanState]] = [:]
            var absences: [Int64: [Absence]] = [:]
            var staffing: [Int64: Staffing] = [:]
            var adjustments: [Int64: [PlanAdjustmentState]] = [:]
            for slice in stride(from: 0, to: ids.count, by: 500) {
                let part = Array(ids[slice..<min(slice + 500, ids.count)])
                let marks = part.map { _ in "?" }.joined(separator: ",")
                for row in try Row.fetchAll(db, sql: """
                    SELECT enrolmentId, kind, version, createdAt, submittedAt, approvedAt FROM plan
                    WHERE enrolmentId IN (\(marks)) AND createdAt <= ? ORDER BY enrolmentId, version
                    """, arguments: StatementArguments(part) + [asOf]) {
                    let submitted: LocalDate? = row[4], approved: LocalDate? = row[5]
                    plans[row[0], default: []].append(PlanState(
                        kind: row[1], version: row[2], createdAt: row[3],
                        submittedAt: submitted.flatMap { $0 <= asOf ? $0 : nil },
                        approvedAt: approved.flatMap { $0 <= asOf ? $0 : nil }))
                }
                for absence in try Absence.filter(part.contains(Column("enrolmentId")) && Column("from") <= asOf)
                    .order(Column("enrolmentId"), Column("from")).fetchAll(db) {
                    var seen = absence
                    if let reported = absence.reportedOn, reported > asOf { seen.reportedOn = nil }
                    absences[absence.enrolmentId, default: []].append(seen)
                }
                for row in try Staffing.filter(part.contains(Column("enrolmentId")) && Column("actualisedOn") <= asOf).fetchAll(db) {
                    var seen = row
                    if let staffed = row.staffedOn, staffed > asOf { seen.staffedOn = nil }
                    staffing[row.enrolmentId] = seen
                }
                for adjustment in try PlanAdjustment.filter(part.contains(Column("enrolmentId")) && Column("decidedOn") <= asOf)
                    .order(Column("enrolmentId"), Column("decidedOn"), Column("id")).fetchAll(db) {
                    adjustments[adjustment.enrolmentId, default: []].append(
                        PlanAdjustmentState(kind: adjustment.kind, decidedOn: adjustment.decidedOn))
                }
            }
            try audit(db, actor, "list", "enrolment", ids, detail: "frister")
            try audit(db, actor, "list", "report", ids.flatMap { reports[$0] ?? [] }.map(\.id), detail: "frister")
            return zip(enrolments, rows).map { enrolment, row in
                DeadlineEnrolment(
                    enrolment: enrolment, programme: row["programmeCode"], customerChoice: row["programmeChoice"],
                    reports: reports[enrolment.id!] ?? [], plans: plans[enrolment.id!] ?? [],
                    absences: absences[enrolment.id!] ?? [], actualisedOn: staffing[enrolment.id!]?.actualisedOn,
                    staffedOn: staffing[enrolment.id!]?.staffedOn, adjustments: adjustments[enrolment.id!] ?? [])
            }
        }
    }

    /// The personal-data incidents of organisation `organisationId` discovered by the end of day
    /// `asOf` (Stockholm), by discovery, as `actor` may see them: someone with an assignment in
    /// the organisation (or an administrator, the system); for anyone else, none. One audit line.
    ///
    /// ```swift
    /// let open = try database.deadlineIncidents(organisation: provider.id!, asOf: LocalDate("2025-10-14")!, as: staff)
    /// ```
    public func deadlineIncidents(organisation organisationId: Int64, asOf: LocalDate, as actor: Actor) throws(RedovisaError) -> [DeadlineIncident] {
        guard actor.seesEveryone || actor.assignments.contains(where: { $0.organisationId == organisationId }) else { return [] }
        let end = Self.startOfDay(asOf.adding(days: 1))
        return try write { db in
            guard let organisation = try Organisation.fetchOne(db, key: organisationId) else { return [] }
            let incidents = try Incident.filter(Column("organisationId") == organisationId && Column("discoveredAt") < end)
                .order(Column("discoveredAt"), Column("id")).fetchAll(db)
            try audit(db, actor, "list", "incident", incidents.compactMap(\.id), detail: "frister")
            return incidents.map { incident in
                DeadlineIncident(
                    id: incident.id!, organisation: organisationId, organisationKind: organisation.kind.rawValue,
                    discoveredAt: LocalDate.stockholmTime(incident.discoveredAt),
                    reportedAt: incident.reportedAt.flatMap { $0 < end ? LocalDate.stockholmTime($0) : nil },
                    description: incident.description)
            }
        }
    }
}
