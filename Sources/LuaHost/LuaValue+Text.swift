import Foundation

extension LuaValue: CustomStringConvertible {
    /// The value as a Lua literal, with table keys in a stable order:
    /// `{1, 2, name = "Åsa", rows = {{hours = 2.5}}}`.
    public var description: String { luaLiteral }

    /// The value written as Lua source that reads back to the same value (functions excepted).
    public var luaLiteral: String {
        switch self {
        case .nil: return "nil"
        case .boolean(let b): return b ? "true" : "false"
        case .integer(let i): return String(i)
        case .number(let d): return LuaValue.format(d)
        case .string(let s): return LuaValue.quoted(s)
        case .function: return "function"
        case .table(let t):
            if t.isEmpty { return "{}" }
            let items = t.array.map(\.luaLiteral) + t.entries.dropFirst(t.array.count).map { entry in
                if case .string(let key) = entry.key, LuaValue.isIdentifier(key) {
                    return "\(key) = \(entry.value.luaLiteral)"
                }
                return "[\(entry.key.luaLiteral)] = \(entry.value.luaLiteral)"
            }
            return "{" + items.joined(separator: ", ") + "}"
        }
    }

    /// Formats a float as Lua 5.4 does (`%.14g`, with `.0` added to integral values).
    static func format(_ d: Double) -> String {
        if d.isNaN { return d.sign == .minus ? "-nan" : "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        let text = String(format: "%.14g", d)
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "n" || $0 == "i" }) { return text }
        return text + ".0"
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\" + String(scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    static let keywords: Set<String> = [
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if", "in",
        "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    ]

    static func isIdentifier(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, !keywords.contains(s) else { return false }
        func ascii(_ c: Unicode.Scalar, digits: Bool) -> Bool {
            (c >= "a" && c <= "z") || (c >= "A" && c <= "Z") || c == "_" || (digits && c >= "0" && c <= "9")
        }
        return ascii(first, digits: false) && s.unicodeScalars.allSatisfy { ascii($0, digits: true) }
    }
}

extension LuaValue {
    /// The value as JSON text. A non-empty sequence is an array, any other table an object with
    /// its keys as strings; the empty table is `{}`. Functions and non-finite numbers have no
    /// JSON form and throw.
    ///
    /// - Throws: ``LuaError`` with code ``LuaError/Code/conversion`` naming the path of the value.
    public func jsonText(pretty: Bool = false) throws(LuaError) -> String {
        var out = ""
        try writeJSON(into: &out, path: "value", indent: pretty ? 0 : nil)
        return out
    }

    private func writeJSON(into out: inout String, path: String, indent: Int?) throws(LuaError) {
        let newline = indent.map { "\n" + String(repeating: "  ", count: $0 + 1) } ?? ""
        let closing = indent.map { "\n" + String(repeating: "  ", count: $0) } ?? ""
        let inner = indent.map { $0 + 1 }
        switch self {
        case .nil: out += "null"
        case .boolean(let b): out += b ? "true" : "false"
        case .integer(let i): out += String(i)
        case .number(let d):
            guard d.isFinite else { throw LuaError(.conversion, "\(path): \(LuaValue.format(d)) has no JSON form") }
            out += d == d.rounded() && abs(d) < 1e15 ? String(format: "%.1f", d) : "\(d)"
        case .string(let s): out += LuaValue.jsonQuoted(s)
        case .function: throw LuaError(.conversion, "\(path): a function has no JSON form")
        case .table(let t):
            if t.isSequence {
                out += "["
                for (i, element) in t.array.enumerated() {
                    out += (i == 0 ? "" : ",") + newline
                    try element.writeJSON(into: &out, path: "\(path)[\(i + 1)]", indent: inner)
                }
                out += closing + "]"
            } else if t.isEmpty {
                out += "{}"
            } else {
                out += "{"
                for (i, entry) in t.entries.enumerated() {
                    let key: String
                    switch entry.key {
                    case .string(let s): key = s
                    case .integer(let n): key = String(n)
                    case .number(let d): key = LuaValue.format(d)
                    case .boolean(let b): key = b ? "true" : "false"
                    default: key = entry.key.description
                    }
                    out += (i == 0 ? "" : ",") + newline + LuaValue.jsonQuoted(key) + (indent == nil ? ":" : ": ")
                    try entry.value.writeJSON(into: &out, path: "\(path).\(key)", indent: inner)
                }
                out += closing + "}"
            }
        }
    }

    static func jsonQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    out += String(format: "\\u%04x", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
