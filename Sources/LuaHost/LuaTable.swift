/// A Lua table copied into Swift: the sequence part `t[1] … t[n]` and every other key.
///
/// A table converts to a JSON array or a Swift array when it is a sequence with at least one
/// element and no other keys. **The empty table** `{}` is both: it decodes into an empty Swift
/// array or an empty dictionary/struct, whichever the target type asks for, and it is written as
/// `{}` (a JSON object) when the host prints JSON — see docs/scripting.md, "Values".
public struct LuaTable: Sendable, Hashable {
    /// Values at keys 1…n, without holes.
    public var array: [LuaValue]
    /// Every other key: strings, integers outside the sequence, floats, booleans.
    public var hash: [LuaValue: LuaValue]

    /// A table with the given sequence and other keys.
    public init(array: [LuaValue] = [], hash: [LuaValue: LuaValue] = [:]) {
        self.array = array
        self.hash = hash
    }

    /// Whether the table has no keys at all.
    public var isEmpty: Bool { array.isEmpty && hash.isEmpty }

    /// Whether the table is a non-empty sequence with no other keys (a JSON array).
    public var isSequence: Bool { !array.isEmpty && hash.isEmpty }

    /// The number of keys.
    public var count: Int { array.count + hash.count }

    /// The value at a string key (`nil` when absent); setting `.nil` removes the key.
    public subscript(key: String) -> LuaValue {
        get { hash[.string(key)] ?? .nil }
        set { self[.string(key)] = newValue }
    }

    /// The value at an integer key, 1-based as in Lua.
    public subscript(index: Int) -> LuaValue {
        get { self[.integer(Int64(index))] }
        set { self[.integer(Int64(index))] = newValue }
    }

    /// The value at any key. Keeps the sequence part a sequence: setting `t[#t+1]` appends and
    /// pulls following integer keys over from the hash part.
    public subscript(key: LuaValue) -> LuaValue {
        get {
            if let i = key.sequenceIndex, i >= 1, i <= array.count { return array[i - 1] }
            return hash[key.normalizedKey] ?? .nil
        }
        set {
            let key = key.normalizedKey
            if case .integer(let n) = key, n >= 1, n <= Int64(array.count) + 1 {
                let i = Int(n)
                if case .nil = newValue {
                    if i <= array.count {
                        let tail = array[i...]
                        array.removeSubrange((i - 1)...)
                        for (offset, value) in tail.enumerated() {
                            hash[.integer(Int64(i + 1 + offset))] = value
                        }
                    }
                    return
                }
                if i <= array.count {
                    array[i - 1] = newValue
                } else {
                    array.append(newValue)
                    while let next = hash.removeValue(forKey: .integer(Int64(array.count + 1))) {
                        array.append(next)
                    }
                }
                return
            }
            if case .nil = newValue { hash.removeValue(forKey: key) } else { hash[key] = newValue }
        }
    }

    /// Every key and value: the sequence first, then the other keys with strings sorted,
    /// so output made from a table is the same from run to run.
    public var entries: [(key: LuaValue, value: LuaValue)] {
        var result: [(key: LuaValue, value: LuaValue)] = array.enumerated().map {
            (.integer(Int64($0.offset + 1)), $0.element)
        }
        result += hash.sorted { LuaValue.keyOrder($0.key, $1.key) }.map { ($0.key, $0.value) }
        return result
    }
}

extension LuaValue {
    /// Lua normalises float keys with an integer value to integers (`t[1.0]` is `t[1]`).
    var normalizedKey: LuaValue {
        if case .number(let d) = self, let i = Int64(exactly: d) { return .integer(i) }
        return self
    }

    var sequenceIndex: Int? {
        if case .integer(let i) = normalizedKey, let n = Int(exactly: i) { return n }
        return nil
    }

    /// A total order on keys for stable output: numbers, then strings, then the rest.
    static func keyOrder(_ a: LuaValue, _ b: LuaValue) -> Bool {
        func rank(_ v: LuaValue) -> Int {
            switch v {
            case .integer, .number: 0
            case .string: 1
            case .boolean: 2
            default: 3
            }
        }
        let (ra, rb) = (rank(a), rank(b))
        if ra != rb { return ra < rb }
        switch (a, b) {
        case (.string(let x), .string(let y)): return x < y
        case (.boolean(let x), .boolean(let y)): return !x && y
        default: return (a.doubleValue ?? 0) < (b.doubleValue ?? 0)
        }
    }
}
