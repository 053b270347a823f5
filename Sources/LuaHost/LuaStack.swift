import CLua

/// Moves ``LuaValue``s onto and off a Lua stack (of the main thread or of a coroutine).
///
/// Only raw accesses are used: no metamethod of a script's table ever runs on the host's behalf,
/// so a hostile `__index`, `__pairs` or `__tostring` cannot loop or raise inside Swift. The
/// sandbox is in host mode whenever this code runs, so the allocator never refuses and no Lua
/// error can be raised through these Swift frames.
struct LuaStack {
    let L: OpaquePointer
    /// Creates registry references for functions met while reading values.
    let functionReferences: (OpaquePointer) -> LuaFunctionRef?
    /// Pushes a function handle, or returns false when it belongs to another run.
    let pushFunction: (LuaFunctionRef) -> Bool

    static let maximumDepth = 100

    // MARK: Pushing

    /// Pushes `value`; throws for a function handle of another run or when the stack cannot grow.
    func push(_ value: LuaValue) throws(LuaError) {
        guard lua_checkstack(L, 4) != 0 else {
            throw LuaError(.conversion, "value nested too deeply to pass to Lua")
        }
        switch value {
        case .nil: lua_pushnil(L)
        case .boolean(let b): lua_pushboolean(L, b ? 1 : 0)
        case .integer(let i): lua_pushinteger(L, lua_Integer(i))
        case .number(let d): lua_pushnumber(L, d)
        case .string(let s): pushString(s)
        case .table(let table):
            lua_createtable(L, Int32(clamping: table.array.count), Int32(clamping: table.hash.count))
            for (offset, element) in table.array.enumerated() {
                try push(element)
                lua_rawseti(L, -2, lua_Integer(offset + 1))
            }
            for (key, element) in table.hash {
                if case .nil = element { continue }
                if case .number(let d) = key, d.isNaN { continue }
                try push(key)
                try push(element)
                lua_rawset(L, -3)
            }
        case .function(let function):
            guard pushFunction(function) else {
                throw LuaError(.staleFunction, "a Lua function was used after the run that made it ended")
            }
        }
    }

    func pushString(_ s: String) {
        var s = s
        s.withUTF8 { bytes in
            _ = bytes.withMemoryRebound(to: CChar.self) { chars in
                lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
    }

    // MARK: Reading

    /// The value at `index`, copied deeply. `path` names it in errors (`result[1].rows[3]`).
    func value(at index: Int32, path: String) throws(LuaError) -> LuaValue {
        var visiting = Set<UnsafeRawPointer>()
        return try read(lua_absindex(L, index), path: path, depth: 0, visiting: &visiting)
    }

    /// The string at `index` when it is a string (numbers are not converted), or nil.
    func rawString(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = lua_tolstring(L, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }

    private func read(
        _ index: Int32, path: String, depth: Int, visiting: inout Set<UnsafeRawPointer>
    ) throws(LuaError) -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(Int64(lua_tointegerx(L, index, nil))) }
            return .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            var length = 0
            let chars = lua_tolstring(L, index, &length)!
            let bytes = UnsafeRawBufferPointer(start: chars, count: length)
            guard let text = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
                throw LuaError(.conversion, "\(path): expected UTF-8 text, got a string of other bytes")
            }
            return .string(text)
        case LUA_TTABLE:
            return try readTable(index, path: path, depth: depth, visiting: &visiting)
        case LUA_TFUNCTION:
            lua_pushvalue(L, index)
            guard let function = functionReferences(L) else {
                throw LuaError(.conversion, "\(path): functions cannot leave this run")
            }
            return .function(function)
        default:
            let name = String(cString: lua_typename(L, lua_type(L, index)))
            throw LuaError(.conversion, "\(path): a \(name) value cannot be passed to the host")
        }
    }

    private func readTable(
        _ index: Int32, path: String, depth: Int, visiting: inout Set<UnsafeRawPointer>
    ) throws(LuaError) -> LuaValue {
        guard depth < LuaStack.maximumDepth else {
            throw LuaError(.conversion, "\(path): tables nested more than \(LuaStack.maximumDepth) deep")
        }
        let identity = lua_topointer(L, index)!
        guard visiting.insert(identity).inserted else {
            throw LuaError(.conversion, "\(path): the table contains itself (a cycle) and cannot be passed to the host")
        }
        defer { visiting.remove(identity) }
        guard lua_checkstack(L, 4) != 0 else {
            throw LuaError(.conversion, "\(path): nested too deeply")
        }
        var table = LuaTable()
        let length = Int(lua_rawlen(L, index))
        table.array.reserveCapacity(length)
        for i in stride(from: 1, through: length, by: 1) {
            lua_rawgeti(L, index, lua_Integer(i))
            defer { lua_settop(L, -2) }
            if lua_type(L, -1) == LUA_TNIL { break }
            table.array.append(try read(lua_gettop(L), path: "\(path)[\(i)]", depth: depth + 1, visiting: &visiting))
        }
        let sequenceCount = table.array.count
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            let keyIndex = lua_gettop(L) - 1
            let key: LuaValue
            switch lua_type(L, keyIndex) {
            case LUA_TNUMBER:
                if lua_isinteger(L, keyIndex) != 0 {
                    let i = Int64(lua_tointegerx(L, keyIndex, nil))
                    if i >= 1 && i <= Int64(sequenceCount) {
                        lua_settop(L, -2)
                        continue
                    }
                    key = .integer(i)
                } else {
                    key = .number(lua_tonumberx(L, keyIndex, nil))
                }
            case LUA_TSTRING:
                key = try read(keyIndex, path: path, depth: depth + 1, visiting: &visiting)
            case LUA_TBOOLEAN:
                key = .boolean(lua_toboolean(L, keyIndex) != 0)
            default:
                let name = String(cString: lua_typename(L, lua_type(L, keyIndex)))
                lua_settop(L, -3)
                throw LuaError(.conversion, "\(path): a table key of type \(name) cannot be passed to the host")
            }
            let valuePath = key.stringValue.map { "\(path).\($0)" } ?? "\(path)[\(key.description)]"
            do {
                table.hash[key] = try read(lua_gettop(L), path: valuePath, depth: depth + 1, visiting: &visiting)
            } catch {
                lua_settop(L, -3)
                throw error
            }
            lua_settop(L, -2)
        }
        return .table(table)
    }
}
