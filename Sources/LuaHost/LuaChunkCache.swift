import CLua
import Synchronization

/// Chunks compiled once per process: the first run that executes a text compiles it and keeps
/// its bytecode here; later runs that execute the same text under the same name load the
/// bytecode instead of compiling again (for the template engine, 1 100 lines, that is most of
/// the cost of a template call).
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
    }

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
    func bytecode(for source: String, chunkName: String) -> [UInt8]? {
        entries.withLock { entries in
            entries.last { $0.name == chunkName && $0.entry.source.utf8.count == source.utf8.count && $0.entry.source == source }?
                .entry.bytecode
        }
    }

    /// Keeps `bytecode` as the compiled form of `source` under `chunkName`.
    func store(_ bytecode: [UInt8], for source: String, chunkName: String) {
        entries.withLock { entries in
            if entries.count >= capacity { entries.removeFirst(entries.count - capacity + 1) }
            entries.append((chunkName, Entry(source: source, bytecode: bytecode)))
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

extension LuaRun {
    /// Runs a chunk of Lua source in this run's environment, as ``execute(source:chunkName:)``,
    /// compiling it only when `cache` has no bytecode for the same text under the same name
    /// (and then keeping its bytecode there).
    /// - Throws: ``LuaError`` (syntax, runtime, limit, conversion of the results).
    public func execute(source: String, chunkName: String, cache: LuaChunkCache) throws(LuaError) -> [LuaValue] {
        guard isActive else { throw LuaError(.staleFunction, "the run has ended") }
        if let bytecode = cache.bytecode(for: source, chunkName: chunkName) {
            try state.loadBytecode(bytecode, chunkName: chunkName, on: state.L)
        } else {
            try state.load(source, chunkName: chunkName, on: state.L)
            if let bytecode = state.dumpFunction(on: state.L) { cache.store(bytecode, for: source, chunkName: chunkName) }
        }
        return try state.call(argumentCount: 0, limits: limits, resultPath: "result")
    }
}
