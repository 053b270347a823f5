import Foundation

/// What a template's rules get to know about the report being checked (`ctx` in Lua): today's
/// date, the period or event, and the ids through which `ctx.enrolment`, `ctx.person`,
/// `ctx.plan` and `ctx.earlier_reports` reach the domain.
public struct TemplateContext: Sendable, Hashable, Encodable {
    public var today: LocalDate
    public var period: Period?
    public var eventDate: LocalDate?
    public var reportId: Int64?
    public var personId: Int64?
    public var enrolmentId: Int64?
    /// The report's status, when it exists (`draft`, `returned`, …).
    public var status: ReportStatus?
    /// The roles of the user filling in or checking the report (`ctx.roles`), and their id.
    public var roles: [Role]
    public var userId: Int64?

    public init(
        today: LocalDate, period: Period? = nil, eventDate: LocalDate? = nil, reportId: Int64? = nil,
        personId: Int64? = nil, enrolmentId: Int64? = nil, status: ReportStatus? = nil, roles: [Role] = [],
        userId: Int64? = nil
    ) {
        self.roles = roles
        self.userId = userId
        self.today = today
        self.period = period
        self.eventDate = eventDate
        self.reportId = reportId
        self.personId = personId
        self.enrolmentId = enrolmentId
        self.status = status
    }

    /// The context of a stored report, on `today`.
    public init(report: Report, today: LocalDate) {
        self.init(
            today: today, period: report.period, eventDate: report.eventDate, reportId: report.id,
            personId: report.personId, enrolmentId: report.enrolmentId, status: report.status)
    }

    /// The same context, for `actor` (their roles and id in `ctx.roles`, `ctx.user_id`).
    public func acting(_ actor: Actor) -> TemplateContext {
        var copy = self
        copy.roles = actor.user.map { Array($0.roles).sorted { $0.rawValue < $1.rawValue } } ?? []
        copy.userId = actor.userId
        return copy
    }

    enum CodingKeys: String, CodingKey {
        case today, period, status, roles
        case eventDate = "event_date", reportId = "report_id", personId = "person_id", enrolmentId = "enrolment_id",
            userId = "user_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(today.description, forKey: .today)
        try container.encodeIfPresent(period?.description, forKey: .period)
        try container.encodeIfPresent(eventDate?.description, forKey: .eventDate)
        try container.encodeIfPresent(reportId, forKey: .reportId)
        try container.encodeIfPresent(personId, forKey: .personId)
        try container.encodeIfPresent(enrolmentId, forKey: .enrolmentId)
        try container.encodeIfPresent(status?.rawValue, forKey: .status)
        try container.encode(roles.map(\.rawValue), forKey: .roles)
        try container.encodeIfPresent(userId, forKey: .userId)
    }
}

/// The verdict of a template on a set of answers (`form.check`).
public struct TemplateCheck: Sendable, Hashable, Decodable {
    /// True when nothing blocks submission (warnings never do).
    public var valid: Bool
    /// What blocks submission, in form order, then the template's cross-field rules.
    public var errors: [FieldProblem]
    /// What the author should look at, but may submit anyway.
    public var warnings: [FieldProblem]
    /// The paths of the fields shown for these answers.
    public var visible: [String]
    /// The paths of the shown fields that must be answered, given these answers (forms star them).
    public var required: [String]
    /// The values of computed fields, by path.
    public var computed: [String: JSONValue]
    /// The text of each shown `form.info` field whose text the template computes, by path.
    public var texts: [String: String]
    /// The answers as they are stored on submission: hidden and unknown fields dropped, text
    /// trimmed, computed values filled in.
    public var answers: JSONValue

    enum CodingKeys: String, CodingKey {
        case valid, errors, warnings, visible, required, computed, texts, answers
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        valid = try container.decode(Bool.self, forKey: .valid)
        errors = try container.decode([FieldProblem].self, forKey: .errors)
        warnings = try container.decode([FieldProblem].self, forKey: .warnings)
        visible = try container.decodeIfPresent([String].self, forKey: .visible) ?? []
        required = try container.decodeIfPresent([String].self, forKey: .required) ?? []
        computed = try container.decodeIfPresent([String: JSONValue].self, forKey: .computed) ?? [:]
        texts = try container.decodeIfPresent([String: String].self, forKey: .texts) ?? [:]
        answers = try container.decode(JSONValue.self, forKey: .answers)
    }

    /// The JSON the CLI prints, in this order:
    /// `{"valid": …, "errors": [{"field": …, "message": …}], "warnings": […]}`.
    public var verdictText: String {
        func list(_ problems: [FieldProblem]) -> String {
            if problems.isEmpty { return "[]" }
            let rows = problems.map { problem in
                "    {\"field\": \(JSONValue.string(problem.field).canonicalText), \"message\": \(JSONValue.string(problem.message).canonicalText)}"
            }
            return "[\n" + rows.joined(separator: ",\n") + "\n  ]"
        }
        return "{\n  \"valid\": \(valid),\n  \"errors\": \(list(errors)),\n  \"warnings\": \(list(warnings))\n}"
    }
}

/// One row of the preview before submission: the step, the field's path, its label and the
/// answer as text ("Ja, alla", "1,5 timmar", "–").
public struct SummaryRow: Sendable, Hashable, Codable {
    public var step: Int
    public var field: String
    public var label: String
    public var value: String

    public init(step: Int, field: String, label: String, value: String) {
        self.step = step
        self.field = field
        self.label = label
        self.value = value
    }
}

/// When a report may be submitted, by its template: from `opens` to `closes` (both inclusive,
/// Swedish dates); after that only if `late` is allowed, and then flagged.
public struct SubmissionWindow: Sendable, Hashable, Codable {
    public var opens: LocalDate
    public var closes: LocalDate
    public var late: Bool

    public init(opens: LocalDate, closes: LocalDate, late: Bool) {
        self.opens = opens
        self.closes = closes
        self.late = late
    }

    /// Whether `day` is too early, in time, or late.
    public func position(of day: LocalDate) -> Position {
        if day < opens { return .early }
        if day > closes { return .late }
        return .open
    }

    public enum Position: Sendable { case early, open, late }
}
