import CLua

/// A chunk of the host's own that a Lua state runs once and keeps: what it returned stays in
/// the state's registry (where no script reaches it), and every later run on that state points
/// the chunk's `_ENV` — which every function the chunk made shares — at its own environment
/// instead of running the chunk again. For the template engine, running its 1 400 lines anew
/// in every run was about a tenth of a submission's cost.
///
/// Unlike ``LuaRun/execute(source:chunkName:cache:)``, whose chunk runs anew with nothing of an
/// earlier run, a kept module's upvalues and tables outlive the run, so only host code that
/// starts its state afresh in every run may be kept (the engine's `host.begin_run()`), and
/// scripts must never be handed its tables themselves (the engine gives each run a copy).
///
/// ```swift
/// let engine = try run.keptModule(source: FormEngine.source, chunkName: FormEngine.chunkName, cache: compiled)
/// if !engine.isNew, let begin = try engine.function("begin_run", inResult: 2) { _ = try run.call(begin) }
/// let check = try engine.function("check")
/// ```
public struct LuaKeptModule {
    let run: LuaRun
    let chunkName: String
    /// Whether the chunk ran in this run: the first run on this state, or the text changed.
    public let isNew: Bool

    /// The function at key `name` of the table the chunk returned as result `result` (from 1),
    /// as a handle of this run; nil when there is no such function.
    public func function(_ name: String, inResult result: Int = 1) throws(LuaError) -> LuaFunctionRef? {
        guard run.isActive else { throw LuaError(.staleFunction, "the run has ended") }
        let state = run.state
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        guard lua_getfield(L, clua_registryindex(), LuaState.keptModulesKey) == LUA_TTABLE,
            lua_getfield(L, -1, chunkName) == LUA_TTABLE,
            lua_rawgeti(L, -1, 3) == LUA_TTABLE,
            lua_rawgeti(L, -1, lua_Integer(result)) == LUA_TTABLE,
            lua_getfield(L, -1, name) == LUA_TFUNCTION
        else { return nil }
        return state.referenceFunction(on: L)
    }
}

extension LuaState {
    /// The registry field of the table of kept modules: chunk name → `{ entry id, function, results }`.
    static let keptModulesKey = "redovisa.keptModules"
}

extension LuaRun {
    /// Module `source` (shown in errors as `chunkName`), run in this run when this Lua state has
    /// not run that text yet, and kept; else the kept one, with its `_ENV` pointed at this run's
    /// environment (see ``LuaKeptModule``). Compiled once per process through `cache`.
    /// - Throws: ``LuaError`` for a chunk that fails to compile or to run (then nothing is kept).
    public func keptModule(source: String, chunkName: String, cache: LuaChunkCache) throws(LuaError) -> LuaKeptModule {
        guard isActive else { throw LuaError(.staleFunction, "the run has ended") }
        let L = state.L
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        let entry: LuaChunkCache.Entry
        if let kept = cache.entry(for: source, chunkName: chunkName) {
            entry = kept
        } else {
            guard let compiled = try state.compile(source, chunkName: chunkName, into: cache, on: L) else {
                throw LuaError(.runtime, "\(chunkName): the chunk could not be kept")
            }
            entry = compiled
            lua_settop(L, top)
        }
        // The state's table of kept modules (made when absent).
        if lua_getfield(L, clua_registryindex(), LuaState.keptModulesKey) != LUA_TTABLE {
            lua_settop(L, top)
            lua_createtable(L, 0, 2)
            lua_pushvalue(L, -1)
            lua_setfield(L, clua_registryindex(), LuaState.keptModulesKey)
        }
        let modules = lua_gettop(L)
        if state.pushKeptFunction(in: modules, chunkName: chunkName, entry: entry, on: L) {
            // The chunk's `_ENV` upvalue is shared by every function it made: they all see
            // this run's globals from now on.
            state.pushEnvironment(on: L)
            if lua_setupvalue(L, -2, 1) == nil { lua_settop(L, -2) }
            return LuaKeptModule(run: self, chunkName: chunkName, isNew: false)
        }
        // Run it, and keep { id, function, { results… } } once it has run without error.
        try state.loadBytecode(entry.bytecode, chunkName: chunkName, on: L)
        let function = lua_gettop(L)
        lua_createtable(L, 3, 0)
        let record = lua_gettop(L)
        lua_pushinteger(L, entry.id)
        lua_rawseti(L, record, 1)
        lua_pushvalue(L, function)
        lua_rawseti(L, record, 2)
        lua_pushvalue(L, function)
        try state.call(argumentCount: 0, limits: limits) { (first, count) throws(LuaError) in
            lua_createtable(L, count, 0)
            for position in stride(from: first, to: first + count, by: 1) {
                lua_pushvalue(L, position)
                lua_rawseti(L, -2, lua_Integer(position - first + 1))
            }
            lua_rawseti(L, record, 3)
        }
        lua_pushvalue(L, record)
        lua_setfield(L, modules, chunkName)
        return LuaKeptModule(run: self, chunkName: chunkName, isNew: true)
    }
}
