import Foundation
import GRDB

/// A reminder with its delivery worked out: the recipient's login and person, and the channels
/// it goes out through.
public struct PlannedReminder: Sendable, Hashable {
    public var reminder: ComposedReminder
    public var userId: Int64?
    public var personId: Int64?
    /// In-app for a recipient who logs in; e-mail and SMS when the rule uses them, the person
    /// chose them and has the address. Empty when none is possible.
    public var channels: [DeliveryChannel]
    /// The recipient's name for the administrator's terminal (masked for a protected identity;
    /// never written to a log).
    public var recipientName: String
}

extension AppDatabase {
    /// The delivery of each reminder: who the recipient is and which channels reach them, by
    /// each person's notification choice. Finds the recipients first (``recipients(_:as:)``, one
    /// audit line).
    /// - Throws: ``RedovisaError/Code/storage``.
    public func plan(_ reminders: [ComposedReminder], as actor: Actor) throws(RedovisaError) -> [PlannedReminder] {
        Self.plan(reminders, recipients: try recipients(reminders.map(\.recipient), as: actor), as: actor)
    }

    /// The delivery of each reminder to the recipients found already (the runner found them
    /// before the messages were made): in-app for a login; e-mail and SMS when the rule uses
    /// them, the person chose them and has the address.
    public static func plan(
        _ reminders: [ComposedReminder], recipients: [ReminderRecipient: ResolvedRecipient], as actor: Actor
    ) -> [PlannedReminder] {
        reminders.map { reminder in
            let found = recipients[reminder.recipient] ?? ResolvedRecipient(user: nil, person: nil)
            var channels: [DeliveryChannel] = []
            for channel in reminder.channels {
                switch channel {
                case .inApp: if found.user != nil { channels.append(.inApp) }
                case .email: if let person = found.person, person.notify.contains(.email), !(person.email ?? "").isEmpty { channels.append(.email) }
                case .sms: if let person = found.person, person.notify.contains(.sms), !(person.mobile ?? "").isEmpty { channels.append(.sms) }
                }
            }
            return PlannedReminder(
                reminder: reminder, userId: found.user?.id, personId: found.person?.id, channels: channels,
                recipientName: found.terminalName(for: actor))
        }
    }

    /// Which of `reminders` the ledger already holds (by rule, period, recipient and step): one
    /// indexed query per rule, step and 300 reminders.
    public func alreadySent(_ reminders: [ComposedReminder]) throws(RedovisaError) -> Set<ReminderKey> {
        let keys = Array(Set(reminders.map(ReminderKey.init)))
        let groups = Dictionary(grouping: keys) { "\($0.rule) \($0.step)" }
        return try read { db in
            var found: Set<ReminderKey> = []
            for group in groups.values {
                let (rule, step) = (group[0].rule, group[0].step)
                for start in stride(from: 0, to: group.count, by: 300) {
                    let part = group[start..<min(start + 300, group.count)]
                    let values = part.map { _ in "(?, ?)" }.joined(separator: ", ")
                    var arguments: StatementArguments = []
                    for key in part { arguments += [key.period, key.recipient] }
                    arguments += [rule, step]
                    let rows = try Row.fetchAll(db, sql: """
                        SELECT l.period, l.recipientKey FROM (VALUES \(values)) v
                        JOIN reminderLedgerEntry l ON l.rule = ? AND l.period = v.column1 AND l.recipientKey = v.column2 AND l.step = ?
                        """, arguments: arguments)
                    for row in rows {
                        found.insert(ReminderKey(rule: rule, period: row[0], recipient: row[1], step: step))
                    }
                }
            }
            return found
        }
    }

    /// Records each reminder in the ledger and puts its messages in the outbox, in one
    /// transaction: a reminder the ledger already holds is left out (it went out before — after
    /// a restart, from another runner, or on an earlier catch-up). Returns the reminders that
    /// were new, and their outbox messages.
    /// - Throws: ``RedovisaError/Code/storage``; then nothing is recorded.
    public func record(_ planned: [PlannedReminder], at now: Date, as actor: Actor) throws(RedovisaError) -> [RecordedReminder] {
        try write { db in
            var recorded: [RecordedReminder] = []
            for item in planned {
                let r = item.reminder
                try db.execute(
                    sql: "INSERT OR IGNORE INTO reminderLedgerEntry (rule, period, recipientKey, step, sentAt) VALUES (?, ?, ?, ?, ?)",
                    arguments: [r.rule, r.period, r.recipient.description, r.step, now])
                guard db.changesCount == 1 else { continue }
                var ids: [Int64] = []
                for channel in item.channels {
                    var message = OutboxMessage(
                        channel: channel, recipientUserId: item.userId, recipientPersonId: item.personId,
                        subject: r.subject, body: channel == .sms ? r.sms : r.body, link: r.link, status: .pending,
                        nextAttemptAt: now, createdAt: now, rule: r.rule)
                    try message.insert(db)
                    ids.append(message.id!)
                }
                recorded.append(RecordedReminder(planned: item, outboxIds: ids))
            }
            let ids = recorded.flatMap(\.outboxIds)
            if !recorded.isEmpty {
                try audit(db, actor, "create", "outboxMessage", ids, detail: "påminnelser: \(recorded.count)")
            }
            return recorded
        }
    }
}

/// The ledger's key of a reminder: it goes out once per rule, period, recipient and step.
public struct ReminderKey: Sendable, Hashable {
    public var rule: String
    public var period: String
    public var recipient: String
    public var step: String

    public init(_ reminder: ComposedReminder) {
        self.init(rule: reminder.rule, period: reminder.period, recipient: reminder.recipient.description, step: reminder.step)
    }

    /// The key of its four parts.
    public init(rule: String, period: String, recipient: String, step: String) {
        self.rule = rule
        self.period = period
        self.recipient = recipient
        self.step = step
    }
}

/// A reminder the ledger took, with the ids of its outbox messages.
public struct RecordedReminder: Sendable, Hashable {
    public var planned: PlannedReminder
    public var outboxIds: [Int64]
}
