import Foundation
import Hummingbird
import Redovisa

/// The API tokens page: every token with its user, name, when it was made and last used, and
/// whether it is revoked; a form to make one (its secret shown once, on the answer to the form)
/// and a button to revoke each. See ``BearerTokenMiddleware`` for how a token is used.
struct TokensController: Sendable {
    let database: AppDatabase

    /// Registers the routes on `router`.
    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/api-nycklar", use: list)
        router.post("/admin/api-nycklar", use: create)
        router.post("/admin/api-nycklar/:id/aterkalla", use: revoke)
    }

    /// `GET /admin/api-nycklar`: the tokens and the form.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireAdministrator()
        return Layout.page(title: "API-nycklar", context: context, main: try page(as: actor, context: context))
    }

    /// `POST /admin/api-nycklar`: makes a token for `anvandare` named `namn` and shows its secret
    /// once; a wrong field gets the form again with the error.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireAdministrator()
        let username = (context.form["anvandare"] ?? "").trimmingCharacters(in: .whitespaces)
        let name = context.form["namn"] ?? ""
        let attempt = Result { () throws(RedovisaError) in try database.createAPIToken(for: username, name: name, as: actor) }
        if case .failure(let error) = attempt, error.code == .invalidInput || error.code == .notFound {
            let errors = Layout.errorSummary([(error.field ?? "namn", error.message)])
            return Layout.page(
                title: "API-nycklar", context: context,
                main: errors + (try page(as: actor, context: context, username: username, name: name)), status: .unprocessableContent)
        }
        let created = try attempt.get()
        let shown: HTML = """
            <div class="notice" role="status"><h2>Ny API-nyckel: \(created.token.name)</h2>
            <p>Kopiera nyckeln nu. Den visas bara den här gången; Redovisa sparar den inte, bara ett kontrollvärde.</p>
            <p><label for="nyckel">Nyckel</label><input id="nyckel" readonly value="\(created.secret)" size="52"></p>
            <p>Använd den som <code>Authorization: Bearer …</code> mot <code>/api/v1</code>.</p></div>
            """
        return Layout.page(title: "API-nycklar", context: context, main: shown + (try page(as: actor, context: context)))
    }

    /// `POST /admin/api-nycklar/{id}/aterkalla`: revokes the token.
    @Sendable func revoke(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireAdministrator()
        try database.revokeAPIToken(id: try context.parameters.require("id", as: Int64.self), as: actor)
        return Layout.redirect(to: "/admin/api-nycklar")
    }

    private func page(as actor: Actor, context: AppRequestContext, username: String = "", name: String = "") throws -> HTML {
        let tokens = try database.apiTokens(as: actor)
        let rows = tokens.map { listing -> HTML in
            let t = listing.token
            let state: HTML = t.revokedAt.map { "Återkallad \(Formatting.dateTime($0))" } ?? """
                <form method="post" action="/admin/api-nycklar/\(t.id ?? 0)/aterkalla">\(Layout.csrfField(context))<button type="submit" class="secondary" aria-label="Återkalla nyckel \(t.id ?? 0): \(t.name)">Återkalla</button></form>
                """
            return """
                <tr><td>\(t.id ?? 0)</td><td>\(t.name)</td><td>\(listing.displayName) <span class="muted">(\(listing.username))</span></td>
                <td>\(Formatting.dateTime(t.createdAt))</td><td>\(t.lastUsedAt.map { Formatting.dateTime($0) } ?? "aldrig")</td><td>\(state)</td></tr>
                """
        }
        return """
            <h1>API-nycklar</h1>
            <p class="muted">En nyckel låter ett annat system använda API:t som en användare, med samma behörighet och samma granskningslogg. Den behöver ingen CSRF-token.</p>
            <h2>Skapa en nyckel</h2>
            <form method="post" action="/admin/api-nycklar">\(Layout.csrfField(context))
            <div><label for="anvandare">Användarnamn</label><input id="anvandare" name="anvandare" value="\(username)" required autocomplete="off"></div>
            <div><label for="namn">Vad nyckeln är till för</label><input id="namn" name="namn" value="\(name)" required maxlength="100"></div>
            <div><button type="submit">Skapa nyckel</button></div></form>
            <table><caption>Nycklar (\(tokens.count))</caption>
            <thead><tr><th scope="col">Id</th><th scope="col">Namn</th><th scope="col">Användare</th><th scope="col">Skapad</th><th scope="col">Senast använd</th><th scope="col">Status</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }
}
