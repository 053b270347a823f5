import Foundation
import GRDB

/// An outbox message claimed for delivery, with the address it goes to now (read at delivery,
/// so a corrected address or a changed choice counts).
public struct ClaimedMessage: Sendable, Hashable {
    public var message: OutboxMessage
    /// The e-mail address or mobile number; nil for in-app, or when the person has none (or no
    /// longer wants the channel).
    public var address: String?
}

extension AppDatabase {
    /// Claims up to `limit` messages that are due (pending, their next attempt at or before
    /// `now`), oldest first: each gets one more attempt and is held for `lease` seconds, so that
    /// another deliverer running at the same time leaves it alone; a deliverer that dies while
    /// holding it lets it go when the lease ends. One audit line for the addresses read.
    /// - Throws: ``RedovisaError/Code/storage``.
    public func claimOutbox(at now: Date, limit: Int, lease: TimeInterval) throws(RedovisaError) -> [ClaimedMessage] {
        try write { db in
            let due = try OutboxMessage
                .filter(Column("status") == DeliveryStatus.pending.rawValue)
                .filter(Column("nextAttemptAt") == nil || Column("nextAttemptAt") <= now)
                .order(Column("id")).limit(limit).fetchAll(db)
            var claimed: [ClaimedMessage] = []
            var people: Set<Int64> = []
            for var message in due {
                message.attempts += 1
                message.nextAttemptAt = now.addingTimeInterval(lease)
                try message.update(db, columns: ["attempts", "nextAttemptAt"])
                var address: String?
                if message.channel != .inApp, let personId = message.recipientPersonId, let person = try Person.fetchOne(db, key: personId) {
                    people.insert(personId)
                    if message.channel == .email, person.notify.contains(.email) { address = person.email }
                    if message.channel == .sms, person.notify.contains(.sms) { address = person.mobile }
                    if address?.isEmpty == true { address = nil }
                }
                claimed.append(ClaimedMessage(message: message, address: address))
            }
            if !people.isEmpty {
                try audit(db, .system(via: "outbox"), "read", "person", people.sorted(), detail: "leverans: kontaktuppgifter")
            }
            return claimed
        }
    }

    /// Marks a claimed message as sent at `now`.
    public func markSent(_ id: Int64, at now: Date) throws(RedovisaError) {
        try write { db in
            try db.execute(
                sql: "UPDATE outboxMessage SET status = ?, sentAt = ?, nextAttemptAt = NULL, lastError = NULL WHERE id = ?",
                arguments: [DeliveryStatus.sent.rawValue, now, id])
        }
    }

    /// Delivers an in-app message: into the recipient's inbox and marked sent, in one
    /// transaction, once (the inbox holds each outbox message at most once).
    /// - Throws: ``RedovisaError/Code/storage``.
    public func deliverToInbox(_ message: OutboxMessage, at now: Date) throws(RedovisaError) {
        try write { db in
            if let userId = message.recipientUserId, let id = message.id {
                try db.execute(
                    sql: """
                        INSERT OR IGNORE INTO inboxMessage (userId, outboxMessageId, subject, body, link, rule, createdAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [userId, id, message.subject, message.body, message.link, message.rule, now])
            }
            try db.execute(
                sql: "UPDATE outboxMessage SET status = ?, sentAt = ?, nextAttemptAt = NULL, lastError = NULL WHERE id = ?",
                arguments: [DeliveryStatus.sent.rawValue, now, message.id])
        }
    }

    /// Records a failed attempt: tried again at `retryAt`, or — without one — failed for good. The
    /// error text is kept without the addresses and numbers it may quote (``DeliveryErrorText``).
    public func markFailed(_ id: Int64, error: String, retryAt: Date?) throws(RedovisaError) {
        try write { db in
            try db.execute(
                sql: "UPDATE outboxMessage SET status = ?, nextAttemptAt = ?, lastError = ? WHERE id = ?",
                arguments: [(retryAt == nil ? DeliveryStatus.failed : .pending).rawValue, retryAt, DeliveryErrorText.redacted(error), id])
        }
    }

    /// The outbox, newest first, optionally of one status.
    public func outboxMessages(status: DeliveryStatus? = nil, limit: Int = 100) throws(RedovisaError) -> [OutboxMessage] {
        try read { db in
            var request = OutboxMessage.order(Column("id").desc).limit(limit)
            if let status { request = request.filter(Column("status") == status.rawValue) }
            return try request.fetchAll(db)
        }
    }

    /// How many outbox messages there are of each status.
    public func outboxCounts() throws(RedovisaError) -> [DeliveryStatus: Int] {
        try read { db in
            var counts: [DeliveryStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM outboxMessage GROUP BY status") {
                if let status = DeliveryStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }

    /// A user's inbox, newest first.
    public func inbox(user userId: Int64, limit: Int = 100) throws(RedovisaError) -> [InboxMessage] {
        try read { db in
            try InboxMessage.filter(Column("userId") == userId).order(Column("id").desc).limit(limit).fetchAll(db)
        }
    }
}
