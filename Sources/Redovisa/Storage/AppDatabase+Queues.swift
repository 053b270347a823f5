import GRDB

/// The questions officers and scripts ask of many reports at once.
extension AppDatabase {
    /// What to look for among reports; every part is optional.
    public struct ReportQuery: Sendable {
        public var period: Period?
        public var statuses: [ReportStatus]
        public var templateId: String?
        public var enrolmentId: Int64?
        public var officeId: Int64?
        public var providerId: Int64?
        /// The person the reports are about.
        public var personId: Int64?
        public var limit: Int

        public init(
            period: Period? = nil, statuses: [ReportStatus] = [], templateId: String? = nil, enrolmentId: Int64? = nil,
            officeId: Int64? = nil, providerId: Int64? = nil, personId: Int64? = nil, limit: Int = 1000
        ) {
            self.personId = personId
            self.period = period
            self.statuses = statuses
            self.templateId = templateId
            self.enrolmentId = enrolmentId
            self.officeId = officeId
            self.providerId = providerId
            self.limit = limit
        }
    }

    /// The reports matching `query` that `actor` may see, newest first. One audit line.
    public func reports(_ query: ReportQuery, as actor: Actor) throws(RedovisaError) -> [Report] {
        try audited { db, lines in
            var conditions: [SQL] = [AccessFilter.report("r", actor)]
            if let period = query.period { conditions.append("r.period = \(period)") }
            if !query.statuses.isEmpty { conditions.append("r.status IN \(query.statuses)") }
            if let template = query.templateId { conditions.append("r.templateId = \(template)") }
            if let enrolment = query.enrolmentId { conditions.append("r.enrolmentId = \(enrolment)") }
            if let office = query.officeId { conditions.append("r.officeId = \(office)") }
            if let provider = query.providerId { conditions.append("r.providerId = \(provider)") }
            if let person = query.personId { conditions.append("r.personId = \(person)") }
            let request: SQLRequest<Report> = """
                SELECT \(AccessFilter.reportColumns("r", actor)) FROM report r WHERE \(conditions.joined(operator: .and))
                ORDER BY r.id DESC LIMIT \(query.limit)
                """
            let reports = try request.fetchAll(db)
            audit(lines, actor, "list", "report", reports.compactMap(\.id))
            return reports
        }
    }

    /// Reports waiting for review in office `officeId` (submitted or resubmitted), oldest first.
    public func awaitingReview(office officeId: Int64, as actor: Actor, limit: Int = 1000) throws(RedovisaError) -> [Report] {
        try audited { db, lines in
            let condition = AccessFilter.report("r", actor)
            let request: SQLRequest<Report> = """
                SELECT \(AccessFilter.reportColumns("r", actor)) FROM report r
                WHERE r.status IN \(ReportStatus.awaitingReview) AND r.officeId = \(officeId) AND \(condition)
                ORDER BY r.submittedAt LIMIT \(limit)
                """
            let reports = try request.fetchAll(db)
            audit(lines, actor, "list", "report", reports.compactMap(\.id), detail: "att granska")
            return reports
        }
    }

    /// Enrolments active in `period` (of `programme`, by code) that have no report of template
    /// `templateId` handed in for it — who has not submitted. Drafts do not count as handed in.
    public func missingReports(
        period: Period, templateId: String, programme: String? = nil, as actor: Actor, limit: Int = 10_000
    ) throws(RedovisaError) -> [Enrolment] {
        try audited { db, lines in
            let condition = AccessFilter.enrolment("e", actor)
            let programmeFilter: SQL = programme.map { "AND e.programmeId = (SELECT id FROM programme WHERE code = \($0))" } ?? ""
            let request: SQLRequest<Enrolment> = """
                SELECT e.* FROM enrolment e
                WHERE e.start <= \(period.lastDay) AND (e.actualEnd IS NULL OR e.actualEnd >= \(period.firstDay))
                \(programmeFilter) AND \(condition)
                AND NOT EXISTS (
                    SELECT 1 FROM report r
                    WHERE r.period = \(period) AND r.templateId = \(templateId) AND r.enrolmentId = e.id
                    AND +r.status IN \(ReportStatus.handedIn)) -- "+": one seek, status read off report_period_status
                ORDER BY e.id LIMIT \(limit)
                """
            let enrolments = try request.fetchAll(db)
            audit(lines, actor, "list", "enrolment", enrolments.compactMap(\.id), detail: "saknar rapport \(period)")
            return enrolments
        }
    }
}
