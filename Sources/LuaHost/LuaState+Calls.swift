import CLua
import Foundation
import CLuaSupport

/// The C side calls this for every host function a script calls (through the trampoline).
let luaHostDispatch: rv_dispatch_fn = { thread, owner, index in
    guard let thread, let owner else { return -1 }
    let state = Unmanaged<LuaState>.fromOpaque(owner).takeUnretainedValue()
    return state.dispatch(on: thread, index: Int(index))
}

extension LuaState {
    /// Runs host function `index` for a script on `thread`: results pushed and counted, or an
    /// error message pushed and -1. Never lets a Swift error or a Lua error cross the other way.
    func dispatch(on thread: OpaquePointer, index: Int) -> Int32 {
        guard let run = currentRun, registryRunID(on: thread) == run.id, hostFunctions.indices.contains(index)
        else {
            pushError(LuaError(.runtime, "a host function was called outside a run"), on: thread)
            return -1
        }
        switch hostFunctions[index] {
        case .raw(_, let body):
            do {
                return try body(self, thread)
            } catch {
                // Built-ins are called by the bootstrap, which adds the script's position itself.
                stack(on: thread).pushString(error.message)
                return -1
            }
        case .module(let name, let body):
            let stack = stack(on: thread)
            let count = lua_gettop(thread)
            var arguments: [LuaValue] = []
            arguments.reserveCapacity(Int(count))
            do {
                for position in stride(from: Int32(1), through: count, by: 1) {
                    do {
                        arguments.append(try stack.value(at: position, path: "argument #\(position)"))
                    } catch {
                        throw LuaError(.badArgument, "bad argument #\(position) to '\(name)' (\(error.message))")
                    }
                }
                let call = LuaCall(functionName: name, arguments: arguments, context: run.context)
                let results: [LuaValue]
                do {
                    results = try body(call)
                } catch let error as LuaError {
                    throw error
                } catch {
                    throw LuaError(.runtime, "\(name): \(error)")
                }
                guard lua_checkstack(thread, Int32(clamping: results.count + 4)) != 0 else {
                    throw LuaError(.runtime, "\(name): too many results")
                }
                for result in results { try stack.push(result) }
                return Int32(results.count)
            } catch {
                lua_settop(thread, count)
                pushError(error as? LuaError ?? LuaError(.runtime, "\(name): \(error)"), on: thread)
                return -1
            }
        }
    }

    /// Pushes the Lua error for `error`: errors that come from Lua already carry their position;
    /// the host's own get the position of the script line that called.
    private func pushError(_ error: LuaError, on thread: OpaquePointer) {
        switch error.code {
        case .runtime where error.chunk != nil, .syntax, .limitExceeded:
            stack(on: thread).pushString(error.message)
        default:
            luaL_where(thread, 1)
            stack(on: thread).pushString(error.message)
            lua_concat(thread, 2)
        }
    }

    // MARK: Loading and calling

    /// Compiles `source` as a text chunk called `chunkName` and gives it the run's environment.
    /// Leaves the function on `thread`'s stack.
    /// - Throws: ``LuaError/Code/syntax`` with Lua's message (`name:3: 'end' expected ...`).
    func load(_ source: String, chunkName: String, on thread: OpaquePointer) throws(LuaError) {
        var source = source
        let status = source.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                clua_loadbufferx(thread, chars.baseAddress, chars.count, "@" + chunkName, "t")
            }
        }
        guard status == LUA_OK else {
            let message = stack(on: thread).rawString(at: -1) ?? "syntax error"
            lua_settop(thread, -2)
            throw LuaError(status == LUA_ERRSYNTAX ? .syntax : .runtime, message)
        }
        pushEnvironment(on: thread)
        if lua_setupvalue(thread, -2, 1) == nil { lua_settop(thread, -2) }
    }

    /// Calls the function below `arguments` on the main stack under `limits` and returns every
    /// result. The stack is left as it was before the function was pushed.
    func call(argumentCount: Int32, limits: LuaLimits, resultPath: String) throws(LuaError) -> [LuaValue] {
        try call(argumentCount: argumentCount, limits: limits) { (first, count) throws(LuaError) in
            var results: [LuaValue] = []
            results.reserveCapacity(Int(count))
            for position in stride(from: first, to: first + count, by: 1) {
                let path = count == 1 ? resultPath : "\(resultPath)[\(position - first + 1)]"
                results.append(try stack.value(at: position, path: path))
            }
            return results
        }
    }

    /// Calls the function below `arguments` under `limits`, and lets `readResults` read the
    /// results where they lie on the stack (the index of the first, and how many) before the
    /// stack is set back to what it was before the function was pushed.
    func call<Results>(
        argumentCount: Int32, limits: LuaLimits,
        readResults: (_ first: Int32, _ count: Int32) throws(LuaError) -> Results
    ) throws(LuaError) -> Results {
        let base = lua_gettop(L) - argumentCount - 1
        defer { lua_settop(L, base) }
        sandbox.pointee.memory_cap = max(limits.memoryBytes, 1 << 20)
        rv_begin_call(L, Int64(limits.instructions), limits.timeout)
        let status = rv_pcall(L, argumentCount, clua_multret())
        guard status == LUA_OK else { throw callError(status: status, limits: limits) }
        return try readResults(base + 1, lua_gettop(L) - base)
    }

    /// The ``LuaError`` for a failed call: a limit named as such, or the script's own error.
    private func callError(status: Int32, limits: LuaLimits) -> LuaError {
        let traceback = lua_getfield(L, clua_registryindex(), RV_TRACEBACK_KEY) == LUA_TSTRING
            ? stack.rawString(at: -1) : nil
        lua_settop(L, -2)
        let object = describeErrorObject(at: -1)
        if let limit = limitHit {
            let position = LuaError.position(in: object) ?? LuaState.firstScriptFrame(in: traceback)
            let prefix = position.map { "\($0.chunk):\($0.line): " } ?? ""
            return LuaError(
                .limitExceeded, prefix + LuaState.limitMessage(limit, limits), limit: limit,
                chunk: position?.chunk, line: position?.line, traceback: traceback)
        }
        return LuaError(status == LUA_ERRSYNTAX ? .syntax : .runtime, object, traceback: traceback)
    }

    static func limitMessage(_ limit: LuaError.Limit, _ limits: LuaLimits) -> String {
        switch limit {
        case .instructions: "instruction limit exceeded (\(limits.instructions) instructions)"
        case .time: "time limit exceeded (\(String(format: "%g", limits.timeout)) s)"
        case .memory: "memory limit exceeded (\(limits.memoryBytes / (1 << 20)) MiB)"
        }
    }

    /// Longest error message kept: a script cannot flood the host's logs through `error()`.
    static let maximumMessageLength = 4096

    /// An error object as text without running any of its metamethods.
    private func describeErrorObject(at index: Int32) -> String {
        let text: String
        switch lua_type(L, index) {
        case LUA_TSTRING: text = stack.rawString(at: index) ?? ""
        case LUA_TNUMBER:
            text = lua_isinteger(L, index) != 0
                ? String(lua_tointegerx(L, index, nil)) : LuaValue.format(lua_tonumberx(L, index, nil))
        case LUA_TNIL: text = "nil"
        default: text = "(error object is a \(String(cString: lua_typename(L, lua_type(L, index)))) value)"
        }
        guard text.utf8.count > LuaState.maximumMessageLength else { return text }
        return String(decoding: text.utf8.prefix(LuaState.maximumMessageLength), as: UTF8.self) + "… (truncated)"
    }

    /// The first frame of a traceback that is a script line (`scripts/x.lua:12:`), not C.
    static func firstScriptFrame(in traceback: String?) -> (chunk: String, line: Int)? {
        guard let traceback else { return nil }
        for line in traceback.split(separator: "\n").dropFirst() {
            let frame = line.trimmingCharacters(in: .whitespaces)
            if frame.hasPrefix("[C]") { continue }
            if let position = LuaError.position(in: frame) { return position }
        }
        return nil
    }
}
