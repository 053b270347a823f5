import Foundation
import GRDB

/// A message in a user's in-app inbox: what an in-app outbox message becomes when it is
/// delivered. Reminders always go here (for recipients who log in), whatever else they choose.
public struct InboxMessage: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var userId: Int64
    /// The outbox message it was delivered from; unique, so a message reaches the inbox once.
    public var outboxMessageId: Int64?
    public var subject: String
    public var body: String
    /// A path in the web service (`/rapporter/123`), never with personal data.
    public var link: String?
    /// The reminder rule that made it, if any.
    public var rule: String?
    public var createdAt: Date
    /// When the user read it; nil while unread.
    public var readAt: Date?

    public init(
        id: Int64? = nil, userId: Int64, outboxMessageId: Int64? = nil, subject: String, body: String,
        link: String? = nil, rule: String? = nil, createdAt: Date, readAt: Date? = nil
    ) {
        self.id = id
        self.userId = userId
        self.outboxMessageId = outboxMessageId
        self.subject = subject
        self.body = body
        self.link = link
        self.rule = rule
        self.createdAt = createdAt
        self.readAt = readAt
    }
}

extension InboxMessage: IdentifiedRecord { public static let databaseTableName = "inboxMessage" }
