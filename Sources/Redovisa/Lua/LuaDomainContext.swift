import LuaHost

/// What a script run knows of the domain: the database it reads and the user it acts for.
///
/// The actor is always the user *through the script* (`via == "script:scripts/x.lua"`), so every
/// audit line and status change a script causes names the script as well as the user. It lives in
/// the run's ``LuaRunContext`` (so in the Lua registry, never in a script global) under
/// ``DomainContextKey``.
///
/// ```swift
/// var context = LuaRunContext(clock: clock)
/// context.domain = LuaDomainContext(database: database, actor: officer, script: "scripts/x.lua")
/// let results = try sandbox.runFile("scripts/x.lua", context: context)
/// ```
public struct LuaDomainContext: Sendable {
    /// The database every domain function reads and writes through (never raw SQL).
    public var database: AppDatabase
    /// The user the script runs for, acting through the script.
    public var actor: Actor
    /// Whether the named operations that change data (`reports.create_draft`, `reports.submit`,
    /// …) may run. A run is read-only unless the host says otherwise.
    public var allowsChanges: Bool

    /// The context for running script `script` (its path as shown in errors, `scripts/x.lua`) on
    /// behalf of `actor`; read-only unless `allowsChanges`.
    public init(database: AppDatabase, actor: Actor, script: String, allowsChanges: Bool = false) {
        self.database = database
        self.actor = actor.throughScript(script)
        self.allowsChanges = allowsChanges
    }
}

/// The key of the ``LuaDomainContext`` in a run's context.
public enum DomainContextKey: LuaContextKey {
    public typealias Value = LuaDomainContext
}

extension LuaRunContext {
    /// The domain this run may reach, or nil for a run without one (then the domain modules
    /// refuse every call).
    public var domain: LuaDomainContext? {
        get { self[DomainContextKey.self] }
        set { self[DomainContextKey.self] = newValue }
    }
}
