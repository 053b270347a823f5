import Foundation
import LuaHost

/// Checks every stored report of a template against that version's rules, in bulk: pages of
/// reports are read from the database and checked in one sandbox run, a page per Lua call. What
/// an administrator runs after changing a rule (`redovisa template validate NAME`), and what the
/// template benchmark measures.
public struct TemplateValidator: Sendable {
    public let database: AppDatabase
    public var limits: LuaLimits
    /// Reports per page (per read and per Lua call).
    public var pageSize: Int

    public init(database: AppDatabase, limits: LuaLimits = .default, pageSize: Int = 1000) {
        self.database = database
        self.limits = limits
        self.pageSize = pageSize
    }

    /// The reports that fail, with their problems.
    public struct Outcome: Sendable {
        public var checked: Int
        public var invalid: [Invalid]
        public var valid: Int { checked - invalid.count }
    }

    public struct Invalid: Sendable, Hashable, Decodable {
        public var reportId: Int64
        public var errors: [FieldProblem]

        enum CodingKeys: String, CodingKey {
            case reportId = "report_id", errors
        }
    }

    /// Checks every report of template `id` (version `version`, default the newest published)
    /// with one of `statuses` (all when empty), as of today by the database's clock. Rules that
    /// read the domain (`ctx.enrolment`, …) read it as `actor`.
    /// - Throws: ``RedovisaError`` for an unpublished template, answers that are not JSON, or
    ///   a template error.
    public func validateStored(
        template id: String, version: Int? = nil, statuses: [ReportStatus] = [], as actor: Actor
    ) throws(RedovisaError) -> Outcome {
        guard let published = try database.publishedTemplate(id: id, version: version) else {
            throw RedovisaError(.notFound, "Mallen \(id) är inte publicerad.", field: "template")
        }
        let today = LocalDate.today(at: database.clock())
        let sandbox = try TemplateSession.sandbox(limits: limits)
        var context = LuaRunContext(clock: LuaClock(now: database.clock()))
        context.domain = LuaDomainContext(database: database, actor: actor, script: published.templateSource.chunkName)
        var outcome = Outcome(checked: 0, invalid: [])
        do {
            try sandbox.withRun(context: context) { run in
                let session = try TemplateSession(run: run, sources: [published.templateSource])
                var after: Int64 = 0
                while true {
                    let page = try database.storedAnswers(
                        template: id, version: published.version, statuses: statuses, after: after, limit: pageSize,
                        as: actor)
                    guard let last = page.last else { break }
                    let items = try page.map { stored throws(RedovisaError) in try BatchItem(stored) }
                    let result = try session.checkBatch(id, version: published.version, items: items, today: today)
                    outcome.checked += result.checked
                    outcome.invalid += result.invalid
                    after = last.reportId
                }
            }
        } catch let error as RedovisaError {
            throw error
        } catch {
            throw RedovisaError(.script, "\(error)")
        }
        return outcome
    }
}

/// One report as `form.check_batch` takes it.
struct BatchItem: Encodable {
    var answers: JSONValue
    var period: String?
    var eventDate: String?
    var reportId: Int64
    var personId: Int64
    var enrolmentId: Int64?

    init(_ stored: AppDatabase.StoredAnswers) throws(RedovisaError) {
        do {
            answers = try JSONValue(parsing: stored.answersJSON)
        } catch {
            throw RedovisaError(.storage, "report \(stored.reportId): the stored answers are not JSON (\(error))")
        }
        period = stored.period?.description
        eventDate = stored.eventDate?.description
        reportId = stored.reportId
        personId = stored.personId
        enrolmentId = stored.enrolmentId
    }

    enum CodingKeys: String, CodingKey {
        case answers, period
        case eventDate = "event_date", reportId = "report_id", personId = "person_id", enrolmentId = "enrolment_id"
    }
}

/// What `form.check_batch` returns.
struct BatchResult: Decodable {
    var checked: Int
    var invalid: [TemplateValidator.Invalid]
}

extension TemplateSession {
    /// Checks a page of stored reports in one call.
    func checkBatch(_ id: String, version: Int, items: [BatchItem], today: LocalDate) throws(RedovisaError) -> BatchResult {
        try callEngine("check_batch", id, version, items, today.description, returning: BatchResult.self)
    }
}
