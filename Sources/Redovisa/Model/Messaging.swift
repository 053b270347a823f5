import Foundation

/// A conversation about one case (report) between its reporter and the officers.
public struct MessageThread: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var reportId: Int64
    public var subject: String
    public var createdAt: Date

    public init(id: Int64? = nil, reportId: Int64, subject: String, createdAt: Date) {
        self.id = id
        self.reportId = reportId
        self.subject = subject
        self.createdAt = createdAt
    }
}

/// One message in a thread.
public struct Message: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var threadId: Int64
    public var authorId: Int64
    public var body: String
    public var sentAt: Date

    public init(id: Int64? = nil, threadId: Int64, authorId: Int64, body: String, sentAt: Date) {
        self.id = id
        self.threadId = threadId
        self.authorId = authorId
        self.body = body
        self.sentAt = sentAt
    }
}

/// A channel notifications go out through.
public enum DeliveryChannel: String, Sendable, Codable, CaseIterable {
    case inApp = "in_app"
    case email = "epost"
    case sms
}

/// Where an outbox message stands.
public enum DeliveryStatus: String, Sendable, Codable, CaseIterable {
    case pending, sent, failed
}

/// A notification waiting to go out, or gone: in-app, e-mail or SMS, retried with backoff.
public struct OutboxMessage: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var channel: DeliveryChannel
    public var recipientUserId: Int64?
    public var recipientPersonId: Int64?
    public var subject: String
    public var body: String
    /// A path in the web service to follow (`/rapporter/123`), never with personal data.
    public var link: String?
    public var status: DeliveryStatus
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var lastError: String?
    public var createdAt: Date
    /// The reminder rule that made it (`lss-kontaktperson`), or nil for other notifications.
    public var rule: String?
    /// When it went out (for in-app: when it reached the inbox).
    public var sentAt: Date?

    public init(
        id: Int64? = nil, channel: DeliveryChannel, recipientUserId: Int64? = nil, recipientPersonId: Int64? = nil,
        subject: String, body: String, link: String? = nil, status: DeliveryStatus = .pending, attempts: Int = 0,
        nextAttemptAt: Date? = nil, lastError: String? = nil, createdAt: Date, rule: String? = nil, sentAt: Date? = nil
    ) {
        self.id = id
        self.channel = channel
        self.recipientUserId = recipientUserId
        self.recipientPersonId = recipientPersonId
        self.subject = subject
        self.body = body
        self.link = link
        self.status = status
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.lastError = lastError
        self.createdAt = createdAt
        self.rule = rule
        self.sentAt = sentAt
    }
}

/// A reminder that went out: unique by rule, period, recipient and step, so it goes out once.
public struct ReminderLedgerEntry: Sendable, Hashable, Codable {
    public var rule: String
    public var period: String
    public var recipientKey: String
    public var step: String
    public var sentAt: Date

    public init(rule: String, period: String, recipientKey: String, step: String, sentAt: Date) {
        self.rule = rule
        self.period = period
        self.recipientKey = recipientKey
        self.step = step
        self.sentAt = sentAt
    }
}

/// One line of the audit log: who did what to whose data, when, and on whose behalf. It holds
/// ids only, never names or personnummer.
public struct AuditEntry: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var at: Date
    /// The user who acted (nil for the system itself, such as an import or the scheduler).
    public var actorId: Int64?
    /// What acted for them: `web`, `cli`, `import`, `script:scripts/x.lua`.
    public var via: String
    /// `read`, `list`, `create`, `update`, `delete`, `denied`, `submit`, ….
    public var action: String
    /// `person`, `report`, `enrolment`, …
    public var entity: String
    public var entityIds: [Int64]
    public var detail: String?

    public init(
        id: Int64? = nil, at: Date, actorId: Int64?, via: String, action: String, entity: String, entityIds: [Int64],
        detail: String? = nil
    ) {
        self.id = id
        self.at = at
        self.actorId = actorId
        self.via = via
        self.action = action
        self.entity = entity
        self.entityIds = entityIds
        self.detail = detail
    }
}
