import Foundation

/// The fields of an `application/x-www-form-urlencoded` body: `comment=Saknar+datum&csrf=…`.
public struct FormData: Sendable, Equatable {
    /// Field values by name; a field given twice keeps its last value.
    public private(set) var fields: [String: String]
    /// Every value of each name, in the order sent (checkboxes of one question share a name).
    public private(set) var all: [String: [String]]

    /// Parses `text`; undecodable percent escapes are kept as they are.
    public init(_ text: String) {
        var fields: [String: String] = [:]
        var all: [String: [String]] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = Self.decode(parts[0])
            let value = parts.count > 1 ? Self.decode(parts[1]) : ""
            fields[name] = value
            all[name, default: []].append(value)
        }
        self.fields = fields
        self.all = all
    }

    public subscript(name: String) -> String? { fields[name] }

    /// Every value sent under `name`, in order; empty when none was.
    public func values(_ name: String) -> [String] { all[name] ?? [] }

    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    /// `name=value&…` with each part percent-encoded (for the token request and for tests).
    public static func encode(_ fields: [(String, String)]) -> String {
        fields.map { "\(percentEncode($0.0))=\(percentEncode($0.1))" }.joined(separator: "&")
    }

    /// `text` with everything but ASCII letters, digits and `-._~` percent-encoded.
    public static func percentEncode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
    }

    private static let unreserved: CharacterSet = {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()
}
