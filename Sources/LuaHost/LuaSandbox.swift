import CLua
import Logging

/// A sandboxed Lua 5.4 state: allow-listed libraries, the host's modules, limits on every call,
/// and a fresh set of globals for every run.
///
/// Not `Sendable`: use it from one actor or thread at a time, or borrow one from a
/// ``LuaSandboxPool``.
///
/// ```swift
/// let sandbox = try LuaSandbox(.init(scriptRoots: LuaScriptRoots(["scripts", "templates"])))
/// let results = try sandbox.runFile("scripts/hello.lua", context: LuaRunContext(clock: clock))
/// ```
public final class LuaSandbox {
    /// How a sandbox is set up.
    public struct Configuration: Sendable {
        /// The limits every call gets unless the run says otherwise.
        public var limits: LuaLimits
        /// Where `require` looks for modules.
        public var scriptRoots: LuaScriptRoots
        /// The host's modules, each a global table of functions.
        public var modules: [LuaModule]
        /// Where `print` writes, at info level with the script's name as metadata.
        public var logger: Logger

        /// A configuration; every part has a default.
        public init(
            limits: LuaLimits = .default, scriptRoots: LuaScriptRoots = .none, modules: [LuaModule] = [],
            logger: Logger = Logger(label: "redovisa.lua")
        ) {
            self.limits = limits
            self.scriptRoots = scriptRoots
            self.modules = modules
            self.logger = logger
        }
    }

    public let configuration: Configuration
    let state: LuaState

    /// A new sandbox.
    /// - Throws: ``LuaError/Code/stateCreation`` when the state cannot be created.
    public init(_ configuration: Configuration = Configuration()) throws(LuaError) {
        self.configuration = configuration
        self.state = try LuaState(
            memoryCap: configuration.limits.memoryBytes, modules: configuration.modules,
            roots: configuration.scriptRoots, logger: configuration.logger)
    }

    /// Bytes the Lua state holds now.
    public var memoryInUse: Int { state.memoryInUse }

    /// False once a run ran out of memory: a pool then replaces the state rather than reuse it.
    public private(set) var isReusable = true

    /// Runs `body` with a fresh environment: globals set in it are gone when it returns, and so
    /// are the function handles it produced.
    /// - Throws: whatever `body` throws; ``LuaError`` when the environment cannot be made.
    public func withRun<Result>(
        context: LuaRunContext = LuaRunContext(), limits: LuaLimits? = nil, _ body: (LuaRun) throws -> Result
    ) throws -> Result {
        try state.beginRun(context: context)
        let run = LuaRun(state: state, limits: limits ?? configuration.limits)
        defer {
            run.isActive = false
            if state.limitHit == .memory { isReusable = false }
            state.endRun()
        }
        return try body(run)
    }

    /// Runs the script file at `path` in a fresh run and returns what it returns.
    /// - Throws: ``LuaError`` for a missing or non-UTF-8 file, a syntax error, a runtime error or
    ///   an exceeded limit.
    public func runFile(
        _ path: String, context: LuaRunContext = LuaRunContext(), limits: LuaLimits? = nil
    ) throws(LuaError) -> [LuaValue] {
        let source = try LuaScriptRoots.readScript(at: path)
        return try runSource(source, chunkName: path, context: context, limits: limits)
    }

    /// Runs `source`, shown in errors as `chunkName`, in a fresh run and returns what it returns.
    public func runSource(
        _ source: String, chunkName: String, context: LuaRunContext = LuaRunContext(), limits: LuaLimits? = nil
    ) throws(LuaError) -> [LuaValue] {
        do {
            return try withRun(context: context, limits: limits) { run in
                try run.execute(source: source, chunkName: chunkName)
            }
        } catch let error as LuaError {
            throw error
        } catch {
            throw LuaError(.runtime, "\(error)")
        }
    }
}

/// One run in a ``LuaSandbox``: its own globals, its own `require` cache, its context. Valid only
/// inside ``LuaSandbox/withRun(context:limits:_:)``.
public final class LuaRun {
    let state: LuaState
    /// The limits each call of this run gets anew.
    public var limits: LuaLimits
    var isActive = true

    init(state: LuaState, limits: LuaLimits) {
        self.state = state
        self.limits = limits
    }

    private func checkActive() throws(LuaError) {
        guard isActive else { throw LuaError(.staleFunction, "the run has ended") }
    }

    /// Runs a chunk of Lua source in this run's environment and returns its results.
    /// - Throws: ``LuaError`` (syntax, runtime, limit, conversion of the results).
    public func execute(source: String, chunkName: String) throws(LuaError) -> [LuaValue] {
        try checkActive()
        try state.load(source, chunkName: chunkName, on: state.L)
        return try state.call(argumentCount: 0, limits: limits, resultPath: "result")
    }

    /// Runs the script file at `path` (shown under that name) in this run's environment.
    public func execute(file path: String) throws(LuaError) -> [LuaValue] {
        try execute(source: try LuaScriptRoots.readScript(at: path), chunkName: path)
    }

    /// Calls a Lua function of this run with `arguments`; the call gets the run's limits anew.
    /// - Throws: ``LuaError/Code/staleFunction`` for a handle of another run, or the script's error.
    public func call(_ function: LuaFunctionRef, _ arguments: [LuaValue] = []) throws(LuaError) -> [LuaValue] {
        try checkActive()
        let stack = state.stack
        try stack.push(.function(function))
        for argument in arguments {
            do {
                try stack.push(argument)
            } catch {
                lua_settop(state.L, 0)
                throw error
            }
        }
        return try state.call(argumentCount: Int32(arguments.count), limits: limits, resultPath: "result")
    }

    /// Calls a Lua function with Swift values, each encoded into a Lua value (structs become
    /// tables), and decodes its first result.
    /// - Throws: ``LuaError`` for encoding, the call, or decoding (naming the path of the field).
    public func call<Result: Decodable>(
        _ function: LuaFunctionRef, with arguments: any Encodable..., returning: Result.Type
    ) throws(LuaError) -> Result {
        try checkActive()
        // The arguments are encoded straight onto the stack (no LuaValue in between); a failed
        // encoding leaves the stack as it was.
        let L = state.L
        let base = lua_gettop(L)
        // As `state.stack.push(.function(function))`, without making a LuaStack (two closures).
        guard function.runID == state.currentRun?.id else {
            throw LuaError(.staleFunction, "a Lua function was used after the run that made it ended")
        }
        guard lua_checkstack(L, 4) != 0 else {
            throw LuaError(.conversion, "value nested too deeply to pass to Lua")
        }
        lua_rawgeti(L, clua_registryindex(), lua_Integer(function.reference))
        let encoder = LuaStackEncoder(L: L)
        for argument in arguments {
            do {
                try encoder.push(argument)
            } catch {
                lua_settop(L, base)
                throw error
            }
        }
        // The call is LuaState's (limits, errors); its first result is decoded where it lies.
        return try state.call(argumentCount: Int32(arguments.count), limits: limits) { (first, count) throws(LuaError) in
            if count == 0 { lua_pushnil(L) }
            return try LuaStackDecoder(L: L).decode(Result.self, at: count == 0 ? lua_gettop(L) : first)
        }
    }

    /// A global of this run, read without metamethods (`.nil` when absent).
    public func global(_ name: String) -> LuaValue {
        guard isActive else { return .nil }
        state.pushEnvironment(on: state.L)
        defer { lua_settop(state.L, 0) }
        state.stack.pushString(name)
        lua_rawget(state.L, -2)
        return (try? state.stack.value(at: -1, path: name)) ?? .nil
    }

    /// A global function of this run.
    /// - Throws: ``LuaError/Code/runtime`` when the global is not a function.
    public func function(_ name: String) throws(LuaError) -> LuaFunctionRef {
        guard case .function(let function) = global(name) else {
            throw LuaError(.runtime, "the script defines no function '\(name)'")
        }
        return function
    }
}
