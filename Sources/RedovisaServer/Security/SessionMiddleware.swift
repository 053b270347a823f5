import Foundation
import Hummingbird
import Redovisa

/// Finds the visitor's session from its cookie and who is logged in; gives a page visitor
/// without one a new anonymous session (so that the login form has a CSRF token).
///
/// The cookie holds only the opaque session id: `HttpOnly`, `SameSite=Lax`, `Path=/`, and
/// `Secure` (with the `__Host-` name prefix) unless the server listens on loopback only.
public struct SessionMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let sessions: SessionStore
    let database: AppDatabase
    let cookies: SessionCookies

    public init(sessions: SessionStore, database: AppDatabase, cookies: SessionCookies) {
        self.sessions = sessions
        self.database = database
        self.cookies = cookies
    }

    /// Loads the session and actor, passes the request on, and sets the cookie of a new session.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var created = false
        if let id = request.cookies[cookies.name]?.value, let session = await sessions.touch(id) {
            context.session = session
        } else if !request.uri.path.hasPrefix("/api/") && !request.uri.path.hasPrefix("/static/")
            && request.uri.path != HealthController.path
        {
            context.session = await sessions.create()
            created = true
        }
        if let username = context.session?.username {
            // A user removed from the register since login is simply logged out. The actor is
            // kept for up to a second between requests (AppDatabase.recentActor).
            context.actor = try? database.recentActor(username: username, via: "web")
        }
        var response = try await next(request, context)
        if let session = context.session, session.flash != nil, response.status == .ok {
            await sessions.clearFlash(session.id)  // shown once
        }
        if created, let session = context.session, response.headers[values: .setCookie].isEmpty {
            response.setCookie(cookies.cookie(for: session))
        }
        return response
    }
}

/// How the session cookie is named and flagged.
public struct SessionCookies: Sendable {
    /// `__Host-redovisa` when secure, `redovisa` on loopback (the prefix requires `Secure`).
    public let name: String
    public let secure: Bool

    public init(secure: Bool) {
        self.secure = secure
        self.name = secure ? "__Host-redovisa" : "redovisa"
    }

    /// The cookie that carries `session`'s id.
    public func cookie(for session: Session) -> Cookie {
        Cookie(name: name, value: session.id, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// A cookie that makes the browser forget the session.
    public func expired() -> Cookie {
        Cookie(name: name, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}
