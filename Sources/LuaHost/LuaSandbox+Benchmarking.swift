import CLuaSupport

extension LuaSandbox {
    /// Whether calls with an instruction budget count it with the count hook (the default).
    /// Turned off, the budget is not enforced and only the deadline timer stops a runaway
    /// loop: for measuring what the hook costs, nothing else.
    @_spi(Benchmarking) public var countHookAlwaysArmed: Bool {
        get { state.sandbox.pointee.count_hook_always != 0 }
        set { state.sandbox.pointee.count_hook_always = newValue ? 1 : 0 }
    }
}
