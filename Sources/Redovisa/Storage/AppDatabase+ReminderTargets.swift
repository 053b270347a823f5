import Foundation
import GRDB

/// The set-based questions reminder rules ask (scripts/reminders/): each answers a rule's whole
/// target set in one query and one audit line, where asking enrolment by enrolment or report by
/// report took a transaction and an audit line each.
extension AppDatabase {
    /// A report returned for completion, with when it was returned last.
    public struct ReturnedReport: Sendable, Hashable, Encodable {
        public var report: Report
        /// The instant of its latest return, and that instant's day in Europe/Stockholm.
        public var returnedAt: Date
        public var returnedOn: LocalDate

        private enum CodingKeys: String, CodingKey { case returnedAt, returnedOn }

        /// The report's fields, with `returnedAt` and `returnedOn` beside them.
        public func encode(to encoder: any Encoder) throws {
            try report.encode(to: encoder)
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(returnedAt, forKey: .returnedAt)
            try container.encode(returnedOn, forKey: .returnedOn)
        }
    }

    /// The reports that `actor` may see that are returned for completion (and not resubmitted
    /// since), whose latest return was on a day (Europe/Stockholm) from `from` to `to`, by id.
    /// One audit line.
    ///
    /// ```swift
    /// let waiting = try database.returnedReports(from: LocalDate("2025-10-02")!, to: LocalDate("2025-10-04")!, as: system)
    /// ```
    public func returnedReports(from: LocalDate, to: LocalDate, as actor: Actor) throws(RedovisaError) -> [ReturnedReport] {
        try write { db in
            // A day in Stockholm is within a day of the same day in UTC: narrow in SQL, decide in Swift.
            let (low, high) = (from.adding(days: -1).description, to.adding(days: 2).description)
            // From the few reports in status returned (report_status_*), each its latest return
            // through statusChange_on_reportId; not through the whole history.
            let request: SQLRequest<Row> = """
                SELECT * FROM (
                    SELECT \(AccessFilter.reportColumns("r", actor)),
                    (SELECT MAX(s.at) FROM statusChange s WHERE s.reportId = r.id AND s.status = 'returned') AS returnedAtValue
                    FROM report r WHERE r.status = 'returned' AND \(AccessFilter.report("r", actor))
                ) WHERE returnedAtValue >= \(low) AND returnedAtValue < \(high)
                ORDER BY id
                """
            var found: [ReturnedReport] = []
            for row in try request.fetchAll(db) {
                guard let at: Date = row["returnedAtValue"] else { continue }
                let day = ReminderMoment(at).today
                if day >= from && day <= to { found.append(ReturnedReport(report: try Report(row: row), returnedAt: at, returnedOn: day)) }
            }
            try audit(db, actor, "list", "report", found.compactMap(\.report.id), detail: "återremitterade")
            return found
        }
    }

    /// How many reports wait for review by whom: the reports of one office whose enrolment has
    /// one responsible officer (or none).
    public struct ReviewCount: Sendable, Hashable, Encodable {
        public var officeId: Int64?
        public var officerId: Int64?
        public var count: Int
    }

    /// The reports for `period` that `actor` may see and that wait for review (submitted or
    /// resubmitted), counted by the report's office and the enrolment's responsible officer; the
    /// group with the newest report first. All of them, however many; one audit line listing them.
    public func awaitingReviewCounts(period: Period, as actor: Actor) throws(RedovisaError) -> [ReviewCount] {
        try write { db in
            let request: SQLRequest<Row> = """
                SELECT r.id, r.officeId, e.officerId FROM report r LEFT JOIN enrolment e ON e.id = r.enrolmentId
                WHERE r.period = \(period) AND r.status IN \(ReportStatus.awaitingReview) AND \(AccessFilter.report("r", actor))
                ORDER BY r.id DESC
                """
            var ids: [Int64] = [], counts: [ReviewCount] = []
            var index: [String: Int] = [:]
            for row in try request.fetchAll(db) {
                let office: Int64? = row[1], officer: Int64? = row[2]
                ids.append(row[0])
                let key = "\(office.map(String.init) ?? "-") \(officer.map(String.init) ?? "-")"
                if let at = index[key] {
                    counts[at].count += 1
                } else {
                    index[key] = counts.count
                    counts.append(ReviewCount(officeId: office, officerId: officer, count: 1))
                }
            }
            try audit(db, actor, "list", "report", ids, detail: "att granska \(period)")
            return counts
        }
    }

    /// The enrolments with ids among `ids` that `actor` may see, by id; the others are left out.
    /// One audit line.
    public func enrolments(ids: [Int64], as actor: Actor) throws(RedovisaError) -> [Enrolment] {
        try write { db in
            let unique = Array(Set(ids)).sorted()
            var found: [Enrolment] = []
            for start in stride(from: 0, to: unique.count, by: 500) {
                let part = unique[start..<min(start + 500, unique.count)]
                let request: SQLRequest<Enrolment> = """
                    SELECT e.* FROM enrolment e WHERE e.id IN \(part) AND \(AccessFilter.enrolment("e", actor)) ORDER BY e.id
                    """
                found += try request.fetchAll(db)
            }
            try audit(db, actor, "list", "enrolment", found.compactMap(\.id))
            return found
        }
    }

    /// Enrolments active on `date` that `actor` may see, of the programmes with the codes in
    /// `programmes` (any when empty), that started from `startedFrom` to `startedTo` (either
    /// open), by id. One audit line.
    public func activeEnrolments(
        on date: LocalDate, programmes: [String], startedFrom: LocalDate?, startedTo: LocalDate?, as actor: Actor
    ) throws(RedovisaError) -> [Enrolment] {
        try write { db in
            var conditions: [SQL] = [
                "e.start <= \(date)", "(e.actualEnd IS NULL OR e.actualEnd >= \(date))", AccessFilter.enrolment("e", actor),
            ]
            if !programmes.isEmpty { conditions.append("e.programmeId IN (SELECT id FROM programme WHERE code IN \(programmes))") }
            if let startedFrom { conditions.append("e.start >= \(startedFrom)") }
            if let startedTo { conditions.append("e.start <= \(startedTo)") }
            let request: SQLRequest<Enrolment> = "SELECT e.* FROM enrolment e WHERE \(conditions.joined(operator: .and)) ORDER BY e.id"
            let enrolments = try request.fetchAll(db)
            try audit(db, actor, "list", "enrolment", enrolments.compactMap(\.id))
            return enrolments
        }
    }
}
