import CLua

extension LuaRun {
    /// Like ``call(_:with:returning:)`` for an argument list built at run time (each argument
    /// encoded straight onto the stack; `nil` optionals become Lua's nil).
    /// - Throws: ``LuaError`` for encoding, the call, or decoding (naming the path of the field).
    public func call<Result: Decodable>(
        _ function: LuaFunctionRef, arguments: [any Encodable], returning: Result.Type
    ) throws(LuaError) -> Result {
        guard isActive else { throw LuaError(.staleFunction, "the run has ended") }
        let L = state.L
        let base = lua_gettop(L)
        guard function.runID == state.currentRun?.id else {
            throw LuaError(.staleFunction, "a Lua function was used after the run that made it ended")
        }
        guard lua_checkstack(L, Int32(arguments.count) + 4) != 0 else {
            throw LuaError(.conversion, "too many arguments to pass to Lua")
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
        return try state.call(argumentCount: Int32(arguments.count), limits: limits) { (first, count) throws(LuaError) in
            if count == 0 { lua_pushnil(L) }
            return try LuaStackDecoder(L: L).decode(Result.self, at: count == 0 ? lua_gettop(L) : first)
        }
    }
}
