import Foundation
import Hummingbird
import Redovisa

/// A report's form, drawn from its template: one page per step, the preview and the receipt.
/// Everything works without JavaScript; every change goes through ``Reporting`` (the template
/// checks each save and refuses a submission with problems).
///
/// | route | what |
/// |---|---|
/// | `GET /rapporter/{id}/steg/{n}` | step n: its fields with the answers so far; `?visa=fel` shows every problem of the step |
/// | `POST /rapporter/{id}/steg/{n}` | save the step (`atgard`: `spara`, `nasta`, `foregaende`, `lagg-till:PATH`, `ta-bort:PATH[i]`) |
/// | `POST /rapporter/{id}/steg/{n}/synlighet` | the paths shown for the answers in the form, as JSON (nothing is saved; for the script) |
/// | `GET /rapporter/{id}/forhandsgranska` | every answer with "Ändra", the problems, "Skicka in" |
/// | `POST /rapporter/{id}/skicka-in` | submit; a refusal shows the preview with every problem linked to its step |
/// | `GET /rapporter/{id}/kvitto` | the receipt, for printing |
public struct ReportFormController: Sendable {
    let database: AppDatabase
    let reporting: Reporting
    let descriptions: TemplateDescriptions
    let sessions: SessionStore
    /// The template's verdicts on reports as they stand, kept briefly (see ``CheckCache``).
    let checks: CheckCache
    /// Step pages as drawn, used again while they are current (see ``StepPageCache``).
    let pages = StepPageCache()

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/rapporter/:id/steg/:steg", use: showStep)
        router.post("/rapporter/:id/steg/:steg", use: saveStep)
        router.post("/rapporter/:id/steg/:steg/synlighet", use: visibility)
        router.get("/rapporter/:id/forhandsgranska", use: preview)
        router.post("/rapporter/:id/skicka-in", use: submit)
        router.get("/rapporter/:id/kvitto", use: receipt)
    }

    // MARK: Steps

    /// `GET /rapporter/{id}/steg/{n}`: a page kept from an earlier view when it is current
    /// (``StepPageCache``), else drawn (and kept).
    @Sendable func showStep(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let (id, number) = try stepParameters(context)
        let showAll = request.uri.queryParameters["visa"] == "fel"
        let key = actor.userId.map { StepPageCache.Key(userId: $0, reportId: id, step: number, showAll: showAll) }
        let kept = context.session?.flash == nil ? key.flatMap(pages.page(for:)) : nil
        let today = reporting.today
        let read = try await database.reportForPage(id: id, as: actor) { stamp in
            guard let kept, let key else { return false }
            return kept.isCurrent(
                stamp: stamp, actor: actor, checkSerial: checks.serial(of: id, stamp: stamp, userId: key.userId, today: today))
        }
        guard case .read(let report, let person, let stamp) = read else {
            return kept!.response(token: context.session?.csrfToken ?? "")
        }
        let (check, serial) = try verdict(report, actor, today: today)
        let checked = Checked(report: report, check: check, person: person)
        let description = try description(of: checked.report, actor)
        guard actor.mayEdit(checked.report, template: description) else { return Layout.redirect(to: "/rapporter/\(id)") }
        guard description.steps.indices.contains(number - 1) else { throw HTTPError(.notFound) }
        let shown = description.shownSteps(visible: Set(checked.check.visible))
        guard shown.contains(number) else { return Layout.redirect(to: "/rapporter/\(id)/steg/\(shown.first ?? 1)") }
        guard let key, let serial, let session = context.session, session.flash == nil, report.status != .returned else {
            return try stepPage(number, checked, description, actor: actor, context: context, showAll: showAll)
        }
        // Drawn with the marker as the CSRF token, kept, and answered with the session's own.
        var drawing = context
        drawing.session?.csrfToken = pages.marker
        let (title, main, status) = try stepPageParts(number, checked, description, actor: actor, context: drawing, showAll: showAll)
        let html = Layout.document(title: title, context: drawing, main: main)
        return pages.keep(
            html.text, status: status, for: key, stamp: stamp, actor: actor, checkSerial: serial, token: session.csrfToken)
    }

    /// `POST /rapporter/{id}/steg/{n}`: saves the step's answers, then does what the button says.
    @Sendable func saveStep(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let (id, number) = try stepParameters(context)
        let (report, description) = try editable(id, actor)
        guard description.steps.indices.contains(number - 1) else { throw HTTPError(.notFound) }
        guard let revision = context.form["revision"].flatMap({ Int($0) }) else {
            throw RedovisaError(.invalidInput, "Formuläret saknar rapportens version. Ladda om sidan och försök igen.", field: "revision")
        }
        var answers = FormAnswers(context.form).merged(into: report.answers, fields: description.steps[number - 1].fields)
        let action = FormAction(context.form["atgard"], description: description, step: number)
        var fragment = ""
        switch action {
        case .addRow(let group):
            let added = answers.addingRow(at: group)
            answers = added.answers
            fragment = "#" + FieldPath.elementId(FieldPath.row(group, added.row))
        case .removeRow(let row, let group):
            answers = answers.removingRow(at: row)
            fragment = "#" + FieldPath.elementId(group)
        default:
            break
        }
        let result = try reporting.save(id: id, answers: answers, expectedRevision: revision, as: actor)
        let saved = Checked(report: result.report, check: result.check)
        checks.store(saved.check, for: saved.report, actor: actor, today: reporting.today)
        let shown = description.shownSteps(visible: Set(saved.check.visible))
        let here = "/rapporter/\(id)/steg/\(number)"
        switch action {
        case .next:
            if saved.check.errors.contains(where: { description.step(of: $0.field) == number }) {
                return try stepPage(number, saved, description, actor: actor, context: context, showAll: true)
            }
            let next = shown.first { $0 > number }
            return Layout.redirect(to: next.map { "/rapporter/\(id)/steg/\($0)" } ?? "/rapporter/\(id)/forhandsgranska")
        case .previous:
            return Layout.redirect(to: "/rapporter/\(id)/steg/\(shown.last { $0 < number } ?? number)")
        case .save:
            await flash(context, "Utkastet är sparat.")
            return Layout.redirect(to: here)
        case .addRow, .removeRow:
            return Layout.redirect(to: here + fragment)
        }
    }

    /// What `POST …/synlighet` answers: the paths shown, and the steps shown.
    struct Visibility: Encodable {
        var visible: [String]
        var steps: [Int]
    }

    /// `POST /rapporter/{id}/steg/{n}/synlighet`: which fields the template shows for the
    /// answers in the form (the stored ones with this step's replaced); nothing is saved.
    @Sendable func visibility(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let (id, number) = try stepParameters(context)
        let (report, description) = try editable(id, actor)
        guard description.steps.indices.contains(number - 1) else { throw HTTPError(.notFound) }
        let answers = FormAnswers(context.form).merged(into: report.answers, fields: description.steps[number - 1].fields)
        let check = try reporting.check(
            template: report.templateId, version: report.templateVersion, answers: answers,
            context: TemplateContext(report: report, today: reporting.today).acting(actor), as: actor)
        let steps = description.shownSteps(visible: Set(check.visible))
        return try APIController.json(Visibility(visible: check.visible, steps: steps))
    }

    // MARK: Preview, submission, receipt

    /// `GET /rapporter/{id}/forhandsgranska`.
    @Sendable func preview(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let checked = try self.checked(id, actor)
        let description = try description(of: checked.report, actor)
        guard actor.mayEdit(checked.report, template: description) else {
            return Layout.redirect(to: checked.report.caseNumber == nil ? "/rapporter/\(id)" : "/rapporter/\(id)/kvitto")
        }
        return try previewPage(checked, description, problems: checked.check.errors, actor: actor, context: context)
    }

    /// `POST /rapporter/{id}/skicka-in`: submits; a refusal shows the preview with the problems.
    /// The report is read once, for the checks here and for the template's rules.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let revision = context.form["revision"].flatMap { Int($0) }
        var template: TemplateDescription?
        do throws(RedovisaError) {
            _ = try await reporting.submit(id: id, expectedRevision: revision, as: actor) { report throws(RedovisaError) in
                if report.caseNumber != nil, ReportStatus.awaitingReview.contains(report.status) || report.status == .approved {
                    // Already in (a second click, a reload): the same receipt, never a second case.
                    return false
                }
                let description = try description(of: report, actor)
                guard actor.mayEdit(report, template: description) else {
                    throw RedovisaError(.accessDenied, "Du kan inte skicka in den här rapporten.")
                }
                template = description
                return true
            }
            return Layout.redirect(to: "/rapporter/\(id)/kvitto")
        } catch {
            // The template's problems, or the window: shown on the preview. Anything else is an error page.
            guard let description = template,
                error.code == .invalidInput || (error.code == .invalidTransition && error.field == "period")
            else {
                throw error
            }
            let problems = error.problems.isEmpty ? [FieldProblem(field: "", message: error.message)] : error.problems
            let checked = try self.checked(id, actor)
            return try previewPage(
                checked, description, problems: problems, actor: actor, context: context, status: .unprocessableContent)
        }
    }

    /// `GET /rapporter/{id}/kvitto`.
    @Sendable func receipt(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let report = try database.report(id: id, as: actor)
        guard report.caseNumber != nil else { return Layout.redirect(to: "/rapporter/\(id)") }
        let submitted = try reporting.receipt(id: id, as: actor)
        let description = try description(of: submitted.report, actor)
        let header = try header(submitted.report, description, actor: actor, comment: false)
        return Layout.page(title: "Kvitto \(submitted.receipt.caseNumber)", context: context, main: ReportFormPages.receipt(submitted, header: header))
    }

    // MARK: Helpers

    /// The report with the person it is about and the template's verdict on it: kept from the
    /// save just made when there is one, else the template is asked.
    private func checked(_ id: Int64, _ actor: Actor) throws(RedovisaError) -> Checked {
        let (report, person) = try database.reportWithPerson(id: id, as: actor)
        return Checked(report: report, check: try verdict(report, actor), person: person)
    }

    /// The template's verdict on `report` as it stands.
    private func verdict(_ report: Report, _ actor: Actor) throws(RedovisaError) -> TemplateCheck {
        try verdict(report, actor, today: reporting.today).check
    }

    /// The template's verdict on `report` as it stands on `today`, with its serial number in
    /// ``CheckCache`` (nil when it cannot be kept).
    private func verdict(
        _ report: Report, _ actor: Actor, today: LocalDate
    ) throws(RedovisaError) -> (check: TemplateCheck, serial: UInt64?) {
        if let kept = checks.kept(for: report, actor: actor, today: today) { return kept }
        let check = try reporting.check(
            template: report.templateId, version: report.templateVersion, answers: report.answers,
            context: TemplateContext(report: report, today: today).acting(actor), as: actor)
        return (check, checks.store(check, for: report, actor: actor, today: today))
    }

    private func stepPage(
        _ number: Int, _ checked: Checked, _ description: TemplateDescription, actor: Actor,
        context: AppRequestContext, showAll: Bool
    ) throws -> Response {
        let (title, main, status) = try stepPageParts(number, checked, description, actor: actor, context: context, showAll: showAll)
        return Layout.page(title: title, context: context, main: main, status: status)
    }

    /// The title, content and status of step `number`'s page.
    private func stepPageParts(
        _ number: Int, _ checked: Checked, _ description: TemplateDescription, actor: Actor,
        context: AppRequestContext, showAll: Bool
    ) throws -> (title: String, main: HTML, status: HTTPResponse.Status) {
        let report = checked.report
        let inStep = checked.check.errors.filter { description.step(of: $0.field) == number }
        // Before the person asks to go on, only answers given are judged: an empty form is not
        // a page of errors.
        let shownProblems = showAll ? inStep : inStep.filter { report.answers.value(at: $0.field)?.isAnswered == true }
        let state = FieldState(answers: report.answers, check: checked.check) { problem in
            shownProblems.contains(problem)
        }
        let header = try header(report, description, actor: actor, comment: true, person: checked.person)
        let main = ReportFormPages.step(number, header: header, state: state, problems: shownProblems, context: context)
        return (
            "\(description.steps[number - 1].title) – \(description.title)", main,
            showAll && !shownProblems.isEmpty ? .unprocessableContent : .ok
        )
    }

    private func previewPage(
        _ checked: Checked, _ description: TemplateDescription, problems: [FieldProblem], actor: Actor,
        context: AppRequestContext, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        let rows = try reporting.preview(id: checked.report.id ?? 0, as: actor)
        let header = try header(checked.report, description, actor: actor, comment: true, person: checked.person)
        let main = ReportFormPages.preview(header: header, rows: rows, check: checked.check, problems: problems, context: context)
        return Layout.page(title: "Förhandsgranska – \(description.title)", context: context, main: main, status: status)
    }

    private func header(
        _ report: Report, _ description: TemplateDescription, actor: Actor, comment: Bool, person: PersonView? = nil
    ) throws -> FormHeader {
        let person = try person ?? database.people(ids: [report.personId], as: actor)[report.personId]
        var text: String?
        if comment, report.status == .returned, let id = report.id {
            text = try database.latestComments(reports: [id], as: actor)[id]?.comment
        }
        return FormHeader(report: report, description: description, personName: Formatting.name(person), comment: text)
    }

    private func description(of report: Report, _ actor: Actor) throws(RedovisaError) -> TemplateDescription {
        try descriptions.description(of: report.templateId, version: report.templateVersion, as: actor)
    }

    /// The report and its template, if the actor may edit it; otherwise the domain's refusal.
    private func editable(_ id: Int64, _ actor: Actor) throws(RedovisaError) -> (Report, TemplateDescription) {
        let report = try database.report(id: id, as: actor)
        let description = try description(of: report, actor)
        guard actor.mayEdit(report, template: description) else {
            if report.status != .draft && report.status != .returned {
                throw RedovisaError(.invalidTransition, "Rapporten är \(report.status.swedish) och kan inte ändras.")
            }
            throw RedovisaError(.accessDenied, "Du kan inte ändra den här rapporten.")
        }
        return (report, description)
    }

    private func stepParameters(_ context: AppRequestContext) throws -> (Int64, Int) {
        (try context.parameters.require("id", as: Int64.self), try context.parameters.require("steg", as: Int.self))
    }

    private func flash(_ context: AppRequestContext, _ message: String) async {
        if let session = context.session { await sessions.flash(session.id, message) }
    }
}

/// A report and the template's verdict on its answers.
struct Checked {
    var report: Report
    var check: TemplateCheck
    /// The person the report is about, when already read.
    var person: PersonView?
}

/// What a step form's button asks for (`atgard`).
enum FormAction: Equatable {
    case save, next, previous
    /// A new row in the group at this path.
    case addRow(String)
    /// Remove the row at the first path from the group at the second.
    case removeRow(String, String)

    /// The action sent; a row action for a path that is not a group of `step` is a plain save.
    init(_ value: String?, description: TemplateDescription, step: Int) {
        func isGroup(_ path: String) -> Bool {
            description.field(at: path)?.type == .group && description.step(of: path) == step
        }
        switch value ?? "spara" {
        case "nasta": self = .next
        case "foregaende": self = .previous
        case let text where text.hasPrefix("lagg-till:") && isGroup(String(text.dropFirst(10))):
            self = .addRow(String(text.dropFirst(10)))
        case let text where text.hasPrefix("ta-bort:"):
            let row = String(text.dropFirst(8))
            var segments = FieldPath.segments(row)
            guard case .row = segments.popLast() else { self = .save; return }
            let group = String(row[..<(row.lastIndex(of: "[") ?? row.endIndex)])
            self = isGroup(group) && !segments.isEmpty ? .removeRow(row, group) : .save
        default:
            self = .save
        }
    }
}
