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

    /// The limits of a bulk check: per page of reports (one Lua call), a wall-clock deadline and
    /// the memory cap, without an instruction budget — so the count hook is armed only when the
    /// deadline passes (docs/scripting.md, "Limits"): a page costs about a fifth less, and a
    /// template that loops is still stopped at the deadline.
    public static let bulkLimits = LuaLimits(instructions: 0, timeout: 5, memoryBytes: LuaLimits.default.memoryBytes)

    public init(database: AppDatabase, limits: LuaLimits = TemplateValidator.bulkLimits, pageSize: Int = 1000) {
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
                    let page = try database.storedAnswersPage(
                        template: id, version: published.version, statuses: statuses, after: after, limit: pageSize,
                        as: actor)
                    guard let last = page.lastReportId else { break }
                    let result = try session.checkBatch(id, version: published.version, page: page, today: today)
                    outcome.checked += result.checked
                    outcome.invalid += result.invalid
                    after = last
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

/// One report as `form.check_batch` takes it: `{answers =, period =, event_date =,
/// report_id =, person_id =, enrolment_id =}`, the answers read from their JSON straight onto
/// the stack (``StoredAnswersReader``), the texts pushed from the page's bytes.
struct BatchItem {
    var row: StoredAnswersPage.Row

    /// Pushes the item; `bytes` are the page's, `fields` the room for the answers' keys (see
    /// ``StoredAnswersReader``).
    /// - Throws: ``JSONParseError`` when the stored answers are not JSON, ``LuaError`` when the
    ///   stack cannot grow.
    func push(_ writer: LuaStackWriter, bytes: UnsafeBufferPointer<UInt8>, fields: inout Int) throws(BatchItemError) {
        do {
            try writer.pushTable(fields: 6)
        } catch {
            throw .lua(error)
        }
        do {
            try StoredAnswersReader.push(bytes: UnsafeBufferPointer(rebasing: bytes[row.answers]), onto: writer, fields: &fields)
        } catch {
            throw .json(error)
        }
        writer.set("answers")
        func text(_ range: Range<Int>) -> UnsafeRawBufferPointer { UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[range])) }
        if let period = row.period { writer.push(utf8: text(period)); writer.set("period") }
        if let date = row.eventDate { writer.push(utf8: text(date)); writer.set("event_date") }
        writer.push(row.reportId); writer.set("report_id")
        writer.push(row.personId); writer.set("person_id")
        if let enrolment = row.enrolmentId { writer.push(enrolment); writer.set("enrolment_id") }
    }
}

/// Why an item could not be pushed.
enum BatchItemError: Error {
    /// The stored answers are not JSON.
    case json(JSONParseError)
    /// The stack cannot grow.
    case lua(LuaError)
}

/// What `form.check_batch` returns.
struct BatchResult: Decodable {
    var checked: Int
    var invalid: [TemplateValidator.Invalid]
}

extension TemplateSession {
    /// Checks a page of stored reports in one call, the answers read from their JSON straight
    /// onto the stack.
    /// - Throws: ``RedovisaError`` (`.storage`) naming the report whose stored answers are not
    ///   JSON, or (`.script`) for an error of the template.
    func checkBatch(
        _ id: String, version: Int, page: StoredAnswersPage, today: LocalDate
    ) throws(RedovisaError) -> BatchResult {
        guard let function = engineFunction("check_batch") else { throw RedovisaError(.script, "the form engine has no check_batch") }
        var notJSON: (reportId: Int64, error: JSONParseError)?
        do throws(RedovisaError) {
            return try Self.script { () throws(LuaError) in
                try page.bytes.withUnsafeBufferPointer { bytes throws(LuaError) in
                    try run.call(function, pushing: { writer throws(LuaError) in
                        writer.push(id)
                        writer.push(Int64(version))
                        try writer.pushTable(array: page.rows.count)
                        var fields = 0
                        for (index, row) in page.rows.enumerated() {
                            do throws(BatchItemError) {
                                try BatchItem(row: row).push(writer, bytes: bytes, fields: &fields)
                            } catch {
                                switch error {
                                case .lua(let error): throw error
                                case .json(let error):
                                    notJSON = (row.reportId, error)
                                    throw LuaError(.conversion, "report \(row.reportId): the stored answers are not JSON")
                                }
                            }
                            writer.append(index + 1)
                        }
                        writer.push(today.description)
                    }, returning: BatchResult.self)
                }
            }
        } catch {
            if let notJSON {
                throw RedovisaError(.storage, "report \(notJSON.reportId): the stored answers are not JSON (\(notJSON.error))")
            }
            throw error
        }
    }
}
