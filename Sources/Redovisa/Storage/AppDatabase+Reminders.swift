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
    /// each person's notification choice. One audit line for the contact details read.
    /// - Throws: ``RedovisaError/Code/storage``.
    public func plan(_ reminders: [ComposedReminder], as actor: Actor) throws(RedovisaError) -> [PlannedReminder] {
        try write { db in
            var cache: [ReminderRecipient: (user: User?, person: Person?)] = [:]
            var personIds: Set<Int64> = []
            var planned: [PlannedReminder] = []
            for reminder in reminders {
                let found: (user: User?, person: Person?)
                if let known = cache[reminder.recipient] {
                    found = known
                } else {
                    switch reminder.recipient {
                    case .user(let id):
                        let user = try User.fetchOne(db, key: id)
                        found = (user, try user?.personId.flatMap { try Person.fetchOne(db, key: $0) })
                    case .person(let id):
                        found = (try User.filter(Column("personId") == id).order(Column("id")).fetchOne(db), try Person.fetchOne(db, key: id))
                    }
                    cache[reminder.recipient] = found
                }
                if let id = found.person?.id { personIds.insert(id) }
                var channels: [DeliveryChannel] = []
                for channel in reminder.channels {
                    switch channel {
                    case .inApp: if found.user != nil { channels.append(.inApp) }
                    case .email: if let person = found.person, person.notify.contains(.email), !(person.email ?? "").isEmpty { channels.append(.email) }
                    case .sms: if let person = found.person, person.notify.contains(.sms), !(person.mobile ?? "").isEmpty { channels.append(.sms) }
                    }
                }
                let name: String
                if let person = found.person {
                    let view = person.view(for: actor)
                    name = view.isMasked ? PersonView.maskedName : "\(view.firstName) \(view.lastName)"
                } else {
                    name = found.user?.displayName ?? "(finns inte)"
                }
                planned.append(PlannedReminder(
                    reminder: reminder, userId: found.user?.id, personId: found.person?.id, channels: channels, recipientName: name))
            }
            if !personIds.isEmpty {
                try audit(db, actor, "read", "person", personIds.sorted(), detail: "påminnelse: kontaktval")
            }
            return planned
        }
    }

    /// Which of `reminders` the ledger already holds (by rule, period, recipient and step).
    public func alreadySent(_ reminders: [ComposedReminder]) throws(RedovisaError) -> Set<ReminderKey> {
        try read { db in
            var found: Set<ReminderKey> = []
            for reminder in reminders {
                let key = ReminderKey(reminder)
                if try ReminderLedgerEntry.exists(db, key: key.columns) { found.insert(key) }
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
        rule = reminder.rule
        period = reminder.period
        recipient = reminder.recipient.description
        step = reminder.step
    }

    var columns: [String: (any DatabaseValueConvertible)?] {
        ["rule": rule, "period": period, "recipientKey": recipient, "step": step]
    }
}

/// A reminder the ledger took, with the ids of its outbox messages.
public struct RecordedReminder: Sendable, Hashable {
    public var planned: PlannedReminder
    public var outboxIds: [Int64]
}
