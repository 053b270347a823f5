/// A key for a value that the embedding application puts into a run's context, such as the
/// acting user or the tenant. The domain defines its keys; the Lua host only carries the values.
///
/// ```swift
/// enum ActingUserKey: LuaContextKey { typealias Value = UserID }
/// var context = LuaRunContext(clock: LuaClock())
/// context[ActingUserKey.self] = user.id
/// ```
public protocol LuaContextKey {
    associatedtype Value: Sendable
}

/// What one run knows about the world outside the script: the clock and whatever the
/// application adds (acting user, tenant). Host functions read it through ``LuaCall/context``.
///
/// It is kept per run and reached from the Lua registry, never from script globals.
public struct LuaRunContext: Sendable {
    /// The clock behind `clock.today()` and `clock.now()`.
    public var clock: LuaClock
    private var values: [ObjectIdentifier: any Sendable] = [:]

    /// A context with the given clock and no other values.
    public init(clock: LuaClock = LuaClock()) {
        self.clock = clock
    }

    /// The value stored for `key`, or nil.
    public subscript<Key: LuaContextKey>(key: Key.Type) -> Key.Value? {
        get { values[ObjectIdentifier(key)] as? Key.Value }
        set { values[ObjectIdentifier(key)] = newValue }
    }
}
