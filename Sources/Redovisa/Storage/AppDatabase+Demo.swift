import Crypto
import Foundation
import GRDB

/// What `redovisa demo` asks of the storage beyond the intent-named methods: what a database
/// holds, a digest of everything in it, and copying a whole database over another in one step.
extension AppDatabase {
    /// The `via` of the audit lines `redovisa demo` writes: how a database is known to hold the demo.
    public static let demoVia = "demo"

    /// How many of each kind a database holds, and whether `redovisa demo` wrote it.
    public struct Contents: Sendable, Equatable {
        public var organisations = 0
        public var offices = 0
        public var users = 0
        public var assignments = 0
        public var people = 0
        /// People with a protected identity, of any kind.
        public var protectedPeople = 0
        /// People with a protected identity, by kind.
        public var protectedByKind: [ProtectedIdentity: Int] = [:]
        /// People identified by a samordningsnummer (day + 60).
        public var samordningsnummer = 0
        public var programmes = 0
        public var enrolments = 0
        /// Enrolments with an actual end.
        public var endedEnrolments = 0
        /// Enrolments with at least one extension.
        public var extendedEnrolments = 0
        public var plans = 0
        /// Plan versions by kind.
        public var plansByKind: [PlanKind: Int] = [:]
        public var reports = 0
        public var statusChanges = 0
        public var absences = 0
        public var deviations = 0
        public var resultReports = 0
        public var susRegistrations = 0
        public var auditEntries = 0
        /// Enrolments by programme code.
        public var enrolmentsByProgramme: [String: Int] = [:]
        /// Reports by status.
        public var reportsByStatus: [ReportStatus: Int] = [:]
        /// Reports by template id.
        public var reportsByTemplate: [String: Int] = [:]
        /// Whether audit lines written through ``AppDatabase/demoVia`` are present: the demo
        /// seeded this database.
        public var hasDemo = false

        public init() {}

        /// Nothing registered: no organisation, office, user, person, programme, enrolment or report.
        /// (Audit lines alone, such as those of someone listing an empty database, do not count.)
        public var isEmpty: Bool {
            organisations + offices + users + people + programmes + enrolments + reports == 0
        }
    }

    /// Counts what the database holds. Reads counts only, no personal data, so it is not audited.
    /// - Throws: ``RedovisaError/Code/storage``.
    public func contents() throws(RedovisaError) -> Contents {
        try read { db in try Self.contents(db) }
    }

    private static func contents(_ db: Database) throws -> Contents {
        func count(_ sql: String) throws -> Int { try Int.fetchOne(db, sql: sql) ?? 0 }
        var c = Contents()
        c.organisations = try count("SELECT COUNT(*) FROM organisation")
        c.offices = try count("SELECT COUNT(*) FROM office")
        c.users = try count("SELECT COUNT(*) FROM user")
        c.assignments = try count("SELECT COUNT(*) FROM assignment")
        c.people = try count("SELECT COUNT(*) FROM person")
        c.protectedPeople = try count("SELECT COUNT(*) FROM person WHERE protection IS NOT NULL")
        c.samordningsnummer = try count("SELECT COUNT(*) FROM person WHERE CAST(substr(personnummer, 7, 2) AS INTEGER) > 60")
        c.programmes = try count("SELECT COUNT(*) FROM programme")
        c.enrolments = try count("SELECT COUNT(*) FROM enrolment")
        c.endedEnrolments = try count("SELECT COUNT(*) FROM enrolment WHERE actualEnd IS NOT NULL")
        c.extendedEnrolments = try count("SELECT COUNT(*) FROM enrolment WHERE extensions <> '[]'")
        c.plans = try count("SELECT COUNT(*) FROM plan")
        c.reports = try count("SELECT COUNT(*) FROM report")
        c.statusChanges = try count("SELECT COUNT(*) FROM statusChange")
        c.absences = try count("SELECT COUNT(*) FROM absence")
        c.deviations = try count("SELECT COUNT(*) FROM deviation")
        c.resultReports = try count("SELECT COUNT(*) FROM resultReport")
        c.susRegistrations = try count("SELECT COUNT(*) FROM susRegistration")
        c.auditEntries = try count("SELECT COUNT(*) FROM auditEntry")
        for row in try Row.fetchAll(db, sql: """
            SELECT p.code, COUNT(*) FROM enrolment e JOIN programme p ON p.id = e.programmeId GROUP BY p.code
            """) {
            c.enrolmentsByProgramme[row[0]] = row[1]
        }
        for row in try Row.fetchAll(db, sql: "SELECT kind, COUNT(*) FROM plan GROUP BY kind") {
            if let kind = PlanKind(rawValue: row[0]) { c.plansByKind[kind] = row[1] }
        }
        for row in try Row.fetchAll(db, sql: "SELECT protection, COUNT(*) FROM person WHERE protection IS NOT NULL GROUP BY protection") {
            if let kind = ProtectedIdentity(rawValue: row[0]) { c.protectedByKind[kind] = row[1] }
        }
        for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM report GROUP BY status") {
            if let status = ReportStatus(rawValue: row[0]) { c.reportsByStatus[status] = row[1] }
        }
        for row in try Row.fetchAll(db, sql: "SELECT templateId, COUNT(*) FROM report GROUP BY templateId") {
            c.reportsByTemplate[row[0]] = row[1]
        }
        c.hasDemo = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM auditEntry WHERE via = ?)", arguments: [Self.demoVia]) ?? false
        return c
    }

    /// Replaces everything in this database with everything in `source`, in one step: SQLite's
    /// online backup copies every page of `source` in a single write transaction, so readers see
    /// the old database or the new one, never a mix, and a failure leaves this one as it was.
    ///
    /// `check` runs first, inside the same exclusive access, on what this database holds now, and
    /// says whether to go ahead (or throws to refuse); nothing is written unless it returns true.
    ///
    /// ```swift
    /// try target.replaceContents(with: demo) { contents in contents.isEmpty }
    /// ```
    /// - Returns: whether the contents were replaced.
    /// - Throws: what `check` throws; ``RedovisaError/Code/storage`` when the copy fails.
    @discardableResult
    public func replaceContents(
        with source: AppDatabase, check: (Contents) throws(RedovisaError) -> Bool
    ) throws(RedovisaError) -> Bool {
        do {
            return try writer.barrierWriteWithoutTransaction { destination in
                guard try check(Self.contents(destination)) else { return false }
                try source.writer.read { origin in try origin.backup(to: destination) }
                return true
            }
        } catch let error as RedovisaError {
            throw error
        } catch {
            throw RedovisaError(.storage, "databasen kunde inte skrivas: \(error)")
        }
    }

    /// SHA-256 (hex) over every row of every table, in table-name and row order: two databases
    /// with the same digest hold the same data.
    ///
    /// Columns that hold a Swift `Set` (``Person/notify``, ``User/roles``) are compared as sets:
    /// their JSON arrays are sorted first, because a `Set` is encoded in its hash order, which
    /// differs from one set to another even with the same elements.
    /// - Throws: ``RedovisaError/Code/storage``.
    public func contentDigest() throws(RedovisaError) -> String {
        try read { db in
            var hasher = SHA256()
            let tables = try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name
                """)
            for table in tables {
                hasher.update(data: Data("table \(table)\n".utf8))
                let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid")
                while let row = try rows.next() {
                    let values = row.map { column, value -> String in
                        guard Self.setColumns.contains("\(table).\(column)"), let text = String.fromDatabaseValue(value),
                            case .array(let items)? = try? JSONValue(parsing: text)
                        else { return value.description }
                        return JSONValue.array(items.sorted { $0.canonicalText < $1.canonicalText }).canonicalText
                    }
                    hasher.update(data: Data((values.joined(separator: "\u{1F}") + "\n").utf8))
                }
            }
            return hasher.finalize().hexString
        }
    }

    /// `table.column` of the columns that hold a set as a JSON array.
    private static let setColumns: Set<String> = ["person.notify", "user.roles"]
}
