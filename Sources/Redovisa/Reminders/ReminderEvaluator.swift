import Foundation
import LuaHost

/// A moment the reminders are run for: the instant, and its day and time of day in
/// Europe/Stockholm.
public struct ReminderMoment: Sendable, Hashable {
    public var instant: Date
    public var today: LocalDate
    public var minuteOfDay: Int
    /// The clock a run at this moment gets (`clock.today()`, `clock.now()`).
    public var clock: LuaClock { LuaClock(now: instant) }

    /// The moment of `instant`.
    public init(_ instant: Date) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Redovisa.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: instant)
        self.instant = instant
        today = LocalDate(year: c.year!, month: c.month!, day: c.day!)!
        minuteOfDay = c.hour! * 60 + c.minute!
    }

    /// The context a rule's functions get: `{ rule, today, now, occasion = { date, at, step } }`.
    func context(rule: String, occasion: ReminderOccasion) -> LuaValue {
        var occasionTable = LuaTable()
        occasionTable["date"] = .string(occasion.date.description)
        occasionTable["at"] = .string(occasion.at)
        occasionTable["step"] = .string(occasion.step)
        var table = LuaTable()
        table["rule"] = .string(rule)
        table["today"] = .string(today.description)
        table["now"] = .string(clock.nowText)
        table["occasion"] = .table(occasionTable)
        return .table(table)
    }
}

/// What one reminder script gives at a moment: the occasion it is due for (nil: not due) and
/// the reminders it would send, before the ledger and the recipients' choices are consulted.
public struct ReminderEvaluation: Sendable {
    /// The script, as named to the runner (`scripts/reminders/lss-kontaktperson.lua`).
    public var file: String
    public var rule: String
    public var occasion: ReminderOccasion?
    public var reminders: [ComposedReminder]
    /// The recipients of `reminders`, found once for the rule.
    public var recipients: [ReminderRecipient: ResolvedRecipient] = [:]
}

/// Runs one reminder script in a sandbox run: its declaration, then — when its schedule is due —
/// `targets(ctx)`, the host's choice of due reminders, their recipients (found at once, each
/// reminder's `who`), and `message(reminder, ctx)` for each.
struct ReminderEvaluator {
    let sandbox: LuaSandbox
    let calendar: WorkingDayCalendar
    /// Finds the recipients of the due reminders, in one go (``AppDatabase/recipients(_:as:)``).
    let recipients: ([ReminderRecipient]) throws(RedovisaError) -> [ReminderRecipient: ResolvedRecipient]
    /// Whom `who` is masked for: the actor the rules run as.
    let actor: Actor

    /// Evaluates the script at `file` at `moment`, with `context` (its domain: the database, as
    /// the system through the script).
    /// - Throws: ``RedovisaError/Code/script`` with the file and line for a script error, a
    ///   limit, or a declaration, target or message that is wrong.
    func evaluate(file: String, at moment: ReminderMoment, context: LuaRunContext) throws(RedovisaError) -> ReminderEvaluation {
        let stem = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
        do {
            return try sandbox.withRun(context: context) { run in
                let declaration = try run.execute(file: file).first ?? .nil
                let rule = try ReminderRule(lua: declaration, defaultId: stem)
                guard let occasion = try rule.schedule.occasion(on: moment.today, minute: moment.minuteOfDay, calendar: calendar) else {
                    return ReminderEvaluation(file: file, rule: rule.id, occasion: nil, reminders: [])
                }
                let ctx = moment.context(rule: rule.id, occasion: occasion)
                let found = try run.call(rule.targets, [ctx]).first ?? .nil
                let selected = try ReminderSelection.select(
                    found, rule: rule, occasion: occasion, today: moment.today, minute: moment.minuteOfDay, calendar: calendar)
                let resolved = try recipients(selected.map(\.recipient))
                var reminders: [ComposedReminder] = []
                for reminder in selected {
                    var table = reminder.table.tableValue ?? LuaTable()
                    table["who"] = (resolved[reminder.recipient] ?? ResolvedRecipient(user: nil, person: nil)).who(for: actor)
                    let message = try run.call(rule.message, [.table(table), ctx]).first ?? .nil
                    reminders.append(try ReminderSelection.compose(message, for: reminder, rule: rule))
                }
                return ReminderEvaluation(file: file, rule: rule.id, occasion: occasion, reminders: reminders, recipients: resolved)
            }
        } catch let error as LuaError {
            throw RedovisaError(.script, error.message)
        } catch let error as ReminderDeclarationError {
            throw RedovisaError(.script, "\(file): \(error)")
        } catch let error as RedovisaError {
            throw RedovisaError(.script, "\(file): \(error.message)")
        } catch {
            throw RedovisaError(.script, "\(file): \(error)")
        }
    }
}
