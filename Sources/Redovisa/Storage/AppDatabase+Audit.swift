import Foundation
import GRDB

extension AppDatabase {
    /// Writes one audit line in the transaction of the operation it records.
    func audit(
        _ db: Database, _ actor: Actor, _ action: String, _ entity: String, _ ids: [Int64], detail: String? = nil
    ) throws {
        var entry = AuditEntry(
            at: clock(), actorId: actor.userId, via: actor.via, action: action, entity: entity, entityIds: ids,
            detail: detail)
        try entry.insert(db)
    }

    /// Records a refused access, in a transaction of its own (the refused operation wrote nothing).
    func auditDenied(_ actor: Actor, _ entity: String, _ ids: [Int64]) {
        _ = try? write { db in try audit(db, actor, "denied", entity, ids) }
    }

    /// The latest audit lines, newest first (administrators only).
    /// - Throws: ``RedovisaError/Code/accessDenied`` for anyone else.
    public func auditLog(limit: Int = 100, entity: String? = nil, as actor: Actor) throws(RedovisaError) -> [AuditEntry] {
        guard actor.seesEveryone else { throw RedovisaError(.accessDenied, "Endast administratörer får läsa granskningsloggen.") }
        return try write { db in
            var request = AuditEntry.order(Column("id").desc).limit(limit)
            if let entity { request = request.filter(Column("entity") == entity) }
            let entries = try request.fetchAll(db)
            try audit(db, actor, "read", "audit", [], detail: "\(entries.count) rader")
            return entries
        }
    }
}
