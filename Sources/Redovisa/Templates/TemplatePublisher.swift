import Foundation
import LuaHost

/// Publishing a new version of a template: which open drafts it affects, which of those would
/// fail its rules, and — when it declares `migrate` — carrying them over to it.
public struct TemplatePublisher: Sendable {
    public let database: AppDatabase
    public var limits: LuaLimits

    public init(database: AppDatabase, limits: LuaLimits = .default) {
        self.database = database
        self.limits = limits
    }

    /// An open draft that would not pass the new version.
    public struct Failing: Sendable, Hashable {
        public var reportId: Int64
        public var fromVersion: Int
        public var problems: [FieldProblem]

        public init(reportId: Int64, fromVersion: Int, problems: [FieldProblem]) {
            self.reportId = reportId
            self.fromVersion = fromVersion
            self.problems = problems
        }
    }

    /// What publishing `source` would do.
    public struct Plan: Sendable {
        public var source: TemplateSource
        public var description: TemplateDescription
        /// Drafts and returned reports on older versions.
        public var openReports: [Report]
        /// Their answers on the new version (after `migrate`), by report id; empty without `migrate`.
        public var migrated: [Int64: JSONValue]
        /// Those that would fail the new version's rules.
        public var failing: [Failing]
    }

    /// What publishing did.
    public struct Outcome: Sendable {
        public var published: AppDatabase.PublishOutcome
        public var moved: Int
        public var kept: Int

        public var summary: String {
            switch published {
            case .unchanged: "already published with the same text: nothing changed"
            case .published:
                "published; \(moved) open draft\(moved == 1 ? "" : "s") carried over with migrate, \(kept) kept on \(kept == 1 ? "its" : "their") version"
            }
        }
    }

    /// Works out what publishing `source` would do, changing nothing. Drafts are checked as of
    /// today, by the new version's rules after its `migrate` (or as they are, without one).
    /// - Throws: ``RedovisaError`` for a template that does not load, or a version that may not
    ///   be published (lower than the newest, or the same number with other text).
    public func plan(_ source: TemplateSource, as actor: Actor) throws(RedovisaError) -> Plan {
        let description = try TemplateCatalog.describe(source, limits: limits)
        if let newest = try database.publishedTemplate(id: description.id), newest.version > description.version {
            throw RedovisaError(
                .conflict, "\(description.id) version \(newest.version) is already published; a new version must be higher")
        }
        let open = try database.openReports(template: description.id, before: description.version, as: actor)
        let today = LocalDate.today(at: database.clock())
        var migrated: [Int64: JSONValue] = [:]
        var failing: [Failing] = []
        try TemplateCatalog.withSources([source], clock: LuaClock(now: database.clock()), limits: limits) { session throws(RedovisaError) in
            for report in open {
                var answers = report.answers
                if description.hasMigrate {
                    answers = try session.migrate(
                        description.id, to: description.version, from: report.templateVersion, answers: answers
                    ).droppingNulls
                    migrated[report.id!] = answers
                }
                let check = try session.check(
                    description.id, version: description.version, answers: answers,
                    context: TemplateContext(report: report, today: today))
                if !check.valid {
                    failing.append(Failing(reportId: report.id!, fromVersion: report.templateVersion, problems: check.errors))
                }
            }
        }
        return Plan(source: source, description: description, openReports: open, migrated: migrated, failing: failing)
    }

    /// Publishes the planned version and carries the open drafts over when it has `migrate`
    /// (drafts that fail its rules too: a draft may be incomplete; the author sees the problems).
    public func publish(_ plan: Plan, as actor: Actor) throws(RedovisaError) -> Outcome {
        let published = try database.publishTemplate(
            id: plan.description.id, version: plan.description.version, title: plan.description.title,
            source: plan.source.text, as: actor)
        guard published == .published else { return Outcome(published: published, moved: 0, kept: 0) }
        let moved = try database.moveOpenReports(plan.migrated, to: plan.description.version, as: actor)
        return Outcome(published: published, moved: moved, kept: plan.openReports.count - moved)
    }
}

extension TemplatePublisher {
    /// What publishing one file of a folder did.
    public struct FolderResult: Sendable {
        public var name: String
        /// `lss-kontaktperson version 1: published` or the error.
        public var line: String
        public var failed: Bool
    }

    /// Publishes every template in `folder` (the demo does this, so its reports have their
    /// templates); a template that fails is reported and the others still published.
    public func publishAll(in folder: String = "templates", as actor: Actor) -> [FolderResult] {
        TemplateSource.names(in: folder).map { name in
            do {
                let plan = try plan(try TemplateSource.file(named: name, in: folder), as: actor)
                let outcome = try publish(plan, as: actor)
                let what = outcome.published == .published ? "published" : "already published"
                return FolderResult(name: name, line: "\(name) version \(plan.description.version): \(what)", failed: false)
            } catch let error as RedovisaError {
                return FolderResult(name: name, line: "\(name): \(error.message)", failed: true)
            } catch {
                return FolderResult(name: name, line: "\(name): \(error)", failed: true)
            }
        }
    }
}
