import Hummingbird
import NIOCore
import Redovisa

/// The one request context of Redovisa's router: the session (set by ``SessionMiddleware``), who
/// is acting (``Actor``, set once logged in) and where the request came from.
public struct AppRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The visitor's session; nil only for requests that do not get one (the API without a cookie).
    public var session: Session?
    /// Who is logged in, with their assignments, acting through `web`.
    public var actor: Actor?
    /// The fields of a form posted to a page (read and checked by ``CSRFMiddleware``).
    public var form = FormData("")
    /// The API token the request authenticated with (set by ``BearerTokenMiddleware``); such a
    /// request carries no cookie, so ``CSRFMiddleware`` does not ask it for a CSRF token.
    public var apiTokenId: Int64?
    /// The client's address without the port, for the login rate limit (never logged).
    public let clientAddress: String

    public init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.clientAddress = source.channel.remoteAddress?.ipAddress ?? "okänd"
    }

    /// Request bodies are forms and JSON of a report: 64 KiB is plenty and keeps a flood out.
    public var maxUploadSize: Int { Self.bodyLimit }

    /// The largest request body accepted, in bytes; a larger one gets 413.
    public static let bodyLimit = 64 * 1024

    /// The logged-in actor, or a redirect to the login page (pages) / 401 (API).
    public func requireActor() throws -> Actor {
        guard let actor else { throw HTTPError(.unauthorized, message: "Du behöver logga in.") }
        return actor
    }
}
