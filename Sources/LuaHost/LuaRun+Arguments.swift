import CLua

extension LuaRun {
    /// Like ``call(_:with:returning:)`` for an argument list built at run time (each argument
    /// encoded straight onto the stack; `nil` optionals become Lua's nil).
    /// - Throws: ``LuaError`` for encoding, the call, or decoding (naming the path of the field).
    public func call<Result: Decodable>(
        _ function: LuaFunctionRef, arguments: [any Encodable], returning: Result.Type
    ) throws(LuaError) -> Result {
        try call(function, returning: Result.self) { L throws(LuaError) in
            let encoder = LuaStackEncoder(L: L)
            for argument in arguments { try encoder.push(argument) }
        }
    }

    /// Calls `function` with the arguments `push` leaves on the stack above it, under the run's
    /// limits, and decodes the first result where it lies. A failed push resets the stack.
    func call<Result: Decodable>(
        _ function: LuaFunctionRef, returning: Result.Type, pushArguments push: (OpaquePointer) throws(LuaError) -> Void
    ) throws(LuaError) -> Result {
        guard isActive else { throw LuaError(.staleFunction, "the run has ended") }
        let L = state.L
        let base = lua_gettop(L)
        guard function.runID == state.currentRun?.id else {
            throw LuaError(.staleFunction, "a Lua function was used after the run that made it ended")
        }
        guard lua_checkstack(L, 8) != 0 else { throw LuaError(.conversion, "the Lua stack cannot grow") }
        lua_rawgeti(L, clua_registryindex(), lua_Integer(function.reference))
        do {
            try push(L)
        } catch {
            lua_settop(L, base)
            throw error
        }
        let count = lua_gettop(L) - base - 1
        return try state.call(argumentCount: count, limits: limits) { (first, results) throws(LuaError) in
            if results == 0 { lua_pushnil(L) }
            return try LuaStackDecoder(L: L).decode(Result.self, at: results == 0 ? lua_gettop(L) : first)
        }
    }
}
