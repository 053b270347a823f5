import Crypto
import Foundation
import GRDB

/// One published version of a template: its Lua text, kept for as long as drafts use it.
public struct PublishedTemplate: Sendable, Hashable, Codable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "templateVersion"

    public var templateId: String
    public var version: Int
    public var title: String
    public var source: String
    /// SHA-256 (hex) of the source.
    public var sha256: String
    public var publishedAt: Date
    public var publishedBy: Int64?

    /// The source as the engine loads it, shown in errors as `templates/ID.lua`.
    public var templateSource: TemplateSource {
        TemplateSource(text: source, chunkName: "templates/\(templateId).lua")
    }
}

/// Published template versions: publish, look up, and the drafts still on an older version.
extension AppDatabase {
    /// What publishing did.
    public enum PublishOutcome: Sendable, Equatable {
        /// The version is new and now published.
        case published
        /// The same text was already published under this version: nothing changed.
        case unchanged
    }

    /// Publishes version `version` of template `id`. Only administrators (and the system) may.
    /// A version, once published, never changes: publishing it again with other text is refused,
    /// and so is a version lower than the newest.
    /// - Throws: ``RedovisaError/Code/accessDenied``, ``RedovisaError/Code/conflict``.
    @discardableResult
    public func publishTemplate(
        id: String, version: Int, title: String, source: String, as actor: Actor
    ) throws(RedovisaError) -> PublishOutcome {
        guard actor.seesEveryone || actor.has(.administrator) else {
            throw RedovisaError(.accessDenied, "Endast administratörer kan publicera mallar.")
        }
        let hash = Self.sha256(source)
        let result: Result<PublishOutcome, RedovisaError> = try write { db in
            if let existing = try PublishedTemplate.fetchOne(db, key: ["templateId": id, "version": version]) {
                if existing.sha256 == hash { return .success(.unchanged) }
                return .failure(RedovisaError(
                    .conflict,
                    "\(id) version \(version) is already published with other content; raise 'version' in the template"))
            }
            let newest = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM templateVersion WHERE templateId = ?", arguments: [id])
            if let newest, newest > version {
                return .failure(RedovisaError(
                    .conflict, "\(id) version \(newest) is already published; a new version must be higher than that"))
            }
            try PublishedTemplate(
                templateId: id, version: version, title: title, source: source, sha256: hash, publishedAt: clock(),
                publishedBy: actor.userId
            ).insert(db)
            try audit(db, actor, "publish", "template", [], detail: "\(id) version \(version)")
            return .success(.published)
        }
        return try result.get()
    }

    /// Version `version` of template `id` (the newest when nil), if published.
    public func publishedTemplate(id: String, version: Int? = nil) throws(RedovisaError) -> PublishedTemplate? {
        try read { db in
            if let version { return try PublishedTemplate.fetchOne(db, key: ["templateId": id, "version": version]) }
            return try PublishedTemplate.filter(Column("templateId") == id).order(Column("version").desc).fetchOne(db)
        }
    }

    /// The newest published version of every template, by id.
    public func publishedTemplates() throws(RedovisaError) -> [PublishedTemplate] {
        try read { db in
            try PublishedTemplate.fetchAll(
                db,
                sql: """
                    SELECT t.* FROM templateVersion t
                    WHERE t.version = (SELECT MAX(version) FROM templateVersion WHERE templateId = t.templateId)
                    ORDER BY t.templateId
                    """)
        }
    }

    /// Drafts and returned reports of template `id` on a version lower than `version`: what a
    /// new version would affect. For administrators; the list is audited by id.
    public func openReports(template id: String, before version: Int, as actor: Actor) throws(RedovisaError) -> [Report] {
        guard actor.seesEveryone || actor.has(.administrator) else {
            throw RedovisaError(.accessDenied, "Endast administratörer kan se utkasten för en mall.")
        }
        return try write { db in
            let reports = try Report.filter(
                Column("templateId") == id && Column("templateVersion") < version
                    && [ReportStatus.draft, .returned].contains(Column("status"))
            ).order(Column("id")).fetchAll(db)
            try audit(db, actor, "read", "report", reports.compactMap(\.id), detail: "open drafts of \(id)")
            return reports
        }
    }

    /// Moves open reports to template version `version` with their migrated answers, in one
    /// transaction; a report that was submitted or saved meanwhile is left as it is (its author
    /// will be asked to migrate on the next save). Returns how many moved.
    func moveOpenReports(_ answers: [Int64: JSONValue], to version: Int, as actor: Actor) throws(RedovisaError) -> Int {
        try write { db in
            var moved = 0
            for (id, migrated) in answers.sorted(by: { $0.key < $1.key }) {
                guard var report = try Report.fetchOne(db, key: id),
                    report.status == .draft || report.status == .returned, report.templateVersion < version
                else { continue }
                let from = report.templateVersion
                report.templateVersion = version
                report.answers = migrated
                report.revision += 1
                report.updatedAt = clock()
                try report.update(db)
                try audit(db, actor, "migrate", "report", [id], detail: "\(report.templateId) \(from) → \(version)")
                moved += 1
            }
            return moved
        }
    }

    static func sha256(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).hexString
    }
}

/// The answers a new draft may start from.
extension AppDatabase {
    /// The newest report of template `id` that `author` wrote, whatever it is about: where the
    /// fields a template marks `remember` (contact details) come from.
    public func newestReport(template id: String, author: Int64, as actor: Actor) throws(RedovisaError) -> Report? {
        try write { db in
            let report = try Report.filter(Column("templateId") == id && Column("authorId") == author
                && Column("status") != ReportStatus.withdrawn.rawValue)
                .order(Column("updatedAt").desc, Column("id").desc).fetchOne(db)
            if let report { try audit(db, actor, "read", "report", [report.id!], detail: "remembered answers") }
            return report
        }
    }

    /// The report of template `id` about the same person and enrolment for `period`, if there
    /// is one the actor may see (not withdrawn): what "copy from the previous month" copies.
    public func report(
        template id: String, personId: Int64, enrolmentId: Int64?, period: Period, as actor: Actor
    ) throws(RedovisaError) -> Report? {
        try write { db in
            let condition = AccessFilter.report("r", actor)
            let request: SQLRequest<Report> = """
                SELECT r.* FROM report r
                WHERE r.templateId = \(id) AND r.personId = \(personId) AND r.enrolmentId IS \(enrolmentId)
                  AND r.period = \(period) AND r.status <> 'withdrawn' AND \(condition)
                ORDER BY r.id DESC LIMIT 1
                """
            let report = try request.fetchOne(db)
            if let report { try audit(db, actor, "read", "report", [report.id!], detail: "copied to a new draft") }
            return report
        }
    }
}

/// Stored answers read in bulk, for checking every report of a template against its rules.
extension AppDatabase {
    /// One stored report as the bulk check needs it: ids, period and the answers' JSON text.
    public struct StoredAnswers: Sendable {
        public var reportId: Int64
        public var period: Period?
        public var eventDate: LocalDate?
        public var personId: Int64
        public var enrolmentId: Int64?
        /// The canonical JSON text of the answers, as stored.
        public var answersJSON: String
    }

    /// Up to `limit` reports of template `id` version `version` with an id above `afterId`, in
    /// id order (so a caller pages through them all: keyset pagination, each page one read).
    /// For administrators and the system only; each page is one audit line.
    /// - Parameter statuses: only these statuses (all when empty).
    public func storedAnswers(
        template id: String, version: Int, statuses: [ReportStatus] = [], after afterId: Int64 = 0, limit: Int = 1000,
        as actor: Actor
    ) throws(RedovisaError) -> [StoredAnswers] {
        try readStoredAnswers(template: id, version: version, statuses: statuses, after: afterId, limit: limit, as: actor) {
            db, sql, arguments in
            var rows: [StoredAnswers] = []
            rows.reserveCapacity(limit)
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() {
                rows.append(StoredAnswers(
                    reportId: row[0], period: row[1], eventDate: row[2], personId: row[3], enrolmentId: row[4],
                    answersJSON: row[5]))
            }
            return (rows, rows.map(\.reportId))
        }
    }

    /// A page of stored answers as both readers read it (``storedAnswers(template:version:statuses:after:limit:as:)``
    /// and the bulk reader's `storedAnswersPage`): for administrators and the system only, the
    /// page's query — id, period, eventDate, personId, enrolmentId and answers of up to `limit`
    /// reports above `afterId`, in id order — run by `read`, which gives its page and the ids it
    /// read, and one audit line for those ids, in the same transaction.
    func readStoredAnswers<Page>(
        template id: String, version: Int, statuses: [ReportStatus], after afterId: Int64, limit: Int, as actor: Actor,
        _ read: (Database, String, StatementArguments) throws -> (page: Page, ids: [Int64])
    ) throws(RedovisaError) -> Page {
        guard actor.seesEveryone else {
            throw RedovisaError(.accessDenied, "Endast administratörer kan kontrollera alla rapporter för en mall.")
        }
        return try write { db in
            var conditions: [SQL] = ["templateId = \(id)", "templateVersion = \(version)", "id > \(afterId)"]
            if !statuses.isEmpty { conditions.append("status IN \(statuses)") }
            let query: SQL = """
                SELECT id, period, eventDate, personId, enrolmentId, answers FROM report
                WHERE \(conditions.joined(operator: .and)) ORDER BY id LIMIT \(limit)
                """
            let (sql, arguments) = try query.build(db)
            let (page, ids) = try read(db, sql, arguments)
            if !ids.isEmpty {
                try audit(db, actor, "read", "report", ids, detail: "checked against \(id) version \(version)")
            }
            return page
        }
    }
}
