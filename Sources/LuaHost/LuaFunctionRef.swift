/// A handle on a Lua function that stays inside its Lua state.
///
/// It is valid only during the run that produced it (see ``LuaRun/call(_:_:)``); calling it
/// afterwards throws ``LuaError/Code/staleFunction``. It holds nothing but numbers, so it is
/// `Sendable` without any lock.
public final class LuaFunctionRef: Sendable, Hashable, CustomStringConvertible {
    /// The registry reference that keeps the function alive while its run lasts.
    let reference: Int32
    /// Which run of which state the reference belongs to.
    let runID: UInt64

    init(reference: Int32, runID: UInt64) {
        self.reference = reference
        self.runID = runID
    }

    public static func == (lhs: LuaFunctionRef, rhs: LuaFunctionRef) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
    public var description: String { "function: run \(runID) ref \(reference)" }
}
