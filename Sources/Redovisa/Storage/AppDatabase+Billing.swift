import Foundation
import GRDB

/// What a local agreement on payment (scripts/agreements/) reads: the customer-choice
/// programmes with their monthly amounts, the providers with their authorisations, and the
/// enrolments of a billing run with the reports that decide what is paid — their status, when
/// they were first submitted and when approved, as it stood on a given day. Answers are never
/// read here.
extension AppDatabase {
    /// Which enrolments a billing run looks at: those of customer-choice programmes that are
    /// active on some day of `activeFrom…activeTo`, and those with a report of one of
    /// `templates` approved on a day of `approvedFrom…approvedTo` (Europe/Stockholm) — a late
    /// approval pays an earlier month.
    public struct BillingQuery: Sendable {
        /// The first and last day an enrolment may be active on to be in the run.
        public var activeFrom: LocalDate
        public var activeTo: LocalDate
        /// The first and last day of approvals that bring an enrolment into the run.
        public var approvedFrom: LocalDate
        public var approvedTo: LocalDate
        /// The reports as they stood at the end of this day: later changes are not seen.
        public var asOf: LocalDate
        /// The templates whose reports decide payment (`nacka-manadsrapport`, `nacka-slutrapport`).
        public var templates: [String]

        /// A query; every part is required.
        public init(
            activeFrom: LocalDate, activeTo: LocalDate, approvedFrom: LocalDate, approvedTo: LocalDate, asOf: LocalDate,
            templates: [String]
        ) {
            self.activeFrom = activeFrom
            self.activeTo = activeTo
            self.approvedFrom = approvedFrom
            self.approvedTo = approvedTo
            self.asOf = asOf
            self.templates = templates
        }
    }

    /// One report as billing sees it: no answers, only where it stood.
    public struct BillingReport: Sendable, Hashable, Codable {
        public var id: Int64
        public var templateId: String
        /// The month reported on, for a monthly report.
        public var period: Period?
        /// The day of the event, for an event report (a final report: the end of the intervention).
        public var eventDate: LocalDate?
        /// The status at the end of the query's `asOf` day.
        public var status: ReportStatus
        /// The day (Europe/Stockholm) it was first submitted, if it was by `asOf`.
        public var submittedOn: LocalDate?
        /// The day it was first returned for completion, if it was by `asOf`.
        public var returnedOn: LocalDate?
        /// The day it was approved, if it was by `asOf`.
        public var approvedOn: LocalDate?
    }

    /// An enrolment of a billing run with its reports of the query's templates.
    public struct BillingEnrolment: Sendable, Hashable, Codable {
        public var enrolment: Enrolment
        /// Its reports of the query's templates, oldest first.
        public var reports: [BillingReport]
    }

    /// The enrolments of a billing run that `actor` may see, by id, each with its reports.
    /// Two audit lines: the enrolments and the reports listed.
    ///
    /// ```swift
    /// let rows = try database.billingEnrolments(.init(
    ///     activeFrom: LocalDate("2025-08-18")!, activeTo: LocalDate("2025-09-30")!,
    ///     approvedFrom: LocalDate("2025-09-16")!, approvedTo: LocalDate("2025-10-15")!,
    ///     asOf: LocalDate("2025-10-16")!, templates: ["nacka-manadsrapport", "nacka-slutrapport"]), as: actor)
    /// ```
    public func billingEnrolments(_ query: BillingQuery, as actor: Actor) throws(RedovisaError) -> [BillingEnrolment] {
        let from = Self.startOfDay(query.approvedFrom), to = Self.startOfDay(query.approvedTo.adding(days: 1))
        return try write { db in
            let condition = AccessFilter.enrolment("e", actor)
            let request: SQLRequest<Enrolment> = """
                SELECT e.* FROM enrolment e
                WHERE e.programmeId IN (SELECT id FROM programme WHERE customerChoice IS NOT NULL) AND \(condition)
                AND ((e.start <= \(query.activeTo) AND (e.actualEnd IS NULL OR e.actualEnd >= \(query.activeFrom)))
                  OR EXISTS (SELECT 1 FROM report r JOIN statusChange s ON s.reportId = r.id
                             WHERE r.enrolmentId = e.id AND r.templateId IN \(query.templates)
                             AND s.status = \(ReportStatus.approved) AND s.at >= \(from) AND s.at < \(to)))
                ORDER BY e.id
                """
            let enrolments = try request.fetchAll(db)
            let reports = try reportStates(db, enrolments: enrolments.compactMap(\.id), templates: query.templates, asOf: query.asOf)
            let reportIds = enrolments.flatMap { reports[$0.id!] ?? [] }.map(\.id)
            try audit(db, actor, "list", "enrolment", enrolments.compactMap(\.id), detail: "fakturering")
            try audit(db, actor, "list", "report", reportIds, detail: "fakturering")
            return enrolments.map { BillingEnrolment(enrolment: $0, reports: reports[$0.id!] ?? []) }
        }
    }

    /// The reports of `enrolments` (of `templates`, or of every template when nil) as they
    /// stood at the end of day `asOf`, by enrolment: each with its status then and the days it
    /// was first submitted and approved. A report made after `asOf` is left out.
    func reportStates(
        _ db: Database, enrolments: [Int64], templates: [String]?, asOf: LocalDate
    ) throws -> [Int64: [BillingReport]] {
        let endOfAsOf = Self.startOfDay(asOf.adding(days: 1))
        var reports: [Int64: [BillingReport]] = [:]
        // In slices, to stay well under SQLite's limit on bound values.
        for slice in stride(from: 0, to: enrolments.count, by: 500) {
            let ids = Array(enrolments[slice..<min(slice + 500, enrolments.count)])
            var arguments = StatementArguments(ids)
            var templateFilter = ""
            if let templates {
                templateFilter = "AND r.templateId IN (\(templates.map { _ in "?" }.joined(separator: ",")))"
                arguments += StatementArguments(templates)
            }
            arguments += [endOfAsOf]
            let rows = try Row.fetchAll(db, sql: """
                SELECT r.id, r.enrolmentId, r.templateId, r.period, r.eventDate, s.status, s.at
                FROM report r JOIN statusChange s ON s.reportId = r.id
                WHERE r.enrolmentId IN (\(ids.map { _ in "?" }.joined(separator: ","))) \(templateFilter)
                AND s.at < ?
                ORDER BY r.id, s.id
                """, arguments: arguments)
            var current: BillingReport?
            var currentEnrolment: Int64 = 0
            func flush() {
                if let report = current { reports[currentEnrolment, default: []].append(report) }
            }
            for row in rows {
                let id: Int64 = row[0]
                let status: ReportStatus = row[5]
                let day = LocalDate.today(at: row[6])
                if current?.id != id {
                    flush()
                    currentEnrolment = row[1]
                    current = BillingReport(id: id, templateId: row[2], period: row[3], eventDate: row[4], status: status)
                }
                current!.status = status
                if status == .submitted, current!.submittedOn == nil { current!.submittedOn = day }
                if status == .returned, current!.returnedOn == nil { current!.returnedOn = day }
                if status == .approved { current!.approvedOn = day }
            }
            flush()
        }
        return reports
    }

    /// The programmes of the customer choices (with a `customerChoice`), by code: what each pays
    /// per month and year. Not personal data, not audited.
    public func customerChoiceProgrammes() throws(RedovisaError) -> [Programme] {
        try read { db in try Programme.filter(Column("customerChoice") != nil).order(Column("code")).fetchAll(db) }
    }

    /// The providers, by code; with `choice`, only those authorised for that customer choice
    /// (on any date). Not personal data, not audited.
    public func providers(choice: String? = nil) throws(RedovisaError) -> [Organisation] {
        let all = try read { db in
            try Organisation.filter(Column("kind") == OrganisationKind.provider).order(Column("code")).fetchAll(db)
        }
        guard let choice else { return all }
        return all.filter { $0.authorisations.contains { $0.choice == choice } }
    }

    /// The instant Europe/Stockholm's day `date` begins.
    static func startOfDay(_ date: LocalDate) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Redovisa.timeZone
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day))!
    }
}
