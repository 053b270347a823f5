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
/// try StoredAnswersReader.push(stored.answersJSON, onto: writer, fields: &fields)
/// ```
struct StoredAnswersReader {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let writer: LuaStackWriter
    private var position = 0
    /// The bytes of a string with escapes, as they are decoded.
    private var scratch: [UInt8] = []
    /// The keys of the top-level object: read, and the room made for them.
    private var fields: Int

    private init(bytes: UnsafeBufferPointer<UInt8>, writer: LuaStackWriter, fields: Int) {
        self.bytes = bytes
        self.writer = writer
        self.fields = fields
    }

    /// Pushes the JSON value of `text` onto the stack: one value. `fields` is the room made for
    /// the keys of a top-level object (the key count of the previous report, as reports of one
    /// template have about the same answers: the table then never grows); it is set to this
    /// object's key count.
    /// - Throws: ``JSONParseError`` with the byte offset when `text` is not JSON, or is nested
    ///   deeper than ``LuaStackWriter/maximumDepth``; what was pushed of it is left for the
    ///   caller's call to reset.
    static func push(_ text: String, onto writer: LuaStackWriter, fields: inout Int) throws(JSONParseError) {
        var text = text
        let hint = fields
        let (result, count): (JSONParseError?, Int) = text.withUTF8 { bytes in
            var reader = StoredAnswersReader(bytes: bytes, writer: writer, fields: hint)
            do throws(JSONParseError) {
                try reader.value(depth: 0)
                reader.skipWhitespace()
                guard reader.position == bytes.count else { throw reader.error("text after the JSON value") }
                return (nil, reader.fields)
            } catch {
                return (error, hint)
            }
        }
        fields = count
        if let result { throw result }
    }

    private func error(_ reason: String) -> JSONParseError { JSONParseError(offset: position, reason: reason) }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(JSONParseError) {
        skipWhitespace()
        guard position < bytes.count else { throw error("unexpected end") }
        switch bytes[position] {
        case UInt8(ascii: "{"): try object(depth: depth)
        case UInt8(ascii: "["): try array(depth: depth)
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "t"): try expect("true"); writer.push(true)
        case UInt8(ascii: "f"): try expect("false"); writer.push(false)
        case UInt8(ascii: "n"): try expect("null"); writer.pushNil()
        default: try number()
        }
    }

    private mutating func expect(_ word: StaticString) throws(JSONParseError) {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw error("unexpected character") }
        for index in 0..<count where bytes[position + index] != word.utf8Start[index] {
            position += index
            throw error("unexpected character")
        }
        position += count
    }

    private mutating func table(depth: Int, fields: Int = 0) throws(JSONParseError) {
        guard depth < LuaStackWriter.maximumDepth else { throw error("nested too deeply") }
        do {
            try writer.pushTable(fields: fields)
        } catch {
            throw self.error("nested too deeply")
        }
        position += 1
    }

    private mutating func object(depth: Int) throws(JSONParseError) {
        try table(depth: depth, fields: depth == 0 ? fields : 0)
        var keys = 0
        defer { if depth == 0 { fields = keys } }
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "}") { position += 1; return }
        while true {
            keys += 1
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw error("expected a key") }
            try string()
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else { throw error("expected ':'") }
            position += 1
            try value(depth: depth + 1)
            writer.setKeyed()
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "}") {
                position += 1
                return
            } else {
                throw error("expected ',' or '}'")
            }
        }
    }

    private mutating func array(depth: Int) throws(JSONParseError) {
        try table(depth: depth)
        skipWhitespace()
        if position < bytes.count, bytes[position] == UInt8(ascii: "]") { position += 1; return }
        var index = 0
        while true {
            try value(depth: depth + 1)
            index += 1
            writer.append(index)
            skipWhitespace()
            guard position < bytes.count else { throw error("unexpected end") }
            if bytes[position] == UInt8(ascii: ",") {
                position += 1
            } else if bytes[position] == UInt8(ascii: "]") {
                position += 1
                return
            } else {
                throw error("expected ',' or ']'")
            }
        }
    }

    /// A string, pushed: the bytes of the text itself when it has no escapes (the usual case).
    private mutating func string() throws(JSONParseError) {
        position += 1  // the opening quote
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                writer.push(utf8: UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<position])))
                position += 1
                return
            }
            if byte == UInt8(ascii: "\\") { break }
            guard byte >= 0x20 else { throw error("control character in a string") }
            position += 1
        }
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                scratch.withUnsafeBytes { writer.push(utf8: $0) }
                return
            case UInt8(ascii: "\\"):
                try escape()
            default:
                guard byte >= 0x20 else { throw error("control character in a string") }
                scratch.append(byte)
            }
        }
        throw error("unterminated string")
    }

    private mutating func escape() throws(JSONParseError) {
        guard position < bytes.count else { throw error("unexpected end") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escape)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800...0xDBFF).contains(code) {
                guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u")
                else { throw error("lone surrogate") }
                position += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw error("lone surrogate") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00...0xDFFF).contains(code) {
                throw error("lone surrogate")
            }
            scratch.append(contentsOf: Unicode.UTF8.encode(Unicode.Scalar(code)!)!)
        default:
            throw error("unknown escape")
        }
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard position + 4 <= bytes.count else { throw error("unexpected end") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[position]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - UInt8(ascii: "A") + 10)
            default: throw error("bad \\u escape")
            }
            value = value * 16 + digit
            position += 1
        }
        return value
    }

    /// A number: a Lua integer when it has no fraction or exponent and fits 64 bits, else a float.
    private mutating func number() throws(JSONParseError) {
        let start = position
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let digitsStart = position
        // The magnitude, accumulated as a negative number so that Int64.min fits.
        var magnitude: Int64 = 0
        var fits = true
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            let (times, overflow1) = magnitude.multipliedReportingOverflow(by: 10)
            let (next, overflow2) = times.subtractingReportingOverflow(Int64(bytes[position] - UInt8(ascii: "0")))
            if overflow1 || overflow2 { fits = false }
            magnitude = next
            position += 1
        }
        let integerDigits = position - digitsStart
        guard integerDigits > 0 else { throw error("unexpected character") }
        guard integerDigits == 1 || bytes[digitsStart] != UInt8(ascii: "0") else { throw error("leading zero") }
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            position += 1
            isInteger = false
            guard digits() > 0 else { throw error("expected digits after '.'") }
        }
        if position < bytes.count, bytes[position] == UInt8(ascii: "e") || bytes[position] == UInt8(ascii: "E") {
            position += 1
            isInteger = false
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            guard digits() > 0 else { throw error("expected digits in the exponent") }
        }
        if isInteger && fits {
            if negative {
                writer.push(magnitude)
                return
            }
            if magnitude != Int64.min {
                writer.push(-magnitude)
                return
            }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let double = Double(text) else { throw error("number out of range") }
        writer.push(double)
    }

    private mutating func digits() -> Int {
        let from = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - from
    }
}
