import Foundation

/// Where a report stands. Every change is kept as a ``StatusChange``.
public enum ReportStatus: String, Sendable, Codable, CaseIterable {
    /// Being filled in; saved as often as the author likes.
    case draft
    /// Submitted: has a case number and a receipt.
    case submitted
    /// Returned for completion (återremitterad) with the officer's comment.
    case returned
    /// Submitted again after a return.
    case resubmitted
    case approved
    /// A draft given up by its author.
    case withdrawn

    /// Statuses an officer has to act on.
    public static let awaitingReview: [ReportStatus] = [.submitted, .resubmitted]
    /// Statuses that count as "the report is in" for a period.
    public static let handedIn: [ReportStatus] = [.submitted, .resubmitted, .returned, .approved]
}

/// One change of a report's status: who, when, and the comment if any.
public struct StatusChange: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var reportId: Int64
    public var status: ReportStatus
    public var at: Date
    public var byUserId: Int64?
    /// `script:scripts/x.lua` when a script acted, for the audit trail.
    public var onBehalfOf: String?
    public var comment: String?

    public init(
        id: Int64? = nil, reportId: Int64, status: ReportStatus, at: Date, byUserId: Int64?, onBehalfOf: String? = nil,
        comment: String? = nil
    ) {
        self.id = id
        self.reportId = reportId
        self.status = status
        self.at = at
        self.byUserId = byUserId
        self.onBehalfOf = onBehalfOf
        self.comment = comment
    }
}

/// A report: the answers to one template, about one person (and enrolment), for one period or
/// event, with its status and, once submitted, its case number and receipt.
public struct Report: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var templateId: String
    public var templateVersion: Int
    /// The month reported on, for monthly reports.
    public var period: Period?
    /// The date of the event, for event reports (a deviation, an R1, a SUS registration).
    public var eventDate: LocalDate?
    public var personId: Int64
    public var enrolmentId: Int64?
    public var authorId: Int64
    public var answers: JSONValue
    public var status: ReportStatus
    /// Increases with every save: a save based on an older revision is refused.
    public var revision: Int
    public var caseNumber: String?
    /// SHA-256 (hex) of the canonical answers at submission.
    public var receiptHash: String?
    public var submittedAt: Date?
    public var submittedBy: Int64?
    /// Submitted after the template's window closed, where the template allows it.
    public var late: Bool
    public var createdAt: Date
    public var updatedAt: Date
    /// Copied from the enrolment, so that queues by organisation, office and provider are quick.
    public var responsibleOrganisationId: Int64?
    public var officeId: Int64?
    public var providerId: Int64?

    public init(
        id: Int64? = nil, templateId: String, templateVersion: Int, period: Period? = nil, eventDate: LocalDate? = nil,
        personId: Int64, enrolmentId: Int64? = nil, authorId: Int64, answers: JSONValue = .object([:]),
        status: ReportStatus = .draft, revision: Int = 1, caseNumber: String? = nil, receiptHash: String? = nil,
        submittedAt: Date? = nil, submittedBy: Int64? = nil, late: Bool = false, createdAt: Date, updatedAt: Date,
        responsibleOrganisationId: Int64? = nil, officeId: Int64? = nil, providerId: Int64? = nil
    ) {
        self.id = id
        self.templateId = templateId
        self.templateVersion = templateVersion
        self.period = period
        self.eventDate = eventDate
        self.personId = personId
        self.enrolmentId = enrolmentId
        self.authorId = authorId
        self.answers = answers
        self.status = status
        self.revision = revision
        self.caseNumber = caseNumber
        self.receiptHash = receiptHash
        self.submittedAt = submittedAt
        self.submittedBy = submittedBy
        self.late = late
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.responsibleOrganisationId = responsibleOrganisationId
        self.officeId = officeId
        self.providerId = providerId
    }
}

/// What a reporter gets when a report is submitted: "Ditt ärende är nu inskickat".
public struct Receipt: Sendable, Hashable, Codable {
    public var caseNumber: String
    public var submittedAt: Date
    /// The display name of who submitted.
    public var submittedBy: String
    public var templateId: String
    public var templateVersion: Int
    /// SHA-256 (hex) of the canonical answers.
    public var hash: String
}
