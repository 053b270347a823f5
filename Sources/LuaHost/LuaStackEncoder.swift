import CLua
import Foundation

/// Encodes any `Encodable` straight onto a Lua stack, with the same rules as ``LuaValueEncoder``
/// but without building a ``LuaValue`` first: a keyed container is a table filled with
/// `lua_rawset` as the value encodes itself, an unkeyed container a sequence filled with
/// `lua_rawseti`, nested containers nested tables. Integers stay integers, `nil` fields are left
/// out, `Date` becomes ISO 8601 text in UTC, `Decimal` a number and `URL` its text.
///
/// Only raw sets on tables it has just created: no metamethod runs. It must be used while the
/// sandbox is in host mode (whenever Swift code runs), where the allocator never refuses, so no
/// Lua error can be raised through these Swift frames.
struct LuaStackEncoder {
    let L: OpaquePointer

    /// The deepest nesting of Swift values pushed, like ``LuaStack/maximumDepth`` for reading.
    static let maximumDepth = 200

    /// Pushes exactly one value for `value`.
    /// - Throws: ``LuaError/Code/conversion`` naming the path of a value Lua cannot hold (an
    ///   unsigned integer above 2^63-1) or of a value whose own `encode(to:)` failed. The stack is
    ///   then as it was before the call.
    func push<T: Encodable>(_ value: T) throws(LuaError) {
        let top = lua_gettop(L)
        guard lua_checkstack(L, 8) != 0 else {
            throw LuaError(.conversion, "value nested too deeply to pass to Lua")
        }
        let cache = EncodingCache.push(on: L)
        do {
            try StackEncoding.push(value, on: L, cache: cache, parent: nil, key: nil, depth: 0)
        } catch {
            lua_settop(L, top)
            throw StackEncoding.luaError(error)
        }
        clua_remove(L, cache)
    }
}

enum StackEncoding {
    /// Pushes exactly one value for `value` (`nil` when it encodes nothing); `parent` and `key`
    /// make its coding path. On error the stack may hold extra values: the caller resets it.
    static func push<T: Encodable>(
        _ value: T, on L: OpaquePointer, cache: Int32, parent: StackEncoder?, key: (any CodingKey)?, depth: Int
    ) throws {
        // Metatype checks, not casts from `Any`: a failed `as? Date` costs a dynamic cast for
        // every nested value, a metatype comparison a pointer compare.
        if T.self == String.self { return pushString(L, reinterpret(value, as: String.self)) }
        if T.self == Int.self { return lua_pushinteger(L, lua_Integer(reinterpret(value, as: Int.self))) }
        if T.self == Double.self { return lua_pushnumber(L, reinterpret(value, as: Double.self)) }
        if T.self == Bool.self { return lua_pushboolean(L, reinterpret(value, as: Bool.self) ? 1 : 0) }
        if T.self == Date.self {
            return pushString(L, reinterpret(value, as: Date.self).formatted(.iso8601))
        }
        if T.self == Decimal.self {
            return lua_pushnumber(L, NSDecimalNumber(decimal: reinterpret(value, as: Decimal.self)).doubleValue)
        }
        if T.self == URL.self { return pushString(L, reinterpret(value, as: URL.self).absoluteString) }

        guard depth < LuaStackEncoder.maximumDepth, lua_checkstack(L, 8) != 0 else {
            throw LuaError(.conversion, "\(StackEncoder.pathText(parent, key)): value nested too deeply to pass to Lua")
        }
        let base = lua_gettop(L)
        let valueType = EncodingCache.typeBits(T.self)
        let encoder: StackEncoder
        if let parent, isKnownUniquelyReferenced(&parent.spareChild), let spare = parent.spareChild.take() {
            // The encoder of the previous sibling (a list's rows), which nothing else refers to
            // any more (no container of it was kept): reused rather than allocated again.
            spare.reuse(base: base, key: key, valueType: valueType)
            encoder = spare
        } else {
            encoder = StackEncoder(
                L: L, cache: cache, target: .push(base: base), parent: parent, key: key, depth: depth,
                valueType: valueType)
        }
        defer { encoder.spareChild = nil }
        try value.encode(to: encoder)
        encoder.finish()
        if let parent, parent.isPushed { parent.spareChild = encoder }
    }

    /// The ``LuaError`` for an error thrown while encoding.
    static func luaError(_ error: any Error) -> LuaError {
        switch error {
        case let error as LuaError:
            return error
        case EncodingError.invalidValue(_, let context):
            return LuaError(.conversion, "\(LuaCodingPath.text(context.codingPath)): \(context.debugDescription)")
        default:
            return LuaError(.conversion, "\(error)")
        }
    }

    static func tooLarge<I: BinaryInteger>(_ value: I, _ path: [any CodingKey]) -> LuaError {
        LuaError(.conversion, "\(LuaCodingPath.text(path)): \(value) is too large for a Lua integer")
    }
}

/// `value` as `U`, when the caller has checked that `T` is `U`.
@inline(__always)
private func reinterpret<T, U>(_ value: T, as type: U.Type) -> U {
    withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: U.self) }
}

/// Pushes a Swift string as a Lua string (its UTF-8 bytes), without copying a native string.
@inline(__always)
func pushString(_ L: OpaquePointer, _ s: String) {
    let done: Void? = s.utf8.withContiguousStorageIfAvailable { bytes in
        UnsafeRawBufferPointer(bytes).withMemoryRebound(to: CChar.self) { chars in
            _ = lua_pushlstring(L, chars.baseAddress, chars.count)
        }
    }
    if done == nil {
        var copy = s
        copy.withUTF8 { bytes in
            UnsafeRawBufferPointer(bytes).withMemoryRebound(to: CChar.self) { chars in
                _ = lua_pushlstring(L, chars.baseAddress, chars.count)
            }
        }
    }
}

/// A table in the registry of each Lua state that the stack encoder keeps between calls. Its
/// keys are light userdata made from a Swift type's metadata pointer, so looking a type up is
/// one raw get:
///
/// - for a `CodingKey` type that is a plain enum (one byte, no payload: every synthesized
///   `CodingKeys`), a *key record*: a sequence whose first element is the number of fields of
///   the last table made with these keys, and element `tag + 2` the Lua string of the key with
///   that tag. A field name is then pushed with `lua_rawgeti` instead of hashing and interning
///   its text on every call, and the table is created at its final size instead of growing by
///   rehashing 1, 2, 4, 8…;
/// - for any other encoded type (lists, dictionaries), the size of the last table made for it.
///
/// Sizes are hints, capped at ``maximumSizeHint``. Both parts are bounded by the number of
/// types the program encodes.
enum EncodingCache {
    private final class Anchor: Sendable {}
    private static let anchor = Anchor()

    static let maximumSizeHint: Int32 = 64

    /// Pushes the cache table (made on first use); returns its stack index.
    static func push(on L: OpaquePointer) -> Int32 {
        let address = UnsafeRawPointer(Unmanaged.passUnretained(anchor).toOpaque())
        if lua_rawgetp(L, clua_registryindex(), address) != LUA_TTABLE {
            lua_settop(L, -2)
            lua_createtable(L, 0, 16)
            lua_pushvalue(L, -1)
            lua_rawsetp(L, clua_registryindex(), address)
        }
        return lua_gettop(L)
    }

    /// The metadata pointer of `type` shifted to leave room for a tag (never 0).
    @inline(__always)
    static func typeBits(_ type: Any.Type) -> UInt {
        UInt(bitPattern: ObjectIdentifier(type)) &<< 1
    }

    /// `typeBits(Key.self)` when `Key` has a key record (a one-byte plain type), else 0.
    static func keyTypeBits<Key: CodingKey>(_ type: Key.Type) -> UInt {
        MemoryLayout<Key>.size <= 1 && _isPOD(Key.self) ? typeBits(Key.self) | 1 : 0
    }

    /// Pushes the key record of the key type with `keyTypeBits` (made on first use).
    static func pushKeyRecord(_ keyTypeBits: UInt, on L: OpaquePointer, cache: Int32) -> Int32 {
        let slot = UnsafeMutableRawPointer(bitPattern: keyTypeBits)
        lua_pushlightuserdata(L, slot)
        if lua_rawget(L, cache) != LUA_TTABLE {
            lua_settop(L, -2)
            lua_createtable(L, 8, 0)
            lua_pushinteger(L, 0)
            lua_rawseti(L, -2, 1)
            lua_pushlightuserdata(L, slot)
            lua_pushvalue(L, -2)
            lua_rawset(L, cache)
        }
        return lua_gettop(L)
    }

    /// Pushes the Lua string of `key`: from its key record at stack index `record`, or made
    /// from its text when there is no record (0).
    @inline(__always)
    static func pushKey<Key: CodingKey>(_ key: Key, record: Int32, on L: OpaquePointer) {
        guard record != 0 else { return pushString(L, key.stringValue) }
        // A one-byte plain type (checked when the record was made): its byte is its tag.
        let tag: lua_Integer = MemoryLayout<Key>.size == 0 ? 0 : lua_Integer(unsafeBitCast(key, to: UInt8.self))
        if lua_rawgeti(L, record, tag + 2) == LUA_TSTRING { return }
        lua_settop(L, -2)
        pushString(L, key.stringValue)
        lua_pushvalue(L, -1)
        lua_rawseti(L, record, tag + 2)
    }

    /// The size hint in the key record at stack index `record`, or stored for the type with
    /// `typeBits` (0: none).
    static func sizeHint(record: Int32, typeBits: UInt, on L: OpaquePointer, cache: Int32) -> Int32 {
        if record != 0 {
            lua_rawgeti(L, record, 1)
        } else if typeBits != 0 {
            lua_pushlightuserdata(L, UnsafeMutableRawPointer(bitPattern: typeBits))
            lua_rawget(L, cache)
        } else {
            return 0
        }
        let size = lua_type(L, -1) == LUA_TNUMBER ? Int32(clamping: lua_tointegerx(L, -1, nil)) : 0
        lua_settop(L, -2)
        return size
    }

    static func setSizeHint(_ size: Int32, record: Int32, typeBits: UInt, on L: OpaquePointer, cache: Int32) {
        if record != 0 {
            lua_pushinteger(L, lua_Integer(size))
            lua_rawseti(L, record, 1)
        } else if typeBits != 0 {
            lua_pushlightuserdata(L, UnsafeMutableRawPointer(bitPattern: typeBits))
            lua_pushinteger(L, lua_Integer(size))
            lua_rawset(L, cache)
        }
    }
}

/// The `Encoder` of one value. It is a class because the containers and the nested values refer
/// to it: it carries the coding path (as a chain of parents, built into an array only when asked
/// for) and the position of the table being filled.
final class StackEncoder: Encoder {
    /// Where the value goes.
    enum Target {
        /// Left on the stack at `base + 1`.
        case push(base: Int32)
        /// Stored in the table at stack index `table` under `slot` (a nested container or a
        /// super encoder); a table made for it stays on the stack until its owner finishes.
        case store(table: Int32, slot: Slot)
    }

    enum Slot {
        case field(String)
        case index(lua_Integer)
    }

    let L: OpaquePointer
    /// The stack index of the ``EncodingCache`` table.
    let cache: Int32
    @exclusivity(unchecked) private(set) var target: Target
    let parent: StackEncoder?
    @exclusivity(unchecked) private(set) var key: (any CodingKey)?
    let depth: Int
    /// ``EncodingCache/typeBits(_:)`` of the encoded type (for the size hint); 0 for nested
    /// containers.
    @exclusivity(unchecked) private(set) var valueType: UInt
    /// The finished encoder of the previous child value, reused for the next one when nothing
    /// else refers to it. (A pushed parent only: it drops it when it is done.)
    @exclusivity(unchecked) var spareChild: StackEncoder?
    /// For a stored value: the pushed value whose stack slots hold its tables (nil: itself).
    let owner: StackEncoder?
    /// The size hint the table was made with.
    @exclusivity(unchecked) var hint: Int32 = 0
    /// The stack index of the key record of its keyed container, if it has one (0 otherwise),
    /// and the key type it is for.
    @exclusivity(unchecked) var record: Int32 = 0
    @exclusivity(unchecked) var recordKeyType: UInt = 0
    /// The stack index of the table of this value's container, once made.
    @exclusivity(unchecked) var table: Int32 = 0
    /// Fields or elements set in that table.
    @exclusivity(unchecked) var count: Int32 = 0
    /// Set when the value is complete: its containers must not be used any more.
    @exclusivity(unchecked) var isFinished = false
    /// An error met where the protocol cannot throw (making a nested container), thrown by the
    /// container's first use.
    /// (A message rather than a `LuaError?`: that optional is copied whenever an encoder is
    /// made and freed.)
    @exclusivity(unchecked) var pendingError: String?

    init(
        L: OpaquePointer, cache: Int32, target: Target, parent: StackEncoder?, key: (any CodingKey)?, depth: Int,
        valueType: UInt, owner: StackEncoder? = nil
    ) {
        self.owner = owner
        self.cache = cache
        self.L = L
        self.target = target
        self.parent = parent
        self.key = key
        self.depth = depth
        self.valueType = valueType
    }

    /// Whether the value is left on the stack (not stored by a nested container).
    var isPushed: Bool {
        if case .push = target { return true }
        return false
    }

    /// Makes a finished encoder ready for the next sibling value.
    func reuse(base: Int32, key: (any CodingKey)?, valueType: UInt) {
        target = .push(base: base)
        self.key = key
        self.valueType = valueType
        hint = 0
        record = 0
        recordKeyType = 0
        table = 0
        count = 0
        isFinished = false
        pendingError = nil
    }

    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var encoder: StackEncoder? = self
        while let e = encoder {
            if let key = e.key { keys.append(key) }
            encoder = e.parent
        }
        return keys.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    static func pathText(_ parent: StackEncoder?, _ key: (any CodingKey)?) -> String {
        LuaCodingPath.text((parent?.codingPath ?? []) + (key.map { [$0] } ?? []))
    }

    /// Whether its containers may still be used: false once the value is complete (a container
    /// kept after `encode(to:)` returned) or when making its container failed.
    @inline(__always)
    var isUsable: Bool {
        if pendingError != nil { return false }
        if let owner { return !owner.isFinished }
        return !isFinished
    }

    /// The error for a container used when ``isUsable`` is false.
    @inline(never)
    func unusable() -> any Error {
        if let pendingError { return LuaError(.conversion, pendingError) }
        return EncodingError.invalidValue(
            "", EncodingError.Context(codingPath: codingPath, debugDescription: "a container was used after its value was encoded"))
    }

    /// Makes (or finds again) the table of this value: at `base + 1`, or stored in the target.
    /// A keyed table with a key record (`keyType` not 0) has the record pushed after it.
    private func makeTable(sequence: Bool, keyType: UInt = 0) -> Int32 {
        if table != 0 && lua_type(L, table) == LUA_TTABLE { return table }
        guard lua_checkstack(L, 8) != 0 else {
            pendingError = "\(LuaCodingPath.text(codingPath)): value nested too deeply to pass to Lua"
            return 0
        }
        if case .push(let base) = target { lua_settop(L, base) }
        record = keyType != 0 ? EncodingCache.pushKeyRecord(keyType, on: L, cache: cache) : 0
        recordKeyType = keyType
        hint = EncodingCache.sizeHint(record: record, typeBits: valueType, on: L, cache: cache)
        let size = min(max(hint, 0), EncodingCache.maximumSizeHint)
        lua_createtable(L, sequence ? size : 0, sequence ? 0 : size)
        switch target {
        case .push(let base):
            if record != 0 {
                // The table at base + 1, the record after it.
                lua_rotate(L, base + 1, 1)
                record = base + 2
            }
            table = base + 1
        case .store(let parentTable, let slot):
            table = lua_gettop(L)
            pushSlot(slot)
            lua_pushvalue(L, table)
            lua_rawset(L, parentTable)
        }
        count = 0
        return table
    }

    private func pushSlot(_ slot: Slot) {
        switch slot {
        case .field(let name): pushString(L, name)
        case .index(let i): lua_pushinteger(L, i)
        }
    }

    /// Stores the value on top of the stack where it belongs (pops it, or leaves it at base + 1).
    func storeTop() {
        switch target {
        case .push(let base):
            if lua_gettop(L) != base + 1 {
                lua_copy(L, -1, base + 1)
                lua_settop(L, base + 1)
            }
        case .store(let parentTable, let slot):
            pushSlot(slot)
            lua_rotate(L, -2, 1)
            lua_rawset(L, parentTable)
        }
    }

    /// Completes a pushed value: exactly one value at `base + 1` (nil if nothing was encoded).
    func finish() {
        guard case .push(let base) = target else { return }
        isFinished = true
        // The hint first: the key record is on the stack above the value until the reset below.
        if table != 0 && count != hint && lua_type(L, table) == LUA_TTABLE {
            EncodingCache.setSizeHint(
                min(count, EncodingCache.maximumSizeHint), record: record, typeBits: valueType, on: L, cache: cache)
        }
        let top = lua_gettop(L)
        if top == base {
            lua_pushnil(L)
        } else if top > base + 1 {
            lua_settop(L, base + 1)
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        let keyType = EncodingCache.keyTypeBits(Key.self)
        let table = makeTable(sequence: false, keyType: keyType)
        var record = self.record
        if keyType != recordKeyType && table != 0 {
            // A second container of the same value, with other keys: their own record.
            record = keyType != 0 ? EncodingCache.pushKeyRecord(keyType, on: L, cache: cache) : 0
        }
        return KeyedEncodingContainer(KeyedStackContainer<Key>(encoder: self, table: table, record: record))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let table = makeTable(sequence: true)
        return UnkeyedStackContainer(encoder: self, table: table)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleStackContainer(encoder: self)
    }

    /// A child encoder whose value goes into `table` at `slot`, with `key` added to the path.
    func child(table: Int32, slot: Slot, key: (any CodingKey)?) -> StackEncoder {
        StackEncoder(
            L: L, cache: cache, target: .store(table: table, slot: slot), parent: self, key: key,
            depth: depth + 1, valueType: 0, owner: owner ?? self)
    }
}

private struct SingleStackContainer: SingleValueEncodingContainer {
    let encoder: StackEncoder
    let L: OpaquePointer
    var codingPath: [any CodingKey] { encoder.codingPath }

    init(encoder: StackEncoder) {
        self.encoder = encoder
        self.L = encoder.L
    }

    private func prepare() throws {
        guard encoder.isUsable else { throw encoder.unusable() }
        if case .push(let base) = encoder.target { lua_settop(L, base) }
        encoder.table = 0
    }

    func encodeNil() throws {
        try prepare()
        lua_pushnil(L)
        encoder.storeTop()
    }
    func encode(_ value: Bool) throws {
        try prepare()
        lua_pushboolean(L, value ? 1 : 0)
        encoder.storeTop()
    }
    func encode(_ value: String) throws {
        try prepare()
        pushString(L, value)
        encoder.storeTop()
    }
    func encode(_ value: Double) throws { try number(value) }
    func encode(_ value: Float) throws { try number(Double(value)) }
    func encode(_ value: Int) throws { try integer(Int64(value)) }
    func encode(_ value: Int8) throws { try integer(Int64(value)) }
    func encode(_ value: Int16) throws { try integer(Int64(value)) }
    func encode(_ value: Int32) throws { try integer(Int64(value)) }
    func encode(_ value: Int64) throws { try integer(value) }
    func encode(_ value: UInt) throws { try integer(exactly: value) }
    func encode(_ value: UInt8) throws { try integer(Int64(value)) }
    func encode(_ value: UInt16) throws { try integer(Int64(value)) }
    func encode(_ value: UInt32) throws { try integer(Int64(value)) }
    func encode(_ value: UInt64) throws { try integer(exactly: value) }
    func encode<T: Encodable>(_ value: T) throws {
        try prepare()
        try StackEncoding.push(value, on: L, cache: encoder.cache, parent: encoder, key: nil, depth: encoder.depth + 1)
        encoder.storeTop()
    }

    private func number(_ value: Double) throws {
        try prepare()
        lua_pushnumber(L, value)
        encoder.storeTop()
    }
    private func integer(_ value: Int64) throws {
        try prepare()
        lua_pushinteger(L, lua_Integer(value))
        encoder.storeTop()
    }
    private func integer<I: BinaryInteger>(exactly value: I) throws {
        guard let i = Int64(exactly: value) else { throw StackEncoding.tooLarge(value, codingPath) }
        try integer(i)
    }
}

/// The container of a table with named fields. Its methods do not mutate it (everything that
/// changes lives in the encoder or on the Lua stack), so the box it sits in is only borrowed.
private struct KeyedStackContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: StackEncoder
    let L: OpaquePointer
    let cache: Int32
    let table: Int32
    /// The stack index of the key record of `Key` (0: none, keys are pushed as text).
    let record: Int32
    var codingPath: [any CodingKey] { encoder.codingPath }

    init(encoder: StackEncoder, table: Int32, record: Int32) {
        self.encoder = encoder
        self.L = encoder.L
        self.cache = encoder.cache
        self.table = table
        self.record = record
    }

    /// Pushes the key; the caller pushes the value and calls `set()`.
    @inline(__always)
    private func begin(_ key: Key) throws {
        guard encoder.isUsable else { throw encoder.unusable() }
        EncodingCache.pushKey(key, record: record, on: L)
    }

    @inline(__always)
    private func set() {
        lua_rawset(L, table)
        encoder.count &+= 1
    }

    func encodeNil(forKey key: Key) throws {}
    func encode(_ value: Bool, forKey key: Key) throws {
        try begin(key)
        lua_pushboolean(L, value ? 1 : 0)
        set()
    }
    func encode(_ value: String, forKey key: Key) throws {
        try begin(key)
        pushString(L, value)
        set()
    }
    func encode(_ value: Double, forKey key: Key) throws { try number(value, key) }
    func encode(_ value: Float, forKey key: Key) throws { try number(Double(value), key) }
    func encode(_ value: Int, forKey key: Key) throws { try integer(Int64(value), key) }
    func encode(_ value: Int8, forKey key: Key) throws { try integer(Int64(value), key) }
    func encode(_ value: Int16, forKey key: Key) throws { try integer(Int64(value), key) }
    func encode(_ value: Int32, forKey key: Key) throws { try integer(Int64(value), key) }
    func encode(_ value: Int64, forKey key: Key) throws { try integer(value, key) }
    func encode(_ value: UInt, forKey key: Key) throws { try integer(exactly: value, key) }
    func encode(_ value: UInt8, forKey key: Key) throws { try integer(Int64(value), key) }
    func encode(_ value: UInt16, forKey key: Key) throws { try integer(Int64(value), key) }
    func encode(_ value: UInt32, forKey key: Key) throws { try integer(Int64(value), key) }
    func encode(_ value: UInt64, forKey key: Key) throws { try integer(exactly: value, key) }
    func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try begin(key)
        try StackEncoding.push(value, on: L, cache: cache, parent: encoder, key: key, depth: encoder.depth + 1)
        set()
    }

    @inline(__always)
    private func number(_ value: Double, _ key: Key) throws {
        try begin(key)
        lua_pushnumber(L, value)
        set()
    }
    @inline(__always)
    private func integer(_ value: Int64, _ key: Key) throws {
        try begin(key)
        lua_pushinteger(L, lua_Integer(value))
        set()
    }
    private func integer<I: BinaryInteger>(exactly value: I, _ key: Key) throws {
        guard let i = Int64(exactly: value) else { throw StackEncoding.tooLarge(value, codingPath + [key]) }
        try integer(i, key)
    }

    private func child(_ key: Key) -> StackEncoder {
        encoder.count &+= 1
        return encoder.child(table: table, slot: .field(key.stringValue), key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        child(key).container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        child(key).unkeyedContainer()
    }

    func superEncoder() -> any Encoder {
        encoder.child(table: table, slot: .field("super"), key: nil)
    }

    func superEncoder(forKey key: Key) -> any Encoder { child(key) }
}

/// The container of a sequence. Like the keyed one, it does not mutate itself: the count of
/// elements lives in the encoder.
private struct UnkeyedStackContainer: UnkeyedEncodingContainer {
    let encoder: StackEncoder
    let L: OpaquePointer
    let table: Int32
    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { Int(encoder.count) }

    init(encoder: StackEncoder, table: Int32) {
        self.encoder = encoder
        self.L = encoder.L
        self.table = table
    }

    @inline(__always)
    private func begin() throws {
        guard encoder.isUsable else { throw encoder.unusable() }
    }

    @inline(__always)
    private func append() {
        encoder.count &+= 1
        lua_rawseti(L, table, lua_Integer(encoder.count))
    }

    private var nextKey: LuaCodingPath.Index { LuaCodingPath.Index(Int(encoder.count)) }

    func encodeNil() throws {
        try begin()
        lua_pushboolean(L, 0)
        append()
    }
    func encode(_ value: Bool) throws {
        try begin()
        lua_pushboolean(L, value ? 1 : 0)
        append()
    }
    func encode(_ value: String) throws {
        try begin()
        pushString(L, value)
        append()
    }
    func encode(_ value: Double) throws { try number(value) }
    func encode(_ value: Float) throws { try number(Double(value)) }
    func encode(_ value: Int) throws { try integer(Int64(value)) }
    func encode(_ value: Int8) throws { try integer(Int64(value)) }
    func encode(_ value: Int16) throws { try integer(Int64(value)) }
    func encode(_ value: Int32) throws { try integer(Int64(value)) }
    func encode(_ value: Int64) throws { try integer(value) }
    func encode(_ value: UInt) throws { try integer(exactly: value) }
    func encode(_ value: UInt8) throws { try integer(Int64(value)) }
    func encode(_ value: UInt16) throws { try integer(Int64(value)) }
    func encode(_ value: UInt32) throws { try integer(Int64(value)) }
    func encode(_ value: UInt64) throws { try integer(exactly: value) }
    func encode<T: Encodable>(_ value: T) throws {
        try begin()
        try StackEncoding.push(value, on: L, cache: encoder.cache, parent: encoder, key: nextKey, depth: encoder.depth + 1)
        append()
    }

    @inline(__always)
    private func number(_ value: Double) throws {
        try begin()
        lua_pushnumber(L, value)
        append()
    }
    @inline(__always)
    private func integer(_ value: Int64) throws {
        try begin()
        lua_pushinteger(L, lua_Integer(value))
        append()
    }
    private func integer<I: BinaryInteger>(exactly value: I) throws {
        guard let i = Int64(exactly: value) else { throw StackEncoding.tooLarge(value, codingPath + [nextKey]) }
        try integer(i)
    }

    private func child() -> StackEncoder {
        let key = nextKey
        encoder.count &+= 1
        return encoder.child(table: table, slot: .index(lua_Integer(encoder.count)), key: key)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        child().container(keyedBy: keyType)
    }

    func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        child().unkeyedContainer()
    }

    func superEncoder() -> any Encoder { child() }
}
