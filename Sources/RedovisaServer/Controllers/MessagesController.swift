import Foundation
import Hummingbird
import Redovisa

/// Messages with the case officer: the inbox (the conversations about the user's reports, and
/// the in-app notifications that reminders write), and one report's conversation with a reply
/// form. Access is the report's (the domain refuses with the SUS message outside the user's
/// assignments, audited); bodies about a protected identity are withheld as report answers are.
///
/// | route | what |
/// |---|---|
/// | `GET /meddelanden` | the conversations, latest first, with unread counts; the notifications |
/// | `GET /rapporter/{id}/meddelanden` | the report's conversation, oldest first, and the reply form |
/// | `POST /rapporter/{id}/meddelanden` | write a message (`meddelande`) |
public struct MessagesController: Sendable {
    let database: AppDatabase
    let sessions: SessionStore

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/meddelanden", use: inbox)
        router.get("/rapporter/:id/meddelanden", use: show)
        router.post("/rapporter/:id/meddelanden", use: write)
    }

    /// `GET /meddelanden`.
    @Sendable func inbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let conversations = try database.conversations(as: actor)
        let people = try database.people(ids: conversations.map(\.personId), as: actor)
        let notifications = try actor.userId.map { try database.inbox(user: $0, limit: 50) } ?? []
        if notifications.contains(where: { $0.readAt == nil }) { try database.markInboxRead(as: actor) }
        let rows = conversations.map { item -> HTML in
            let name = item.caseNumber.map { "Ärende \($0)" } ?? "Rapport \(item.reportId)"
            let unread: HTML = item.unread == 0 ? "0" : "<strong>\(item.unread)</strong>"
            return """
                <tr><td><a href="/rapporter/\(item.reportId)/meddelanden">\(name)</a></td>
                <td>\(Formatting.name(people[item.personId]))</td><td>\(item.templateId)</td>
                <td>\(item.messageCount)</td><td>\(unread)</td><td>\(Formatting.dateTime(item.lastMessageAt))</td></tr>
                """
        }
        let list: HTML = conversations.isEmpty
            ? "<p>Du har inga meddelanden ännu. Du kan skriva till handläggaren från sidan för en rapport.</p>"
            : """
            <table><caption>Samtal om rapporter</caption>
            <thead><tr><th scope="col">Ärende</th><th scope="col">Gäller</th><th scope="col">Rapport</th><th scope="col">Meddelanden</th><th scope="col">Olästa</th><th scope="col">Senaste</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        let notes = notifications.map { note -> HTML in
            let new: HTML = note.readAt == nil ? " <span class=\"status status-submitted\">Ny</span>" : .empty
            let link: HTML = note.link.flatMap { $0.hasPrefix("/") ? $0 : nil }.map { link -> HTML in "<p><a href=\"\(link)\">Öppna</a></p>" } ?? .empty
            return """
                <li><h3>\(note.subject)\(new)</h3><p class="muted">\(Formatting.dateTime(note.createdAt))</p>
                \(Self.paragraphs(note.body))\(link)</li>
                """
        }
        let noteList: HTML = notifications.isEmpty
            ? "<p>Du har inga aviseringar.</p>" : "<ul class=\"messages\">\(notes)</ul>"
        let main: HTML = """
            <h1>Meddelanden</h1>
            <h2 id="samtal">Samtal med handläggare</h2>
            \(list)
            <h2 id="aviseringar">Aviseringar</h2>
            <p class="muted">Påminnelser och andra meddelanden från Redovisa.</p>
            \(noteList)
            """
        return Layout.page(title: "Meddelanden", context: context, main: main)
    }

    /// `GET /rapporter/{id}/meddelanden`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        return try page(id, actor: actor, context: context)
    }

    /// `POST /rapporter/{id}/meddelanden`: sends, or shows the page again with the error.
    @Sendable func write(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let text = context.form["meddelande"] ?? ""
        if case .failure(let error) = Result(catching: { () throws(RedovisaError) in
            try database.writeMessage(report: id, body: text, as: actor)
        }) {
            guard error.code == .invalidInput else { throw error }
            return try page(id, actor: actor, context: context, error: error.message, draft: text)
        }
        if let session = context.session { await sessions.flash(session.id, "Meddelandet är skickat.") }
        return Layout.redirect(to: "/rapporter/\(id)/meddelanden")
    }

    private func page(
        _ id: Int64, actor: Actor, context: AppRequestContext, error: String? = nil, draft: String = ""
    ) throws -> Response {
        let (report, person) = try database.reportWithPerson(id: id, as: actor)
        let conversation = try database.conversation(report: id, as: actor)
        let officer = actor.has(.officer) || actor.has(.administrator)
        let name = report.caseNumber.map { "ärende \($0)" } ?? "rapporten"
        let title = "Meddelanden om \(name)"
        let summary: [(field: String, message: String)] = error.map { [(field: "meddelande", message: $0)] } ?? []
        let items = conversation.messages.map { message -> HTML in
            let body: HTML = message.body.map(Self.paragraphs)
                ?? "<p class=\"muted\">Meddelandet visas inte: ärendet gäller en person med skyddade personuppgifter.</p>"
            return """
                <li\(message.mine ? HTML(unsafeRaw: " class=\"mine\"") : .empty)><p class="meta"><strong>\(message.mine ? "Du" : message.authorName)</strong> \
                <span class="muted">\(Formatting.dateTime(message.sentAt))</span></p>\(body)</li>
                """
        }
        let list: HTML = items.isEmpty
            ? "<p>Inga meddelanden ännu.</p>"
            : "<ol class=\"messages\" aria-label=\"Meddelanden, äldst först\">\(items)</ol>"
        let errorText: HTML = error.map { "<p class=\"field-error\" id=\"meddelande-fel\">\($0)</p>" } ?? .empty
        let describedBy: HTML = error == nil ? "meddelande-hjalp" : "meddelande-hjalp meddelande-fel"
        let help: HTML = officer
            ? "Meddelandet visas för den som rapporterar och för handläggarna med uppdrag för ärendet."
            : "Meddelandet går till handläggarna för ärendet. Skriv inte personnummer i meddelandet."
        let main: HTML = """
            <h1>\(title)</h1>
            \(Layout.errorSummary(summary))
            <p>Gäller \(Formatting.name(person)), \(report.templateId), \(report.period.map { Formatting.period($0) } ?? report.eventDate?.description ?? "–"). \
            <a href="/rapporter/\(id)">Till rapporten</a></p>
            \(list)
            <h2 id="skriv">\(officer ? "Skriv till den som rapporterar" : "Skriv till handläggaren")</h2>
            <form method="post" action="/rapporter/\(id)/meddelanden">\(Layout.csrfField(context))
            <label for="meddelande">Meddelande</label>
            <p class="muted" id="meddelande-hjalp">\(help)</p>
            \(errorText)
            <textarea id="meddelande" name="meddelande" rows="6" maxlength="\(AppDatabase.messageMaximumLength)" aria-describedby="\(describedBy)"\(error == nil ? HTML.empty : HTML(unsafeRaw: " aria-invalid=\"true\""))>\(draft)</textarea>
            <p><button type="submit">Skicka</button></p>
            </form>
            """
        return Layout.page(title: title, context: context, main: main, status: error == nil ? .ok : .unprocessableContent)
    }

    /// Text as paragraphs, one per line (escaped).
    static func paragraphs(_ text: String) -> HTML {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map { line -> HTML in
            "<p>\(String(line).trimmingCharacters(in: .whitespaces))</p>"
        }
        return lines.joined()
    }
}
