import Redovisa

/// A field's place in a report's answers, as the template engine names it: `ar`,
/// `aktiviteter[2].timmar` (rows counted from 1). The same text names the form's inputs; this
/// type turns it into an element id, finds its top-level field and reads the answer there.
///
/// ```swift
/// FieldPath.elementId("aktiviteter[2].timmar")   // "f-aktiviteter-2-timmar"
/// FieldPath.topLevel("aktiviteter[2].timmar")    // "aktiviteter"
/// ```
public enum FieldPath {
    /// One step into the answers: a key of an object or a row of a list (from 1).
    public enum Segment: Equatable, Sendable {
        case key(String)
        case row(Int)
    }

    /// The segments of `path`; a part that does not parse is taken as a key.
    public static func segments(_ path: String) -> [Segment] {
        var result: [Segment] = []
        var current = ""
        var inIndex = false
        for character in path {
            switch character {
            case "." where !inIndex:
                if !current.isEmpty { result.append(.key(current)) }
                current = ""
            case "[" where !inIndex:
                if !current.isEmpty { result.append(.key(current)) }
                current = ""
                inIndex = true
            case "]" where inIndex:
                result.append(Int(current).map(Segment.row) ?? .key(current))
                current = ""
                inIndex = false
            default:
                current.append(character)
            }
        }
        if !current.isEmpty { result.append(.key(current)) }
        return result
    }

    /// The id of the element for `path`: `f-` and the path with `-` for its punctuation, so it is
    /// a plain id in any selector or fragment. Field ids are letters, digits and `_`, so two
    /// paths never share an element id.
    public static func elementId(_ path: String) -> String {
        var id = "f-"
        for character in path {
            switch character {
            case "[", ".": id.append("-")
            case "]": continue
            default: id.append(character)
            }
        }
        return id
    }

    /// The id of the top-level field `path` is in.
    public static func topLevel(_ path: String) -> String {
        if case .key(let key) = segments(path).first { return key }
        return path
    }

    /// The path of field `id` under `prefix` (a group's row), or `id` at the top.
    public static func join(_ prefix: String?, _ id: String) -> String {
        prefix.map { "\($0).\(id)" } ?? id
    }

    /// The path of row `row` (from 1) of group `path`.
    public static func row(_ path: String, _ row: Int) -> String { "\(path)[\(row)]" }
}

extension JSONValue {
    /// The answer at `path`, or nil where there is none.
    public func value(at path: String) -> JSONValue? {
        var current: JSONValue = self
        for segment in FieldPath.segments(path) {
            switch (segment, current) {
            case (.key(let key), .object(let members)):
                guard let next = members[key] else { return nil }
                current = next
            case (.row(let row), .array(let items)):
                guard row >= 1, row <= items.count else { return nil }
                current = items[row - 1]
            default:
                return nil
            }
        }
        return current
    }

    /// Whether this counts as an answer: not null, not blank text, not an empty list or object.
    public var isAnswered: Bool {
        switch self {
        case .null: false
        case .string(let text): !text.allSatisfy(\.isWhitespace)
        case .array(let items): !items.isEmpty
        case .object(let members): !members.isEmpty
        default: true
        }
    }
}
