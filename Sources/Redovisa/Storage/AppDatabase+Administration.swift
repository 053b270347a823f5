import Foundation
import GRDB

/// What the administrator's pages read and change beyond the CLI's tools: the outbox as a list
/// with the right to retry a message, and an audit line for what an administrator looked at
/// through a script (a reminder dry run shows recipients' names).
extension AppDatabase {
    /// The outbox, newest first, optionally of one status, with the count of each status.
    /// Administrators and the system only; one audit line.
    /// - Throws: ``RedovisaError/Code/accessDenied``.
    public func outboxOverview(
        status: DeliveryStatus? = nil, limit: Int = 200, as actor: Actor
    ) throws(RedovisaError) -> (messages: [OutboxMessage], counts: [DeliveryStatus: Int]) {
        guard actor.seesEveryone else { throw RedovisaError(.accessDenied, "Endast administratörer kan se utkorgen.") }
        let messages = try outboxMessages(status: status, limit: limit)
        let counts = try outboxCounts()
        try write { db in
            try audit(db, actor, "read", "outbox", messages.compactMap(\.id), detail: status.map { "status \($0.rawValue)" })
        }
        return (messages, counts)
    }

    /// Puts outbox message `id` back in line to go out at the next delivery: a failed message
    /// with its attempts counted from zero again (it had used them all, or failed for good), a
    /// pending one without waiting for its backoff. A sent message is left as it is (it went
    /// out). Administrators and the system only; audited.
    /// - Returns: whether the message was put back in line.
    /// - Throws: ``RedovisaError/Code/accessDenied``, ``RedovisaError/Code/notFound``.
    @discardableResult
    public func retryOutboxMessage(id: Int64, as actor: Actor) throws(RedovisaError) -> Bool {
        guard actor.seesEveryone else { throw RedovisaError(.accessDenied, "Endast administratörer kan skicka om meddelanden.") }
        let result: Result<Bool, RedovisaError> = try write { db in
            guard let message = try OutboxMessage.fetchOne(db, key: id) else {
                return .failure(RedovisaError(.notFound, "Meddelandet finns inte i utkorgen."))
            }
            guard message.status != .sent else { return .success(false) }
            let attempts = message.status == .failed ? 0 : message.attempts
            try db.execute(
                sql: "UPDATE outboxMessage SET status = ?, attempts = ?, nextAttemptAt = ? WHERE id = ?",
                arguments: [DeliveryStatus.pending.rawValue, attempts, clock(), id])
            try audit(db, actor, "retry", "outbox", [id], detail: "från \(message.status.rawValue)")
            return .success(true)
        }
        return try result.get()
    }

    /// Records that `actor` saw `ids` of `entity` through a tool of the administrator's pages
    /// (`read person [12, 14] "torrkörning av påminnelser"`). Administrators and the system only.
    /// - Throws: ``RedovisaError/Code/accessDenied``.
    public func auditAdministration(
        _ action: String, entity: String, ids: [Int64], detail: String, as actor: Actor
    ) throws(RedovisaError) {
        guard actor.seesEveryone else { throw RedovisaError(.accessDenied, "Endast administratörer.") }
        try write { db in try audit(db, actor, action, entity, ids, detail: detail) }
    }
}
