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

/// What one `encode(to:)` call produced: a plain value, or a table being filled.
///
/// A keyed or unkeyed table is filled in place: plain values go straight into its ``LuaTable``
/// and only nested containers (which are filled after they are handed out) are kept as nodes
/// until ``value`` is read. The node is a class and its table a stored property, so adding a
/// field never copies the fields already there.
private final class EncodingNode {
    enum Kind {
        case empty
        case value
        case keyed
        case unkeyed
    }

    var kind = Kind.empty
    var scalar: LuaValue = .nil
    var table = LuaTable()
    /// Nested containers and super encoders: filled later, put into `table` by ``value``.
    var pending: [(key: LuaValue, node: EncodingNode)] = []

    var value: LuaValue {
        switch kind {
        case .empty: return .nil
        case .value: return scalar
        case .keyed, .unkeyed:
            guard !pending.isEmpty else { return .table(table) }
            var result = table
            for (key, node) in pending {
                let v = node.value
                if case .integer(let i) = key, kind == .unkeyed {
                    result.array[Int(i) - 1] = v
                } else if case .nil = v {
                    result.hash.removeValue(forKey: key)
                } else {
                    result.hash[key] = v
                }
            }
            return .table(result)
        }
    }

    func makeKeyed() {
        guard kind != .keyed else { return }
        kind = .keyed
        table = LuaTable()
        pending = []
    }

    func makeUnkeyed() {
        guard kind != .unkeyed else { return }
        kind = .unkeyed
        table = LuaTable()
        pending = []
    }

    func set(_ value: LuaValue) {
        kind = .value
        scalar = value
    }

    /// Sets a field of a keyed table (a `nil` value leaves it out).
    func set(_ value: LuaValue, field: String) {
        let key = LuaValue.string(field)
        if !pending.isEmpty { pending.removeAll { $0.key == key } }
        if case .nil = value {
            table.hash.removeValue(forKey: key)
        } else {
            table.hash[key] = value
        }
    }

    /// A node for a nested container, stored at `field` when the table is read.
    func child(field: String) -> EncodingNode {
        let key = LuaValue.string(field)
        if let existing = pending.first(where: { $0.key == key }) { return existing.node }
        table.hash.removeValue(forKey: key)
        let node = EncodingNode()
        pending.append((key, node))
        return node
    }

    /// A node for a nested container, appended to the sequence.
    func appendChild() -> EncodingNode {
        table.array.append(.nil)
        let node = EncodingNode()
        pending.append((.integer(Int64(table.array.count)), node))
        return node
    }

    static func encode<T: Encodable>(_ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws -> LuaValue {
        // Metatype checks rather than `as?` casts from `Any`, which cost a failed dynamic cast
        // for every nested struct and array.
        if T.self == String.self { return .string(reinterpret(value, as: String.self)) }
        if T.self == Int.self { return .integer(Int64(reinterpret(value, as: Int.self))) }
        if T.self == Double.self { return .number(reinterpret(value, as: Double.self)) }
        if T.self == Bool.self { return .boolean(reinterpret(value, as: Bool.self)) }
        if T.self == Date.self { return .string(reinterpret(value, as: Date.self).formatted(.iso8601)) }
        if T.self == Decimal.self {
            return .number(NSDecimalNumber(decimal: reinterpret(value, as: Decimal.self)).doubleValue)
        }
        if T.self == URL.self { return .string(reinterpret(value, as: URL.self).absoluteString) }
        let node = EncodingNode()
        try value.encode(to: NodeEncoder(node: node, codingPath: codingPath()))
        return node.value
    }
}

/// `value` as `U`, when the caller has checked that `T` is `U`.
@inline(__always)
private func reinterpret<T, U>(_ value: T, as type: U.Type) -> U {
    withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: U.self) }
}

private struct NodeEncoder: Encoder {
    let node: EncodingNode
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeKeyed()
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeUnkeyed()
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

private func integerValue<I: BinaryInteger>(_ value: I, codingPath: @autoclosure () -> [any CodingKey]) throws -> LuaValue {
    guard let i = Int64(exactly: value) else {
        throw LuaError(.conversion, "\(LuaCodingPath.text(codingPath())): \(value) is too large for a Lua integer")
    }
    return .integer(i)
}

private struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    func set(_ value: LuaValue) { node.set(value) }
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

    private func set(_ value: LuaValue, for key: Key) { node.set(value, field: key.stringValue) }

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
        NodeEncoder(node: node.child(field: key.stringValue), codingPath: codingPath + [key]).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        NodeEncoder(node: node.child(field: key.stringValue), codingPath: codingPath + [key]).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        NodeEncoder(node: node.child(field: "super"), codingPath: codingPath)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(field: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    let codingPath: [any CodingKey]

    var count: Int { node.table.array.count }

    private func append(_ value: LuaValue) { node.table.array.append(value) }

    private var nextPath: [any CodingKey] { codingPath + [LuaCodingPath.Index(count)] }

    mutating func encodeNil() throws { append(.boolean(false)) }
    mutating func encode(_ value: Bool) throws { append(.boolean(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.number(value)) }
    mutating func encode(_ value: Float) throws { append(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { append(.integer(Int64(value))) }
    mutating func encode(_ value: Int64) throws { append(.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try EncodingNode.encode(value, codingPath: nextPath))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let path = nextPath
        return NodeEncoder(node: node.appendChild(), codingPath: path).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let path = nextPath
        return NodeEncoder(node: node.appendChild(), codingPath: path).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let path = nextPath
        return NodeEncoder(node: node.appendChild(), codingPath: path)
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
