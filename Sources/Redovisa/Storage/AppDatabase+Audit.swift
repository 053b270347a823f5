import Foundation
import GRDB

/// The audit lines a read gathers, written before the read's result is returned (see
/// ``AppDatabase/audited(_:)``). They all carry the time of the first: a read is one moment.
final class AuditLines {
    fileprivate(set) var entries: [AuditEntry] = []
}

/// The write transaction in progress on this thread, so that an audited read made inside one
/// (an operation that writes and reads through the domain's own methods) writes its lines in
/// that transaction instead of waiting for a commit that cannot come until it ends.
///
/// `@unchecked Sendable`: it is only bound (and read) on the thread that runs the transaction,
/// for the length of the transaction's closure, where the connection is valid.
final class WriteInProgress: @unchecked Sendable {
    @TaskLocal static var current: WriteInProgress?

    unowned(unsafe) let db: Database
    /// The `DatabaseWriter` the transaction belongs to.
    let writer: ObjectIdentifier

    init(_ db: Database, writer: ObjectIdentifier) {
        self.db = db
        self.writer = writer
    }
}

extension AppDatabase {
    /// Writes one audit line in the transaction of the operation it records.
    func audit(
        _ db: Database, _ actor: Actor, _ action: String, _ entity: String, _ ids: [Int64], detail: String? = nil
    ) throws {
        var entry = entry(actor, action, entity, ids, detail)
        try entry.insertLine(db)
    }

    /// Adds one audit line to those of a read (``audited(_:)``), which writes them before the
    /// read's result is returned.
    func audit(
        _ lines: AuditLines, _ actor: Actor, _ action: String, _ entity: String, _ ids: [Int64], detail: String? = nil
    ) {
        lines.entries.append(entry(actor, action, entity, ids, detail, at: lines.entries.first?.at))
    }

    private func entry(
        _ actor: Actor, _ action: String, _ entity: String, _ ids: [Int64], _ detail: String?, at: Date? = nil
    ) -> AuditEntry {
        AuditEntry(
            at: at ?? clock(), actorId: actor.userId, via: actor.via, action: action, entity: entity, entityIds: ids,
            detail: detail)
    }

    /// Runs `body` — a read that records what it read in `lines` — in a read-only transaction,
    /// then writes the lines and returns what `body` returned once they are committed: no read
    /// is answered without its audit lines in the database. The lines go through
    /// ``AuditCommitter``, so concurrent reads share one write transaction for their lines, and
    /// the reads themselves run side by side. Inside a write transaction of this database, the
    /// read and its lines are in that transaction.
    ///
    /// When `body` throws, nothing is written (as a rolled-back transaction); a refusal that is
    /// to be audited is returned as a value (a `Result`), not thrown.
    /// - Throws: what `body` throws; ``RedovisaError/Code/storage`` when the lines cannot be written.
    func audited<T>(_ body: (Database, AuditLines) throws -> T) throws(RedovisaError) -> T {
        let lines = AuditLines()
        if let transaction = WriteInProgress.current, transaction.writer == ObjectIdentifier(writer) {
            do {
                let value = try body(transaction.db, lines)
                for var entry in lines.entries { try entry.insertLine(transaction.db) }
                return value
            } catch let error as RedovisaError {
                throw error
            } catch {
                throw RedovisaError.storage(error)
            }
        }
        let value = try read { db in try body(db, lines) }
        do {
            try auditCommitter.commit(lines.entries, to: writer)
        } catch {
            throw RedovisaError.storage(error)
        }
        return value
    }

    /// ``audited(_:)`` for a task (a web page): the read runs at once, and while its lines wait
    /// for their commit the task is suspended rather than holding a thread (see
    /// ``writeInGroup(isolated:_:)``). The same guarantee: nothing is returned before the
    /// lines are in the database.
    /// - Throws: what `body` throws; ``RedovisaError/Code/storage`` when the lines cannot be written.
    func auditedAsync<T>(_ body: (Database, AuditLines) throws -> T) async throws(RedovisaError) -> T {
        if let transaction = WriteInProgress.current, transaction.writer == ObjectIdentifier(writer) {
            return try audited(body)
        }
        let lines = AuditLines()
        let value = try read { db in try body(db, lines) }
        try await commitAsync(lines)
        return value
    }

    /// Writes `lines`, gathered by a read made outside ``audited(_:)`` (a single statement that
    /// needs no transaction), and returns once they are committed; the task is suspended meanwhile.
    /// - Throws: ``RedovisaError/Code/storage`` when the lines cannot be written.
    func commitAsync(_ lines: AuditLines) async throws(RedovisaError) {
        let entries = lines.entries
        guard !entries.isEmpty else { return }
        try await writeInGroup(isolated: false) { db in
            for var entry in entries { try entry.insertLine(db) }
        }
    }

    /// Records a refused access, in a transaction of its own (the refused operation wrote nothing).
    func auditDenied(_ actor: Actor, _ entity: String, _ ids: [Int64]) {
        _ = try? write { db in try audit(db, actor, "denied", entity, ids) }
    }

    /// The latest audit lines, newest first (administrators only).
    /// - Throws: ``RedovisaError/Code/accessDenied`` for anyone else.
    public func auditLog(limit: Int = 100, entity: String? = nil, as actor: Actor) throws(RedovisaError) -> [AuditEntry] {
        guard actor.seesEveryone else { throw RedovisaError(.accessDenied, "Endast administratörer får läsa granskningsloggen.") }
        return try audited { db, lines in
            var request = AuditEntry.order(Column("id").desc).limit(limit)
            if let entity { request = request.filter(Column("entity") == entity) }
            let entries = try request.fetchAll(db)
            audit(lines, actor, "read", "audit", [], detail: "\(entries.count) rader")
            return entries
        }
    }
}

extension AuditEntry {
    /// The statement of ``insertLine(_:)``: every column but the id, in table order.
    static let insertSQL = "INSERT INTO auditEntry (at, actorId, via, action, entity, entityIds, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"

    /// Inserts the line through one cached statement, with the same column values as the
    /// `Codable` record's `insert` (the time as GRDB stores a `Date`, the ids as a JSON array):
    /// an audit line is written with every read, and encoding it through `Codable` cost two
    /// thirds of its commit. AuditCommitTests checks that both give the same row.
    mutating func insertLine(_ db: Database) throws {
        let statement = try db.cachedStatement(sql: Self.insertSQL)
        let values: [DatabaseValue] = [
            Self.storedText(at).databaseValue, actorId.databaseValue, via.databaseValue, action.databaseValue,
            entity.databaseValue, Self.idsText(entityIds).databaseValue, detail.databaseValue,
        ]
        try statement.execute(arguments: StatementArguments(values))
        id = db.lastInsertedRowID
    }

    /// `2025-10-03 10:00:00.123`: `date` as GRDB stores a `Date` (UTC, to the nearest
    /// millisecond, `yyyy-MM-dd HH:mm:ss.SSS`), written without a `DateFormatter` (which cost as
    /// much as the rest of the line). The millisecond is worked out in the same floating-point
    /// steps as Foundation's formatter (from the reference date, plus half a millisecond, then
    /// down); AuditCommitTests checks it against GRDB's for many times and every rounding edge.
    static func storedText(_ date: Date) -> String {
        let milliseconds = Int64(((date.timeIntervalSinceReferenceDate + 978_307_200.0) * 1000.0 + 0.5).rounded(.down))
        let (days, inDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
        let day = inDay < 0 ? days - 1 : days
        let time = inDay < 0 ? inDay + 86_400_000 : inDay
        let date = LocalDate(dayNumber: Int(day))  // days since 1970-01-01 to the civil date
        var text = [UInt8]()
        text.reserveCapacity(23)
        func append(_ value: Int64, digits: Int) {
            var divisor: Int64 = 1
            for _ in 1..<digits { divisor *= 10 }
            var rest = value
            while divisor > 0 {
                text.append(UInt8(truncatingIfNeeded: 48 + rest / divisor))
                rest %= divisor
                divisor /= 10
            }
        }
        append(Int64(date.year), digits: 4)
        text.append(UInt8(ascii: "-"))
        append(Int64(date.month), digits: 2)
        text.append(UInt8(ascii: "-"))
        append(Int64(date.day), digits: 2)
        text.append(UInt8(ascii: " "))
        append(time / 3_600_000, digits: 2)
        text.append(UInt8(ascii: ":"))
        append(time / 60_000 % 60, digits: 2)
        text.append(UInt8(ascii: ":"))
        append(time / 1000 % 60, digits: 2)
        text.append(UInt8(ascii: "."))
        append(time % 1000, digits: 3)
        return String(decoding: text, as: UTF8.self)
    }

    /// `[3,14]`: the ids as the `entityIds` column stores them (JSON, as GRDB encodes an array).
    static func idsText(_ ids: [Int64]) -> String {
        var text = "["
        for (index, id) in ids.enumerated() {
            if index > 0 { text += "," }
            text += String(id)
        }
        return text + "]"
    }
}
