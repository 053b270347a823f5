import Redovisa

/// The error summary at the top of a form page (the GOV.UK pattern): a box headed "Det finns fel
/// att rätta" that is announced (`role="alert"`) and takes focus when the page loads, listing
/// every problem as a link to its field — on the same page (`#f-anledning`) or on the step that
/// has it (`/rapporter/5/steg/1?visa=fel#f-anledning`). A problem about the report as a whole is
/// listed without a link.
public enum ErrorSummary {
    /// One problem: its text and, when it concerns a field, where that field is.
    public struct Item: Sendable, Equatable {
        public var message: String
        public var href: String?

        public init(message: String, href: String?) {
            self.message = message
            self.href = href
        }
    }

    /// The box, or nothing when there are no problems.
    public static func html(_ items: [Item], heading: String = "Det finns fel att rätta") -> HTML {
        guard !items.isEmpty else { return .empty }
        let list = items.map { item -> HTML in
            if let href = item.href { return "<li><a href=\"\(href)\">\(item.message)</a></li>" }
            return "<li>\(item.message)</li>"
        }
        return """
            <div class="error-summary" role="alert" aria-labelledby="fel-rubrik" tabindex="-1" autofocus>
            <h2 id="fel-rubrik">\(heading)</h2><ul>\(list)</ul></div>
            """
    }

    /// The problems of a report as links to their fields: on `onStep` as fragments, elsewhere to
    /// the step that has the field (where its error is then shown). Every problem is listed,
    /// each field once (its first message).
    public static func items(
        _ problems: [FieldProblem], description: TemplateDescription, reportId: Int64, onStep: Int? = nil
    ) -> [Item] {
        var seen = Set<String>()
        return problems.compactMap { problem in
            guard seen.insert(problem.field).inserted || problem.field.isEmpty else { return nil }
            guard !problem.field.isEmpty, let step = description.step(of: problem.field) else {
                return Item(message: problem.message, href: nil)
            }
            let anchor = "#" + FieldPath.elementId(problem.field)
            let href = step == onStep ? anchor : "/rapporter/\(reportId)/steg/\(step)?visa=fel\(anchor)"
            return Item(message: problem.message, href: href)
        }
    }
}
