import LuaHost

extension JSONValue {
    /// The value a Lua decoder holds, read by its kind: one `decode` per value, where the
    /// generic ``init(from:)`` tries boolean, integer, number, string, list and map in turn and
    /// pays a thrown error for every miss (the template's cleaned answers come back this way on
    /// every check). The same values as the generic way: a float with an integer value is an
    /// integer, the empty table an empty list. Nil for a kind that holds no JSON (a function),
    /// which the generic way then refuses as before.
    init?(luaDecoder decoder: any LuaKindDecoder) throws {
        switch decoder.luaValueKind {
        case .nil:
            self = .null
        case .boolean:
            self = .bool(try decoder.singleValueContainer().decode(Bool.self))
        case .integer:
            self = .integer(try decoder.singleValueContainer().decode(Int64.self))
        case .number:
            let number = try decoder.singleValueContainer().decode(Double.self)
            if number.rounded() == number, let integer = Int64(exactly: number) {
                self = .integer(integer)
            } else {
                self = .number(number)
            }
        case .string:
            self = .string(try decoder.singleValueContainer().decode(String.self))
        case .list:
            var container = try decoder.unkeyedContainer()
            var items: [JSONValue] = []
            items.reserveCapacity(container.count ?? 0)
            while !container.isAtEnd { items.append(try container.decode(JSONValue.self)) }
            self = .array(items)
        case .table:
            self = .object(try decoder.singleValueContainer().decode([String: JSONValue].self))
        case .other:
            return nil
        }
    }
}
