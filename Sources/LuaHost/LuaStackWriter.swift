import CLua

/// Pushes values straight onto a run's Lua stack, for a caller that knows the shape of its data
/// (the domain's JSON answers) and wants no `Encodable` walk and no ``LuaValue`` in between.
///
/// Valid only inside the closure of ``LuaRun/call(_:pushing:returning:)``: every `push…`
/// leaves one value on the stack; `set(_:)` and `append(_:)` move the value on top into the
/// table below it. Only raw sets on tables it has just made, so no metamethod runs, and the
/// sandbox is in host mode (the allocator never refuses) while it runs.
///
/// ```swift
/// try run.call(check, pushing: { writer in
///     writer.pushTable(fields: 1)
///     writer.push("ja_alla"); writer.set("alla_tillfallen")
/// }, returning: Verdict.self)
/// ```
public struct LuaStackWriter {
    let L: OpaquePointer

    /// The deepest nesting of tables pushed.
    public static let maximumDepth = 200

    public func pushNil() { lua_pushnil(L) }
    public func push(_ value: Bool) { lua_pushboolean(L, value ? 1 : 0) }
    public func push(_ value: Int64) { lua_pushinteger(L, lua_Integer(value)) }
    public func push(_ value: Double) { lua_pushnumber(L, value) }
    public func push(_ value: String) { pushString(L, value) }

    /// Pushes a new table with room for `array` list items and `fields` named ones.
    /// - Throws: ``LuaError/Code/conversion`` when the stack cannot grow (nesting too deep).
    public func pushTable(array: Int = 0, fields: Int = 0) throws(LuaError) {
        guard lua_checkstack(L, 4) != 0 else { throw LuaError(.conversion, "value nested too deeply to pass to Lua") }
        lua_createtable(L, Int32(clamping: array), Int32(clamping: fields))
    }

    /// Pops the value on top into the table below it under `key`.
    public func set(_ key: String) {
        pushString(L, key)
        lua_rotate(L, -2, 1)
        lua_rawset(L, -3)
    }

    /// Pushes UTF-8 `bytes` as a Lua string, with no Swift `String` in between (a JSON reader
    /// pushing the text it reads).
    public func push(utf8 bytes: UnsafeRawBufferPointer) {
        _ = lua_pushlstring(L, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
    }

    /// Pops a key and the value above it into the table below them, for a caller that pushes
    /// the key first. A nil value removes the key, as a later `null` does in JSON read this way.
    public func setKeyed() {
        lua_rawset(L, -3)
    }

    /// Pops the value on top into the table below it at list position `index` (from 1).
    public func append(_ index: Int) {
        lua_rawseti(L, -2, lua_Integer(index))
    }
}

extension LuaRun {
    /// Calls `function` with the arguments `push` puts on the stack (one value each, through the
    /// writer), and decodes its first result. The call gets the run's limits.
    /// - Throws: what `push` throws (the stack is then reset), and ``LuaError`` for the call or
    ///   the decoding.
    public func call<Result: Decodable>(
        _ function: LuaFunctionRef, pushing push: (LuaStackWriter) throws(LuaError) -> Void, returning: Result.Type
    ) throws(LuaError) -> Result {
        try call(function, returning: Result.self) { L throws(LuaError) in try push(LuaStackWriter(L: L)) }
    }
}
