import Foundation
import GRDB

/// Messages with the case officer (DOMAIN.md §2, "message the case officer"): one conversation
/// per report between whoever reports (the reporter, the participant, provider staff) and the
/// officers with an assignment for it. Access is the report's access (``AccessFilter``); message
/// bodies and the names of people about a protected identity are withheld as report answers
/// are; every read and write is audited; a read marker per user and conversation gives unread
/// counts (migration `v6-message-reads`).
///
/// ```swift
/// let sent = try database.writeMessage(report: 42, body: "När ska jag skicka in intyget?", as: participant)
/// let inbox = try database.conversations(as: officer)        // the conversation, one unread
/// let read = try database.conversation(report: 42, as: officer)  // now read
/// ```
extension AppDatabase {
    /// A conversation in a list: its thread, the report it is about and how far it has come.
    public struct ConversationSummary: Sendable, Hashable, Codable {
        public var thread: MessageThread
        public var reportId: Int64
        public var caseNumber: String?
        public var templateId: String
        public var personId: Int64
        public var messageCount: Int
        /// Messages by others that the reader has not read.
        public var unread: Int
        public var lastMessageAt: Date
    }

    /// One message as a reader sees it.
    public struct MessageView: Sendable, Hashable, Codable {
        public var id: Int64
        public var authorId: Int64
        /// The author's display name; ``PersonView/maskedName`` when the author is the protected
        /// person and the reader may not see who they are.
        public var authorName: String
        /// Whether the reader wrote it.
        public var mine: Bool
        /// The text, or nil when withheld (a protected identity the reader may not see).
        public var body: String?
        public var sentAt: Date
    }

    /// A report's conversation: the thread (nil before the first message) and its messages,
    /// oldest first.
    public struct Conversation: Sendable, Hashable, Codable {
        public var reportId: Int64
        public var thread: MessageThread?
        public var messages: [MessageView]
    }

    /// The longest message accepted, in characters.
    public static let messageMaximumLength = 4000

    /// The conversations about the reports `actor` may see that have messages, the latest first,
    /// with unread counts. One audit line.
    public func conversations(limit: Int = 200, as actor: Actor) throws(RedovisaError) -> [ConversationSummary] {
        try write { db in
            let condition = AccessFilter.report("r", actor)
            let me = actor.userId ?? -1
            let request: SQLRequest<Row> = """
                SELECT t.*, r.caseNumber, r.templateId, r.personId,
                  (SELECT COUNT(*) FROM message m WHERE m.threadId = t.id) AS messageCount,
                  (SELECT COUNT(*) FROM message m WHERE m.threadId = t.id AND m.authorId <> \(me)
                     AND m.id > COALESCE((SELECT lastReadMessageId FROM messageRead mr
                                          WHERE mr.threadId = t.id AND mr.userId = \(me)), 0)) AS unread,
                  (SELECT MAX(m.sentAt) FROM message m WHERE m.threadId = t.id) AS lastMessageAt
                FROM messageThread t JOIN report r ON r.id = t.reportId
                WHERE \(condition) AND EXISTS (SELECT 1 FROM message m WHERE m.threadId = t.id)
                ORDER BY lastMessageAt DESC, t.id DESC LIMIT \(limit)
                """
            let list = try request.fetchAll(db).map { row in
                ConversationSummary(
                    thread: try MessageThread(row: row), reportId: row["reportId"], caseNumber: row["caseNumber"],
                    templateId: row["templateId"], personId: row["personId"], messageCount: row["messageCount"],
                    unread: row["unread"], lastMessageAt: row["lastMessageAt"])
            }
            try audit(db, actor, "list", "messageThread", list.compactMap(\.thread.id))
            return list
        }
    }

    /// How many messages by others in conversations `actor` may see are unread (no audit line:
    /// a number, no personal data).
    public func unreadMessageCount(as actor: Actor) throws(RedovisaError) -> Int {
        guard let me = actor.userId else { return 0 }
        return try read { db in
            let condition = AccessFilter.report("r", actor)
            let request: SQLRequest<Int> = """
                SELECT COUNT(*) FROM message m JOIN messageThread t ON t.id = m.threadId JOIN report r ON r.id = t.reportId
                WHERE m.authorId <> \(me) AND \(condition)
                AND m.id > COALESCE((SELECT lastReadMessageId FROM messageRead mr WHERE mr.threadId = t.id AND mr.userId = \(me)), 0)
                """
            return try request.fetchOne(db) ?? 0
        }
    }

    /// Report `reportId`'s conversation as `actor` may read it, marked read for them. Audited
    /// (`read` on the thread, or on the report while it has none).
    /// - Throws: ``RedovisaError/Code/notFound``; ``RedovisaError/Code/accessDenied`` with the
    ///   SUS message outside the actor's assignments (audited as `denied`).
    public func conversation(report reportId: Int64, as actor: Actor) throws(RedovisaError) -> Conversation {
        let result: Result<Conversation, RedovisaError> = try write { db in
            guard let report = try visibleReport(db, reportId, actor) else { return .failure(RedovisaError.noAssignment) }
            let conversation = try conversationView(db, report, actor)
            if let thread = conversation.thread, let last = conversation.messages.last, let me = actor.userId {
                try db.execute(
                    sql: """
                        INSERT INTO messageRead (userId, threadId, lastReadMessageId) VALUES (?, ?, ?)
                        ON CONFLICT(userId, threadId) DO UPDATE SET lastReadMessageId = excluded.lastReadMessageId
                        """, arguments: [me, thread.id, last.id])
            }
            if let thread = conversation.thread {
                try audit(db, actor, "read", "messageThread", [thread.id!], detail: "rapport \(reportId)")
            } else {
                try audit(db, actor, "read", "messageThread", [], detail: "rapport \(reportId)")
            }
            return .success(conversation)
        }
        return try result.get()
    }

    /// Writes a message in report `reportId`'s conversation (starting it with the first
    /// message), as anyone who may see the report: its reporter or author, provider staff, an
    /// officer with an assignment for it. Audited as `create` on the message.
    /// - Throws: ``RedovisaError/Code/invalidInput`` (field `body`) for an empty or too long
    ///   message; ``RedovisaError/Code/notFound``; ``RedovisaError/Code/accessDenied`` with the
    ///   SUS message outside the actor's assignments (audited as `denied`).
    ///
    /// The report's author and the earlier writers in the conversation are notified through the
    /// outbox (``queueMessageNotifications(_:report:thread:writerId:at:)``), in the same transaction.
    public func writeMessage(report reportId: Int64, body: String, as actor: Actor) throws(RedovisaError) -> Message {
        guard let authorId = actor.userId else {
            throw RedovisaError(.invalidInput, "ett meddelande måste ha en avsändare (användare)")
        }
        let text = body.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw RedovisaError(.invalidInput, "Skriv ett meddelande.", field: "body") }
        guard text.count <= Self.messageMaximumLength else {
            throw RedovisaError(
                .invalidInput, "Meddelandet får vara högst \(Self.messageMaximumLength) tecken (nu \(text.count)).",
                field: "body")
        }
        let result: Result<Message, RedovisaError> = try write { db in
            guard let report = try visibleReport(db, reportId, actor) else { return .failure(RedovisaError.noAssignment) }
            let now = clock()
            var thread = try MessageThread.filter(Column("reportId") == reportId).order(Column("id")).fetchOne(db)
            if thread == nil {
                var made = MessageThread(
                    reportId: reportId, subject: report.caseNumber.map { "Ärende \($0)" } ?? "Rapport \(reportId)",
                    createdAt: now)
                try made.insert(db)
                try audit(db, actor, "create", "messageThread", [made.id!], detail: "rapport \(reportId)")
                thread = made
            }
            var message = Message(threadId: thread!.id!, authorId: authorId, body: text, sentAt: now)
            try message.insert(db)
            // The writer has read everything up to their own message.
            try db.execute(
                sql: """
                    INSERT INTO messageRead (userId, threadId, lastReadMessageId) VALUES (?, ?, ?)
                    ON CONFLICT(userId, threadId) DO UPDATE SET lastReadMessageId = excluded.lastReadMessageId
                    """, arguments: [authorId, thread!.id, message.id])
            try audit(db, actor, "create", "message", [message.id!], detail: "rapport \(reportId)")
            let notifications = try queueMessageNotifications(db, report: report, thread: thread!, writerId: authorId, at: now)
            if !notifications.isEmpty {
                try audit(db, actor, "create", "outboxMessage", notifications, detail: "meddelande: avisering")
            }
            return .success(message)
        }
        return try result.get()
    }

    /// Marks the in-app notifications of `actor`'s user read (when they have seen their inbox).
    public func markInboxRead(as actor: Actor) throws(RedovisaError) {
        guard let me = actor.userId else { return }
        try write { db in
            try db.execute(sql: "UPDATE inboxMessage SET readAt = ? WHERE userId = ? AND readAt IS NULL", arguments: [clock(), me])
        }
    }

    // MARK: Helpers

    /// The conversation of `report` (which the actor may see) with bodies withheld as needed.
    private func conversationView(_ db: Database, _ report: Report, _ actor: Actor) throws -> Conversation {
        let thread = try MessageThread.filter(Column("reportId") == report.id!).order(Column("id")).fetchOne(db)
        guard let thread else { return Conversation(reportId: report.id!, thread: nil, messages: []) }
        let person = try Person.fetchOne(db, key: report.personId)
        // As report answers: withheld about a protected identity, unless the reader may see one,
        // is the person, or wrote the report.
        let withheld = (person?.isProtected ?? false) && !actor.mayViewProtected
            && actor.user?.personId != report.personId && report.authorId != actor.userId
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT m.id, m.authorId, m.body, m.sentAt, u.displayName, u.personId FROM message m
                JOIN user u ON u.id = m.authorId WHERE m.threadId = ? ORDER BY m.id
                """, arguments: [thread.id])
        let messages = rows.map { row -> MessageView in
            let authorId: Int64 = row["authorId"]
            let mine = authorId == actor.userId
            let authorPerson: Int64? = row["personId"]
            let hiddenAuthor = withheld && authorPerson == report.personId
            return MessageView(
                id: row["id"], authorId: authorId, authorName: hiddenAuthor ? PersonView.maskedName : row["displayName"],
                mine: mine, body: withheld && !mine ? nil : row["body"], sentAt: row["sentAt"])
        }
        return Conversation(reportId: report.id!, thread: thread, messages: messages)
    }
}
