import CLua
import Foundation

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
        LuaHost.pushString(L, s)
    }

    // MARK: Reading

    /// The value at `index`, copied deeply. `path` names it in errors (`result[1].rows[3]`).
    ///
    /// The path of a nested value is built only when reading it fails: while reading, each level
    /// keeps only its key, and an error collects the keys on its way out.
    func value(at index: Int32, path: String) throws(LuaError) -> LuaValue {
        let index = lua_absindex(L, index)
        do {
            guard lua_type(L, index) == LUA_TTABLE else {
                return try read(index, depth: 0, ancestors: nil)
            }
            // The tables being read, outermost first: a table met again among them is a cycle.
            // Depth is capped, so they fit in a buffer on the stack; no set is hashed.
            return try withUnsafeTemporaryAllocation(of: UnsafeRawPointer.self, capacity: LuaStack.maximumDepth) {
                buffer throws(ReadFailure) -> LuaValue in
                try readTable(index, depth: 0, ancestors: buffer.baseAddress!)
            }
        } catch {
            throw error.luaError(root: path)
        }
    }

    /// The string at `index` when it is a string (numbers are not converted), or nil.
    func rawString(at index: Int32) -> String? {
        guard lua_type(L, index) == LUA_TSTRING else { return nil }
        var length = 0
        guard let chars = lua_tolstring(L, index, &length) else { return nil }
        return String(decoding: UnsafeRawBufferPointer(start: chars, count: length), as: UTF8.self)
    }

    /// A failed read: the message, and the keys from the failing value up to the root.
    struct ReadFailure: Error {
        enum Key {
            case index(Int)
            case key(LuaValue)
        }

        var message: String
        /// Innermost first.
        var keys: [Key] = []

        init(_ message: String) { self.message = message }

        /// `root.rows[3].hours: message`, as the eager paths used to read.
        func luaError(root: String) -> LuaError {
            var path = root
            for key in keys.reversed() {
                switch key {
                case .index(let i): path += "[\(i)]"
                case .key(let key):
                    if let name = key.stringValue { path += ".\(name)" } else { path += "[\(key.description)]" }
                }
            }
            return LuaError(.conversion, "\(path): \(message)")
        }
    }

    private func read(
        _ index: Int32, depth: Int, ancestors: UnsafeMutablePointer<UnsafeRawPointer>?
    ) throws(ReadFailure) -> LuaValue {
        switch lua_type(L, index) {
        case LUA_TNIL, LUA_TNONE:
            return .nil
        case LUA_TBOOLEAN:
            return .boolean(lua_toboolean(L, index) != 0)
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return .integer(Int64(lua_tointegerx(L, index, nil))) }
            return .number(lua_tonumberx(L, index, nil))
        case LUA_TSTRING:
            return .string(try readString(index))
        case LUA_TTABLE:
            guard let ancestors else { preconditionFailure("a table read without its ancestors") }
            return try readTable(index, depth: depth, ancestors: ancestors)
        case LUA_TFUNCTION:
            lua_pushvalue(L, index)
            guard let function = functionReferences(L) else {
                throw ReadFailure("functions cannot leave this run")
            }
            return .function(function)
        default:
            let name = String(cString: lua_typename(L, lua_type(L, index)))
            throw ReadFailure("a \(name) value cannot be passed to the host")
        }
    }

    private func readString(_ index: Int32) throws(ReadFailure) -> String {
        var length = 0
        let chars = lua_tolstring(L, index, &length)!
        // Lua ends every string with a NUL: without NULs inside, the C string is the whole
        // string, and its non-generic validation is the fastest.
        if strlen(chars) == length {
            guard let text = String(validatingCString: chars) else {
                throw ReadFailure("expected UTF-8 text, got a string of other bytes")
            }
            return text
        }
        let bytes = UnsafeRawBufferPointer(start: chars, count: length)
        guard let text = String(validating: bytes.bindMemory(to: UInt8.self), as: UTF8.self) else {
            throw ReadFailure("expected UTF-8 text, got a string of other bytes")
        }
        return text
    }

    /// Reads the table at `index`, `depth` tables deep; `ancestors[0..<depth]` are the tables
    /// around it, outermost first.
    private func readTable(
        _ index: Int32, depth: Int, ancestors: UnsafeMutablePointer<UnsafeRawPointer>
    ) throws(ReadFailure) -> LuaValue {
        guard depth < LuaStack.maximumDepth else {
            throw ReadFailure("tables nested more than \(LuaStack.maximumDepth) deep")
        }
        let identity = lua_topointer(L, index)!
        for level in 0..<depth where ancestors[level] == identity {
            throw ReadFailure("the table contains itself (a cycle) and cannot be passed to the host")
        }
        ancestors[depth] = identity
        guard lua_checkstack(L, 4) != 0 else {
            throw ReadFailure("nested too deeply")
        }
        return try readEntries(index, depth: depth, ancestors: ancestors)
    }

    private func readEntries(
        _ index: Int32, depth: Int, ancestors: UnsafeMutablePointer<UnsafeRawPointer>
    ) throws(ReadFailure) -> LuaValue {
        var table = LuaTable()
        let length = Int(lua_rawlen(L, index))
        if length > 0 { table.array.reserveCapacity(length) }
        for i in stride(from: 1, through: length, by: 1) {
            if lua_rawgeti(L, index, lua_Integer(i)) == LUA_TNIL {
                lua_settop(L, -2)
                break
            }
            do {
                table.array.append(try read(lua_gettop(L), depth: depth + 1, ancestors: ancestors))
            } catch {
                lua_settop(L, -2)
                var failure = error
                failure.keys.append(.index(i))
                throw failure
            }
            lua_settop(L, -2)
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
                do {
                    key = .string(try readString(keyIndex))
                } catch {
                    lua_settop(L, -3)
                    throw error
                }
            case LUA_TBOOLEAN:
                key = .boolean(lua_toboolean(L, keyIndex) != 0)
            default:
                let name = String(cString: lua_typename(L, lua_type(L, keyIndex)))
                lua_settop(L, -3)
                throw ReadFailure("a table key of type \(name) cannot be passed to the host")
            }
            do {
                table.hash[key] = try read(lua_gettop(L), depth: depth + 1, ancestors: ancestors)
            } catch {
                lua_settop(L, -3)
                var failure = error
                failure.keys.append(.key(key))
                throw failure
            }
            lua_settop(L, -2)
        }
        return .table(table)
    }
}
