import Foundation

extension JSONValue {
    /// Parses JSON text (RFC 8259). Integers without a fraction or exponent that fit 64 bits stay
    /// integers; other numbers become doubles.
    ///
    /// A hand-written parser: reading answers back is on the path of every queue and list, and
    /// `JSONDecoder` into an enum costs about 50 µs per report where this costs 2.
    /// - Throws: ``JSONParseError`` with the byte offset of the problem.
    public init(parsing text: String) throws {
        var text = text
        self = try text.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes)
            let value = try parser.parseValue(depth: 0)
            parser.scanner.skipWhitespace()
            guard parser.scanner.atEnd else { throw parser.scanner.error("text after the JSON value") }
            return value
        }
    }
}

/// Why a text is not JSON, and where.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var offset: Int
    public var reason: String
    public var description: String { "invalid JSON at byte \(offset): \(reason)" }
}

/// The structural half of JSON for ``JSONValue``: objects and arrays, built from what
/// ``JSONScanner`` reads.
private struct JSONParser {
    var scanner: JSONScanner
    static let maximumDepth = 512

    init(bytes: UnsafeBufferPointer<UInt8>) {
        scanner = JSONScanner(bytes: bytes)
    }

    mutating func parseValue(depth: Int) throws(JSONParseError) -> JSONValue {
        guard depth < Self.maximumDepth else { throw scanner.error("nested too deeply") }
        guard let byte = scanner.peek() else { throw scanner.error("unexpected end") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try scanner.expect("true"); return .bool(true)
        case UInt8(ascii: "f"): try scanner.expect("false"); return .bool(false)
        case UInt8(ascii: "n"): try scanner.expect("null"); return .null
        default:
            switch try scanner.number() {
            case .integer(let integer): return .integer(integer)
            case .double(let double): return .number(double)
            }
        }
    }

    mutating func parseString() throws(JSONParseError) -> String {
        try scanner.string { String(decoding: $0, as: UTF8.self) }
    }

    mutating func parseObject(depth: Int) throws(JSONParseError) -> JSONValue {
        scanner.position += 1
        var object: [String: JSONValue] = [:]
        if scanner.peek() == UInt8(ascii: "}") {
            scanner.position += 1
            return .object(object)
        }
        repeat {
            guard scanner.peek() == UInt8(ascii: "\"") else { throw scanner.error("expected a key") }
            let key = try parseString()
            try scanner.expect(UInt8(ascii: ":"), "expected ':'")
            object[key] = try parseValue(depth: depth + 1)
        } while try scanner.separator(closing: UInt8(ascii: "}"))
        return .object(object)
    }

    mutating func parseArray(depth: Int) throws(JSONParseError) -> JSONValue {
        scanner.position += 1
        var array: [JSONValue] = []
        if scanner.peek() == UInt8(ascii: "]") {
            scanner.position += 1
            return .array(array)
        }
        repeat {
            array.append(try parseValue(depth: depth + 1))
        } while try scanner.separator(closing: UInt8(ascii: "]"))
        return .array(array)
    }
}
