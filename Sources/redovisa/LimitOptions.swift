import ArgumentParser
import LuaHost

/// The sandbox limits, as options shared by every command that runs Lua.
struct LimitOptions: ParsableArguments {
    @Option(name: .customLong("max-instructions"), help: "Lua instructions one call may run (0: no budget).")
    var maxInstructions: Int = LuaLimits.default.instructions

    @Option(help: "Seconds one call may take (0: no deadline).")
    var timeout: Double = LuaLimits.default.timeout

    @Option(name: .customLong("max-memory"), help: "Megabytes the Lua state may hold.")
    var maxMemory: Int = LuaLimits.default.memoryBytes >> 20

    func validate() throws {
        guard maxInstructions >= 0 else { throw ValidationError("--max-instructions must be 0 or more") }
        guard timeout >= 0, timeout.isFinite else { throw ValidationError("--timeout must be 0 or more seconds") }
        guard (1...4096).contains(maxMemory) else { throw ValidationError("--max-memory must be 1 to 4096 MB") }
    }

    var limits: LuaLimits {
        LuaLimits(instructions: maxInstructions, timeout: timeout, memoryBytes: maxMemory << 20)
    }
}
