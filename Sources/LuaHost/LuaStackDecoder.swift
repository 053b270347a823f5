import CLua
import Foundation

/// Decodes any `Decodable` straight from a value on a Lua stack: raw gets on the tables, only
/// the fields the type asks for, no ``LuaValue`` tree in between. The rules and messages are
/// those of ``LuaValueDecoder`` (`activities[3].hours: expected number, got string`,
/// `kind: required field is missing`, `[3]: expected integer, got number 2.5`); the empty table
/// decodes as an empty list or an empty map.
///
/// Only raw accesses are used, so no metamethod of a script's table runs. Values the type does
/// not ask for are not looked at, so they cannot make the decoding fail (a table reached twice,
/// a userdata in an unused field). Like ``LuaStackEncoder`` it runs in host mode. The stack is
/// as before when it returns or throws.
struct LuaStackDecoder {
    let L: OpaquePointer

    /// The `T` that the value at stack index `index` describes.
    func decode<T: Decodable>(_ type: T.Type, at index: Int32) throws(LuaError) -> T {
        let top = lua_gettop(L)
        defer { lua_settop(L, top) }
        do {
            return try StackDecoder(L: L, index: lua_absindex(L, index), parent: nil, key: nil, depth: 0).decodeValue(type)
        } catch let error as LuaError {
            throw error
        } catch let error as DecodingError {
            throw LuaError(.conversion, LuaValueDecoder.describe(error))
        } catch {
            throw LuaError(.conversion, "\(error)")
        }
    }
}

/// `value` as `U`, when the caller has checked that `T` is `U`.
@inline(__always)
private func reinterpret<T, U>(_ value: T, as type: U.Type) -> U {
    withUnsafePointer(to: value) { UnsafeRawPointer($0).load(as: U.self) }
}

private func pathText(_ decoder: StackDecoder, _ key: (any CodingKey)?) -> String {
    var path = decoder.codingPath
    if let key { path.append(key) }
    return LuaCodingPath.text(path)
}

/// Reads values of primitive types from the stack, with LuaValueDecoder's messages.
private enum StackPrimitive {
    /// `got …` in a mismatch: the type name, `integer` for an integer, `number 2.5` for a float.
    static func describe(_ L: OpaquePointer, _ index: Int32) -> String {
        let type = lua_type(L, index)
        switch type {
        case LUA_TNONE, LUA_TNIL: return "nil"
        case LUA_TNUMBER:
            if lua_isinteger(L, index) != 0 { return "integer" }
            return "number \(LuaValue.format(lua_tonumberx(L, index, nil)))"
        default: return String(cString: lua_typename(L, type))
        }
    }

    @inline(never)
    static func mismatch(_ expected: String, _ L: OpaquePointer, _ index: Int32, _ decoder: StackDecoder, _ key: (any CodingKey)?) -> LuaError {
        LuaError(.conversion, "\(pathText(decoder, key)): expected \(expected), got \(describe(L, index))")
    }

    @inline(__always)
    static func bool(_ L: OpaquePointer, _ index: Int32, _ decoder: StackDecoder, _ key: (any CodingKey)?) throws -> Bool {
        guard lua_type(L, index) == LUA_TBOOLEAN else { throw mismatch("boolean", L, index, decoder, key) }
        return lua_toboolean(L, index) != 0
    }

    @inline(__always)
    static func string(_ L: OpaquePointer, _ index: Int32, _ decoder: StackDecoder, _ key: (any CodingKey)?) throws -> String {
        guard lua_type(L, index) == LUA_TSTRING else { throw mismatch("string", L, index, decoder, key) }
        return try text(L, index, decoder, key)
    }

    /// The string at `index` (known to be one) as validated UTF-8.
    static func text(_ L: OpaquePointer, _ index: Int32, _ decoder: StackDecoder, _ key: (any CodingKey)?) throws -> String {
        var length = 0
        let chars = lua_tolstring(L, index, &length)!
        // Lua ends every string with a NUL: without NULs inside, the C string is the whole string.
        if strlen(chars) == length, let text = String(validatingCString: chars) { return text }
        let bytes = UnsafeRawBufferPointer(start: chars, count: length).bindMemory(to: UInt8.self)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw LuaError(.conversion, "\(pathText(decoder, key)): expected UTF-8 text, got a string of other bytes")
        }
        return text
    }

    @inline(__always)
    static func double(_ L: OpaquePointer, _ index: Int32, _ decoder: StackDecoder, _ key: (any CodingKey)?) throws -> Double {
        guard lua_type(L, index) == LUA_TNUMBER else { throw mismatch("number", L, index, decoder, key) }
        if lua_isinteger(L, index) != 0 { return Double(lua_tointegerx(L, index, nil)) }
        return lua_tonumberx(L, index, nil)
    }

    @inline(__always)
    static func integer<I: FixedWidthInteger>(
        _ type: I.Type, _ L: OpaquePointer, _ index: Int32, _ decoder: StackDecoder, _ key: (any CodingKey)?
    ) throws -> I {
        guard lua_type(L, index) == LUA_TNUMBER else { throw mismatch("integer", L, index, decoder, key) }
        let i: Int64
        if lua_isinteger(L, index) != 0 {
            i = Int64(lua_tointegerx(L, index, nil))
        } else {
            let d = lua_tonumberx(L, index, nil)
            guard d.rounded() == d, let exact = Int64(exactly: d) else { throw mismatch("integer", L, index, decoder, key) }
            i = exact
        }
        guard let result = I(exactly: i) else {
            throw LuaError(.conversion, "\(pathText(decoder, key)): \(i) is out of range for \(I.self)")
        }
        return result
    }

    /// Whether `T` is read without a decoder of its own (see ``read(_:_:_:_:_:)``).
    @inline(__always)
    static func isPrimitive<T>(_ type: T.Type) -> Bool {
        T.self == String.self || T.self == Int.self || T.self == Double.self || T.self == Bool.self
            || T.self == Int64.self
    }

    /// The value of a type for which ``isPrimitive(_:)`` is true.
    @inline(__always)
    static func read<T>(
        _ type: T.Type, _ L: OpaquePointer, _ index: Int32, _ decoder: StackDecoder, _ key: (any CodingKey)?
    ) throws -> T {
        if T.self == String.self { return reinterpret(try string(L, index, decoder, key), as: T.self) }
        if T.self == Int.self { return reinterpret(try integer(Int.self, L, index, decoder, key), as: T.self) }
        if T.self == Double.self { return reinterpret(try double(L, index, decoder, key), as: T.self) }
        if T.self == Bool.self { return reinterpret(try bool(L, index, decoder, key), as: T.self) }
        return reinterpret(try integer(Int64.self, L, index, decoder, key), as: T.self)
    }
}

/// The decoder of the value at one stack index. Its parent and key make the coding path when
/// something fails or a type asks for it.
private final class StackDecoder: Decoder {
    let L: OpaquePointer
    let index: Int32
    let parent: StackDecoder?
    let key: (any CodingKey)?
    let depth: Int

    init(L: OpaquePointer, index: Int32, parent: StackDecoder?, key: (any CodingKey)?, depth: Int) {
        self.L = L
        self.index = index
        self.parent = parent
        self.key = key
        self.depth = depth
    }

    var codingPath: [any CodingKey] {
        var keys: [any CodingKey] = []
        var decoder: StackDecoder? = self
        while let d = decoder {
            if let key = d.key { keys.append(key) }
            decoder = d.parent
        }
        return keys.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    /// Decodes the value at `index`, reached from this decoder through `key` (nil: the same path).
    @inline(__always)
    func decodeChild<T: Decodable>(_ type: T.Type, at index: Int32, key: (any CodingKey)?) throws -> T {
        if StackPrimitive.isPrimitive(type) { return try StackPrimitive.read(type, L, index, self, key) }
        return try child(at: index, key: key).decodeValue(type)
    }

    /// A decoder for the value at `index` (a recursive type over a table that contains itself
    /// stops at the depth limit).
    func child(at index: Int32, key: (any CodingKey)?) throws -> StackDecoder {
        guard depth < LuaStack.maximumDepth, lua_checkstack(L, 4) != 0 else {
            throw LuaError(.conversion, "\(pathText(self, key)): tables nested more than \(LuaStack.maximumDepth) deep")
        }
        return StackDecoder(L: L, index: index, parent: self, key: key, depth: depth + 1)
    }

    func decodeValue<T: Decodable>(_ type: T.Type) throws -> T {
        if StackPrimitive.isPrimitive(type) { return try StackPrimitive.read(type, L, index, self, nil) }
        if T.self == Date.self {
            guard lua_type(L, index) == LUA_TSTRING else { throw StackPrimitive.mismatch("date text", L, index, self, nil) }
            let text = try StackPrimitive.text(L, index, self, nil)
            guard let date = try? Date(text, strategy: .iso8601) else {
                throw LuaError(.conversion, "\(pathText(self, nil)): '\(text)' is not an ISO 8601 date and time")
            }
            return reinterpret(date, as: T.self)
        }
        if T.self == Decimal.self {
            let d = try StackPrimitive.double(L, index, self, nil)
            return reinterpret(Decimal(d), as: T.self)
        }
        if T.self == URL.self {
            guard lua_type(L, index) == LUA_TSTRING, let url = URL(string: try StackPrimitive.text(L, index, self, nil)) else {
                throw StackPrimitive.mismatch("URL text", L, index, self, nil)
            }
            return reinterpret(url, as: T.self)
        }
        if isPrimitiveList(type) { return try primitiveList(type) }
        return try T(from: self)
    }

    /// Whether `T` is `[String]`, `[Int]`, `[Double]` or `[Bool]`: lists that ``primitiveList(_:)``
    /// reads element by element in place of the standard library's `Array.init(from:)`, which
    /// reaches every element through an existential container. The checks and messages are those
    /// of ``unkeyedContainer()``. (A test and a call rather than one call returning `T?`: in
    /// unspecialised code `T?` costs a metadata lookup of `Optional<T>` every time.)
    @inline(__always)
    private func isPrimitiveList<T>(_ type: T.Type) -> Bool {
        T.self == [String].self || T.self == [Int].self || T.self == [Double].self || T.self == [Bool].self
    }

    /// The value of a type for which ``isPrimitiveList(_:)`` is true.
    private func primitiveList<T>(_ type: T.Type) throws -> T {
        if T.self == [String].self { return reinterpret(try list(of: String.self), as: T.self) }
        if T.self == [Int].self { return reinterpret(try list(of: Int.self), as: T.self) }
        if T.self == [Double].self { return reinterpret(try list(of: Double.self), as: T.self) }
        return reinterpret(try list(of: Bool.self), as: T.self)
    }

    private func list<Element: Decodable>(of type: Element.Type) throws -> [Element] {
        var container = try listContainer()
        var elements: [Element] = []
        elements.reserveCapacity(Int(container.elementCount))
        while !container.isAtEnd { elements.append(try container.decode(Element.self)) }
        return elements
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard lua_type(L, index) == LUA_TTABLE else { throw StackPrimitive.mismatch("table", L, index, self, nil) }
        return KeyedDecodingContainer(StackKeyedContainer<Key>(decoder: self))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer { try listContainer() }

    /// The container of the list at `index`; throws unless the value is a list.
    private func listContainer() throws -> StackUnkeyedContainer {
        guard lua_type(L, index) == LUA_TTABLE else { throw StackPrimitive.mismatch("list", L, index, self, nil) }
        // A list is a sequence 1…n and nothing else (LuaValueDecoder: no keys outside the array
        // part). Counting the keys: all in 1…#t and as many as #t.
        let length = lua_Integer(lua_rawlen(L, index))
        var count: lua_Integer = 0
        var isList = true
        lua_pushnil(L)
        while lua_next(L, index) != 0 {
            lua_settop(L, -2)
            guard lua_type(L, -1) == LUA_TNUMBER, lua_isinteger(L, -1) != 0,
                case let k = lua_tointegerx(L, -1, nil), k >= 1 && k <= length
            else {
                lua_settop(L, -2)
                isList = false
                break
            }
            count += 1
        }
        guard isList && count == length else {
            throw LuaError(.conversion, "\(pathText(self, nil)): expected list, got a table with named fields")
        }
        return StackUnkeyedContainer(decoder: self, count: Int(count))
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        StackSingleValueContainer(decoder: self)
    }
}

private struct StackSingleValueContainer: SingleValueDecodingContainer {
    let decoder: StackDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }
    var L: OpaquePointer { decoder.L }
    var index: Int32 { decoder.index }

    func decodeNil() -> Bool {
        let type = lua_type(L, index)
        return type == LUA_TNIL || type == LUA_TNONE
    }
    func decode(_ type: Bool.Type) throws -> Bool { try StackPrimitive.bool(L, index, decoder, nil) }
    func decode(_ type: String.Type) throws -> String { try StackPrimitive.string(L, index, decoder, nil) }
    func decode(_ type: Double.Type) throws -> Double { try StackPrimitive.double(L, index, decoder, nil) }
    func decode(_ type: Float.Type) throws -> Float { Float(try StackPrimitive.double(L, index, decoder, nil)) }
    func decode(_ type: Int.Type) throws -> Int { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode(_ type: Int8.Type) throws -> Int8 { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode(_ type: Int16.Type) throws -> Int16 { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode(_ type: Int32.Type) throws -> Int32 { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode(_ type: Int64.Type) throws -> Int64 { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode(_ type: UInt.Type) throws -> UInt { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try StackPrimitive.integer(type, L, index, decoder, nil) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        // The same value under the same path, as LuaValueDecoder does.
        try decoder.decodeChild(type, at: index, key: nil)
    }
}

/// A table read by field. Each lookup pushes the field's value, which is popped once decoded.
private struct StackKeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: StackDecoder
    let L: OpaquePointer
    let table: Int32
    var codingPath: [any CodingKey] { decoder.codingPath }

    init(decoder: StackDecoder) {
        self.decoder = decoder
        self.L = decoder.L
        self.table = decoder.index
    }

    /// The keys as `LuaValueDecoder` lists them: the sequence, other integers in order, then
    /// strings in order. Keys of other types, and strings that are not UTF-8, are left out.
    var allKeys: [Key] {
        var integers: [lua_Integer] = []
        var strings: [String] = []
        lua_pushnil(L)
        while lua_next(L, table) != 0 {
            lua_settop(L, -2)
            switch lua_type(L, -1) {
            case LUA_TNUMBER where lua_isinteger(L, -1) != 0:
                integers.append(lua_tointegerx(L, -1, nil))
            case LUA_TSTRING:
                var length = 0
                let chars = lua_tolstring(L, -1, &length)!
                let bytes = UnsafeRawBufferPointer(start: chars, count: length).bindMemory(to: UInt8.self)
                if let s = String(validating: bytes, as: UTF8.self) { strings.append(s) }
            default:
                break
            }
        }
        integers.sort()
        // The sequence 1…n first, then the other integers in order (as LuaTable.entries does).
        let present = Set(integers)
        var sequence: lua_Integer = 0
        while present.contains(sequence + 1) { sequence += 1 }
        let ordered = Array(stride(from: 1, through: sequence, by: 1)) + integers.filter { $0 < 1 || $0 > sequence }
        var keys: [Key] = ordered.compactMap { i in Key(intValue: Int(i)) ?? Key(stringValue: String(i)) }
        keys += strings.sorted().compactMap { Key(stringValue: $0) }
        return keys
    }

    /// Pushes the value at `key` (nil when absent) and returns its stack index.
    @inline(__always)
    private func lookup(_ key: Key) -> Int32 {
        if let i = key.intValue {
            if lua_rawgeti(L, table, lua_Integer(i)) != LUA_TNIL { return lua_gettop(L) }
            lua_settop(L, -2)
        }
        pushString(L, key.stringValue)
        lua_rawget(L, table)
        return lua_gettop(L)
    }

    private func isAbsent(_ key: Key) -> Bool {
        let index = lookup(key)
        defer { lua_settop(L, index - 1) }
        return lua_type(L, index) == LUA_TNIL
    }

    func contains(_ key: Key) -> Bool { !isAbsent(key) }

    /// Pushes the value at `key`; throws when there is none.
    @inline(__always)
    private func present(_ key: Key) throws -> Int32 {
        let index = lookup(key)
        if lua_type(L, index) == LUA_TNIL {
            lua_settop(L, index - 1)
            throw LuaError(.conversion, "\(pathText(decoder, key)): required field is missing")
        }
        return index
    }

    /// Decodes the field at `key` with `read` and pops it.
    @inline(__always)
    private func field<T>(_ key: Key, _ read: (Int32) throws -> T) throws -> T {
        let index = try present(key)
        defer { lua_settop(L, index - 1) }
        return try read(index)
    }

    func decodeNil(forKey key: Key) throws -> Bool { isAbsent(key) }
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
        try field(key) { try StackPrimitive.bool(L, $0, decoder, key) }
    }
    func decode(_ type: String.Type, forKey key: Key) throws -> String {
        try field(key) { try StackPrimitive.string(L, $0, decoder, key) }
    }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
        try field(key) { try StackPrimitive.double(L, $0, decoder, key) }
    }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
        try field(key) { Float(try StackPrimitive.double(L, $0, decoder, key)) }
    }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
        try field(key) { try StackPrimitive.integer(type, L, $0, decoder, key) }
    }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        try field(key) { try decoder.decodeChild(type, at: $0, key: key) }
    }

    // The nested containers and super decoders below leave their value on the stack, under the
    // values read later: they are used after these methods return. The whole decoding resets
    // the stack when it ends.

    func nestedContainer<NestedKey: CodingKey>(
        keyedBy type: NestedKey.Type, forKey key: Key
    ) throws -> KeyedDecodingContainer<NestedKey> {
        try decoder.child(at: present(key), key: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try decoder.child(at: present(key), key: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        // The same path, as LuaValueDecoder gives it.
        try decoder.child(at: lookup(Key(stringValue: "super")!), key: nil)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try decoder.child(at: lookup(key), key: key)
    }
}

/// A sequence read by position, checked to be a list when it was made. Two words, so that the
/// existential it is returned in holds it without an allocation.
private struct StackUnkeyedContainer: UnkeyedDecodingContainer {
    let decoder: StackDecoder
    let elementCount: Int32
    var position: Int32 = 0

    init(decoder: StackDecoder, count: Int) {
        self.decoder = decoder
        self.elementCount = Int32(clamping: count)
    }

    var L: OpaquePointer { decoder.L }
    var table: Int32 { decoder.index }
    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { Int(elementCount) }
    var isAtEnd: Bool { position >= elementCount }
    var currentIndex: Int { Int(position) }

    /// Pushes the next element and returns its stack index and key (for the path).
    @inline(__always)
    private mutating func next() throws -> (Int32, LuaCodingPath.Index) {
        let key = LuaCodingPath.Index(currentIndex)
        guard !isAtEnd else {
            throw LuaError(.conversion, "\(pathText(decoder, key)): the list has only \(elementCount) elements")
        }
        position += 1
        lua_rawgeti(L, table, lua_Integer(position))
        return (lua_gettop(L), key)
    }

    /// Decodes the next element with `read` and pops it.
    @inline(__always)
    private mutating func element<T>(_ read: (Int32, LuaCodingPath.Index) throws -> T) throws -> T {
        let (index, key) = try next()
        defer { lua_settop(L, index - 1) }
        return try read(index, key)
    }

    mutating func decodeNil() throws -> Bool {
        // The elements of a list are never nil (the sequence ends at the first nil).
        false
    }
    mutating func decode(_ type: Bool.Type) throws -> Bool {
        let (L, decoder) = (self.L, self.decoder)
        return try element { try StackPrimitive.bool(L, $0, decoder, $1) }
    }
    mutating func decode(_ type: String.Type) throws -> String {
        let (L, decoder) = (self.L, self.decoder)
        return try element { try StackPrimitive.string(L, $0, decoder, $1) }
    }
    mutating func decode(_ type: Double.Type) throws -> Double {
        let (L, decoder) = (self.L, self.decoder)
        return try element { try StackPrimitive.double(L, $0, decoder, $1) }
    }
    mutating func decode(_ type: Int.Type) throws -> Int {
        let (L, decoder) = (self.L, self.decoder)
        return try element { try StackPrimitive.integer(type, L, $0, decoder, $1) }
    }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        let decoder = self.decoder
        return try element { try decoder.decodeChild(type, at: $0, key: $1) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        let (index, key) = try next()
        return try decoder.child(at: index, key: key).container(keyedBy: type)
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let (index, key) = try next()
        return try decoder.child(at: index, key: key).unkeyedContainer()
    }

    mutating func superDecoder() throws -> any Decoder {
        let (index, key) = try next()
        return try decoder.child(at: index, key: key)
    }
}

extension StackDecoder: LuaKindDecoder {
    var luaValueKind: LuaValueKind { LuaStack.kind(L, at: index) }
}
