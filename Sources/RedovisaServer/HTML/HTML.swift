/// A piece of HTML whose interpolated text is escaped: `"<p>\(name)</p>" as HTML` can never let
/// a name become markup. Nested ``HTML`` values are inserted as they are.
///
/// ```swift
/// let row: HTML = "<td>\(person.firstName)</td>"          // escaped
/// let page: HTML = "<tr>\(row)</tr>"                        // inserted as markup
/// ```
public struct HTML: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The markup.
    public private(set) var text: String

    /// Markup taken as it is: only for text the program itself wrote.
    public init(unsafeRaw text: String) { self.text = text }

    public init(stringLiteral value: String) { self.text = value }

    public init(stringInterpolation: Interpolation) { self.text = stringInterpolation.text }

    public var description: String { text }

    /// Empty markup.
    public static let empty = HTML(unsafeRaw: "")

    /// Joins pieces of markup.
    public static func + (a: HTML, b: HTML) -> HTML { HTML(unsafeRaw: a.text + b.text) }

    /// The interpolation that escapes text and inserts markup.
    public struct Interpolation: StringInterpolationProtocol {
        var text = ""

        public init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity * 2) }

        public mutating func appendLiteral(_ literal: String) { text += literal }

        /// Text: escaped.
        public mutating func appendInterpolation(_ value: String) { text += HTML.escape(value) }

        /// Text or nothing.
        public mutating func appendInterpolation(_ value: String?) { text += HTML.escape(value ?? "") }

        /// A number.
        public mutating func appendInterpolation<N: BinaryInteger>(_ value: N) { text += String(value) }

        /// Markup: inserted as it is.
        public mutating func appendInterpolation(_ value: HTML) { text += value.text }

        /// A list of markup, one after the other.
        public mutating func appendInterpolation(_ values: [HTML]) { for value in values { text += value.text } }
    }

    /// `&`, `<`, `>`, `"` and `'` as character references, so that text is safe in an element and
    /// in a quoted attribute.
    public static func escape(_ value: String) -> String {
        var out = ""
        out.reserveCapacity(value.utf8.count)
        for character in value.unicodeScalars {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(character)
            }
        }
        return out
    }
}

extension Array where Element == HTML {
    /// The pieces one after the other.
    public func joined() -> HTML { HTML(unsafeRaw: map(\.text).joined()) }
}
