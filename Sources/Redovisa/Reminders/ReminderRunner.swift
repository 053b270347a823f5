import Foundation
import LuaHost
import Logging

/// What one rule gave at a moment.
public struct RulePlan: Sendable {
    /// The script (`scripts/reminders/lss-kontaktperson.lua`).
    public var file: String
    public var rule: String
    /// The occasion the rule ran for; nil when it was not due (or failed).
    public var occasion: ReminderOccasion?
    /// The reminders it gives that the ledger does not hold yet.
    public var reminders: [PlannedReminder]
    /// How many of its reminders the ledger already holds (they went out before).
    public var alreadySent: Int
    /// The script's error, when it failed (the file, the line and the message).
    public var error: String?
}

/// What a run did: each rule's plan and, unless it was a dry run, what was recorded.
public struct ReminderRunReport: Sendable {
    public var moment: ReminderMoment
    public var rules: [RulePlan]
    /// The reminders the ledger took in this run (empty for a dry run).
    public var recorded: [RecordedReminder]

    public var failedRules: [RulePlan] { rules.filter { $0.error != nil } }
}

/// Runs the reminder scripts of a folder at a moment: each rule whose schedule is due gives its
/// reminders; the ledger lets each (rule, period, recipient, step) through once; the messages go
/// into the outbox. The command `redovisa remind` and, later, the server's scheduler call it.
///
/// A rule that fails (a Lua error, a limit, a wrong declaration) is reported and the others
/// still run. Scripts run as the system through the script (`script:scripts/reminders/x.lua`):
/// they see everyone, with protected identities masked, and every read is audited.
///
/// ```swift
/// let runner = ReminderRunner(database: database)
/// let report = try runner.run(at: ReminderMoment(Date()), dryRun: false)
/// let delivered = try await deliverer.deliver(at: Date())
/// ```
public struct ReminderRunner: Sendable {
    public var database: AppDatabase
    /// The folder of the rules: every `*.lua` directly in it but the `*_test.lua`.
    public var folder: String
    /// Where `require` looks (default `scripts`, `templates`).
    public var roots: LuaScriptRoots
    public var limits: LuaLimits
    public var calendar: WorkingDayCalendar
    public var logger: Logger

    /// A runner; by default of `scripts/reminders`, with 30 seconds, 500 million instructions
    /// and 256 MiB per call of a rule's function.
    public init(
        database: AppDatabase, folder: String = "scripts/reminders", roots: LuaScriptRoots = LuaScriptRoots(["scripts", "templates"]),
        limits: LuaLimits = LuaLimits(instructions: 500_000_000, timeout: 30, memoryBytes: 256 << 20),
        calendar: WorkingDayCalendar = WorkingDayCalendar(), logger: Logger = Logger(label: "redovisa.remind")
    ) {
        self.database = database
        self.folder = folder
        self.roots = roots
        self.limits = limits
        self.calendar = calendar
        self.logger = logger
    }

    /// The rule files, sorted.
    /// - Throws: ``RedovisaError/Code/notFound`` when the folder does not exist.
    public func ruleFiles() throws(RedovisaError) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else {
            throw RedovisaError(.notFound, "mappen \(folder) finns inte (kör från projektets rot, eller ange --scripts)")
        }
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        return names.filter { $0.hasSuffix(".lua") && !$0.hasSuffix("_test.lua") }.sorted().map { "\(base)/\($0)" }
    }

    /// Runs every rule at `moment`. A dry run records nothing and sends nothing (its report lists
    /// what would go out); otherwise each rule's new reminders are recorded in the ledger and
    /// the outbox in one transaction per rule.
    /// - Throws: ``RedovisaError`` when the folder is missing or the database fails; a failing
    ///   rule is reported in its ``RulePlan/error`` instead.
    public func run(at moment: ReminderMoment, dryRun: Bool) throws(RedovisaError) -> ReminderRunReport {
        let sandbox: LuaSandbox
        do {
            sandbox = try LuaSandbox(.init(limits: limits, scriptRoots: roots, modules: DomainModules.all, logger: Logger(label: "redovisa.lua")))
        } catch {
            throw RedovisaError(.script, "sandlådan kunde inte skapas: \(error.message)")
        }
        var plans: [RulePlan] = []
        var recorded: [RecordedReminder] = []
        var seen: [String: String] = [:]
        for file in try ruleFiles() {
            let actor = Actor.system(via: "remind")
            var context = LuaRunContext(clock: moment.clock)
            context.domain = LuaDomainContext(database: database, actor: actor, script: file)
            context.workingDayCalendar = calendar
            let evaluator = ReminderEvaluator(
                sandbox: sandbox, calendar: calendar,
                recipients: { [database] (list) throws(RedovisaError) in try database.recipients(list, as: actor.throughScript(file)) },
                actor: actor)
            var plan = RulePlan(file: file, rule: file, occasion: nil, reminders: [], alreadySent: 0, error: nil)
            do throws(RedovisaError) {
                let evaluation = try evaluator.evaluate(file: file, at: moment, context: context)
                plan.rule = evaluation.rule
                if let other = seen[evaluation.rule] {
                    throw RedovisaError(.script, "\(file): id '\(evaluation.rule)' is already the id of \(other)")
                }
                seen[evaluation.rule] = file
                plan.occasion = evaluation.occasion
                let sent = try database.alreadySent(evaluation.reminders)
                let fresh = evaluation.reminders.filter { !sent.contains(ReminderKey($0)) }
                plan.alreadySent = evaluation.reminders.count - fresh.count
                plan.reminders = AppDatabase.plan(fresh, recipients: evaluation.recipients, as: actor)
                if !dryRun {
                    let taken = try database.record(plan.reminders, at: moment.instant, as: actor.throughScript(file))
                    // Another runner may have taken some between the look and the write.
                    plan.alreadySent += plan.reminders.count - taken.count
                    plan.reminders = taken.map(\.planned)
                    recorded += taken
                }
                logger.info("\(plan.rule): \(plan.occasion?.step ?? "inte aktuell"), \(plan.reminders.count) nya påminnelser, \(plan.alreadySent) redan skickade")
            } catch {
                plan.error = error.message
                logger.error("\(file): regeln misslyckades")
            }
            plans.append(plan)
        }
        return ReminderRunReport(moment: moment, rules: plans, recorded: recorded)
    }
}
