import CLuaSupport

extension LuaRun {
    /// Sets Lua's incremental garbage collector for the rest of this run: `pause` (percent: a
    /// new cycle starts when the heap has grown to `pause`% of what the last one left; Lua's
    /// default 200) and `stepMultiplier` (percent; default 100). For a host that knows its run
    /// makes much short-lived garbage on a small live heap — a bulk check pushes a page of
    /// reports per call — and wants fewer cycles over the same live data. The settings go back
    /// to Lua's defaults when the run ends; scripts cannot change them (`collectgarbage` in the
    /// sandbox has no "incremental" or "generational").
    ///
    /// The memory cap holds as before: an allocation past it is refused, Lua collects in full
    /// and asks again, so garbage never exhausts the cap, only live data does.
    ///
    /// ```swift
    /// try sandbox.withRun(context: context) { run in
    ///     run.tuneCollector(pause: 1000)
    ///     // … calls that each leave a page's garbage behind
    /// }
    /// ```
    public func tuneCollector(pause: Int, stepMultiplier: Int = Int(RV_GC_STEPMUL)) {
        guard isActive, state.currentRun != nil else { return }
        rv_set_collector(state.L, Int32(clamping: max(pause, 100)), Int32(clamping: max(stepMultiplier, 100)))
        state.currentRun?.collectorTuned = true
    }
}
