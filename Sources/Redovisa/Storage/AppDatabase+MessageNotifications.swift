import Foundation
import GRDB

/// Telling the others in a conversation that a message has come (DOMAIN.md §2, "message the
/// case officer"): the report's author and everyone who has written in the conversation before,
/// except the writer, get an in-app notification, and — when their user is a person who chose
/// e-mail or SMS — the same by e-mail or SMS, through the outbox like every reminder.
///
/// The notification says only that a message has come and where to read it: the message itself,
/// and any name, never leave the service.
extension AppDatabase {
    /// The subject and text of a message notification.
    static let messageNotificationSubject = "Nytt meddelande i Redovisa"

    /// The body of a message notification about the report with `caseNumber`.
    static func messageNotificationBody(caseNumber: String?) -> String {
        "Du har fått ett nytt meddelande om \(caseNumber.map { "ärende \($0)" } ?? "en rapport"). Logga in i Redovisa för att läsa det."
    }

    /// Puts the notifications of `message` (just written by `writerId` in `thread` about `report`)
    /// in the outbox, in the writer's transaction. A recipient who still has a notification of
    /// this conversation waiting to go out on a channel gets no second one on it.
    /// Returns the outbox ids (audited by the caller's transaction).
    func queueMessageNotifications(
        _ db: Database, report: Report, thread: MessageThread, writerId: Int64, at now: Date
    ) throws -> [Int64] {
        let recipients = try Row.fetchAll(
            db,
            sql: """
                SELECT u.id, u.personId FROM user u
                WHERE u.id != ? AND (u.id = ? OR u.id IN (SELECT authorId FROM message WHERE threadId = ?))
                ORDER BY u.id
                """,
            arguments: [writerId, report.authorId, thread.id])
        let link = "/rapporter/\(report.id!)/meddelanden"
        let body = Self.messageNotificationBody(caseNumber: report.caseNumber)
        var ids: [Int64] = []
        for row in recipients {
            let userId: Int64 = row["id"]
            let personId: Int64? = row["personId"]
            var channels: [DeliveryChannel] = [.inApp]
            if let personId, let person = try Person.fetchOne(db, key: personId) {
                if person.notify.contains(.email) { channels.append(.email) }
                if person.notify.contains(.sms) { channels.append(.sms) }
            }
            for channel in channels {
                let waiting = try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT EXISTS (SELECT 1 FROM outboxMessage WHERE recipientUserId = ? AND link = ? AND channel = ?
                        AND status = 'pending' AND rule = 'meddelande')
                        """,
                    arguments: [userId, link, channel.rawValue]) ?? false
                if waiting { continue }
                var notification = OutboxMessage(
                    channel: channel, recipientUserId: userId, recipientPersonId: channel == .inApp ? nil : personId,
                    subject: Self.messageNotificationSubject, body: body, link: link, status: .pending, nextAttemptAt: now,
                    createdAt: now, rule: "meddelande")
                try notification.insert(db)
                ids.append(notification.id!)
            }
        }
        return ids
    }
}
