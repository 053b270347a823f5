import LuaHost

/// Reads stored answers' JSON text straight onto the Lua stack, for bulk checks: the values
/// Lua gets are those ``JSONValue/init(parsing:)`` followed by pushing the ``JSONValue`` would
/// give — objects and arrays as tables, integers that fit 64 bits as Lua integers, other numbers
/// as floats, `null` as nil (in an object: no key, also when it follows an earlier value of the
/// key, as a later key wins) — without building the ``JSONValue`` or a Swift `String` for each
/// text in between.
///
/// ```swift
/// var fields = 0
/// try StoredAnswersReader.push(bytes: UnsafeBufferPointer(rebasing: bytes[row.answers]), onto: writer, fields: &fields)
/// ```
struct StoredAnswersReader {
    private var scanner: JSONScanner
    private let writer: LuaStackWriter
    /// The keys of the top-level object: read, and the room made for them.
    private var fields: Int

    private init(bytes: UnsafeBufferPointer<UInt8>, writer: LuaStackWriter, fields: Int) {
        self.scanner = JSONScanner(bytes: bytes)
        self.writer = writer
        self.fields = fields
    }

    /// Pushes the JSON value of the UTF-8 text `bytes` (a row of a ``StoredAnswersPage``) onto
    /// the stack: one value. `fields` is the room made for the keys of a top-level object (the
    /// key count of the previous report, as reports of one template have about the same
    /// answers: the table then never grows); it is set to this object's key count.
    /// - Throws: ``JSONParseError`` with the byte offset when the text is not JSON, or is nested
    ///   deeper than ``LuaStackWriter/maximumDepth``; what was pushed of it is left for the
    ///   caller's call to reset, and `fields` is left as it was.
    static func push(bytes: UnsafeBufferPointer<UInt8>, onto writer: LuaStackWriter, fields: inout Int) throws(JSONParseError) {
        var reader = StoredAnswersReader(bytes: bytes, writer: writer, fields: fields)
        try reader.value(depth: 0)
        reader.scanner.skipWhitespace()
        guard reader.scanner.atEnd else { throw reader.scanner.error("text after the JSON value") }
        fields = reader.fields
    }

    private mutating func value(depth: Int) throws(JSONParseError) {
        guard let byte = scanner.peek() else { throw scanner.error("unexpected end") }
        switch byte {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try scanner.expect("true"); writer.push(true)
        case UInt8(ascii: "f"): try scanner.expect("false"); writer.push(false)
        case UInt8(ascii: "n"): try scanner.expect("null"); writer.pushNil()
        default:
            switch try scanner.number() {
            case .integer(let integer): writer.push(integer)
            case .double(let double): writer.push(double)
            }
        }
    }

    /// A string, pushed: the bytes of the text itself when it has no escapes (the usual case).
    private mutating func string() throws(JSONParseError) {
        let writer = self.writer
        try scanner.string { writer.push(utf8: $0) }
    }

    private mutating func table(depth: Int, fields: Int = 0) throws(JSONParseError) {
        guard depth < LuaStackWriter.maximumDepth else { throw scanner.error("nested too deeply") }
        do {
            try writer.pushTable(fields: fields)
        } catch {
            throw scanner.error("nested too deeply")
        }
        scanner.position += 1
    }

    private mutating func object(depth: Int) throws(JSONParseError) {
        try table(depth: depth, fields: depth == 0 ? fields : 0)
        var keys = 0
        defer { if depth == 0 { fields = keys } }
        if scanner.peek() == UInt8(ascii: "}") { scanner.position += 1; return }
        repeat {
            keys += 1
            guard scanner.peek() == UInt8(ascii: "\"") else { throw scanner.error("expected a key") }
            try string()
            try scanner.expect(UInt8(ascii: ":"), "expected ':'")
            try value(depth: depth + 1)
            writer.setKeyed()
        } while try scanner.separator(closing: UInt8(ascii: "}"))
    }

    private mutating func array(depth: Int) throws(JSONParseError) {
        try table(depth: depth)
        if scanner.peek() == UInt8(ascii: "]") { scanner.position += 1; return }
        var index = 0
        repeat {
            try value(depth: depth + 1)
            index += 1
            writer.append(index)
        } while try scanner.separator(closing: UInt8(ascii: "]"))
    }
}
