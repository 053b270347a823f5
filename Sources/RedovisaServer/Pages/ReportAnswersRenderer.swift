import Redovisa

/// How the report page shows a report's answers: the seam where forms rendered from templates
/// come in. Until then ``ReadOnlyAnswers`` shows the stored answers as a list; the template
/// engine's renderer will take its place (editable for drafts and returned reports, with the
/// template's labels, steps and conditions) without the report page changing.
public protocol ReportAnswersRenderer: Sendable {
    /// The answers section of report `report` for whoever `context` holds.
    func answers(of report: Report, context: AppRequestContext) -> HTML
}

/// The stored answers, read-only, keyed by the template's field names.
public struct ReadOnlyAnswers: ReportAnswersRenderer {
    public init() {}

    public func answers(of report: Report, context: AppRequestContext) -> HTML {
        switch report.answers {
        case .null:
            return "<p class=\"notice\">Svaren visas inte: rapporten gäller en person med skyddad identitet.</p>"
        case .object(let fields) where fields.isEmpty:
            return "<p>Inga svar är sparade ännu.</p>"
        case .object(let fields):
            return list(fields)
        default:
            return "<p>\(text(report.answers))</p>"
        }
    }

    private func list(_ fields: [String: JSONValue]) -> HTML {
        let rows = fields.keys.sorted().map { key -> HTML in
            let value = fields[key]!
            if case .object(let nested) = value, !nested.isEmpty {
                return "<dt>\(key)</dt><dd>\(list(nested))</dd>"
            }
            return "<dt>\(key)</dt><dd>\(text(value))</dd>"
        }
        return "<dl class=\"answers\">\(rows)</dl>"
    }

    private func text(_ value: JSONValue) -> String {
        switch value {
        case .null: "–"
        case .bool(let b): b ? "Ja" : "Nej"
        case .integer(let i): String(i)
        case .number(let d): String(d).replacingOccurrences(of: ".", with: ",")
        case .string(let s): s.isEmpty ? "–" : s
        case .array(let items): items.map(text).joined(separator: ", ")
        case .object: value.canonicalText
        }
    }
}
