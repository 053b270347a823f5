import CLua

/// What kind of Lua value a ``LuaKindDecoder`` is decoding.
public enum LuaValueKind: Sendable, Equatable {
    case `nil`
    case boolean
    case integer
    /// A float (`2.5`, but also `2.0`).
    case number
    case string
    /// A table that is a sequence `1…n` and nothing else, or the empty table: it decodes as a list.
    case list
    /// Any other table: it decodes through a keyed container (a map or a struct).
    case table
    /// A function, a userdata or a thread: nothing decodes from it.
    case other
}

/// A decoder of Lua values (both the host's decoders are): a `Decodable` type that takes any
/// kind of value — a JSON-like value — asks it which kind it holds, instead of trying each kind
/// in turn (where every miss throws an error, with its message and coding path).
///
/// ```swift
/// init(from decoder: any Decoder) throws {
///     if let lua = decoder as? any LuaKindDecoder, lua.luaValueKind == .string { … }
/// }
/// ```
public protocol LuaKindDecoder: Decoder {
    /// The kind of the value being decoded.
    var luaValueKind: LuaValueKind { get }
}

extension LuaValue {
    /// The value's kind, as ``LuaKindDecoder`` says it.
    var kind: LuaValueKind {
        switch self {
        case .nil: .nil
        case .boolean: .boolean
        case .integer: .integer
        case .number: .number
        case .string: .string
        case .table(let table): table.hash.isEmpty ? .list : .table
        case .function: .other
        }
    }
}

extension LuaStack {
    /// The kind of the value at `index` of `L`'s stack: a table is a list when its keys are
    /// exactly `1…#t` (the rule ``LuaStackDecoder`` reads lists by). Only raw accesses.
    static func kind(_ L: OpaquePointer, at index: Int32) -> LuaValueKind {
        switch lua_type(L, index) {
        case LUA_TNONE, LUA_TNIL: return .nil
        case LUA_TBOOLEAN: return .boolean
        case LUA_TNUMBER: return lua_isinteger(L, index) != 0 ? .integer : .number
        case LUA_TSTRING: return .string
        case LUA_TTABLE:
            let table = lua_absindex(L, index)
            let length = lua_Integer(lua_rawlen(L, table))
            var count: lua_Integer = 0
            lua_pushnil(L)
            while lua_next(L, table) != 0 {
                lua_settop(L, -2)
                guard lua_type(L, -1) == LUA_TNUMBER, lua_isinteger(L, -1) != 0,
                    case let k = lua_tointegerx(L, -1, nil), k >= 1 && k <= length
                else {
                    lua_settop(L, -2)
                    return .table
                }
                count += 1
            }
            return count == length ? .list : .table
        default: return .other
        }
    }
}
