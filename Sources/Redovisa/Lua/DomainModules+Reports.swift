import LuaHost

extension DomainModules {
    /// `reports`: reports and their history, as the run's user may see them, and the named
    /// operations that change them (see ``addReportChanges(to:)``).
    ///
    /// - `reports.get(id)` → Report
    /// - `reports.find{period=, status=, template=, enrolment=, office=, provider=, person=, limit=}` →
    ///   { Report, … }, newest first
    /// - `reports.history(id)` → { StatusChange, … }, oldest first
    /// - `reports.missing{period=, template=, programme=, limit=}` → { Enrolment, … }: who has not
    ///   handed in a report of `template` for `period`
    /// - `reports.awaiting_review{office=, limit=}` → { Report, … }, oldest submission first
    /// - `reports.awaiting_review_counts{period=}` → { {officeId, officerId, count}, … }: every
    ///   report of the period waiting for review, counted by office and responsible officer
    /// - `reports.returned{from=, to=}` → { Report with `returnedAt`, `returnedOn`, … } by id:
    ///   returned for completion, not resubmitted, last returned on a day from `from` to `to`
    public static var reports: LuaModule {
        var module = LuaModule("reports")
        module.function("get") { call in
            let id = try call.integer(1)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.report(id: id, as: domain.actor)
            }
        }
        module.function("find") { call in
            let options = try LuaOptions(
                call, allowed: ["period", "status", "template", "enrolment", "office", "provider", "person", "limit"])
            let domain = try domain(call)
            let query = AppDatabase.ReportQuery(
                period: try options.period("period"), statuses: try options.statuses("status"),
                templateId: try options.string("template"), enrolmentId: try options.integer("enrolment"),
                officeId: try options.office("office", in: domain),
                providerId: try options.organisation("provider", in: domain),
                personId: try options.integer("person"),
                limit: try options.count("limit", in: 1...10_000, default: 1000))
            return try perform(domain) { domain throws(RedovisaError) in
                try domain.database.reports(query, as: domain.actor)
            }
        }
        module.function("history") { call in
            let id = try call.integer(1)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.history(report: id, as: domain.actor)
            }
        }
        module.function("missing") { call in
            let options = try LuaOptions(call, allowed: ["period", "template", "programme", "limit"])
            let period = try options.required(try options.period("period"), "period")
            let template = try options.required(try options.string("template"), "template")
            let programme = try options.string("programme")
            let limit = try options.count("limit", in: 1...10_000, default: 10_000)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.missingReports(
                    period: period, templateId: template, programme: programme, as: domain.actor, limit: limit)
            }
        }
        module.function("awaiting_review") { call in
            let options = try LuaOptions(call, allowed: ["office", "limit"])
            let domain = try domain(call)
            let office = try options.office("office", in: domain) ?? defaultOffice(of: domain.actor)
            guard let office else {
                throw call.badArgument(
                    1, "option 'office' is required (an office id or \"ORGANISATION/OFFICE\") unless the user has an assignment in exactly one office")
            }
            let limit = try options.count("limit", in: 1...10_000, default: 1000)
            return try perform(domain) { domain throws(RedovisaError) in
                try domain.database.awaitingReview(office: office, as: domain.actor, limit: limit)
            }
        }
        module.function("awaiting_review_counts") { call in
            let options = try LuaOptions(call, allowed: ["period"])
            let period = try options.required(try options.period("period"), "period")
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.awaitingReviewCounts(period: period, as: domain.actor)
            }
        }
        module.function("returned") { call in
            let options = try LuaOptions(call, allowed: ["from", "to"])
            let from = try options.required(try options.date("from"), "from")
            let to = try options.date("to") ?? LocalDate(call.context.clock.today) ?? .today()
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.returnedReports(from: from, to: to, as: domain.actor)
            }
        }
        addReportChanges(to: &module)
        return module
    }

    /// The office of the user's only office assignment, or nil when they have none or several.
    private static func defaultOffice(of actor: Actor) -> Int64? {
        let offices = Set(actor.assignments.compactMap(\.officeId))
        return offices.count == 1 ? offices.first : nil
    }
}
