import Foundation
import Hummingbird
import Redovisa

/// Starting a new report: choose whom it is about (one of the user's enrolments), then the
/// template, the period (or the event's date) and whether to copy last month's answers.
///
/// Whose enrolments: a reporter's own (where they are the reporter, or the participant); provider
/// staff's, of the providers they have an assignment in; an officer's, in their assignments —
/// officers start their own templates and register paper reports of templates that allow it
/// (`staff_may_register`). The templates offered are the published ones for the user's role,
/// those the enrolment's programme usually uses first (all with `alla=1`).
///
/// | route | what |
/// |---|---|
/// | `GET /rapporter/ny?mall=` | the enrolments to choose from |
/// | `GET /rapporter/ny?insats=ID&mall=&alla=1` | template, period, "Kopiera från förra månaden" |
/// | `POST /rapporter/ny` | start the draft (`insats`, `mall`, `period` or `datum`, `kopiera`) → its first step |
public struct NewReportController: Sendable {
    let database: AppDatabase
    let reporting: Reporting
    let descriptions: TemplateDescriptions

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/rapporter/ny", use: show)
        router.post("/rapporter/ny", use: start)
    }

    /// `GET /rapporter/ny`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = request.uri.queryParameters
        let template = query["mall"].map(String.init)
        if let text = query["insats"], let id = Int64(text) {
            var choice = NewReportChoice(enrolmentId: id, templateId: template)
            choice.allTemplates = query["alla"] == "1"
            return try form(choice, actor: actor, context: context)
        }
        let enrolments = try self.enrolments(for: actor)
        let people = try database.people(ids: enrolments.map(\.personId), as: actor)
        let programmes = try database.programmesById()
        let main = NewReportPages.chooseEnrolment(
            enrolments, people: people, programmes: programmes, template: template, officer: actor.has(.officer))
        return Layout.page(title: "Ny rapport", context: context, main: main)
    }

    /// `POST /rapporter/ny`: starts the draft and goes to its first step, or shows the form
    /// again with what to correct.
    @Sendable func start(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let form = context.form
        guard let enrolmentId = form["insats"].flatMap({ Int64($0) }) else {
            throw RedovisaError(.invalidInput, "Välj vem rapporten gäller.", field: "insats")
        }
        var choice = NewReportChoice(enrolmentId: enrolmentId, templateId: form["mall"])
        choice.allTemplates = form["alla"] == "1"
        choice.period = form["period"]
        choice.date = form["datum"]
        choice.copyPrevious = form["kopiera"] == "ja"
        let options = try self.options(for: choice, actor: actor)
        var problems: [ErrorSummary.Item] = []
        guard let template = options.templates.first(where: { $0.id == choice.templateId }) else {
            problems.append(.init(message: "Välj vilken rapport du vill skriva.", href: "#mall"))
            return try self.form(choice, actor: actor, context: context, problems: problems)
        }
        var period: Period?, date: LocalDate?
        if template.period == .month {
            period = choice.period.flatMap(Period.init)
            if period == nil { problems.append(.init(message: "Välj vilken månad rapporten gäller.", href: "#period")) }
        } else {
            date = choice.date.flatMap { LocalDate($0.trimmingCharacters(in: .whitespaces)) }
            if date == nil { problems.append(.init(message: "Skriv datumet som ÅÅÅÅ-MM-DD, till exempel 2025-10-03.", href: "#datum")) }
        }
        if let period, let existing = try database.reports(
            .init(period: period, templateId: template.id, enrolmentId: enrolmentId, limit: 5), as: actor
        ).first(where: { $0.status != .withdrawn }) {
            problems.append(.init(
                message: "Det finns redan en rapport för \(Formatting.period(period)). Öppna den i stället.",
                href: "/rapporter/\(existing.id ?? 0)"))
        }
        guard problems.isEmpty else { return try self.form(choice, actor: actor, context: context, problems: problems) }
        let draft = try reporting.startDraft(
            .init(
                template: template.id, period: period, eventDate: date, personId: options.enrolment.personId,
                enrolmentId: enrolmentId, copyPrevious: choice.copyPrevious && period != nil),
            as: actor)
        return Layout.redirect(to: "/rapporter/\(draft.id ?? 0)/steg/1")
    }

    // MARK: Helpers

    private func form(
        _ choice: NewReportChoice, actor: Actor, context: AppRequestContext, problems: [ErrorSummary.Item] = []
    ) throws -> Response {
        let options = try self.options(for: choice, actor: actor)
        var choice = choice
        if choice.templateId == nil || !options.templates.contains(where: { $0.id == choice.templateId }) {
            choice.templateId = options.templates.first?.id
        }
        let person = try database.people(ids: [options.enrolment.personId], as: actor)[options.enrolment.personId]
        let programme = try database.programmesById()[options.enrolment.programmeId]
        let main = NewReportPages.chooseTemplate(
            choice, options: options, personName: Formatting.name(person), programme: programme?.name ?? "–",
            problems: problems, context: context)
        return Layout.page(
            title: "Ny rapport", context: context, main: main, status: problems.isEmpty ? .ok : .unprocessableContent)
    }

    /// The enrolment (if the actor may see it and report for it) and what may be started for it.
    private func options(for choice: NewReportChoice, actor: Actor) throws -> NewReportOptions {
        let enrolment = try database.enrolment(id: choice.enrolmentId, as: actor)
        guard reportsFor(enrolment, actor) else {
            throw RedovisaError(.accessDenied, "Du rapporterar inte för den här personen.")
        }
        let startable = try descriptions.published(as: actor).filter { actor.mayStart($0) }
        let usual = try database.templates(programme: enrolment.programmeId)
        let usualHere = usual.compactMap { id in startable.first { $0.id == id } }
        let templates = choice.allTemplates || usualHere.isEmpty
            ? usualHere + startable.filter { !usual.contains($0.id) } : usualHere
        let today = reporting.today
        var defaults: [String: Period] = [:]
        for template in templates where template.period == .month {
            defaults[template.id] = defaultPeriod(template, today: today)
        }
        return NewReportOptions(
            enrolment: enrolment, templates: templates, limited: templates.count < startable.count,
            defaultPeriods: defaults, today: today)
    }

    /// The actor's enrolments to report for, active today or last month, in id order.
    func enrolments(for actor: Actor) throws -> [Enrolment] {
        let today = reporting.today
        var seen = Set<Int64>()
        var list: [Enrolment] = []
        for day in [today, today.period.previous.firstDay] {
            for enrolment in try database.activeEnrolments(on: day, as: actor)
            where reportsFor(enrolment, actor) && seen.insert(enrolment.id ?? 0).inserted {
                list.append(enrolment)
            }
        }
        return list.sorted { ($0.id ?? 0) < ($1.id ?? 0) }
    }

    /// Whether the actor reports for `enrolment`: its reporter or participant, staff of its
    /// provider, or an officer (whose access the domain has checked already).
    private func reportsFor(_ enrolment: Enrolment, _ actor: Actor) -> Bool {
        if actor.has(.officer) { return true }
        if actor.has(.reporter), enrolment.reporterId == actor.userId || enrolment.personId == actor.user?.personId {
            return true
        }
        if actor.has(.providerStaff), let provider = enrolment.providerId {
            return actor.assignments.contains { $0.organisationId == provider }
        }
        return false
    }

    /// The month a new report of `template` is most likely for: the month whose submission
    /// window is open today (last month for a window in the month after), else last month;
    /// the current month for a template without a window.
    func defaultPeriod(_ template: TemplateDescription, today: LocalDate) -> Period {
        guard template.hasWindow,
            let published = try? database.publishedTemplate(id: template.id, version: template.version)
        else { return today.period }
        let candidates = [today.period.previous, today.period]
        // A window that needs the domain (an enrolment's start) cannot be worked out here; then
        // the month before is the likely one.
        let open = try? TemplateCatalog.withSources([published.templateSource]) { session throws(RedovisaError) -> Period? in
            for candidate in candidates {
                let window = try session.window(
                    template.id, version: template.version, context: TemplateContext(today: today, period: candidate))
                if window?.position(of: today) == .open { return candidate }
            }
            return nil
        }
        return (open ?? nil) ?? today.period.previous
    }
}

/// What the person chose (or the form was given) so far.
struct NewReportChoice {
    var enrolmentId: Int64
    var templateId: String?
    var allTemplates = false
    var period: String?
    var date: String?
    var copyPrevious = false
}

/// What may be started for one enrolment.
struct NewReportOptions {
    var enrolment: Enrolment
    var templates: [TemplateDescription]
    /// Whether only the programme's usual templates are offered (others exist).
    var limited: Bool
    /// The month each monthly template's report is most likely for.
    var defaultPeriods: [String: Period]
    var today: LocalDate
}
