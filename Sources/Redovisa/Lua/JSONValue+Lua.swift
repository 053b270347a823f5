import LuaHost

extension JSONValue {
    /// The JSON value of a Lua value a script passed as a report's answers, by the host's rules
    /// (docs/scripting.md, "Values crossing to the host"): a non-empty sequence is an array, any
    /// other table an object with its keys as text (`[2024]` becomes `"2024"`), the empty table an
    /// empty object; integers stay integers and floats stay floats.
    ///
    /// - Throws: ``LuaError/Code/conversion`` naming the place, for a function, a number that is
    ///   not finite, or a key that is neither text nor an integer:
    ///   `answers.rows[2].f: a function has no JSON form`.
    init(lua value: LuaValue, path: String) throws(LuaError) {
        switch value {
        case .nil: self = .null
        case .boolean(let b): self = .bool(b)
        case .integer(let i): self = .integer(i)
        case .number(let d):
            guard d.isFinite else { throw LuaError(.conversion, "\(path): \(value.luaLiteral) has no JSON form") }
            self = .number(d)
        case .string(let s): self = .string(s)
        case .function: throw LuaError(.conversion, "\(path): a function has no JSON form")
        case .table(let table):
            if table.isSequence {
                var elements: [JSONValue] = []
                elements.reserveCapacity(table.array.count)
                for (index, element) in table.array.enumerated() {
                    elements.append(try JSONValue(lua: element, path: "\(path)[\(index + 1)]"))
                }
                self = .array(elements)
                return
            }
            var object: [String: JSONValue] = [:]
            for (key, element) in table.entries {
                let name: String
                switch key {
                case .string(let s): name = s
                case .integer(let i): name = String(i)
                default: throw LuaError(.conversion, "\(path): a key must be text or an integer, got \(key.typeName)")
                }
                object[name] = try JSONValue(lua: element, path: path + Self.pathStep(key))
            }
            self = .object(object)
        }
    }

    /// `.name` for a key that is a plain name, `["two words"]` or `[2024]` otherwise.
    private static func pathStep(_ key: LuaValue) -> String {
        guard case .string(let name) = key, let first = name.unicodeScalars.first,
            !("0"..."9").contains(first),
            name.unicodeScalars.allSatisfy({ $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) })
        else { return "[\(key.luaLiteral)]" }
        return ".\(name)"
    }
}
