import Crypto
import Foundation
import GRDB
import GRDBSQLite  // SQLite's C API, as GRDB itself links it: the bulk path binds values directly

// Bulk loading and storage diagnostics, for benchmarks and tests only (`@_spi(Bulk) import
// Redovisa`). Nothing here checks access: a bulk load is the system writing test data, and it
// leaves one audit line for the whole load rather than one per record.

extension AppDatabase {
    /// Inserts many records in **one** transaction through prepared statements: `body` gets a
    /// ``BulkWriter`` that is valid only while it runs. When `body` returns, the case number
    /// counters are raised past the highest case number inserted (so that the next real submit
    /// gets a fresh number) and one audit line records what was loaded. Any error rolls it all back.
    ///
    /// ```swift
    /// try database.bulkInsert { bulk in
    ///     let person = try bulk.insert(Person(...))
    ///     _ = try bulk.insert(report, answersJSON: #"{"ar":2025,"manad":9}"#)
    /// }
    /// ```
    @discardableResult
    @_spi(Bulk) public func bulkInsert<T>(
        as actor: Actor = .system(via: "bulk"), _ body: (BulkWriter) throws -> T
    ) throws(RedovisaError) -> T {
        try write { db in
            // A bigger page cache for the load only, so that the report table's indexes stay in memory.
            let previousCacheSize = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
            try db.execute(sql: "PRAGMA cache_size = -262144")
            defer { try? db.execute(sql: "PRAGMA cache_size = \(previousCacheSize)") }
            let bulk = BulkWriter(db)
            defer { bulk.db = nil }
            let result = try body(bulk)
            try bulk.raiseCaseNumberCounters()
            let summary = bulk.counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            try audit(db, actor, "bulk-insert", "bulk", [], detail: summary)
            return result
        }
    }

    /// SHA-256 (hex) of answers that are already canonical JSON text: the same as
    /// ``hash(_:)`` of the parsed answers, without parsing and re-encoding them.
    @_spi(Bulk) public static func hash(canonicalAnswers text: String) -> String {
        let hexDigits = Array("0123456789abcdef".utf8)
        var hex = [UInt8]()
        hex.reserveCapacity(64)
        for byte in SHA256.hash(data: Data(text.utf8)) {
            hex.append(hexDigits[Int(byte >> 4)])
            hex.append(hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: hex, as: UTF8.self)
    }
}

/// Writes records inside ``AppDatabase/bulkInsert(as:_:)``. Not thread-safe; do not keep it.
@_spi(Bulk) public final class BulkWriter {
    fileprivate var db: Database?
    private var reportStatement: Statement?
    /// The highest case number inserted, by year.
    private var lastCaseNumber: [Int: Int] = [:]
    /// How many rows of each table were inserted so far.
    public private(set) var counts: [String: Int] = [:]

    fileprivate init(_ db: Database) { self.db = db }

    private var database: Database {
        guard let db else { preconditionFailure("a BulkWriter is only valid inside bulkInsert") }
        return db
    }

    /// Inserts any model record (person, enrolment, user, organisation, …) through its own
    /// Codable encoding and GRDB's cached insert statement, and returns it with its id.
    @discardableResult
    public func insert<R: IdentifiedRecord>(_ record: R) throws -> R {
        var copy = record
        try copy.insert(database)
        counts[R.databaseTableName, default: 0] += 1
        if let number = (copy as? Report)?.caseNumber { noteCaseNumber(number) }
        return copy
    }

    /// Inserts a report with its answers given as canonical JSON text (sorted keys, no spaces:
    /// what ``JSONValue/canonicalText`` gives), which is stored as it is: `report.answers` is
    /// ignored. This is the fast path of a bulk load: no JSON encoding, no `DateFormatter`, no
    /// Codable. The values are stored exactly as the model's own encoding stores them (dates as
    /// `yyyy-MM-dd HH:mm:ss.SSS` UTC, as GRDB stores a `Date`). Returns the new report's id.
    @discardableResult
    public func insert(_ report: Report, answersJSON: String) throws -> Int64 {
        assert((try? JSONValue(parsing: answersJSON).canonicalText) == answersJSON, "answers are not canonical JSON")
        let statement: Statement
        if let reportStatement {
            statement = reportStatement
        } else {
            statement = try database.makeStatement(sql: """
                INSERT INTO report (templateId, templateVersion, period, eventDate, personId, enrolmentId, authorId,
                    answers, status, revision, caseNumber, receiptHash, submittedAt, submittedBy, late, createdAt,
                    updatedAt, responsibleOrganisationId, officeId, providerId)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            reportStatement = statement
        }
        // Bound straight through SQLite's C API: GRDB's StatementArguments (an existential per
        // value) cost as much as SQLite's own work here.
        let bind = Binder(statement.sqliteStatement)
        sqlite3_reset(bind.statement)
        bind.text(1, report.templateId)
        bind.integer(2, report.templateVersion)
        bind.text(3, report.period?.description)
        bind.text(4, report.eventDate?.description)
        bind.integer(5, report.personId)
        bind.integer(6, report.enrolmentId)
        bind.integer(7, report.authorId)
        bind.text(8, answersJSON)
        bind.text(9, report.status.rawValue)
        bind.integer(10, report.revision)
        bind.text(11, report.caseNumber)
        bind.text(12, report.receiptHash)
        bind.text(13, report.submittedAt.map(BulkText.timestamp))
        bind.integer(14, report.submittedBy)
        bind.integer(15, report.late ? 1 : 0)
        bind.text(16, BulkText.timestamp(report.createdAt))
        bind.text(17, BulkText.timestamp(report.updatedAt))
        bind.integer(18, report.responsibleOrganisationId)
        bind.integer(19, report.officeId)
        bind.integer(20, report.providerId)
        let code = sqlite3_step(bind.statement)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(database.sqliteConnection))
            sqlite3_reset(bind.statement)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        counts[Report.databaseTableName, default: 0] += 1
        if let number = report.caseNumber { noteCaseNumber(number) }
        return database.lastInsertedRowID
    }

    /// Remembers case number `2025-000123` for ``raiseCaseNumberCounters()``.
    private func noteCaseNumber(_ number: String) {
        if let year = Int(number.prefix(4)), let serial = Int(number.dropFirst(5)) {
            lastCaseNumber[year] = max(lastCaseNumber[year] ?? 0, serial)
        }
    }

    /// Raises each year's case number counter to the highest case number of that year inserted.
    fileprivate func raiseCaseNumberCounters() throws {
        for (year, last) in lastCaseNumber {
            try database.execute(
                sql: """
                    INSERT INTO caseNumberCounter (year, last) VALUES (?, ?)
                    ON CONFLICT(year) DO UPDATE SET last = max(last, excluded.last)
                    """, arguments: [year, last])
        }
    }
}

/// Binds values to a prepared statement, as GRDB would store them.
private struct Binder {
    let statement: OpaquePointer
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ statement: OpaquePointer) { self.statement = statement }

    func text(_ index: Int32, _ value: String?) {
        guard var value else { sqlite3_bind_null(statement, index); return }
        value.withUTF8 { bytes in
            if let base = bytes.baseAddress, bytes.count > 0 {
                _ = sqlite3_bind_text(statement, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self),
                                      Int32(bytes.count), Self.transient)
            } else {
                _ = sqlite3_bind_text(statement, index, "", 0, Self.transient)
            }
        }
    }

    func integer<I: BinaryInteger>(_ index: Int32, _ value: I?) {
        guard let value else { sqlite3_bind_null(statement, index); return }
        sqlite3_bind_int64(statement, index, Int64(value))
    }
}

/// A `Date` as GRDB stores it, without GRDB's `DateFormatter` (which costs more than the insert
/// itself in a bulk load).
enum BulkText {
    /// Appends `value` (not negative) in `width` digits with leading zeros.
    private static func append(_ value: Int, width: Int, to bytes: inout [UInt8]) {
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        var v = value
        var i = start + width - 1
        while i >= start, v > 0 {
            bytes[i] = UInt8(ascii: "0") + UInt8(v % 10)
            v /= 10
            i -= 1
        }
    }

    /// `2025-10-02 10:13:20.000` (UTC), as GRDB stores a `Date`, for a date in whole
    /// milliseconds from year 1 to 9999; any other date is left to GRDB.
    static func timestamp(_ date: Date) -> String {
        let ms = date.timeIntervalSince1970 * 1000
        guard ms == ms.rounded(), abs(ms) < 2.5e14 else { return String.fromDatabaseValue(date.databaseValue)! }
        let total = Int(ms)
        let days = Int((Double(total) / 86_400_000).rounded(.down))
        let inDay = total - days * 86_400_000
        let day = LocalDate(dayNumber: days)
        guard (1...9999).contains(day.year) else { return String.fromDatabaseValue(date.databaseValue)! }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(23)
        append(day.year, width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        append(day.day, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        append(inDay / 3_600_000, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(inDay / 60_000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        append(inDay / 1000 % 60, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "."))
        append(inDay % 1000, width: 3, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

// MARK: Diagnostics

/// What the storage benchmark asks of the database beside the queries themselves: the SQL a
/// call ran, its query plan, and the cost of each part of a list (the SELECT, decoding the rows
/// into records, the audit line).
extension AppDatabase {
    /// The SELECT statements that `body` ran on the writer connection (where every list runs,
    /// because of its audit line), with their arguments written in.
    @_spi(Bulk) public func selectStatements(during body: () throws -> Void) throws -> [String] {
        final class Box: @unchecked Sendable { var statements: [String] = [] }
        let box = Box()
        writer.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event, statement.sql.uppercased().hasPrefix("SELECT") {
                    box.statements.append(statement.expandedSQL)
                }
            }
        }
        defer { writer.writeWithoutTransaction { db in db.trace(options: []) } }
        try body()
        return box.statements
    }

    /// `EXPLAIN QUERY PLAN` of `sql`, one line per step, indented as SQLite nests them.
    @_spi(Bulk) public func queryPlan(_ sql: String) throws -> [String] {
        try writer.read { db in
            var depth: [Int: Int] = [0: 0]
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { row in
                let id: Int = row["id"], parent: Int = row["parent"], detail: String = row["detail"]
                let level = (depth[parent] ?? 0) + (parent == 0 ? 0 : 1)
                depth[id] = level
                return String(repeating: "  ", count: level) + detail
            }
        }
    }

    /// Runs `sql` (a SELECT) in a read transaction and steps through every row without decoding
    /// any: the cost of the query in SQLite alone. Returns the number of rows.
    @_spi(Bulk) public func stepRows(_ sql: String) throws -> Int {
        try writer.read { db in
            var count = 0
            let cursor = try Row.fetchCursor(db, sql: sql)
            while try cursor.next() != nil { count += 1 }
            return count
        }
    }

    /// Runs `sql` (a SELECT of report rows) in a read transaction and decodes the rows into
    /// ``Report`` records, with no access check and no audit line.
    @_spi(Bulk) public func fetchReports(_ sql: String) throws -> [Report] {
        try writer.read { db in try Report.fetchAll(db, sql: sql) }
    }

    /// Runs `sql` (a SELECT of enrolment rows) in a read transaction and decodes the rows into
    /// ``Enrolment`` records, with no access check and no audit line.
    @_spi(Bulk) public func fetchEnrolments(_ sql: String) throws -> [Enrolment] {
        try writer.read { db in try Enrolment.fetchAll(db, sql: sql) }
    }

    /// Writes one audit line listing `ids`, in a write transaction of its own: what every list
    /// adds to its query.
    @_spi(Bulk) public func writeAuditLine(listing ids: [Int64], entity: String, as actor: Actor) throws {
        try writer.write { db in try audit(db, actor, "list", entity, ids, detail: "benchmark") }
    }

    /// An empty write transaction: the fixed cost of every `write`.
    @_spi(Bulk) public func emptyWrite() throws {
        try writer.write { _ in }
    }

    /// The number of rows of each table of the schema, by name.
    @_spi(Bulk) public func rowCounts() throws -> [String: Int] {
        try writer.read { db in
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'
                """)
            var counts: [String: Int] = [:]
            for table in tables {
                counts[table] = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0
            }
            return counts
        }
    }

    /// Copies the write-ahead log into the database file and empties it, so that the file alone
    /// holds everything (before copying it).
    @_spi(Bulk) public func checkpoint() throws {
        try writer.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
    }
}
