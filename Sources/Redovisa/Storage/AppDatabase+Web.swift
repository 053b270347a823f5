import Foundation
import GRDB
import GRDBSQLite  // SQLite's C API: the stamp read on a raw reader
import Synchronization

/// What the web pages ask beyond the lifecycle and queue methods: who logs in, names for lists,
/// the officer's comments on returned reports, and the counts of a period's dashboard. Every read
/// of personal data goes through ``AccessFilter`` and is audited.
extension AppDatabase {
    /// The user whose person has `personnummer` (a reporter logging in with e-legitimation), with
    /// their assignments, acting through `via`. The login is audited as `login` on the user.
    /// - Throws: ``RedovisaError/Code/notFound`` when no user is linked to that personnummer.
    public func actor(personnummer: Personnummer, via: String) throws(RedovisaError) -> Actor {
        try write { db in
            let request: SQLRequest<User> = """
                SELECT u.* FROM user u JOIN person p ON p.id = u.personId WHERE p.personnummer = \(personnummer)
                """
            guard let user = try request.fetchOne(db) else {
                throw RedovisaError(.notFound, "Det finns inget konto för dig i Redovisa.")
            }
            let assignments = try Assignment.filter(Column("userId") == user.id).fetchAll(db)
            let actor = Actor(user: user, assignments: assignments, via: via)
            try audit(db, actor, "login", "user", [user.id!])
            return actor
        }
    }

    /// Records that `actor` logged in (a login by username, such as the demo login).
    public func recordLogin(_ actor: Actor, method: String) throws(RedovisaError) {
        try write { db in try audit(db, actor, "login", "user", [actor.userId ?? 0], detail: method) }
    }

    /// The people `ids` that `actor` may see, masked as needed, by id; the others are left out.
    /// One audit line lists those returned.
    public func people(ids: [Int64], as actor: Actor) throws(RedovisaError) -> [Int64: PersonView] {
        guard !ids.isEmpty else { return [:] }
        return try audited { db, lines in
            let condition = AccessFilter.enrolment("e", actor)
            let unique = Array(Set(ids))
            let request: SQLRequest<Person> = """
                SELECT * FROM person p WHERE p.id IN \(unique) AND (\(actor.seesEveryone) OR p.id = \(actor.user?.personId ?? -1)
                   OR EXISTS (SELECT 1 FROM enrolment e WHERE e.personId = p.id AND \(condition)))
                """
            let people = try request.fetchAll(db)
            audit(lines, actor, "list", "person", people.compactMap(\.id).sorted())
            return Dictionary(uniqueKeysWithValues: people.map { ($0.id!, $0.view(for: actor)) })
        }
    }

    /// Display names of users (staff and reporters who acted on reports), by id. Names of staff
    /// are not protected personal data in this register; no audit line.
    public func userNames(ids: [Int64]) throws(RedovisaError) -> [Int64: String] {
        guard !ids.isEmpty else { return [:] }
        return try read { db in
            let request: SQLRequest<Row> = "SELECT id, displayName FROM user WHERE id IN \(Array(Set(ids)))"
            return Dictionary(uniqueKeysWithValues: try request.fetchAll(db).map { ($0[0] as Int64, $0[1] as String) })
        }
    }

    /// The latest status change with a comment for each of `reportIds` that `actor` may see
    /// (the officer's comment on a returned report). One audit line.
    public func latestComments(reports reportIds: [Int64], as actor: Actor) throws(RedovisaError) -> [Int64: StatusChange] {
        guard !reportIds.isEmpty else { return [:] }
        return try audited { db, lines in
            let condition = AccessFilter.report("r", actor)
            let request: SQLRequest<StatusChange> = """
                SELECT s.* FROM statusChange s JOIN report r ON r.id = s.reportId
                WHERE s.reportId IN \(Array(Set(reportIds))) AND s.comment IS NOT NULL AND \(condition)
                ORDER BY s.id
                """
            var latest: [Int64: StatusChange] = [:]
            for change in try request.fetchAll(db) { latest[change.reportId] = change }
            audit(lines, actor, "read", "statusChange", latest.keys.sorted(), detail: "kommentarer")
            return latest
        }
    }

    /// The template ids of the reports in the database (for filter choices; no personal data).
    public func reportTemplateIds() throws(RedovisaError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "SELECT DISTINCT templateId FROM report ORDER BY templateId") }
    }

    /// The periods that have reports, newest first (for filter choices; no personal data).
    public func reportPeriods() throws(RedovisaError) -> [Period] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT DISTINCT period FROM report WHERE period IS NOT NULL ORDER BY period DESC")
                .compactMap(Period.init)
        }
    }

    /// Every programme, by id (names for the pages; no personal data).
    public func programmesById() throws(RedovisaError) -> [Int64: Programme] {
        try read { db in
            Dictionary(uniqueKeysWithValues: try Programme.fetchAll(db).compactMap { p in p.id.map { ($0, p) } })
        }
    }

    /// Report `id` and the person it is about, as ``report(id:as:)`` and ``people(ids:as:)`` give
    /// them, read in one transaction (a report's form page needs both on every view): the same
    /// access rule, masking and audit lines, one read instead of two.
    /// - Throws: ``RedovisaError/Code/notFound``, or ``RedovisaError/Code/accessDenied`` with the
    ///   SUS message (audited as `denied`).
    public func reportWithPerson(id: Int64, as actor: Actor) throws(RedovisaError) -> (report: Report, person: PersonView?) {
        let result = try audited { db, lines in try pageRead(db, lines, id, actor) }
        guard case .read(let report, let person, _) = try result.get() else { preconditionFailure("nothing to reuse") }
        return (report, person)
    }

    /// ``reportWithPerson(id:as:)`` for a page that may have been drawn before: the access check
    /// and what the page shows that can change (``ReportStamp``) are read first, in one cached
    /// statement; when `reuse` accepts that stamp nothing more is read and the answer is
    /// ``PageRead/unchanged(_:)``, else the report and person are read (in a read transaction
    /// with a stamp of their own). Either way the audit lines are those of
    /// ``reportWithPerson(id:as:)`` (the report read, the person listed), committed before this
    /// returns; while they wait for their commit the task is suspended, not a thread blocked.
    /// - Throws: ``RedovisaError/Code/notFound``, or ``RedovisaError/Code/accessDenied`` with the
    ///   SUS message (audited as `denied`).
    ///
    /// ```swift
    /// let read = try await database.reportForPage(id: id, as: actor) { stamp in stamp == kept.stamp }
    /// ```
    public func reportForPage(
        id: Int64, as actor: Actor, reuse: (ReportStamp) -> Bool
    ) async throws(RedovisaError) -> PageRead {
        // Most views find their page current. One statement reads one consistent snapshot, so
        // the stamp needs no transaction of its own.
        if WriteInProgress.current == nil, let stamp = try stamp(of: id, as: actor), reuse(stamp) {
            let lines = AuditLines()
            audit(lines, actor, "read", "report", [id])
            if stamp.person != nil { audit(lines, actor, "list", "person", [stamp.personId]) }
            try await commitAsync(lines)
            return .unchanged(stamp)
        }
        return try await auditedAsync { db, lines in try pageRead(db, lines, id, actor) }.get()
    }

    /// The stamp of report `id` as `actor` may read it (``ReportStamp/fetch(_:_:_:)``): on a raw
    /// reader of the file when there is one and the actor's query is known, else through GRDB.
    private func stamp(of id: Int64, as actor: Actor) throws(RedovisaError) -> ReportStamp? {
        if let rawReaders {
            do {
                if case .some(let stamp) = try rawReaders.withConnection({ try ReportStamp.fetch($0, id, actor) }) {
                    return stamp
                }
            } catch {
                throw RedovisaError.storage(error)
            }
        }
        return try unsafeRead { db in try ReportStamp.fetch(db, id, actor) }
    }

    /// The whole read of ``reportWithPerson(id:as:)`` and ``reportForPage(id:as:reuse:)``, with
    /// the stamp; a refusal is returned (and audited), not thrown.
    private func pageRead(
        _ db: Database, _ lines: AuditLines, _ id: Int64, _ actor: Actor
    ) throws -> Result<PageRead, RedovisaError> {
        guard let stamp = try ReportStamp.fetch(db, id, actor) else {
            let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM report WHERE id = ?)", arguments: [id]) ?? false
            if !exists { throw RedovisaError(.notFound, "rapporten finns inte") }
            audit(lines, actor, "denied", "report", [id])
            return .failure(RedovisaError.noAssignment)
        }
        audit(lines, actor, "read", "report", [id])
        let request = SQLRequest<Report>(
            literal: "SELECT \(AccessFilter.reportColumns("r", actor)) FROM report r WHERE r.id = \(id)", cached: true)
        guard let report = try request.fetchOne(db) else { throw RedovisaError(.notFound, "rapporten finns inte") }
        guard stamp.person != nil,
            let person = try SQLRequest<Person>(literal: "SELECT * FROM person WHERE id = \(report.personId)", cached: true)
                .fetchOne(db)
        else { return .success(.read(report, nil, stamp)) }
        audit(lines, actor, "list", "person", [report.personId])
        return .success(.read(report, person.view(for: actor), stamp))
    }

    /// The templates that reports of programme `programmeId` use, the most used first: which
    /// report a new one for an enrolment of the programme usually is. Read from the reports of
    /// at most 200 of its newest enrolments, so the answer stays quick on a large register
    /// (template ids and counts only, no personal data).
    public func templates(programme programmeId: Int64) throws(RedovisaError) -> [String] {
        try read { db in
            try String.fetchAll(db, sql: """
                SELECT r.templateId FROM report r
                WHERE r.enrolmentId IN (SELECT id FROM enrolment WHERE programmeId = ? ORDER BY start DESC LIMIT 200)
                GROUP BY r.templateId ORDER BY COUNT(*) DESC, r.templateId
                """, arguments: [programmeId])
        }
    }

    /// A period's reports in numbers, as `actor` may see them.
    public struct PeriodSummary: Sendable, Equatable {
        public var period: Period
        /// Reports by status (statuses with none are left out).
        public var byStatus: [ReportStatus: Int]
        /// Reports handed in (submitted, resubmitted, returned or approved).
        public var handedIn: Int
        /// Of those, the ones handed in on time (not late).
        public var onTime: Int

        /// The share handed in on time, 0…1; nil when nothing is handed in.
        public var onTimeRate: Double? { handedIn == 0 ? nil : Double(onTime) / Double(handedIn) }
    }

    /// Counts of period `period`'s reports by status and the on-time rate, over the reports
    /// `actor` may see, optionally of one template and one provider. Audited as one line.
    public func summary(
        period: Period, templateId: String? = nil, providerId: Int64? = nil, as actor: Actor
    ) throws(RedovisaError) -> PeriodSummary {
        try audited { db, lines in
            var conditions: [SQL] = ["r.period = \(period)", AccessFilter.report("r", actor)]
            if let templateId { conditions.append("r.templateId = \(templateId)") }
            if let providerId { conditions.append("r.providerId = \(providerId)") }
            let request: SQLRequest<Row> = """
                SELECT r.status, COUNT(*), SUM(r.late) FROM report r WHERE \(conditions.joined(operator: .and))
                GROUP BY r.status
                """
            var summary = PeriodSummary(period: period, byStatus: [:], handedIn: 0, onTime: 0)
            for row in try request.fetchAll(db) {
                guard let status = ReportStatus(rawValue: row[0]) else { continue }
                let count: Int = row[1]
                let late: Int = row[2] ?? 0
                summary.byStatus[status] = count
                if ReportStatus.handedIn.contains(status) {
                    summary.handedIn += count
                    summary.onTime += count - late
                }
            }
            audit(lines, actor, "list", "report", [], detail: "översikt \(period)")
            return summary
        }
    }
}

/// What a report's form page shows of its report and person that can change while the page is
/// kept (``AppDatabase/reportForPage(id:as:reuse:)``): a page drawn for the same stamp, actor
/// and verdict is the same page. Every save and every change of status raises the revision; the
/// rest — the answers withheld or not, the person's name and protection, whether the reader may
/// see the person — is read for the reader as it is now.
public struct ReportStamp: Sendable, Hashable {
    public var revision: Int
    public var status: ReportStatus
    public var templateVersion: Int
    public var personId: Int64
    /// Whether the reader is given the answers (withheld for a protected identity, see
    /// `AccessFilter.reportColumns`).
    public var answersShown: Bool
    /// The person as the page names them; nil when the reader may not see the person.
    public var person: PersonName?

    /// What of the person goes into the page's name (``Person/view(for:)``).
    public struct PersonName: Sendable, Hashable {
        public var firstName: String
        public var lastName: String
        public var protection: ProtectedIdentity?
    }

    /// The stamp of report `id` as `actor` may read it; nil when there is no such report or
    /// `actor` may not read it (the same rule as every report read). One cached statement.
    static func fetch(_ db: Database, _ id: Int64, _ actor: Actor) throws -> ReportStamp? {
        let (sql, arguments) = try query(for: actor, db)
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments + [id])
        defer { sqlite3_reset(statement.sqliteStatement) }
        return try step(statement.sqliteStatement)
    }

    /// ``fetch(_:_:_:)`` on a raw reader (``RawReaders``): the same statement, rule, row
    /// reading and answer. Nil as the outer optional when it cannot be done there — the query
    /// for `actor` not rendered yet (the first read through GRDB renders it), or its arguments
    /// not known as values — and then the caller reads through GRDB.
    static func fetch(_ connection: RawReaders.Connection, _ id: Int64, _ actor: Actor) throws -> ReportStamp?? {
        guard let (sql, _, known) = queries.withLock({ $0[actor] }), let values = known else { return .none }
        let statement = try connection.statement(sql)
        defer { sqlite3_reset(statement) }
        connection.bind(values, to: statement)
        sqlite3_bind_int64(statement, Int32(values.count + 1), id)
        return .some(try step(statement))
    }

    /// Steps `statement` — the stamp's query with its arguments bound, through GRDB or on a raw
    /// reader — and reads the stamp from its row; nil when there is no row.
    /// - Throws: the statement's error; ``RedovisaError/Code/storage`` for a status or a
    ///   protection this version does not know.
    private static func step(_ statement: OpaquePointer) throws -> ReportStamp? {
        switch sqlite3_step(statement) {
        case SQLITE_DONE:
            return nil
        case SQLITE_ROW:
            func text(_ column: Int32) -> String? { RawReaders.text(statement, column) }
            guard let status = text(1).flatMap(ReportStatus.init(rawValue:)) else {
                throw RedovisaError(.storage, "okänd status för rapporten: \(text(1) ?? "NULL")")
            }
            var person: PersonName?
            if sqlite3_column_int64(statement, 5) != 0 {
                var protection: ProtectedIdentity?
                if let stored = text(8) {
                    guard let known = ProtectedIdentity(rawValue: stored) else {
                        throw RedovisaError(.storage, "okänt skydd för personen: \(stored)")
                    }
                    protection = known
                }
                person = PersonName(firstName: text(6) ?? "", lastName: text(7) ?? "", protection: protection)
            }
            return ReportStamp(
                revision: Int(sqlite3_column_int64(statement, 0)), status: status,
                templateVersion: Int(sqlite3_column_int64(statement, 2)), personId: sqlite3_column_int64(statement, 3),
                answersShown: sqlite3_column_int64(statement, 4) != 0, person: person)
        case let code:
            throw DatabaseError(
                resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(statement))))
        }
    }

    /// The stamp's query for `actor` and its arguments, all but the report id (the last):
    /// rendered once per actor (rendering the access rule's SQL cost as much as running it).
    private static func query(for actor: Actor, _ db: Database) throws -> (String, StatementArguments) {
        if let known = queries.withLock({ $0[actor] }) { return (known.0, known.1) }
        let shown: SQL = actor.mayViewProtected
            ? "1" : "(r.authorId = \(actor.userId ?? -1) OR r.personId = \(actor.user?.personId ?? -1) OR p.protection IS NULL)"
        let visible: SQL = actor.seesEveryone
            ? "1"
            : "(p.id = \(actor.user?.personId ?? -1) OR EXISTS (SELECT 1 FROM enrolment e WHERE e.personId = p.id AND \(AccessFilter.enrolment("e", actor))))"
        let literal: SQL = """
            SELECT r.revision, r.status, r.templateVersion, r.personId, \(shown), p.id IS NOT NULL AND \(visible),
                   p.firstName, p.lastName, p.protection
            FROM report r LEFT JOIN person p ON p.id = r.personId
            WHERE \(AccessFilter.report("r", actor)) AND r.id = ?
            """
        let built = try literal.build(db)
        queries.withLock { queries in
            if queries.count >= 1000 { queries.removeAll() }
            queries[actor] = (built.0, built.1, values(of: built.1))
        }
        return built
    }

    /// The values of positional `arguments`, for binding them on a raw reader; nil when they
    /// cannot be known. GRDB keeps them private: they are read by reflection, and anything
    /// other than what is expected (named arguments, another layout) gives nil, so that the
    /// stamp is read through GRDB.
    private static func values(of arguments: StatementArguments) -> [DatabaseValue]? {
        let fields = Mirror(reflecting: arguments).children
        guard let values = fields.first(where: { $0.label == "values" })?.value as? [DatabaseValue],
            let named = fields.first(where: { $0.label == "namedValues" })?.value as? [String: DatabaseValue], named.isEmpty,
            StatementArguments(values) == arguments
        else { return nil }
        return values
    }

    /// ``query(for:_:)``'s renderings, by actor: the SQL, its arguments, and their values when known.
    private static let queries = Mutex<[Actor: (String, StatementArguments, [DatabaseValue]?)]>([:])
}

/// What ``AppDatabase/reportForPage(id:as:reuse:)`` read.
public enum PageRead: Sendable {
    /// The report stands as the stamp says, and the caller's page for it was reused: nothing
    /// more was read.
    case unchanged(ReportStamp)
    /// The report and its person (nil when the reader may not see them), read in full.
    case read(Report, PersonView?, ReportStamp)
}
