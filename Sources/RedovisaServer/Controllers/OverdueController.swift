import Foundation
import Hummingbird
import Redovisa

/// "Försenat" for officers: what is overdue, or due within N days, for the enrolments of their
/// assignments — the deadline rules of `scripts/deadlines/` (the same query as
/// `redovisa deadlines`), run as the officer for each organisation they have an assignment in,
/// so they see only what their assignments give them (audited by the domain).
///
/// | route | what |
/// |---|---|
/// | `GET /arbetsko/forsenat?dagar=N` | the overdue deadlines and those due within N days (default 7) |
public struct OverdueController: Sendable {
    let database: AppDatabase
    let deadlines: DeadlineQuery

    /// The default and largest number of days ahead.
    static let defaultDays = 7, maximumDays = 60

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/arbetsko/forsenat", use: show)
    }

    /// `GET /arbetsko/forsenat`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try OfficerAccess.require(actor)
        let text = request.uri.queryParameters["dagar"].map(String.init) ?? ""
        let days = Int(text).map { min(max($0, 0), Self.maximumDays) } ?? Self.defaultDays
        let organisations = Array(Set(actor.assignments.map(\.organisationId))).sorted()
        var overdue: [DeadlineQuery.Deadline] = [], upcoming: [DeadlineQuery.Deadline] = []
        var seen = Set<String>()
        for organisation in organisations {
            let answer = try deadlines.due(organisation: organisation, within: days, as: actor)
            // An enrolment the officer sees as responsible and as provider is listed once.
            for deadline in answer.overdue where seen.insert(Self.key(deadline)).inserted { overdue.append(deadline) }
            for deadline in answer.upcoming where seen.insert(Self.key(deadline)).inserted { upcoming.append(deadline) }
        }
        overdue.sort { ($0.due, $0.enrolment ?? .max) < ($1.due, $1.enrolment ?? .max) }
        upcoming.sort { ($0.due, $0.enrolment ?? .max) < ($1.due, $1.enrolment ?? .max) }
        let people = try database.people(ids: (overdue + upcoming).compactMap(\.customer), as: actor)
        let span = days == 0 ? "i dag" : days == 1 ? "inom 1 dag" : "inom \(days) dagar"
        let choices = [0, 7, 14, 30].map { value -> HTML in
            let selected: HTML = value == days ? " selected" : ""
            return "<option value=\"\(value)\"\(selected)>\(value == 0 ? "Bara i dag" : "\(value) dagar")</option>"
        }
        let note: HTML = organisations.isEmpty
            ? "<p>Du har inga uppdrag, så det finns inga frister att visa.</p>" : .empty
        let main: HTML = """
            <h1>Försenat</h1>
            <p class="muted">Frister som har passerat, och frister som infaller \(span), för deltagare i de organisationer och kontor där du har uppdrag. Fristerna räknas av reglerna i scripts/deadlines/.</p>
            <p><a href="/arbetsko">Till arbetskön</a></p>
            <form method="get" action="/arbetsko/forsenat" class="filters">
            <label for="dagar">Visa även det som infaller inom</label>
            <select id="dagar" name="dagar">\(choices)</select>
            <button type="submit">Visa</button>
            </form>
            \(note)
            <h2 id="forsenat">Förfallna (\(overdue.count))</h2>
            \(table(overdue, people: people, caption: "Frister som har passerat", empty: "Inget är försenat."))
            <h2 id="snart">Förfaller \(span) (\(upcoming.count))</h2>
            \(table(upcoming, people: people, caption: "Frister som infaller \(span)", empty: "Inga frister infaller \(span)."))
            """
        return Layout.page(title: "Försenat", context: context, main: main)
    }

    /// What makes a deadline the same one when two organisations' queries both list it.
    static func key(_ deadline: DeadlineQuery.Deadline) -> String {
        "\(deadline.rule)|\(deadline.enrolment ?? 0)|\(deadline.incident ?? 0)|\(deadline.due)|\(deadline.title)"
    }

    /// Who acts, in words.
    static func who(_ code: String) -> String {
        switch code {
        case "deltagare": "Deltagaren"
        case "anordnare": "Anordnaren"
        case "handläggare": "Handläggaren"
        default: code
        }
    }

    private func table(
        _ deadlines: [DeadlineQuery.Deadline], people: [Int64: PersonView], caption: String, empty: String
    ) -> HTML {
        guard !deadlines.isEmpty else { return "<p>\(empty)</p>" }
        let rows = deadlines.map { deadline -> HTML in
            """
                <tr><td>\(deadline.due)</td><td>\(deadline.whenText)</td><td>\(deadline.title)</td><td>\(Self.who(deadline.who))</td>
                <td>\(deadline.customer.map { Formatting.name(people[$0]) } ?? "Organisationen")</td><td>\(deadline.programme ?? "–")</td><td>\(CaseEventsPages.action(deadline))</td></tr>
                """
        }
        return """
            <table><caption>\(caption)</caption>
            <thead><tr><th scope="col">Frist</th><th scope="col">När</th><th scope="col">Vad</th><th scope="col">Vem gör det</th><th scope="col">Gäller</th><th scope="col">Program</th><th scope="col"><span class="visually-hidden">Åtgärd</span></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }
}
