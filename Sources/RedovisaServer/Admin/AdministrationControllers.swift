import Foundation
import Hummingbird
import Redovisa

/// The administrator's tools (issue 6): the templates and scripts with their versions, lint and
/// tests, publishing, a reminder dry run, the outbox and the API tokens. Only administrators; every
/// form posts with the CSRF token; what shows or changes personal data is audited.
///
/// | route | what |
/// |---|---|
/// | `GET /admin` | the tools |
/// | `GET /admin/mallar-och-skript` | templates and scripts: versions, hashes, published or not |
/// | `POST /admin/mallar-och-skript/kontroll` | lint and tests (`omfang=alla`, `mall:NAME`, `skript:FILE`) |
/// | `GET /admin/mallar/{namn}/publicera` | what publishing would do: lint, test, the drafts that would fail |
/// | `POST /admin/mallar/{namn}/publicera` | publishes (the file must be the one planned) |
/// | `GET /admin/paminnelser` · `POST /admin/paminnelser/torrkorning` | a reminder dry run at a date and time |
/// | `GET /admin/utkorg?status=failed` | the outbox |
/// | `POST /admin/utkorg/leverera` · `POST /admin/utkorg/{id}/forsok-igen` | deliver now, retry one |
/// | `GET /admin/api-nycklar` · `POST /admin/api-nycklar` · `POST /admin/api-nycklar/{id}/aterkalla` | API tokens |
public struct AdministrationControllers: Sendable {
    let database: AppDatabase
    let sessions: SessionStore
    let administration: Administration

    /// The controllers over `dependencies`.
    public init(_ dependencies: ServerDependencies) {
        database = dependencies.database
        sessions = dependencies.sessions
        administration = dependencies.administration
    }

    /// Registers every route of the tools on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin", use: index)
        ScriptsController(database: database, sessions: sessions, administration: administration).addRoutes(to: router)
        RemindersController(database: database, sessions: sessions, administration: administration).addRoutes(to: router)
        TokensController(database: database).addRoutes(to: router)
    }

    /// `GET /admin`: the tools.
    @Sendable func index(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdministrator()
        let main: HTML = """
            <h1>Administration</h1>
            <ul class="tools">
            <li><a href="/admin/mallar-och-skript">Mallar och skript</a> – versioner, lint, tester och publicering</li>
            <li><a href="/admin/paminnelser">Påminnelser</a> – torrkörning vid ett datum och en tid</li>
            <li><a href="/admin/utkorg">Utkorgen</a> – status, försök och fel; leverera nu</li>
            <li><a href="/admin/api-nycklar">API-nycklar</a> – för integrationer</li>
            <li><a href="/admin/granskningslogg">Granskningslogg</a></li>
            </ul>
            """
        return Layout.page(title: "Administration", context: context, main: main)
    }
}

extension AppRequestContext {
    /// The logged-in administrator; 401 (a redirect to the login page) when no one is logged in,
    /// 403 for anyone else.
    /// - Throws: `HTTPError(.unauthorized)`, ``RedovisaError/Code/accessDenied``.
    func requireAdministrator() throws -> Actor {
        let actor = try requireActor()
        guard actor.has(.administrator) else {
            throw RedovisaError(.accessDenied, "Sidan är bara för administratörer.")
        }
        return actor
    }
}

extension SessionStore {
    /// Sets the one-time message of the request's session, when it has one.
    func flash(_ context: AppRequestContext, _ message: String) async {
        if let id = context.session?.id { flash(id, message) }
    }
}
