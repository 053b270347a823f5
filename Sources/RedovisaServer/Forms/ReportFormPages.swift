import Foundation
import Redovisa

/// What every page of a report's form shows above its content: the template's title, who and
/// which period the report is about, the step indicator, and — for a returned report — the
/// officer's comment.
struct FormHeader {
    var report: Report
    var description: TemplateDescription
    /// The name of the person the report is about (masked as the user may see it).
    var personName: String
    /// The officer's comment on a returned report.
    var comment: String?

    /// "oktober 2025", or the event's date.
    var periodText: String {
        report.period.map { Formatting.period($0) } ?? report.eventDate?.description ?? "–"
    }

    /// The header with `heading` as the page's `<h1>`.
    func html(heading: String, shown: [Int], at position: StepIndicator.Position) -> HTML {
        let comment: HTML = self.comment.map { text -> HTML in
            """
            <div class="comment"><h2>Handläggarens kommentar</h2><p>\(text)</p>
            <p>Rätta det som behövs och skicka in rapporten igen.</p></div>
            """
        } ?? .empty
        return """
            \(StepIndicator.html(description, shown: shown, at: position))
            <p class="caption">\(description.title)</p>
            <h1>\(heading)</h1>
            <p class="muted">Rapporten gäller \(personName), \(periodText).</p>
            \(comment)
            """
    }
}

/// The pages of a report's form: a step, the preview, the receipt.
enum ReportFormPages {
    /// One step of the form: its fields, "Föregående", "Spara" and "Nästa".
    static func step(
        _ number: Int, header: FormHeader, state: FieldState, problems: [FieldProblem], context: AppRequestContext
    ) -> HTML {
        let description = header.description
        let step = description.steps[number - 1]
        let id = header.report.id ?? 0
        let shown = description.shownSteps(visible: state.visible)
        let items = ErrorSummary.items(problems, description: description, reportId: id, onStep: number)
        let intro: HTML = number == shown.first ? description.description.map { "<p>\($0)</p>" } ?? .empty : .empty
        let help: HTML = step.help.map { "<p class=\"hint\">\($0)</p>" } ?? .empty
        let previous: HTML = number == shown.first ? .empty
            : "<button type=\"submit\" class=\"secondary\" name=\"atgard\" value=\"foregaende\">Föregående</button>"
        let last = number == shown.last
        let action = "/rapporter/\(id)/steg/\(number)"
        return """
            \(header.html(heading: step.title, shown: shown, at: .step(number)))
            \(ErrorSummary.html(items))
            \(intro)\(help)
            <form method="post" action="\(action)" novalidate class="report-form" data-synlighet="\(action)/synlighet">
            \(Layout.csrfField(context))
            <input type="hidden" name="revision" value="\(header.report.revision)">
            <button type="submit" class="default-action" name="atgard" value="spara" tabindex="-1" aria-hidden="true">Spara</button>
            <p class="muted">Frågor markerade med * måste besvaras. Du kan spara när du vill och fortsätta senare från Mina sidor.</p>
            \(FieldRenderer(state: state).fields(step.fields))
            <div class="form-buttons">
            \(previous)
            <button type="submit" class="secondary" name="atgard" value="spara">Spara</button>
            <button type="submit" name="atgard" value="nasta">\(last ? "Nästa: Förhandsgranska" : "Nästa")</button>
            </div>
            </form>
            <script src="\(FormScript.path)" defer></script>
            """
    }

    /// The preview: every answer, step by step, each with "Ändra"; the problems that stop a
    /// submission; and the "Skicka in" button.
    static func preview(
        header: FormHeader, rows: [SummaryRow], check: TemplateCheck, problems: [FieldProblem], context: AppRequestContext
    ) -> HTML {
        let description = header.description
        let id = header.report.id ?? 0
        let shown = description.shownSteps(visible: Set(check.visible))
        let items = ErrorSummary.items(problems, description: description, reportId: id)
        let warnings: HTML = check.warnings.isEmpty ? .empty : """
            <div class="notice"><h2>Kontrollera</h2><ul>\(check.warnings.map { warning -> HTML in
                "<li>\(warning.message)</li>" })</ul><p>Du kan skicka in ändå.</p></div>
            """
        let byStep = Dictionary(grouping: rows, by: \.step)
        let sections = shown.map { number -> HTML in
            let title = description.steps[number - 1].title
            let lines = (byStep[number] ?? []).map { row -> HTML in
                let label = rowContext(row.field, description: description).map { "\($0): \(row.label)" } ?? row.label
                let value = row.value.split(separator: "\n", omittingEmptySubsequences: false).map { HTML("\(String($0))") }
                return """
                    <tr><th scope="row">\(label)</th><td>\(HTML(unsafeRaw: value.map(\.text).joined(separator: "<br>")))</td>
                    <td><a href="/rapporter/\(id)/steg/\(number)#\(FieldPath.elementId(row.field))">Ändra<span class="visually-hidden"> \(label)</span></a></td></tr>
                    """
            }
            let body: HTML = lines.isEmpty ? "<tr><td colspan=\"3\">Inga svar i det här steget.</td></tr>" : "\(lines)"
            return """
                <table class="summary"><caption>\(title)</caption>
                <thead><tr><th scope="col">Fråga</th><th scope="col">Svar</th><th scope="col"><span class="visually-hidden">Ändra</span></th></tr></thead>
                <tbody>\(body)</tbody></table>
                """
        }
        let again = header.report.status == .returned
        return """
            \(header.html(heading: "Förhandsgranska", shown: shown, at: .preview))
            \(ErrorSummary.html(items, heading: "Rapporten kan inte skickas in ännu"))
            <p>Kontrollera dina svar innan du skickar in. Ändra ett svar med länken på dess rad.</p>
            \(warnings)
            \(sections)
            <form method="post" action="/rapporter/\(id)/skicka-in" class="submit-form">
            \(Layout.csrfField(context))
            <input type="hidden" name="revision" value="\(header.report.revision)">
            <p><button type="submit">\(again ? "Skicka in igen" : "Skicka in")</button></p>
            </form>
            """
    }

    /// The receipt after a submission, made for printing.
    static func receipt(_ submitted: Reporting.Submitted, header: FormHeader) -> HTML {
        let description = header.description
        let lines = submitted.text.split(separator: "\n").map(String.init)
        let heading = lines.first ?? "Ditt ärende är nu inskickat"
        let text = lines.dropFirst().map { line -> HTML in "<p>\(line)</p>" }
        let another = description.texts?["another"] ?? "Ny rapport"
        let shown = description.shownSteps(visible: nil)
        return """
            \(StepIndicator.html(description, shown: shown, at: .submitted))
            <div class="receipt">
            <p class="caption">\(description.title)</p>
            <h1>\(heading)</h1>
            \(text)
            <table><caption>Kvitto</caption><tbody>
            <tr><th scope="row">Ärendenummer</th><td class="case-number">\(submitted.receipt.caseNumber)</td></tr>
            <tr><th scope="row">Rapport</th><td>\(description.title)</td></tr>
            <tr><th scope="row">Gäller</th><td>\(header.personName), \(header.periodText)</td></tr>
            <tr><th scope="row">Inskickat av</th><td>\(submitted.receipt.submittedBy)</td></tr>
            <tr><th scope="row">Tidpunkt</th><td>\(Formatting.dateTime(submitted.receipt.submittedAt))</td></tr>
            </tbody></table>
            </div>
            <div class="no-print">
            <p><button type="button" class="secondary js-print" hidden>Skriv ut kvittot</button>
            <span class="js-print-hint">Skriv ut kvittot med webbläsarens utskrift (Ctrl+P).</span></p>
            <p><a href="/rapporter/ny?mall=\(description.id)">\(another)</a></p>
            <p><a href="/mina-sidor">Till Mina sidor</a></p>
            </div>
            <script src="\(FormScript.path)" defer></script>
            """
    }

    /// "Aktivitet 2" for a field in the second row of a group whose rows are called "Aktivitet".
    static func rowContext(_ path: String, description: TemplateDescription) -> String? {
        let segments = FieldPath.segments(path)
        var context: [String] = []
        var keys: [String] = []
        for segment in segments {
            switch segment {
            case .key(let key): keys.append(key)
            case .row(let row):
                let group = description.field(at: keys.joined(separator: "."))
                context.append("\(group?.rowLabel ?? "Rad") \(row)")
            }
        }
        // The row itself and fields directly in a row are both "in" the row.
        guard !context.isEmpty, case .key = segments.last else { return nil }
        return context.joined(separator: ", ")
    }
}
