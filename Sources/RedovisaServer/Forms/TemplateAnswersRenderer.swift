import Redovisa

/// The report page's answers as its template shows them: the preview's rows (labels, option
/// texts, "1,5 timmar"), step by step; for a report the user may edit, the way into its form
/// ("Fortsätt fylla i" for a draft, "Komplettera" for a returned report); for a submitted one,
/// its receipt. When the template cannot be read (never published), the stored answers are
/// shown as they are (``ReadOnlyAnswers``).
public struct TemplateAnswersRenderer: ReportAnswersRenderer {
    let reporting: Reporting
    let descriptions: TemplateDescriptions

    public init(reporting: Reporting, descriptions: TemplateDescriptions) {
        self.reporting = reporting
        self.descriptions = descriptions
    }

    public func answers(of report: Report, context: AppRequestContext) -> HTML {
        guard let actor = context.actor, let id = report.id, report.answers != .null,
            let description = try? descriptions.description(of: report.templateId, version: report.templateVersion, as: actor),
            let rows = try? reporting.preview(id: id, as: actor)
        else { return ReadOnlyAnswers().answers(of: report, context: context) }
        var links: [HTML] = []
        if actor.mayEdit(report, template: description) {
            let label = report.status == .returned ? "Komplettera rapporten" : "Fortsätt fylla i rapporten"
            links.append("<a class=\"button\" href=\"/rapporter/\(id)/steg/1\">\(label)</a>")
        }
        if report.caseNumber != nil { links.append("<a href=\"/rapporter/\(id)/kvitto\">Visa kvittot</a>") }
        let actions: HTML = links.isEmpty ? .empty : "<p class=\"report-links\">\(links.joined())</p>"
        guard !rows.isEmpty else { return "\(actions)<p>Inga svar är sparade ännu.</p>" }
        let byStep = Dictionary(grouping: rows, by: \.step)
        let sections = byStep.keys.sorted().map { step -> HTML in
            let title = description.steps.indices.contains(step - 1) ? description.steps[step - 1].title : "Steg \(step)"
            let lines = (byStep[step] ?? []).map { row -> HTML in
                let label = ReportFormPages.rowContext(row.field, description: description).map { "\($0): \(row.label)" } ?? row.label
                return "<dt>\(label)</dt><dd>\(row.value)</dd>"
            }
            return "<h3>\(title)</h3><dl class=\"answers\">\(lines)</dl>"
        }
        return "\(actions)\(sections)"
    }
}
