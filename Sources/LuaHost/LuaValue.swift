/// One Lua value as the host sees it: the only type that crosses the boundary between Swift and Lua.
///
/// Integers stay integers (`.integer`) and floats stay floats (`.number`), as in Lua 5.4.
/// Tables are copied into ``LuaTable`` values; functions stay in Lua and are reached through a
/// ``LuaFunctionRef`` that is valid for the run that produced it.
///
/// ```swift
/// let row: LuaValue = ["date": "2025-10-03", "hours": 2.5, "kind": "sfi"]
/// ```
public enum LuaValue: Sendable, Hashable {
    case `nil`
    case boolean(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    case table(LuaTable)
    case function(LuaFunctionRef)

    /// The Lua type name, as `type(v)` would say it.
    public var typeName: String {
        switch self {
        case .nil: "nil"
        case .boolean: "boolean"
        case .integer, .number: "number"
        case .string: "string"
        case .table: "table"
        case .function: "function"
        }
    }

    /// The type name used in conversion errors: like ``typeName`` but says `integer` for integers.
    var detailedTypeName: String {
        if case .integer = self { return "integer" }
        return typeName
    }

    /// Whether Lua would treat the value as true (everything but `nil` and `false`).
    public var isTruthy: Bool {
        switch self {
        case .nil, .boolean(false): false
        default: true
        }
    }

    /// The string, if the value is one.
    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    /// The integer, if the value is an integer or a float with an exact integer value.
    public var integerValue: Int64? {
        switch self {
        case .integer(let i): return i
        case .number(let d):
            guard d.rounded() == d, let i = Int64(exactly: d) else { return nil }
            return i
        default: return nil
        }
    }

    /// The number as a `Double`, if the value is a number.
    public var doubleValue: Double? {
        switch self {
        case .integer(let i): Double(i)
        case .number(let d): d
        default: nil
        }
    }

    /// The table, if the value is one.
    public var tableValue: LuaTable? {
        if case .table(let t) = self { return t }
        return nil
    }

    /// Field `key` of a table value (`nil` for anything else).
    public subscript(key: String) -> LuaValue {
        tableValue?[key] ?? .nil
    }

    /// Element `index` (1-based, as in Lua) of a table value.
    public subscript(index: Int) -> LuaValue {
        tableValue?[index] ?? .nil
    }
}

extension LuaValue: ExpressibleByNilLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByStringLiteral, ExpressibleByArrayLiteral,
    ExpressibleByDictionaryLiteral
{
    public init(nilLiteral: ()) { self = .nil }
    public init(booleanLiteral value: Bool) { self = .boolean(value) }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(floatLiteral value: Double) { self = .number(value) }
    public init(stringLiteral value: String) { self = .string(value) }
    public init(arrayLiteral elements: LuaValue...) { self = .table(LuaTable(array: elements)) }
    public init(dictionaryLiteral elements: (String, LuaValue)...) {
        var table = LuaTable()
        for (key, value) in elements { table[key] = value }
        self = .table(table)
    }
}
