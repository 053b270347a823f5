import LuaHost

/// The one place that registers the domain's host API for scripts: the global tables `calendar`,
/// `people`, `enrolments`, `reports`, `plans`, `sus`, `billing`, `deadlines`, `users` and
/// `reminders` (docs/scripting.md, "Host modules and functions").
///
/// Every function goes through the same ``AppDatabase`` methods as the web pages, as the run's
/// ``LuaDomainContext/actor``, so a script sees exactly what its user may see (protected
/// identities masked, the SUS refusal for people outside the user's assignments) and every read
/// and change is audited as done by the script. Values go out through the Codable bridge with the
/// model's field names (`firstName`, `caseNumber`); dates as `"YYYY-MM-DD"`, months as
/// `"YYYY-MM"`, instants as ISO 8601 in UTC.
///
/// ```swift
/// let sandbox = try LuaSandbox(.init(modules: DomainModules.all))
/// var context = LuaRunContext(clock: clock)
/// context.domain = LuaDomainContext(database: database, actor: officer, script: "scripts/x.lua")
/// let results = try sandbox.runFile("scripts/x.lua", context: context)
/// ```
public enum DomainModules {
    /// Every domain module, in the order they are documented.
    public static var all: [LuaModule] { [calendar, people, enrolments, reports, plans, sus, billing, deadlines, users, reminders] }

    /// The names of the global tables that ``all`` defines.
    public static var names: [String] { all.map(\.name) }

    // MARK: Helpers for the modules

    /// The run's domain, or the error a script gets in a run without one.
    /// - Throws: ``LuaError`` naming the function, when the host gave the run no database, or
    ///   when `changes` is asked for in a read-only run.
    static func domain(_ call: LuaCall, changes: Bool = false) throws(LuaError) -> LuaDomainContext {
        guard let domain = call.context.domain else {
            throw LuaError(
                .runtime, "\(call.functionName): this run has no database (run the script for a user, e.g. with --as USERNAME)")
        }
        if changes, !domain.allowsChanges {
            throw LuaError(.runtime, "\(call.functionName): this run is read-only and may not change data")
        }
        return domain
    }

    /// Runs a domain operation for `call` and hands its result to Lua: a ``RedovisaError``
    /// becomes a Lua error with its (Swedish) message at the script's line.
    static func perform<Value: Encodable>(
        _ call: LuaCall, changes: Bool = false, _ body: (LuaDomainContext) throws(RedovisaError) -> Value
    ) throws(LuaError) -> [LuaValue] {
        let domain = try domain(call, changes: changes)
        return try perform(domain, body)
    }

    /// Like ``perform(_:changes:_:)`` for a domain the caller already has.
    static func perform<Value: Encodable>(
        _ domain: LuaDomainContext, _ body: (LuaDomainContext) throws(RedovisaError) -> Value
    ) throws(LuaError) -> [LuaValue] {
        let value: Value
        do {
            value = try body(domain)
        } catch {
            throw error.luaError
        }
        return [try LuaValueEncoder().encode(value)]
    }

    /// Runs a domain lookup that argument parsing needs (an office by code), mapping its error.
    static func lookup<Value>(_ body: () throws(RedovisaError) -> Value) throws(LuaError) -> Value {
        do {
            return try body()
        } catch {
            throw error.luaError
        }
    }
}

extension RedovisaError {
    /// The Lua error a script sees: the message (with the field, if any) and, added by the host,
    /// the script's file and line. `pcall` catches it.
    var luaError: LuaError {
        LuaError(.runtime, description)
    }
}
