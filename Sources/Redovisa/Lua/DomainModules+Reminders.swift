import Foundation
import LuaHost

extension DomainModules {
    /// `reminders`: the host's steps of a reminder run, for testing reminder scripts with time
    /// travel (docs/scripting.md, "Reminders"). It needs no database. The runner
    /// (``ReminderRunner``) takes the same steps with the same code, around the rule's own
    /// `targets` and `message`:
    ///
    /// - `reminders.context(rule [, now])` → the `ctx` the rule's functions get at `now`
    ///   (`"YYYY-MM-DD"`, noon, or `"YYYY-MM-DDTHH:MM"`; default the run's clock), or nil when
    ///   the schedule is not due then. Checks the whole declaration.
    /// - `reminders.select(rule, ctx, list)` → the reminders of `list` (what `targets(ctx)`
    ///   returned) that are due, each with `step`, `period` and `recipient` filled in.
    /// - `reminders.compose(rule, reminder, message)` → the reminder as it goes out:
    ///   `{ rule, step, period, recipient, link, deadline, subject, body, sms, channels }`.
    ///
    /// ```lua
    /// local ctx = reminders.context(rule, "2025-10-10T09:00")
    /// local due = reminders.select(rule, ctx, rule.targets(ctx))
    /// ```
    public static var reminders: LuaModule {
        var module = LuaModule("reminders")
        module.function("context") { call in
            let rule = try rule(call)
            let moment = try moment(call, 2)
            let occasion = try declared(call) { () throws(RedovisaError) in
                try rule.schedule.occasion(on: moment.today, minute: moment.minuteOfDay, calendar: call.context.workingDayCalendar)
            }
            guard let occasion else { return [.nil] }
            return [moment.context(rule: rule.id, occasion: occasion)]
        }
        module.function("select") { call in
            let rule = try rule(call)
            let (moment, occasion) = try context(call, 2)
            do throws(ReminderDeclarationError) {
                let selected = try ReminderSelection.select(
                    call.argument(3), rule: rule, occasion: occasion, today: moment.today, minute: moment.minuteOfDay,
                    calendar: call.context.workingDayCalendar)
                return [.table(LuaTable(array: selected.map(\.table)))]
            } catch {
                throw call.badArgument(3, error.description)
            }
        }
        module.function("compose") { call in
            let rule = try rule(call)
            let reminder = try selected(call, 2)
            let composed: ComposedReminder
            do throws(ReminderDeclarationError) {
                composed = try ReminderSelection.compose(call.argument(3), for: reminder, rule: rule)
            } catch {
                throw call.badArgument(3, error.description)
            }
            return [try LuaValueEncoder().encode(composed)]
        }
        return module
    }

    /// Argument 1 as a rule's declaration (its id defaults to `rule`).
    private static func rule(_ call: LuaCall) throws(LuaError) -> ReminderRule {
        do {
            return try ReminderRule(lua: call.argument(1), defaultId: "rule")
        } catch {
            throw call.badArgument(1, error.description)
        }
    }

    /// Argument `position` as a moment: `"YYYY-MM-DD"` (noon) or `"YYYY-MM-DDTHH:MM[:SS]"`,
    /// optionally with the offset `clock.now()` gives; absent: the run's clock.
    private static func moment(_ call: LuaCall, _ position: Int) throws(LuaError) -> ReminderMoment {
        guard let text = try call.optionalString(position) else { return ReminderMoment(call.context.clock.now) }
        let local = text.count > 19 ? String(text.prefix(19)) : text
        guard let clock = LuaClock(asOf: local) else {
            throw call.badArgument(position, "\"YYYY-MM-DD\" or \"YYYY-MM-DDTHH:MM\" expected, got \(LuaValue.string(text).luaLiteral)")
        }
        return ReminderMoment(clock.now)
    }

    /// The moment and occasion of a `ctx` table that `reminders.context` made.
    private static func context(_ call: LuaCall, _ position: Int) throws(LuaError) -> (ReminderMoment, ReminderOccasion) {
        let ctx = call.argument(position)
        guard case .string(let now) = ctx["now"], let clock = LuaClock(asOf: String(now.prefix(19))),
            let date = ctx["occasion"]["date"].stringValue.flatMap(LocalDate.init),
            let at = ctx["occasion"]["at"].stringValue.flatMap(ReminderSchedule.minute(of:)),
            let step = ctx["occasion"]["step"].stringValue
        else {
            throw call.badArgument(position, "the ctx that reminders.context returned expected")
        }
        return (ReminderMoment(clock.now), ReminderOccasion(date: date, minuteOfDay: at, step: step))
    }

    /// A reminder that `reminders.select` returned.
    private static func selected(_ call: LuaCall, _ position: Int) throws(LuaError) -> SelectedReminder {
        let table = call.argument(position)
        guard let recipientText = table["recipient"].stringValue, let step = table["step"].stringValue,
            let period = table["period"].stringValue, let link = table["link"].stringValue,
            let recipient = try? JSONDecoder().decode(ReminderRecipient.self, from: Data("\"\(recipientText)\"".utf8))
        else {
            throw call.badArgument(position, "a reminder that reminders.select returned expected")
        }
        let deadline = table["deadline"].stringValue.flatMap(LocalDate.init)
        return SelectedReminder(recipient: recipient, period: period, step: step, deadline: deadline, link: link, table: table)
    }

    /// Runs a schedule computation, its error (a day outside the calendar) as a Lua error.
    private static func declared<Value>(_ call: LuaCall, _ body: () throws(RedovisaError) -> Value) throws(LuaError) -> Value {
        do {
            return try body()
        } catch {
            throw error.luaError
        }
    }
}
