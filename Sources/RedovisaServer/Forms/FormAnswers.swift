import Foundation
import Redovisa

/// Turns a posted step of a report form into typed answers, field by field, by each field's type
/// in the template: "12" → `12` for an integer, "1,5" → `1.5` for hours, the ticked boxes of a
/// multiple choice → a list, "ja"/"nej" → `true`/`false`, a date range's two inputs → `{from, to}`,
/// a group's rows → a list of objects. A value that cannot be converted is kept as the text typed,
/// so that the template's own message ("Ange ett heltal.") is shown beside it; an empty input is
/// no answer.
///
/// The inputs are named by the field's path (``FieldPath``); a field with several inputs adds a
/// suffix after `:` — never part of a path:
///
/// | input | what |
/// |---|---|
/// | `PATH` | the value (every ticked box of a multiple choice under the same name) |
/// | `PATH:fran`, `PATH:till` | a date range's first and last day |
/// | `PATH:ej-aktuellt` (`ja`), `PATH:motivering` | "Ej aktuellt" and its motivation |
/// | `PATH:rader` | how many rows of a group the form showed |
///
/// ```swift
/// let answers = FormAnswers(form).merged(into: report.answers, fields: description.steps[0].fields)
/// ```
public struct FormAnswers: Sendable {
    /// The posted fields.
    public let form: FormData

    public init(_ form: FormData) { self.form = form }

    /// Suffixes of the inputs of one field.
    public enum Suffix {
        public static let from = ":fran"
        public static let to = ":till"
        public static let notApplicable = ":ej-aktuellt"
        public static let motivation = ":motivering"
        public static let rows = ":rader"
    }

    /// `existing` with every field of `fields` (one step's) set from the form: a field the form
    /// leaves empty (a box left unticked) loses its answer; answers of other steps are kept.
    /// Computed and info fields are never read from a form.
    public func merged(into existing: JSONValue, fields: [TemplateDescription.Field]) -> JSONValue {
        var members = existing.objectValue ?? [:]
        for field in fields where field.type != .info && !field.computed {
            members[field.id] = answer(field, at: field.id)
        }
        return .object(members)
    }

    /// The answer to `field` at `path`, or nil for none.
    public func answer(_ field: TemplateDescription.Field, at path: String) -> JSONValue? {
        if field.notApplicable, form[path + Suffix.notApplicable] == "ja" {
            return .object(["ej_aktuellt": .bool(true), "motivering": .string(Self.lines(form[path + Suffix.motivation] ?? ""))])
        }
        switch field.type {
        case .group:
            guard let count = form[path + Suffix.rows].flatMap({ Int($0) }), count > 0 else { return nil }
            // At most 500 rows: a forged count must not make a huge answer (the body limit
            // already bounds what is typed).
            let rows = (1...min(count, 500)).map { row -> JSONValue in
                var members: [String: JSONValue] = [:]
                for child in field.fields ?? [] where child.type != .info && !child.computed {
                    members[child.id] = answer(child, at: FieldPath.join(FieldPath.row(path, row), child.id))
                }
                return .object(members)
            }
            return .array(rows)
        case .multiChoice:
            let chosen = form.values(path).filter { !$0.isEmpty }
            return chosen.isEmpty ? nil : .array(chosen.map(JSONValue.string))
        case .dateRange:
            let from = Self.trimmed(form[path + Suffix.from] ?? ""), to = Self.trimmed(form[path + Suffix.to] ?? "")
            if from.isEmpty && to.isEmpty { return nil }
            var members: [String: JSONValue] = [:]
            if !from.isEmpty { members["from"] = .string(from) }
            if !to.isEmpty { members["to"] = .string(to) }
            return .object(members)
        default:
            return Self.convert(form[path] ?? "", as: field.type)
        }
    }

    /// One input's text as the answer of a field of `type`; nil when empty.
    ///
    /// ```swift
    /// FormAnswers.convert("1,5", as: .hours)     // .number(1.5)
    /// FormAnswers.convert("tolv", as: .integer)  // .string("tolv"): the template says what is wrong
    /// ```
    public static func convert(_ text: String, as type: TemplateDescription.FieldType) -> JSONValue? {
        let plain = trimmed(text)
        if plain.isEmpty { return nil }
        switch type {
        case .integer:
            return Int64(withoutSpaces(plain)).map(JSONValue.integer) ?? .string(plain)
        case .hours:
            return hours(withoutSpaces(plain)) ?? .string(plain)
        case .yesNo:
            switch plain {
            case "ja": return .bool(true)
            case "nej": return .bool(false)
            default: return .string(plain)
            }
        case .confirmation:
            return plain == "ja" ? .bool(true) : .string(plain)
        case .textarea:
            return .string(lines(text))
        case .date, .choice, .personnummer, .email, .phone:
            return .string(plain)
        default:
            return .string(text)
        }
    }

    /// "1,5", "1.5", "2" as a number of hours (an integer when written without decimals); nil
    /// for anything else (a sign other than a leading minus, an exponent, `nan`).
    static func hours(_ text: String) -> JSONValue? {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ",", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: ".", omittingEmptySubsequences: false)
        }
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
            parts.count == 1 || !parts[1].isEmpty
        else { return nil }
        if parts.count == 1 { return Int64(text).map(JSONValue.integer) }
        return Double(text.replacingOccurrences(of: ",", with: ".")).map(JSONValue.number)
    }

    static func trimmed(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Without spaces, no-break spaces and thin spaces ("1 000" → "1000").
    static func withoutSpaces(_ text: String) -> String {
        text.filter { !$0.isWhitespace }
    }

    /// Line breaks as `\n` (browsers send `\r\n`).
    static func lines(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: "\n")
    }
}

extension Character {
    /// `0` to `9` only (not other scripts' digits).
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
