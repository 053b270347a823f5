import Hummingbird
import Redovisa

/// The officer's work queue, limited to their assignments (the domain's access filter): reports
/// to review, returned ones and approved ones, filtered by period, template and provider.
///
/// | route | what |
/// |---|---|
/// | `GET /arbetsko?vy=granska\|aterskickade\|godkanda&period=YYYY-MM&mall=ID&anordnare=ID` | the queue |
public struct QueueController: Sendable {
    let database: AppDatabase

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/arbetsko", use: show)
    }

    /// The queue's views: the query value, the tab's label, the statuses shown.
    static let views: [(key: String, label: String, statuses: [ReportStatus])] = [
        ("granska", "Att granska", ReportStatus.awaitingReview),
        ("aterskickade", "Återskickade", [.returned]),
        ("godkanda", "Godkända", [.approved]),
    ]

    /// `GET /arbetsko`: one view of the queue with the filters.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try OfficerAccess.require(actor)
        let filter = try QueueFilter(request, database: database)
        let view = Self.views.first { $0.key == request.uri.queryParameters["vy"].map(String.init) } ?? Self.views[0]
        let reports = try database.reports(
            AppDatabase.ReportQuery(
                period: filter.period, statuses: view.statuses, templateId: filter.templateId, providerId: filter.providerId,
                limit: 500),
            as: actor)
        let people = try database.people(ids: reports.map(\.personId), as: actor)
        let tabs = Self.views.map { tab -> HTML in
            let current: HTML = tab.key == view.key ? " aria-current=\"page\"" : ""
            return "<li><a href=\"/arbetsko?\(filter.query(extra: [("vy", tab.key)]))\"\(current)>\(tab.label)</a></li>"
        }
        let rows = reports.map { report -> HTML in
            """
            <tr><td><a href="/rapporter/\(report.id ?? 0)">\(report.caseNumber ?? "Rapport \(report.id ?? 0)")</a></td>
            <td>\(Formatting.name(people[report.personId]))</td><td>\(report.templateId)</td>
            <td>\(Formatting.period(report.period))</td><td>\(Formatting.dateTime(report.submittedAt))\(report.late ? " (sen)" : "")</td>
            <td>\(Formatting.badge(report.status))</td></tr>
            """
        }
        let list: HTML = reports.isEmpty
            ? "<p>Inga rapporter i den här vyn.</p>"
            : """
            <table><caption>\(view.label): \(reports.count) rapporter</caption>
            <thead><tr><th scope="col">Ärende</th><th scope="col">Gäller</th><th scope="col">Rapport</th><th scope="col">Period</th><th scope="col">Inskickad</th><th scope="col">Status</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        let main: HTML = """
            <h1>Arbetskö</h1>
            <p class="muted">Du ser rapporter för deltagare i de organisationer och kontor där du har uppdrag.</p>
            <p><a href="/arbetsko/forsenat">Försenat: frister som har passerat eller snart infaller</a></p>
            <nav aria-label="Vyer"><ul class="tabs">\(tabs)</ul></nav>
            \(filter.form(action: "/arbetsko", hidden: [("vy", view.key)]))
            \(list)
            """
        return Layout.page(title: "Arbetskö", context: context, main: main)
    }
}

/// Officers and administrators only; others get 403.
enum OfficerAccess {
    /// - Throws: ``RedovisaError/Code/accessDenied`` for anyone but officers and administrators.
    static func require(_ actor: Actor) throws {
        guard actor.has(.officer) || actor.has(.administrator) else {
            throw RedovisaError(.accessDenied, "Sidan är till för handläggare.")
        }
    }
}
