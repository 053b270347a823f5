/// The limits of one call into a sandbox: each entry from the host (running a chunk, calling a
/// function) gets the whole budget anew; memory is capped for the state as a whole.
///
/// Exceeding a limit stops the script with a ``LuaError`` whose code is
/// ``LuaError/Code/limitExceeded`` — `pcall`, `xpcall`, `coroutine.resume` and error handlers
/// inside the script cannot catch it.
public struct LuaLimits: Sendable, Equatable {
    /// Lua VM instructions (and pattern-matching steps) one call may execute. 0: no budget —
    /// the call then runs without the count hook (about twice as fast in tight loops) and its
    /// deadline is kept by a timer signal instead.
    public var instructions: Int
    /// Wall-clock seconds one call may take, time spent in host functions included. 0: none.
    public var timeout: Double
    /// Bytes the Lua state may hold at once.
    public var memoryBytes: Int

    /// No instruction budget, 1 second and 64 MiB: a call runs hook-free and its deadline is
    /// kept by a timer that arms the hook when it passes (as `lua.c` does for Ctrl-C). An
    /// instruction budget costs every call about a fifth (the count hook traps before every VM
    /// instruction in Lua 5.4), more than the 15 % the foundation issue allows; give one
    /// (``budgeted``) where a script's fate must not depend on the machine's load.
    public static let `default` = LuaLimits(instructions: 0, timeout: 1.0, memoryBytes: 64 << 20)

    /// The default limits with an instruction budget of 50 million (about a tenth of a second of
    /// an empty loop): the same outcome for a script on every machine, whatever its load.
    public static let budgeted = LuaLimits(instructions: 50_000_000, timeout: 1.0, memoryBytes: 64 << 20)

    /// Limits with the given values; omitted ones take the ``default``.
    public init(
        instructions: Int = LuaLimits.default.instructions, timeout: Double = LuaLimits.default.timeout,
        memoryBytes: Int = LuaLimits.default.memoryBytes
    ) {
        self.instructions = instructions
        self.timeout = timeout
        self.memoryBytes = memoryBytes
    }
}
