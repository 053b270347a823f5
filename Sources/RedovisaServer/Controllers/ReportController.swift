import Foundation
import Hummingbird
import Redovisa

/// One report's page, and an officer's review of it.
///
/// | route | what |
/// |---|---|
/// | `GET /rapporter/{id}` | the report: who it is about, status, the answers, the status history; for an officer a report awaiting review has the review forms |
/// | `POST /rapporter/{id}/aterskicka` | return for completion with a comment (`kommentar`) |
/// | `POST /rapporter/{id}/godkann` | approve, with an optional comment |
///
/// Outside the actor's assignments the domain refuses with the SUS message (403) and audits it.
public struct ReportController: Sendable {
    let database: AppDatabase
    let sessions: SessionStore
    let renderer: any ReportAnswersRenderer

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/rapporter/:id", use: show)
        router.post("/rapporter/:id/aterskicka", use: returnReport)
        router.post("/rapporter/:id/godkann", use: approve)
    }

    /// `GET /rapporter/{id}`.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        return try page(id, actor: actor, context: context)
    }

    /// `POST /rapporter/{id}/aterskicka`: returns with the comment, or shows the page again with the error.
    @Sendable func returnReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let comment = context.form["kommentar"] ?? ""
        // A missing comment shows the page again with the error; anything else is an error page.
        if case .failure(let error) = Result(catching: { () throws(RedovisaError) in
            try database.returnForCompletion(id: id, comment: comment, as: actor)
        }) {
            guard error.code == .invalidInput else { throw error }
            return try page(id, actor: actor, context: context, errors: [("kommentar", error.message)], comment: comment)
        }
        return await done(id, context, "Rapporten är återskickad för komplettering.")
    }

    /// `POST /rapporter/{id}/godkann`.
    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let comment = context.form["godkann-kommentar"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        _ = try database.approve(id: id, comment: comment, as: actor)
        return await done(id, context, "Rapporten är godkänd.")
    }

    private func done(_ id: Int64, _ context: AppRequestContext, _ message: String) async -> Response {
        if let session = context.session { await sessions.flash(session.id, message) }
        return Layout.redirect(to: "/rapporter/\(id)")
    }

    private func page(
        _ id: Int64, actor: Actor, context: AppRequestContext, errors: [(field: String, message: String)] = [],
        comment: String = ""
    ) throws -> Response {
        let report = try database.report(id: id, as: actor)
        let history = try database.history(report: id, as: actor)
        let person = try database.people(ids: [report.personId], as: actor)[report.personId]
        let names = try database.userNames(ids: history.compactMap(\.byUserId))
        let title = report.caseNumber.map { "Rapport \($0)" } ?? "Rapport (ej inskickad)"
        let returned = report.status == .returned
            ? history.last(where: { $0.status == .returned }).map { change -> HTML in
                "<div class=\"comment\"><h2>Handläggarens kommentar</h2><p>\(change.comment)</p></div>"
            } ?? .empty
            : .empty
        let main: HTML = """
            <h1>\(title)</h1>
            \(Layout.errorSummary(errors))
            <table><caption>Uppgifter</caption><tbody>
            <tr><th scope="row">Gäller</th><td>\(Formatting.name(person))</td></tr>
            <tr><th scope="row">Rapport</th><td>\(report.templateId) (version \(report.templateVersion))</td></tr>
            <tr><th scope="row">Period</th><td>\(report.period.map { Formatting.period($0) } ?? report.eventDate?.description ?? "–")</td></tr>
            <tr><th scope="row">Status</th><td>\(Formatting.badge(report.status))</td></tr>
            <tr><th scope="row">Ärendenummer</th><td>\(report.caseNumber ?? "–")</td></tr>
            <tr><th scope="row">Inskickad</th><td>\(Formatting.dateTime(report.submittedAt))\(report.late ? " (efter sista dag)" : "")</td></tr>
            </tbody></table>
            \(returned)
            <p><a href="/rapporter/\(id)/meddelanden">\(actor.has(.officer) || actor.has(.administrator) ? "Meddelanden om ärendet" : "Skriv till handläggaren")</a></p>
            <h2>Svar</h2>
            \(renderer.answers(of: report, context: context))
            \(reviewForms(report, actor: actor, context: context, errors: errors, comment: comment))
            <h2>Händelser</h2>
            \(historyTable(history, names: names))
            """
        return Layout.page(
            title: title, context: context, main: main, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private func reviewForms(
        _ report: Report, actor: Actor, context: AppRequestContext, errors: [(field: String, message: String)], comment: String
    ) -> HTML {
        guard actor.has(.officer) || actor.has(.administrator), ReportStatus.awaitingReview.contains(report.status),
            let id = report.id
        else { return .empty }
        let error = errors.first { $0.field == "kommentar" }
        let errorText: HTML = error.map { "<p class=\"field-error\" id=\"kommentar-fel\">\($0.message)</p>" } ?? .empty
        let describedBy: HTML = error == nil ? "kommentar-hjalp" : "kommentar-hjalp kommentar-fel"
        return """
            <h2>Granska</h2>
            <div class="actions">
            <form method="post" action="/rapporter/\(id)/godkann">\(Layout.csrfField(context))
            <label for="godkann-kommentar">Kommentar (frivillig)</label>
            <textarea id="godkann-kommentar" name="godkann-kommentar"></textarea>
            <p><button type="submit">Godkänn</button></p>
            </form>
            <form method="post" action="/rapporter/\(id)/aterskicka">\(Layout.csrfField(context))
            <label for="kommentar">Vad behöver kompletteras?</label>
            <p class="muted" id="kommentar-hjalp">Kommentaren visas för den som skickade in rapporten.</p>
            \(errorText)
            <textarea id="kommentar" name="kommentar" aria-describedby="\(describedBy)"\(error == nil ? HTML.empty : HTML(unsafeRaw: " aria-invalid=\"true\""))>\(comment)</textarea>
            <p><button type="submit" class="secondary">Återskicka för komplettering</button></p>
            </form>
            </div>
            """
    }

    private func historyTable(_ history: [StatusChange], names: [Int64: String]) -> HTML {
        let rows = history.map { change -> HTML in
            let who = change.byUserId.flatMap { names[$0] } ?? change.onBehalfOf ?? "systemet"
            return "<tr><td>\(Formatting.dateTime(change.at))</td><td>\(Formatting.badge(change.status))</td><td>\(who)</td><td>\(change.comment ?? "")</td></tr>"
        }
        return """
            <table><caption>Statushistorik</caption>
            <thead><tr><th scope="col">Tid</th><th scope="col">Status</th><th scope="col">Av</th><th scope="col">Kommentar</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }
}
