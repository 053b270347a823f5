import Foundation

/// Turns a ``LuaValue`` into any `Decodable`, with errors that say where and what:
/// `activities[3].hours: expected number, got string`.
///
/// Integers decode into any integer type that holds them, and into floating-point types; a
/// float decodes into an integer type only when it has an exact integer value. An empty table
/// decodes as an empty array or an empty dictionary, whichever the type asks for. `Date` reads
/// ISO 8601 text.
///
/// ```swift
/// let verdict = try LuaValueDecoder().decode(Verdict.self, from: results[0])
/// ```
public struct LuaValueDecoder: Sendable {
    public init() {}

    /// The `T` that `value` describes.
    /// - Throws: ``LuaError/Code/conversion`` naming the path of the first field that does not fit.
    public func decode<T: Decodable>(_ type: T.Type, from value: LuaValue) throws(LuaError) -> T {
        do {
            return try ValueDecoder(value: value, codingPath: []).decodeValue(type)
        } catch let error as LuaError {
            throw error
        } catch let error as DecodingError {
            throw LuaError(.conversion, Self.describe(error))
        } catch {
            throw LuaError(.conversion, "\(error)")
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(LuaCodingPath.text(context.codingPath)): \(context.debugDescription)"
        case .keyNotFound(let key, let context):
            return "\(LuaCodingPath.text(context.codingPath + [key])): required field is missing"
        @unknown default:
            return "\(error)"
        }
    }
}

private func mismatch(_ expected: String, _ value: LuaValue, _ path: [any CodingKey]) -> LuaError {
    var got = value.detailedTypeName
    if case .number(let d) = value { got = "number \(LuaValue.format(d))" }
    return LuaError(.conversion, "\(LuaCodingPath.text(path)): expected \(expected), got \(got)")
}

private struct ValueDecoder: Decoder {
    let value: LuaValue
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        switch type {
        case is Date.Type:
            guard case .string(let text) = value else { throw mismatch("date text", value, codingPath) }
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw LuaError(.conversion, "\(LuaCodingPath.text(codingPath)): '\(text)' is not an ISO 8601 date and time")
            }
            return date as! T
        case is Decimal.Type:
            guard let d = value.doubleValue else { throw mismatch("number", value, codingPath) }
            return Decimal(d) as! T
        case is URL.Type:
            guard case .string(let text) = value, let url = URL(string: text) else {
                throw mismatch("URL text", value, codingPath)
            }
            return url as! T
        default:
            return try T(from: self)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .table(let table) = value else { throw mismatch("table", value, codingPath) }
        return KeyedDecodingContainer(KeyedValueContainer<Key>(table: table, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .table(let table) = value else { throw mismatch("list", value, codingPath) }
        guard table.hash.isEmpty else {
            throw LuaError(.conversion, "\(LuaCodingPath.text(codingPath)): expected list, got a table with named fields")
        }
        return UnkeyedValueContainer(elements: table.array, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(value: value, codingPath: codingPath)
    }
}

private func decodeBool(_ value: LuaValue, _ path: [any CodingKey]) throws -> Bool {
    guard case .boolean(let b) = value else { throw mismatch("boolean", value, path) }
    return b
}

private func decodeString(_ value: LuaValue, _ path: [any CodingKey]) throws -> String {
    guard case .string(let s) = value else { throw mismatch("string", value, path) }
    return s
}

private func decodeDouble(_ value: LuaValue, _ path: [any CodingKey]) throws -> Double {
    guard let d = value.doubleValue else { throw mismatch("number", value, path) }
    return d
}

private func decodeInteger<I: FixedWidthInteger>(_ type: I.Type, _ value: LuaValue, _ path: [any CodingKey]) throws -> I {
    guard let i = value.integerValue else { throw mismatch("integer", value, path) }
    guard let result = I(exactly: i) else {
        throw LuaError(.conversion, "\(LuaCodingPath.text(path)): \(i) is out of range for \(I.self)")
    }
    return result
}

private struct SingleValueContainer: SingleValueDecodingContainer {
    let value: LuaValue
    let codingPath: [any CodingKey]

    func decodeNil() -> Bool {
        if case .nil = value { return true }
        return false
    }
    func decode(_ type: Bool.Type) throws -> Bool { try decodeBool(value, codingPath) }
    func decode(_ type: String.Type) throws -> String { try decodeString(value, codingPath) }
    func decode(_ type: Double.Type) throws -> Double { try decodeDouble(value, codingPath) }
    func decode(_ type: Float.Type) throws -> Float { Float(try decodeDouble(value, codingPath)) }
    func decode(_ type: Int.Type) throws -> Int { try decodeInteger(type, value, codingPath) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type, value, codingPath) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type, value, codingPath) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try ValueDecoder(value: value, codingPath: codingPath).decodeValue(type)
    }
}

private struct KeyedValueContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let table: LuaTable
    let codingPath: [any CodingKey]

    var allKeys: [Key] {
        table.entries.compactMap { entry in
            switch entry.key {
            case .string(let s): return Key(stringValue: s)
            case .integer(let i): return Key(intValue: Int(i)) ?? Key(stringValue: String(i))
            default: return nil
            }
        }
    }

    private func lookup(_ key: Key) -> LuaValue {
        if let i = key.intValue, case let value = table[i], value != .nil { return value }
        return table[key.stringValue]
    }

    func contains(_ key: Key) -> Bool { lookup(key) != .nil }

    private func present(_ key: Key) throws -> LuaValue {
        let value = lookup(key)
        if case .nil = value {
            throw LuaError(.conversion, "\(LuaCodingPath.text(codingPath + [key])): required field is missing")
        }
        return value
    }

    func decodeNil(forKey key: Key) throws -> Bool { lookup(key) == .nil }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decodeBool(present(key), codingPath + [key]) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try decodeString(present(key), codingPath + [key])
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try decodeDouble(present(key), codingPath + [key])
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        Float(try decodeDouble(present(key), codingPath + [key]))
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try decodeInteger(type, present(key), codingPath + [key])
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try decodeInteger(type, present(key), codingPath + [key])
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try ValueDecoder(value: present(key), codingPath: codingPath + [key]).decodeValue(type)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try ValueDecoder(value: present(key), codingPath: codingPath + [key]).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try ValueDecoder(value: present(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        ValueDecoder(value: lookup(Key(stringValue: "super")!), codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        ValueDecoder(value: lookup(key), codingPath: codingPath + [key])
    }
}

private struct UnkeyedValueContainer: UnkeyedDecodingContainer {
    let elements: [LuaValue]
    let codingPath: [any CodingKey]
    var currentIndex = 0

    init(elements: [LuaValue], codingPath: [any CodingKey]) {
        self.elements = elements
        self.codingPath = codingPath
    }

    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    private var path: [any CodingKey] { codingPath + [LuaCodingPath.Index(currentIndex)] }

    private mutating func next() throws -> LuaValue {
        guard !isAtEnd else {
            throw LuaError(.conversion, "\(LuaCodingPath.text(path)): the list has only \(elements.count) elements")
        }
        defer { currentIndex += 1 }
        return elements[currentIndex]
    }

    mutating func decodeNil() throws -> Bool {
        if !isAtEnd, case .nil = elements[currentIndex] {
            currentIndex += 1
            return true
        }
        return false
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let p = path
        return try decodeBool(next(), p)
    }
    mutating func decode(_ type: String.Type) throws -> String {
        let p = path
        return try decodeString(next(), p)
    }
    mutating func decode(_ type: Double.Type) throws -> Double {
        let p = path
        return try decodeDouble(next(), p)
    }
    mutating func decode(_ type: Int.Type) throws -> Int {
        let p = path
        return try decodeInteger(type, next(), p)
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let p = path
        return try ValueDecoder(value: next(), codingPath: p).decodeValue(type)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let p = path
        return try ValueDecoder(value: next(), codingPath: p).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let p = path
        return try ValueDecoder(value: next(), codingPath: p).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let p = path
        return ValueDecoder(value: try next(), codingPath: p)
    }
}

extension ValueDecoder: LuaKindDecoder {
    var luaValueKind: LuaValueKind { value.kind }
}
