import Hummingbird
import Redovisa

/// "Mina sidor" for reporters and provider staff: "Ny rapport", reports not yet submitted (Ej
/// inskickade) with a link back into their form, returned reports with the officer's comment
/// and a link to complete them, and submitted and earlier reports with their status; each links
/// to the report page with its status history. Above them, the messages (unread ones counted,
/// a link to the inbox); below, for a participant who has been sent job suggestions
/// (förslag på jobb att söka, DOMAIN.md §1), the suggestions, read-only.
///
/// | route | what |
/// |---|---|
/// | `GET /mina-sidor` | the messages, the three lists, the job suggestions |
public struct MyPagesController: Sendable {
    let database: AppDatabase

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/mina-sidor", use: show)
    }

    /// `GET /mina-sidor`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let reports = try database.reports(AppDatabase.ReportQuery(limit: 500), as: actor)
        let people = try database.people(ids: reports.map(\.personId), as: actor)
        let returned = reports.filter { $0.status == .returned }
        let comments = try database.latestComments(reports: returned.compactMap(\.id), as: actor)
        let drafts = reports.filter { $0.status == .draft }
        let handedIn = reports.filter { [.submitted, .resubmitted, .approved, .withdrawn].contains($0.status) }
        let unread = try database.unreadMessageCount(as: actor)
        let suggestions = try actor.user?.personId.map { try database.jobSuggestions(person: $0, as: actor) } ?? []

        let returnedRows = returned.map { report -> HTML in
            let comment = comments[report.id ?? 0]?.comment ?? ""
            return """
                <tr><td><a href="/rapporter/\(report.id ?? 0)">\(report.caseNumber ?? "Rapport")</a></td>
                <td>\(Formatting.name(people[report.personId]))</td><td>\(Formatting.period(report.period))</td>
                <td><div class="comment">\(comment)</div></td>
                <td><a href="/rapporter/\(report.id ?? 0)/steg/1">Komplettera<span class="visually-hidden"> \(report.caseNumber ?? "rapporten")</span></a></td></tr>
                """
        }
        let main: HTML = """
            <h1>Mina sidor</h1>
            <p><a class="button" href="/rapporter/ny">Ny rapport</a></p>
            \(actor.has(.providerStaff) ? HTML("<p><a href=\"/bemanning\">Bemanning</a> · <a href=\"/incidenter\">Personuppgiftsincidenter</a></p>") : .empty)
            <h2 id="meddelanden">Meddelanden</h2>
            <p>\(unread == 0 ? "Du har inga olästa meddelanden." : unread == 1 ? "Du har 1 oläst meddelande." : "Du har \(unread) olästa meddelanden.") <a href="/meddelanden">Till meddelanden och aviseringar</a></p>
            <h2 id="ej-inskickade">Ej inskickade</h2>
            \(table(drafts, people: people, caption: "Rapporter du har påbörjat men inte skickat in", empty: "Du har inga påbörjade rapporter.", continueLabel: "Fortsätt"))
            <h2 id="aterskickade">Återskickade för komplettering</h2>
            \(returned.isEmpty ? HTML("<p>Inga rapporter behöver kompletteras.</p>") : """
            <table><caption>Rapporter som handläggaren vill att du kompletterar</caption>
            <thead><tr><th scope="col">Ärende</th><th scope="col">Gäller</th><th scope="col">Period</th><th scope="col">Handläggarens kommentar</th><th scope="col"><span class="visually-hidden">Åtgärd</span></th></tr></thead>
            <tbody>\(returnedRows)</tbody></table>
            """)
            <h2 id="inskickade">Inskickade och tidigare rapporter</h2>
            \(table(handedIn, people: people, caption: "Rapporter du har skickat in", empty: "Du har inte skickat in några rapporter ännu."))
            \(jobSuggestions(suggestions))
            """
        return Layout.page(title: "Mina sidor", context: context, main: main)
    }

    /// A list of reports; with `continueLabel`, each row links to its form as well.
    private func table(
        _ reports: [Report], people: [Int64: PersonView], caption: String, empty: String, continueLabel: String? = nil
    ) -> HTML {
        guard !reports.isEmpty else { return "<p>\(empty)</p>" }
        let rows = reports.map { report -> HTML in
            let name = report.caseNumber ?? "Utkast \(report.id ?? 0)"
            let action: HTML = continueLabel.map {
                "<td><a href=\"/rapporter/\(report.id ?? 0)/steg/1\">\($0)<span class=\"visually-hidden\"> med \(name)</span></a></td>"
            } ?? .empty
            return """
                <tr><td><a href="/rapporter/\(report.id ?? 0)">\(name)</a></td>
                <td>\(Formatting.name(people[report.personId]))</td><td>\(report.templateId)</td>
                <td>\(Formatting.period(report.period))</td><td>\(Formatting.badge(report.status))</td>
                <td>\(Formatting.dateTime(report.updatedAt))</td>\(action)</tr>
                """
        }
        let actionHeader: HTML = continueLabel == nil ? .empty : "<th scope=\"col\"><span class=\"visually-hidden\">Åtgärd</span></th>"
        return """
            <table><caption>\(caption)</caption>
            <thead><tr><th scope="col">Ärende</th><th scope="col">Gäller</th><th scope="col">Rapport</th><th scope="col">Period</th><th scope="col">Status</th><th scope="col">Senast ändrad</th>\(actionHeader)</tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    /// The job suggestions the participant has been sent, newest first; nothing without any.
    private func jobSuggestions(_ suggestions: [JobSuggestion]) -> HTML {
        guard !suggestions.isEmpty else { return .empty }
        let rows = suggestions.map { suggestion -> HTML in
            """
            <tr><td>\(suggestion.title)</td><td>\(suggestion.employer)</td>
            <td>\(suggestion.lastApplicationDay?.description ?? "–")</td><td>\(Formatting.dateTime(suggestion.sentAt))</td></tr>
            """
        }
        return """
            <h2 id="jobbforslag">Förslag på jobb att söka</h2>
            <p class="muted">Jobb som din handläggare på Arbetsförmedlingen har föreslagit. Ange i aktivitetsrapporten om du har sökt något av dem.</p>
            <table><caption>Förslag på jobb, senaste först</caption>
            <thead><tr><th scope="col">Yrke</th><th scope="col">Arbetsgivare</th><th scope="col">Sista ansökningsdag</th><th scope="col">Skickat</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }
}
