/// The lexical half of JSON (RFC 8259) over UTF-8 bytes: whitespace, literals, strings with
/// their escapes, numbers and separators, with the byte offset of every problem. The two
/// readers of stored JSON share it and differ only in what they build: ``JSONValue/init(parsing:)``
/// builds a ``JSONValue``, ``StoredAnswersReader`` pushes onto the Lua stack.
///
/// ```swift
/// var scanner = JSONScanner(bytes: bytes)
/// let text = try scanner.string { String(decoding: $0, as: UTF8.self) }
/// ```
struct JSONScanner {
    /// A number as JSON writes it: an integer when it has no fraction or exponent and fits 64
    /// bits, else a double.
    enum Number: Equatable {
        case integer(Int64)
        case double(Double)
    }

    let bytes: UnsafeBufferPointer<UInt8>
    /// The offset of the next byte to read.
    var position = 0
    /// The bytes of a string with escapes, as they are decoded.
    private var scratch: [UInt8] = []

    /// A scanner at the start of `bytes`.
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The error `reason` at the current offset.
    func error(_ reason: String) -> JSONParseError { JSONParseError(offset: position, reason: reason) }

    /// Whether every byte has been read.
    var atEnd: Bool { position == bytes.count }

    /// Skips spaces, tabs and line breaks.
    mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// The next byte after whitespace, not read; nil at the end.
    mutating func peek() -> UInt8? {
        skipWhitespace()
        return position < bytes.count ? bytes[position] : nil
    }

    /// Reads `word` (`true`, `false`, `null`).
    /// - Throws: ``JSONParseError`` at the first byte that differs.
    mutating func expect(_ word: StaticString) throws(JSONParseError) {
        for index in 0..<word.utf8CodeUnitCount {
            guard position < bytes.count, bytes[position] == word.utf8Start[index] else { throw error("unexpected character") }
            position += 1
        }
    }

    /// Reads the byte `byte` after whitespace.
    /// - Throws: ``JSONParseError`` naming what was expected (`reason`).
    mutating func expect(_ byte: UInt8, _ reason: String) throws(JSONParseError) {
        guard peek() == byte else { throw error(reason) }
        position += 1
    }

    /// After a member or an element: reads `,` (true: another follows) or `closing` (false).
    /// - Throws: ``JSONParseError`` for anything else.
    mutating func separator(closing: UInt8) throws(JSONParseError) -> Bool {
        guard let byte = peek() else { throw error("unexpected end") }
        position += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == closing { return false }
        position -= 1
        throw error(closing == UInt8(ascii: "}") ? "expected ',' or '}'" : "expected ',' or ']'")
    }

    /// Reads a string from its opening quote and hands `body` its UTF-8 bytes (the text's own
    /// bytes when it has no escapes, the usual case; valid only during the call).
    /// - Throws: ``JSONParseError`` for control characters, bad escapes, lone surrogates and
    ///   an unterminated string.
    mutating func string<Result>(_ body: (UnsafeRawBufferPointer) -> Result) throws(JSONParseError) -> Result {
        position += 1  // the opening quote
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let result = body(UnsafeRawBufferPointer(UnsafeBufferPointer(rebasing: bytes[start..<position])))
                position += 1
                return result
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
                return scratch.withUnsafeBytes(body)
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

    /// Reads a number: an integer when it has no fraction or exponent and fits 64 bits (without
    /// making a `String` of it), else a double.
    /// - Throws: ``JSONParseError`` for a malformed number, a leading zero, or one out of range.
    mutating func number() throws(JSONParseError) -> Number {
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
            if negative { return .integer(magnitude) }
            if magnitude != Int64.min { return .integer(-magnitude) }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let double = Double(text) else { throw error("number out of range") }
        return .double(double)
    }

    private mutating func digits() -> Int {
        let from = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - from
    }
}
