import CLua
import CLuaSupport
import Logging
import Synchronization

/// One `lua_State` with its sandbox accounting, host functions and the run in progress.
///
/// Not thread-safe and not `Sendable`: a ``LuaSandbox`` owns it, and the sandbox is used by one
/// owner at a time (an actor, a lock or ``LuaSandboxPool``).
final class LuaState {
    let L: OpaquePointer
    let sandbox: UnsafeMutablePointer<rv_sandbox>
    let logger: Logger
    let roots: LuaScriptRoots
    var hostFunctions: [HostEntry] = []
    var currentRun: RunRecord?
    private var newRequireReference: Int32 = LUA_NOREF

    /// A host function as the trampoline finds it, by index.
    enum HostEntry {
        /// A function of a ``LuaModule``: arguments and results as ``LuaValue``s.
        case module(name: String, body: LuaHostFunction)
        /// A built-in that works on the stack itself and returns the number of results.
        case raw(name: String, body: (LuaState, OpaquePointer) throws(LuaError) -> Int32)
    }

    /// The run in progress: its context, environment and the function references it handed out.
    struct RunRecord {
        let id: UInt64
        var context: LuaRunContext
        let environment: Int32
        var functionReferences: [Int32] = []
    }

    /// Run ids are unique in the process, so a function handle of another run is recognised.
    private static let runCounter = Atomic<UInt64>(0)

    /// A new state with the sandbox libraries, the given modules and the built-ins.
    /// - Throws: ``LuaError/Code/stateCreation`` when the process is out of memory.
    init(memoryCap: Int, modules: [LuaModule], roots: LuaScriptRoots, logger: Logger) throws(LuaError) {
        guard let sandbox = rv_sandbox_new(max(memoryCap, 1 << 20)) else {
            throw LuaError(.stateCreation, "could not allocate the Lua sandbox")
        }
        guard let L = rv_state_new(sandbox) else {
            rv_sandbox_free(sandbox)
            throw LuaError(.stateCreation, "could not create a Lua state")
        }
        self.L = L
        self.sandbox = sandbox
        self.logger = logger
        self.roots = roots
        sandbox.pointee.dispatch = luaHostDispatch
        sandbox.pointee.owner = Unmanaged.passUnretained(self).toOpaque()
        for module in [LuaBuiltins.clockModule] + modules { install(module) }
        try installBootstrap()
    }

    deinit {
        sandbox.pointee.host_mode = 1
        lua_close(L)
        rv_sandbox_free(sandbox)
    }

    /// Bytes the state holds now.
    var memoryInUse: Int { sandbox.pointee.memory_used }

    /// The limit that stopped the last call, if any.
    var limitHit: LuaError.Limit? {
        switch sandbox.pointee.limit_hit {
        case RV_LIMIT_INSTRUCTIONS: .instructions
        case RV_LIMIT_TIME: .time
        case RV_LIMIT_MEMORY: .memory
        default: nil
        }
    }

    private func install(_ module: LuaModule) {
        lua_createtable(L, 0, Int32(module.functions.count))
        for function in module.functions {
            pushHostFunction(.module(name: "\(module.name).\(function.name)", body: function.body))
            lua_setfield(L, -2, function.name)
        }
        rv_template_set(L, module.name)
    }

    private func pushHostFunction(_ entry: HostEntry) {
        hostFunctions.append(entry)
        rv_push_host_function(L, Int32(hostFunctions.count - 1))
    }

    /// Compiles the Lua half of `print` and `require` once per state.
    private func installBootstrap() throws(LuaError) {
        let source = LuaBuiltins.bootstrapSource
        var status = source.withCString { clua_loadbufferx(L, $0, source.utf8.count, "=bootstrap", "t") }
        guard status == LUA_OK else { throw LuaError(.stateCreation, stack.rawString(at: -1) ?? "bootstrap") }
        lua_createtable(L, 0, 0)  // an empty _ENV: everything it needs comes as arguments
        lua_setupvalue(L, -2, 1)
        lua_getfield(L, clua_registryindex(), RV_TEMPLATE_KEY)
        let template = lua_gettop(L)
        for name in ["tostring", "select", "type", "error"] { lua_getfield(L, template, name) }
        lua_getfield(L, template, "table")
        lua_getfield(L, -1, "concat")
        clua_remove(L, -2)
        lua_getfield(L, template, "pcall")
        clua_remove(L, template)
        pushHostFunction(.raw(name: "print", body: LuaBuiltins.hostPrint))
        pushHostFunction(.raw(name: "require", body: LuaBuiltins.loadModule))
        rv_begin_call(L, 0, 0)
        status = rv_pcall(L, 8, 2)
        guard status == LUA_OK else { throw LuaError(.stateCreation, stack.rawString(at: -1) ?? "bootstrap") }
        newRequireReference = luaL_ref(L, clua_registryindex())
        rv_template_set(L, "print")
    }

    /// The stack helper for `L` (the main thread or the coroutine a host function was called on).
    func stack(on thread: OpaquePointer) -> LuaStack {
        LuaStack(
            L: thread,
            functionReferences: { [unowned self] thread in self.referenceFunction(on: thread) },
            pushFunction: { [unowned self] function in self.push(function, on: thread) })
    }

    var stack: LuaStack { stack(on: L) }

    // MARK: Runs

    /// Starts a run: a fresh environment, a fresh `require`, the run's context.
    func beginRun(context: LuaRunContext) throws(LuaError) {
        precondition(currentRun == nil, "a run is already in progress on this Lua state")
        lua_settop(L, 0)
        rv_push_new_env(L)
        lua_rawgeti(L, clua_registryindex(), lua_Integer(newRequireReference))
        rv_begin_call(L, 0, 0)
        guard rv_pcall(L, 0, 1) == LUA_OK else {
            let message = stack.rawString(at: -1) ?? "require"
            lua_settop(L, 0)
            throw LuaError(.stateCreation, message)
        }
        lua_setfield(L, -2, "require")
        let environment = luaL_ref(L, clua_registryindex())
        let id = LuaState.runCounter.add(1, ordering: .relaxed).newValue
        lua_pushinteger(L, lua_Integer(truncatingIfNeeded: id))
        lua_setfield(L, clua_registryindex(), LuaState.runKey)
        currentRun = RunRecord(id: id, context: context, environment: environment)
    }

    /// Ends the run: its environment and function handles are released.
    func endRun() {
        guard let run = currentRun else { return }
        for reference in run.functionReferences { luaL_unref(L, clua_registryindex(), reference) }
        luaL_unref(L, clua_registryindex(), run.environment)
        lua_pushnil(L)
        lua_setfield(L, clua_registryindex(), LuaState.runKey)
        lua_settop(L, 0)
        currentRun = nil
        if limitHit == .memory || memoryInUse > sandbox.pointee.memory_cap / 2 {
            _ = clua_gc(L, LUA_GCCOLLECT, 0)
        }
    }

    static let runKey = "redovisa.run"

    /// The id of the run the registry says is in progress (the context's key in the registry).
    func registryRunID(on thread: OpaquePointer) -> UInt64? {
        defer { lua_settop(thread, -2) }
        guard lua_getfield(thread, clua_registryindex(), LuaState.runKey) == LUA_TNUMBER else { return nil }
        return UInt64(truncatingIfNeeded: lua_tointegerx(thread, -1, nil))
    }

    /// A handle of this run for the function on top of `thread`'s stack, which it pops (nil, and
    /// popped, outside a run).
    func referenceFunction(on thread: OpaquePointer) -> LuaFunctionRef? {
        guard let id = currentRun?.id else {
            lua_settop(thread, -2)
            return nil
        }
        let reference = luaL_ref(thread, clua_registryindex())
        currentRun?.functionReferences.append(reference)
        return LuaFunctionRef(reference: reference, runID: id)
    }

    private func push(_ function: LuaFunctionRef, on thread: OpaquePointer) -> Bool {
        guard function.runID == currentRun?.id else { return false }
        lua_rawgeti(thread, clua_registryindex(), lua_Integer(function.reference))
        return true
    }

    /// Pushes the run's environment table.
    func pushEnvironment(on thread: OpaquePointer) {
        if let run = currentRun {
            lua_rawgeti(thread, clua_registryindex(), lua_Integer(run.environment))
        } else {
            lua_pushnil(thread)
        }
    }
}
