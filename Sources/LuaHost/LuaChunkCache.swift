import CLua
import Synchronization

/// Chunks compiled once per process: the first run that executes a text compiles it and keeps
/// its bytecode here; later runs that execute the same text under the same name load the
/// bytecode instead of compiling again (for the template engine, 1 100 lines, that is most of
/// the cost of a template call). Each Lua state also keeps the function it loaded from that
/// bytecode, so a later run on the same state does not even load it again: it runs the same
/// (immutable) compiled function with a fresh `_ENV` of its own — the chunk's code runs anew
/// in every run, so every table and closure it makes is the run's own.
///
/// Only the host fills it, with bytecode it dumped from text it compiled itself (see
/// ``LuaRun/execute(source:chunkName:cache:)``): no bytes from outside ever reach it. Scripts
/// still cannot load binary chunks — `load` stays text-only, and script files that begin with
/// bytecode are refused.
///
/// ```swift
/// static let compiled = LuaChunkCache()
/// let results = try run.execute(source: engine, chunkName: "[host]/engine.lua", cache: compiled)
/// ```
public final class LuaChunkCache: Sendable {
    /// The bytecode of one text: compared in full before it is used, so a changed text under
    /// the same name is compiled anew.
    struct Entry {
        let source: String
        let bytecode: [UInt8]
        /// Unique in the process: what a Lua state's kept function is checked against.
        let id: Int64
    }

    private static let nextID = Atomic<Int64>(0)

    /// How many texts are kept at most (the oldest goes first).
    public let capacity: Int
    private let entries = Mutex<[(name: String, entry: Entry)]>([])

    /// A cache of at most `capacity` compiled texts.
    public init(capacity: Int = 64) {
        self.capacity = max(capacity, 1)
    }

    /// How many texts are kept now.
    public var count: Int { entries.withLock { $0.count } }

    /// The bytecode kept for `source` under `chunkName`, if any.
    func entry(for source: String, chunkName: String) -> Entry? {
        entries.withLock { entries in
            entries.last { $0.name == chunkName && $0.entry.source.utf8.count == source.utf8.count && $0.entry.source == source }?
                .entry
        }
    }

    /// Keeps `bytecode` as the compiled form of `source` under `chunkName`, and gives its entry.
    @discardableResult
    func store(_ bytecode: [UInt8], for source: String, chunkName: String) -> Entry {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeFirst(entries.count - capacity + 1) }
            let entry = Entry(source: source, bytecode: bytecode, id: Self.nextID.add(1, ordering: .relaxed).newValue)
            entries.append((chunkName, entry))
            return entry
        }
    }
}

extension LuaState {
    /// The bytecode of the Lua function on top of `thread`'s stack (with its debug information,
    /// so that errors still name the chunk and line). The function stays on the stack.
    func dumpFunction(on thread: OpaquePointer) -> [UInt8]? {
        var bytes: [UInt8] = []
        let status = withUnsafeMutablePointer(to: &bytes) { pointer in
            lua_dump(thread, { _, data, size, target in
                guard let data, let target else { return 1 }
                let buffer = target.assumingMemoryBound(to: [UInt8].self)
                buffer.pointee.append(contentsOf: UnsafeRawBufferPointer(start: data, count: size))
                return 0
            }, pointer, 0)
        }
        return status == 0 && !bytes.isEmpty ? bytes : nil
    }

    /// Loads bytecode that ``dumpFunction(on:)`` made and gives it the run's environment, as
    /// ``load(_:chunkName:on:)`` does for text. Leaves the function on `thread`'s stack.
    func loadBytecode(_ bytecode: [UInt8], chunkName: String, on thread: OpaquePointer) throws(LuaError) {
        let status = bytecode.withUnsafeBufferPointer { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                clua_loadbufferx(thread, chars.baseAddress, chars.count, "@" + chunkName, "b")
            }
        }
        guard status == LUA_OK else {
            let message = stack(on: thread).rawString(at: -1) ?? "bytecode"
            lua_settop(thread, -2)
            throw LuaError(.runtime, message)
        }
        pushEnvironment(on: thread)
        if lua_setupvalue(thread, -2, 1) == nil { lua_settop(thread, -2) }
    }
}

extension LuaState {
    /// The registry field of the table in which a state keeps the functions it loaded from a
    /// ``LuaChunkCache``: chunk name → `{ entry id, function }`.
    static let keptChunksKey = "redovisa.keptChunks"
    /// How many chunk names a state keeps functions for; past that it starts a new table.
    static let keptChunksCapacity = 32

    /// Pushes onto `thread` a function for cached `entry` (chunk `chunkName`) whose `_ENV` is
    /// this run's environment, in an upvalue of its own: nothing of an earlier run's `_ENV` is
    /// shared. The function is loaded from the bytecode the first time on this state and kept
    /// (in the registry, where no script reaches it); a Lua function is immutable, so running
    /// it again is running the chunk anew.
    func pushKeptChunk(_ entry: LuaChunkCache.Entry, chunkName: String, on thread: OpaquePointer) throws(LuaError) {
        // The state's table of kept functions (made when absent, or when full).
        if lua_getfield(thread, clua_registryindex(), LuaState.keptChunksKey) != LUA_TTABLE
            || Int(lua_rawlen(thread, -1)) >= LuaState.keptChunksCapacity
        {
            lua_settop(thread, -2)
            lua_createtable(thread, 0, 4)
            lua_pushvalue(thread, -1)
            lua_setfield(thread, clua_registryindex(), LuaState.keptChunksKey)
        }
        let kept = lua_gettop(thread)
        if !pushKeptFunction(in: kept, chunkName: chunkName, entry: entry, on: thread) {
            try loadBytecode(entry.bytecode, chunkName: chunkName, on: thread)
            // kept[chunkName] = { id, function }; the count of names is kept at kept[1]…[n]
            // as a sequence of the names, so that the table's length says how full it is.
            lua_createtable(thread, 2, 0)
            lua_pushinteger(thread, entry.id)
            lua_rawseti(thread, -2, 1)
            lua_pushvalue(thread, -2)
            lua_rawseti(thread, -2, 2)
            lua_getfield(thread, kept, chunkName)
            let isNew = lua_type(thread, -1) == LUA_TNIL
            lua_settop(thread, -2)
            lua_setfield(thread, kept, chunkName)
            if isNew {
                pushString(thread, chunkName)
                lua_rawseti(thread, kept, lua_Integer(lua_rawlen(thread, kept)) + 1)
            }
        }
        // A fresh upvalue holding this run's environment: the upvalue of an empty chunk just
        // loaded (every loaded chunk gets new upvalues), joined into the kept function.
        let status = clua_loadbufferx(thread, "", 0, "=env", "t")
        guard status == LUA_OK else {
            let message = stack(on: thread).rawString(at: -1) ?? "environment"
            lua_settop(thread, kept - 1)
            throw LuaError(.runtime, message)
        }
        pushEnvironment(on: thread)
        if lua_setupvalue(thread, -2, 1) == nil { lua_settop(thread, -2) }
        lua_upvaluejoin(thread, -2, 1, -1, 1)
        lua_settop(thread, -2)
        clua_remove(thread, kept)
    }
}

extension LuaRun {
    /// Runs a chunk of Lua source in this run's environment, as ``execute(source:chunkName:)``,
    /// compiling it only when `cache` has no bytecode for the same text under the same name
    /// (and then keeping its bytecode there). On a state that already ran the cached text, the
    /// function it loaded then runs again with this run's environment (see
    /// ``LuaChunkCache``): the same results as compiling the text anew.
    /// - Throws: ``LuaError`` (syntax, runtime, limit, conversion of the results).
    public func execute(source: String, chunkName: String, cache: LuaChunkCache) throws(LuaError) -> [LuaValue] {
        guard isActive else { throw LuaError(.staleFunction, "the run has ended") }
        if let entry = cache.entry(for: source, chunkName: chunkName) {
            try state.pushKeptChunk(entry, chunkName: chunkName, on: state.L)
        } else {
            _ = try state.compile(source, chunkName: chunkName, into: cache, on: state.L)
        }
        return try state.call(argumentCount: 0, limits: limits, resultPath: "result")
    }
}

extension LuaState {
    /// Pushes the function that table `table` (at that stack index of `thread`) keeps for
    /// `chunkName` — a record `{ entry id, function, … }` — and returns true, when it was loaded
    /// from `entry`'s bytecode; else pushes nothing and returns false (none kept, or one of
    /// another text under that name).
    func pushKeptFunction(in table: Int32, chunkName: String, entry: LuaChunkCache.Entry, on thread: OpaquePointer) -> Bool {
        let top = lua_gettop(thread)
        guard lua_getfield(thread, table, chunkName) == LUA_TTABLE else {
            lua_settop(thread, top)
            return false
        }
        lua_rawgeti(thread, -1, 1)
        guard lua_tointegerx(thread, -1, nil) == entry.id, lua_rawgeti(thread, -2, 2) == LUA_TFUNCTION else {
            lua_settop(thread, top)
            return false
        }
        clua_replace(thread, top + 1)
        lua_settop(thread, top + 1)
        return true
    }

    /// Compiles `source` (shown as `chunkName`) with this run's environment and keeps its
    /// bytecode in `cache`; the function is left on `thread`'s stack.
    /// - Returns: the new entry of `cache`, nil when the function could not be dumped (then
    ///   nothing is kept).
    /// - Throws: ``LuaError`` for a syntax error (nothing is pushed).
    func compile(_ source: String, chunkName: String, into cache: LuaChunkCache, on thread: OpaquePointer) throws(LuaError)
        -> LuaChunkCache.Entry?
    {
        try load(source, chunkName: chunkName, on: thread)
        return dumpFunction(on: thread).map { cache.store($0, for: source, chunkName: chunkName) }
    }
}
