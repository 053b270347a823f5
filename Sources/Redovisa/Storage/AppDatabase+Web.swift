import Foundation
import GRDB

/// What the web pages ask beyond the lifecycle and queue methods: who logs in, names for lists,
/// the officer's comments on returned reports, and the counts of a period's dashboard. Every read
/// of personal data goes through ``AccessFilter`` and is audited.
extension AppDatabase {
    /// The user whose person has `personnummer` (a reporter logging in with e-legitimation), with
    /// their assignments, acting through `via`. The login is audited as `login` on the user.
    /// - Throws: ``RedovisaError/Code/notFound`` when no user is linked to that personnummer.
    public func actor(personnummer: Personnummer, via: String) throws(RedovisaError) -> Actor {
        try write { db in
            let request: SQLRequest<User> = """
                SELECT u.* FROM user u JOIN person p ON p.id = u.personId WHERE p.personnummer = \(personnummer)
                """
            guard let user = try request.fetchOne(db) else {
                throw RedovisaError(.notFound, "Det finns inget konto för dig i Redovisa.")
            }
            let assignments = try Assignment.filter(Column("userId") == user.id).fetchAll(db)
            let actor = Actor(user: user, assignments: assignments, via: via)
            try audit(db, actor, "login", "user", [user.id!])
            return actor
        }
    }

    /// Records that `actor` logged in (a login by username, such as the demo login).
    public func recordLogin(_ actor: Actor, method: String) throws(RedovisaError) {
        try write { db in try audit(db, actor, "login", "user", [actor.userId ?? 0], detail: method) }
    }

    /// The people `ids` that `actor` may see, masked as needed, by id; the others are left out.
    /// One audit line lists those returned.
    public func people(ids: [Int64], as actor: Actor) throws(RedovisaError) -> [Int64: PersonView] {
        guard !ids.isEmpty else { return [:] }
        return try audited { db, lines in
            let condition = AccessFilter.enrolment("e", actor)
            let unique = Array(Set(ids))
            let request: SQLRequest<Person> = """
                SELECT * FROM person p WHERE p.id IN \(unique) AND (\(actor.seesEveryone) OR p.id = \(actor.user?.personId ?? -1)
                   OR EXISTS (SELECT 1 FROM enrolment e WHERE e.personId = p.id AND \(condition)))
                """
            let people = try request.fetchAll(db)
            audit(lines, actor, "list", "person", people.compactMap(\.id).sorted())
            return Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0.view(for: actor)) })
        }
    }

    /// Display names of users (staff and reporters who acted on reports), by id. Names of staff
    /// are not protected personal data in this register; no audit line.
    public func userNames(ids: [Int64]) throws(RedovisaError) -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let request: SQLRequest<Row> = "SELECT id, displayName FROM user WHERE id IN \(Array(Set(ids)))"
            return Dictionary(uniqueKeysWithValues: try request.fetchAll(db).map { ($0[0] as Int64, $0[1] as String) })
        }
    }

    /// The latest status change with a comment for each of `reportIds` that `actor` may see
    /// (the officer's comment on a returned report). One audit line.
    public func latestComments(reports reportIds: [Int64], as actor: Actor) throws(RedovisaError) -> [Int64: StatusChange] {
        guard !reportIds.isEmpty else { return [:] }
        return try audited { db, lines in
            let condition = AccessFilter.report("r", actor)
            let request: SQLRequest<StatusChange> = """
                SELECT s.* FROM statusChange s JOIN report r ON r.id = s.reportId
                WHERE s.reportId IN \(Array(Set(reportIds))) AND s.comment IS NOT NULL AND \(condition)
                ORDER BY s.id
                """
            var latest: [Int64: StatusChange] = [:]
            for change in try request.fetchAll(db) { latest[change.reportId] = change }
            audit(lines, actor, "read", "statusChange", latest.keys.sorted(), detail: "kommentarer")
            return latest
        }
    }

    /// The template ids of the reports in the database (for filter choices; no personal data).
    public func reportTemplateIds() throws(RedovisaError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT templateId FROM report ORDER BY templateId") }
    }

    /// The periods that have reports, newest first (for filter choices; no personal data).
    public func reportPeriods() throws(RedovisaError) -> [Period] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT period FROM report WHERE period IS NOT NULL ORDER BY period DESC")
                .compactMap(Period.init)
        }
    }

    /// Every programme, by id (names for the pages; no personal data).
    public func programmesById() throws(RedovisaError) -> [Int64: Programme] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Programme.fetchAll(db).compactMap { p in p.id.map { ($0, p) } })
        }
    }

    /// Report `id` and the person it is about, as ``report(id:as:)`` and ``people(ids:as:)`` give
    /// them, read in one transaction (a report's form page needs both on every view): the same
    /// access rule, masking and audit lines, one read instead of two.
    /// - Throws: ``RedovisaError/Code/notFound``, or ``RedovisaError/Code/accessDenied`` with the
    ///   SUS message (audited as `denied`).
    public func reportWithPerson(id: Int64, as actor: Actor) throws(RedovisaError) -> (report: Report, person: PersonView?) {
        let result: Result<(Report, PersonView?), RedovisaError> = try audited { db, lines in
            guard try visibleReport(db, id, actor, lines) != nil else { return .failure(RedovisaError.noAssignment) }
            let request = SQLRequest<Report>(
                literal: "SELECT \(AccessFilter.reportColumns("r", actor)) FROM report r WHERE r.id = \(id)", cached: true)
            let report = try request.fetchOne(db)!
            audit(lines, actor, "read", "report", [id])
            guard try AccessFilter.maySee(person: report.personId, actor, in: db),
                let person = try SQLRequest<Person>(literal: "SELECT * FROM person WHERE id = \(report.personId)", cached: true)
                    .fetchOne(db)
            else { return .success((report, nil)) }
            audit(lines, actor, "list", "person", [report.personId])
            return .success((report, person.view(for: actor)))
        }
        return try result.get()
    }

    /// The templates that reports of programme `programmeId` use, the most used first: which
    /// report a new one for an enrolment of the programme usually is. Read from the reports of
    /// at most 200 of its newest enrolments, so the answer stays quick on a large register
    /// (template ids and counts only, no personal data).
    public func templates(programme programmeId: Int64) throws(RedovisaError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT r.templateId FROM report r
                WHERE r.enrolmentId IN (SELECT id FROM enrolment WHERE programmeId = ? ORDER BY start DESC LIMIT 200)
                GROUP BY r.templateId ORDER BY COUNT(*) DESC, r.templateId
                """, arguments: [programmeId])
        }
    }

    /// A period's reports in numbers, as `actor` may see them.
    public struct PeriodSummary: Sendable, Equatable {
        public var period: Period
        /// Reports by status (statuses with none are left out).
        public var byStatus: [ReportStatus: Int]
        /// Reports handed in (submitted, resubmitted, returned or approved).
        public var handedIn: Int
        /// Of those, the ones handed in on time (not late).
        public var onTime: Int

        /// The share handed in on time, 0…1; nil when nothing is handed in.
        public var onTimeRate: Double? { handedIn == 0 ? nil : Double(onTime) / Double(handedIn) }
    }

    /// Counts of period `period`'s reports by status and the on-time rate, over the reports
    /// `actor` may see, optionally of one template and one provider. Audited as one line.
    public func summary(
        period: Period, templateId: String? = nil, providerId: Int64? = nil, as actor: Actor
    ) throws(RedovisaError) -> PeriodSummary {
        try audited { db, lines in
            var conditions: [SQL] = ["r.period = \(period)", AccessFilter.report("r", actor)]
            if let templateId { conditions.append("r.templateId = \(templateId)") }
            if let providerId { conditions.append("r.providerId = \(providerId)") }
            let request: SQLRequest<Row> = """
                SELECT r.status, COUNT(*), SUM(r.late) FROM report r WHERE \(conditions.joined(operator: .and))
                GROUP BY r.status
                """
            var summary = PeriodSummary(period: period, byStatus: [:], handedIn: 0, onTime: 0)
            for row in try request.fetchAll(db) {
                guard let status = ReportStatus(rawValue: row[0]) else { continue }
                let count: Int = row[1]
                let late: Int = row[2] ?? 0
                summary.byStatus[status] = count
                if ReportStatus.handedIn.contains(status) {
                    summary.handedIn += count
                    summary.onTime += count - late
                }
            }
            audit(lines, actor, "list", "report", [], detail: "översikt \(period)")
            return summary
        }
    }
}
