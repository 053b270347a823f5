import Foundation

/// Turns any `Encodable` into a ``LuaValue``: structs and dictionaries become tables with their
/// keys, arrays become sequences, integers stay integers, `nil` fields are left out.
///
/// `Date` becomes an ISO 8601 text in UTC, `Decimal` a number, `URL` its text.
///
/// ```swift
/// let table = try LuaValueEncoder().encode(report)   // .table(...)
/// ```
public struct LuaValueEncoder: Sendable {
    public init() {}

    /// The Lua value for `value`.
    /// - Throws: ``LuaError/Code/conversion`` for a value Lua cannot hold (an unsigned integer
    ///   above 2^63-1), naming its path.
    public func encode<T: Encodable>(_ value: T) throws(LuaError) -> LuaValue {
        do {
            return try EncodingNode.encode(value, codingPath: [])
        } catch let error as LuaError {
            throw error
        } catch let EncodingError.invalidValue(_, context) {
            throw LuaError(.conversion, "\(LuaCodingPath.text(context.codingPath)): \(context.debugDescription)")
        } catch {
            throw LuaError(.conversion, "\(error)")
        }
    }
}

/// What one `encode(to:)` call produced: a plain value, or a table still being filled.
private final class EncodingNode {
    enum Content {
        case empty
        case value(LuaValue)
        case keyed([String: EncodingNode], order: [String])
        case unkeyed([EncodingNode])
    }

    var content: Content = .empty

    var value: LuaValue {
        switch content {
        case .empty: return .nil
        case .value(let v): return v
        case .keyed(let fields, _):
            var table = LuaTable()
            for (key, node) in fields {
                let v = node.value
                if case .nil = v { continue }
                table.hash[.string(key)] = v
            }
            return .table(table)
        case .unkeyed(let elements):
            return .table(LuaTable(array: elements.map(\.value)))
        }
    }

    static func encode<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> LuaValue {
        if let special = try specialValue(value, codingPath: codingPath) { return special }
        let node = EncodingNode()
        try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
        return node.value
    }

    static func specialValue(_ value: Any, codingPath: [any CodingKey]) throws -> LuaValue? {
        switch value {
        case let date as Date:
            return .string(date.formatted(.iso8601))
        case let decimal as Decimal:
            return .number(NSDecimalNumber(decimal: decimal).doubleValue)
        case let url as URL:
            return .string(url.absoluteString)
        case let string as String:
            return .string(string)
        case let bool as Bool:
            return .boolean(bool)
        case let int as Int:
            return .integer(Int64(int))
        case let double as Double:
            return .number(double)
        default:
            return nil
        }
    }
}

private struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        if case .keyed = node.content {} else { node.content = .keyed([:], order: []) }
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .unkeyed = node.content {} else { node.content = .unkeyed([]) }
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

private func integerValue<I: BinaryInteger>(_ value: I, codingPath: [any CodingKey]) throws -> LuaValue {
    guard let i = Int64(exactly: value) else {
        throw LuaError(.conversion, "\(LuaCodingPath.text(codingPath)): \(value) is too large for a Lua integer")
    }
    return .integer(i)
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    func set(_ value: LuaValue) { node.content = .value(value) }
    mutating func encodeNil() throws { set(.nil) }
    mutating func encode(_ value: Bool) throws { set(.boolean(value)) }
    mutating func encode(_ value: String) throws { set(.string(value)) }
    mutating func encode(_ value: Double) throws { set(.number(value)) }
    mutating func encode(_ value: Float) throws { set(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: Int8) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: Int16) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: Int32) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { set(.integer(value)) }
    mutating func encode(_ value: UInt) throws { set(try integerValue(value, codingPath: codingPath)) }
    mutating func encode(_ value: UInt8) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: UInt16) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: UInt32) throws { set(.integer(Int64(value))) }
    mutating func encode(_ value: UInt64) throws { set(try integerValue(value, codingPath: codingPath)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        set(try EncodingNode.encode(value, codingPath: codingPath))
    }
}

private struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    private func child(_ key: Key) -> EncodingNode {
        guard case .keyed(var fields, var order) = node.content else { return EncodingNode() }
        if let existing = fields[key.stringValue] { return existing }
        let child = EncodingNode()
        fields[key.stringValue] = child
        order.append(key.stringValue)
        node.content = .keyed(fields, order: order)
        return child
    }

    private func set(_ value: LuaValue, for key: Key) { child(key).content = .value(value) }

    mutating func encodeNil(forKey key: Key) throws {}
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.boolean(value), for: key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), for: key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(.number(value), for: key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(.number(Double(value)), for: key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(.integer(Int64(value)), for: key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(.integer(Int64(value)), for: key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(.integer(Int64(value)), for: key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(.integer(Int64(value)), for: key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(.integer(value), for: key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
        set(try integerValue(value, codingPath: codingPath + [key]), for: key)
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.integer(Int64(value)), for: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.integer(Int64(value)), for: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.integer(Int64(value)), for: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
        set(try integerValue(value, codingPath: codingPath + [key]), for: key)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(try EncodingNode.encode(value, codingPath: codingPath + [key]), for: key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: child(key), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: child(Key(stringValue: "super")!), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: child(key), codingPath: codingPath + [key])
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    var count: Int {
        if case .unkeyed(let elements) = node.content { return elements.count }
        return 0
    }

    private func append() -> EncodingNode {
        let child = EncodingNode()
        if case .unkeyed(var elements) = node.content {
            elements.append(child)
            node.content = .unkeyed(elements)
        }
        return child
    }

    private var nextPath: [any CodingKey] { codingPath + [LuaCodingPath.Index(count)] }

    mutating func encodeNil() throws { append().content = .value(.boolean(false)) }
    mutating func encode(_ value: Bool) throws { append().content = .value(.boolean(value)) }
    mutating func encode(_ value: String) throws { append().content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { append().content = .value(.number(value)) }
    mutating func encode(_ value: Float) throws { append().content = .value(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { append().content = .value(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append().content = .value(.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let path = nextPath
        append().content = .value(try EncodingNode.encode(value, codingPath: path))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        return NodeEncoder(node: append(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        return NodeEncoder(node: append(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let path = nextPath
        return NodeEncoder(node: append(), codingPath: path)
    }
}

/// Coding paths as script authors read them: `activities[3].hours`, 1-based like Lua.
enum LuaCodingPath {
    /// A position in a sequence (0-based inside Swift, shown 1-based).
    struct Index: CodingKey {
        let intValue: Int?
        var stringValue: String { "\((intValue ?? 0) + 1)" }
        init(_ index: Int) { intValue = index }
        init?(stringValue: String) { return nil }
        init?(intValue: Int) { self.intValue = intValue }
    }

    static func text(_ path: [any CodingKey]) -> String {
        var out = ""
        for key in path {
            if let index = key.intValue, key is Index || key.stringValue == "Index \(index)" {
                out += "[\(index + 1)]"
            } else {
                out += (out.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return out.isEmpty ? "value" : out
    }
}
