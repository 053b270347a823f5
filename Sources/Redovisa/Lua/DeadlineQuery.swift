import Foundation
import LuaHost
import Logging

/// "What is overdue, or due within N days" by the deadline rules in Lua
/// (`scripts/deadlines/query.lua`, see scripts/deadlines/README.md), run as a user, who sees only
/// the enrolments their assignments give them (the `deadlines` module reads through
/// ``AppDatabase/deadlineEnrolments(organisation:activeFrom:activeTo:asOf:as:)``, audited).
///
/// ```swift
/// let query = DeadlineQuery(database: database)
/// let answer = try query.due(organisation: nacka.id!, within: 7, as: officer)
/// for deadline in answer.overdue { print(deadline.due, deadline.title) }
/// ```
public struct DeadlineQuery: Sendable {
    public let database: AppDatabase
    /// The folder holding `scripts/` and `templates/` (the repository root; `.` by default).
    public var directory: String
    public var limits: LuaLimits

    /// The query script, relative to ``directory``.
    public static let script = "scripts/deadlines/query.lua"

    public init(database: AppDatabase, directory: String = ".", limits: LuaLimits = .default) {
        self.database = database
        self.directory = directory
        self.limits = limits
    }

    /// One deadline not met: which rule, what, when, who acts (`deltagare`, `anordnare`,
    /// `handläggare`), the enrolment, the customer (person) and the programme — or, for a
    /// personal-data incident, the incident — by id, and how late or how near.
    public struct Deadline: Sendable, Hashable, Codable {
        public var rule: String
        public var title: String
        public var due: String
        public var who: String
        public var enrolment: Int64?
        public var customer: Int64?
        public var programme: String?
        /// The personal-data incident, for its 72-hour deadline (which has no enrolment).
        public var incident: Int64?
        public var daysLate: Int?
        public var daysLeft: Int?

        enum CodingKeys: String, CodingKey {
            case rule, title, due, who, enrolment, customer, programme, incident
            case daysLate = "days_late", daysLeft = "days_left"
        }

        /// How late or how near, in Swedish, as the list and the page show it: "3 dagar sen",
        /// "1 dag sen", "i dag", "i morgon", "om 5 dagar".
        public var whenText: String {
            if let late = daysLate { return late == 1 ? "1 dag sen" : "\(late) dagar sen" }
            let left = daysLeft ?? 0
            return left == 0 ? "i dag" : left == 1 ? "i morgon" : "om \(left) dagar"
        }
    }

    /// What `query.due` answers: the overdue deadlines and those due within `within` days.
    public struct Answer: Sendable, Hashable, Codable {
        public var asOf: String
        public var within: Int
        public var overdue: [Deadline]
        public var upcoming: [Deadline]

        enum CodingKeys: String, CodingKey { case within, overdue, upcoming, asOf = "as_of" }
    }

    private struct Request: Encodable {
        var organisation: Int64
        var within: Int
        var asOf: String
        enum CodingKeys: String, CodingKey { case organisation, within, asOf = "as_of" }
    }

    /// The deadlines of organisation `organisation` (responsible or providing) as `actor` may see
    /// them, as of `asOf` (today by the database's clock), within `within` days.
    /// - Throws: ``RedovisaError/Code/invalidInput`` for a negative `within`;
    ///   ``RedovisaError/Code/script`` when the rules fail (with the script's file and line).
    public func due(
        organisation: Int64, within: Int, asOf: LocalDate? = nil, as actor: Actor
    ) throws(RedovisaError) -> Answer {
        guard within >= 0 else { throw RedovisaError(.invalidInput, "antalet dagar ska vara 0 eller fler", field: "within") }
        let today = asOf ?? LocalDate.today(at: database.clock())
        let clock = LuaClock(asOf: today.description) ?? LuaClock(now: database.clock())
        var context = LuaRunContext(clock: clock)
        context.domain = LuaDomainContext(database: database, actor: actor, script: Self.script)
        let base = directory == "." ? "" : (directory.hasSuffix("/") ? directory : directory + "/")
        do {
            let sandbox = try LuaSandbox(.init(
                limits: limits, scriptRoots: LuaScriptRoots([base + "scripts", base + "templates"]),
                modules: DomainModules.all, logger: Logger(label: "redovisa.lua")))
            return try sandbox.withRun(context: context) { run in
                let module = try run.execute(
                    source: try LuaScriptRoots.readScript(at: base + Self.script, shownAs: Self.script),
                    chunkName: Self.script
                ).first ?? .nil
                guard case .function(let body) = module.tableValue?["due"] ?? .nil else {
                    throw LuaError(.runtime, "\(Self.script): the module must return a table with a function due")
                }
                return try run.call(
                    body, with: Request(organisation: organisation, within: within, asOf: today.description),
                    returning: Answer.self)
            }
        } catch let error as RedovisaError {
            throw error
        } catch {
            throw RedovisaError(.script, "\(error)")
        }
    }
}
