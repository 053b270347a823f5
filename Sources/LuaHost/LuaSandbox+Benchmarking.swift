import CLuaSupport

extension LuaSandbox {
    /// Whether every call arms the count hook (the default, and what enforces the instruction
    /// budget and the timeout while Lua code runs). Only `redovisa-bench` turns it off, to
    /// measure what the hook costs: with it off a runaway loop is stopped by nothing.
    @_spi(Benchmarking) public var countHookAlwaysArmed: Bool {
        get { state.sandbox.pointee.count_hook_always != 0 }
        set { state.sandbox.pointee.count_hook_always = newValue ? 1 : 0 }
    }
}
