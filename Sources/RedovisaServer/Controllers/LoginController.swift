import Foundation
import Hummingbird
import Logging
import Redovisa

/// Logging in and out: e-legitimation through the ``IdentityProvider`` (OpenID Connect), and in
/// demo mode a development login that lists the demo users. Every login endpoint is rate
/// limited per client address; a login gives the session a new id and CSRF token.
///
/// | route | what |
/// |---|---|
/// | `GET /logga-in` | the login page |
/// | `GET /logga-in/oidc` | redirect to the identity provider |
/// | `GET /logga-in/oidc/callback` | back from it: verify, find the user, log in |
/// | `POST /logga-in/demo` | the demo login (registered only with `--demo`) |
/// | `POST /logga-ut` | log out |
public struct LoginController: Sendable {
    let database: AppDatabase
    let sessions: SessionStore
    let cookies: SessionCookies
    let identity: (any IdentityProvider)?
    let demoLogin: Bool
    let limiter: LoginRateLimiter

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/logga-in", use: loginPage)
        router.get("/logga-in/oidc", use: startLogin)
        router.get("/logga-in/oidc/callback", use: callback)
        if demoLogin { router.post("/logga-in/demo", use: demoLoginPost) }
        router.post("/logga-ut", use: logout)
    }

    /// `GET /logga-in`: the ways to log in.
    @Sendable func loginPage(_ request: Request, context: AppRequestContext) async throws -> Response {
        if context.actor != nil { return Layout.redirect(to: "/") }
        var sections: [HTML] = []
        if let identity {
            sections.append("""
                <h2>E-legitimation</h2>
                <p>Logga in med BankID, Freja eID+ eller en annan e-legitimation.</p>
                <p><a class="button" href="/logga-in/oidc">\(identity.buttonLabel)</a></p>
                """)
        }
        if demoLogin {
            let logins = try DemoSeed.logins(in: database)
            let forms = logins.map { login -> HTML in
                """
                <li><form method="post" action="/logga-in/demo">\(Layout.csrfField(context))\
                <input type="hidden" name="anvandare" value="\(login.username)">\
                <button type="submit" class="secondary">\(login.displayName) <span class="muted">(\(login.username), \(Self.roleLabel(login.role)))</span></button>\
                </form></li>
                """
            }
            sections.append("""
                <h2>Demoinloggning</h2>
                <p class="notice">Servern körs i demoläge: välj vem du vill vara. Demoinloggningen finns aldrig utan <code>--demo</code>.</p>
                <ul class="logins">\(forms)</ul>
                """)
        }
        if sections.isEmpty {
            sections.append("<p class=\"notice\">Ingen inloggning är konfigurerad. Se docs/web.md.</p>")
        }
        return Layout.page(title: "Logga in", context: context, main: "<h1>Logga in</h1>\(sections)")
    }

    /// `GET /logga-in/oidc`: remembers a new pending login and redirects to the provider.
    @Sendable func startLogin(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let identity else { throw HTTPError(.notFound) }
        try await limit(context)
        guard var session = context.session else { throw LoginRefusal.mismatch }
        let (url, pending) = try await refusingIdentityErrors(context) { try await identity.startLogin() }
        session.pendingLogin = pending
        await sessions.save(session)
        return Response(status: .found, headers: [.location: url])
    }

    /// `GET /logga-in/oidc/callback`: verifies the login, finds the user and logs them in.
    @Sendable func callback(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let identity else { throw HTTPError(.notFound) }
        try await limit(context)
        guard var session = context.session, let pending = session.pendingLogin else { throw LoginRefusal.mismatch }
        session.pendingLogin = nil
        await sessions.save(session)
        let query = Dictionary(
            request.uri.queryParameters.map { (String($0.key), String($0.value)) }, uniquingKeysWith: { _, last in last })
        let who = try await refusingIdentityErrors(context) { try await identity.finishLogin(callback: query, pending: pending) }
        let actor: Actor
        do {
            if let text = who.personnummer, let personnummer = try? Personnummer(text) {
                actor = try database.actor(personnummer: personnummer, via: "web")
            } else if let username = who.username {
                actor = try database.actor(username: username, via: "web")
                try database.recordLogin(actor, method: "oidc")
            } else {
                throw RedovisaError(.notFound, "no personnummer or username claim")
            }
        } catch let error as RedovisaError where error.code == .notFound {
            throw LoginRefusal(status: .forbidden, code: "no_account", message: "Det finns inget konto för dig i Redovisa. Kontakta din handläggare.")
        }
        return await logIn(actor, method: "oidc", session: session)
    }

    /// `POST /logga-in/demo`: logs in as the demo user `anvandare`.
    @Sendable func demoLoginPost(_ request: Request, context: AppRequestContext) async throws -> Response {
        try await limit(context)
        guard let session = context.session, let username = context.form["anvandare"],
            try DemoSeed.logins(in: database).contains(where: { $0.username == username })
        else { throw LoginRefusal(status: .badRequest, code: "unknown_user", message: "Välj en av demoanvändarna.") }
        let actor = try database.actor(username: username, via: "web")
        try database.recordLogin(actor, method: "demo")
        return await logIn(actor, method: "demo", session: session)
    }

    /// `POST /logga-ut`: ends the session and starts a fresh anonymous one.
    @Sendable func logout(_ request: Request, context: AppRequestContext) async throws -> Response {
        if let session = context.session { await sessions.remove(session.id) }
        var fresh = await sessions.create()
        fresh.flash = "Du är utloggad."
        await sessions.save(fresh)
        var response = Layout.redirect(to: "/logga-in")
        response.setCookie(cookies.cookie(for: fresh))
        return response
    }

    /// A new session id for the logged-in user (against session fixation), and home.
    private func logIn(_ actor: Actor, method: String, session: Session) async -> Response {
        var renewed = await sessions.rotate(session)
        renewed.username = actor.user?.username
        renewed.loginMethod = method
        renewed.pendingLogin = nil
        await sessions.save(renewed)
        var response = Layout.redirect(to: "/")
        response.setCookie(cookies.cookie(for: renewed))
        return response
    }

    private func limit(_ context: AppRequestContext) async throws {
        if let wait = await limiter.attempt(context.clientAddress) {
            throw LoginRefusal(
                status: .tooManyRequests, code: "rate_limited",
                message: "För många inloggningsförsök. Vänta en minut och försök igen.", retryAfter: wait)
        }
    }

    private func refusingIdentityErrors<T>(_ context: AppRequestContext, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as IdentityError {
            context.logger.warning("login failed", metadata: ["reason": "\(error)"])
            let status: HTTPResponse.Status = error.kind == .unavailable || error.kind == .configuration ? .badGateway : .badRequest
            throw LoginRefusal(status: status, code: "login_\(error.kind.rawValue)", message: error.message)
        }
    }

    /// The role in Swedish, for the demo login buttons.
    static func roleLabel(_ role: Role) -> String {
        switch role {
        case .reporter: "rapportör"
        case .providerStaff: "anordnare"
        case .officer: "handläggare"
        case .administrator: "administratör"
        }
    }
}

/// A login that did not go through, with what the person sees.
public struct LoginRefusal: Error, Sendable {
    public var status: HTTPResponse.Status
    public var code: String
    public var message: String
    public var retryAfter: Int?

    /// The callback does not belong to a login this browser started.
    static let mismatch = LoginRefusal(
        status: .badRequest, code: "login_mismatch", message: IdentityError(.mismatch, "").message)
}
