import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Redovisa

/// Authenticates `/api/v1` requests that carry `Authorization: Bearer rdv_…` as the token's user
/// (``AppDatabase/actor(apiToken:)``): the same access rules and audit as that user's session,
/// with `via` naming the token. Such a request needs no CSRF token (``CSRFMiddleware`` skips it)
/// and ignores any session cookie sent with it.
///
/// An unknown, malformed or revoked token is refused at once with 401, the API's JSON error
/// (`invalid_token`) and `WWW-Authenticate: Bearer error="invalid_token"` (RFC 6750): it never
/// falls back to the cookie. The token is never logged.
public struct BearerTokenMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let database: AppDatabase

    /// The middleware over `database`'s tokens.
    public init(database: AppDatabase) { self.database = database }

    /// The message of a refused token.
    public static let refusal = "API-nyckeln är okänd eller återkallad."

    /// Sets the actor of a request with a bearer token, or refuses it; passes others on as they are.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.uri.path.hasPrefix(APIController.prefix + "/"), let header = request.headers[.authorization] else {
            return try await next(request, context)
        }
        guard header.lowercased().hasPrefix("bearer") else { return try await next(request, context) }
        let secret = header.dropFirst("bearer".count).trimmingCharacters(in: .whitespaces)
        guard let (actor, tokenId) = try database.actor(apiToken: secret) else {
            context.logger.notice("API request with an unknown or revoked bearer token refused")
            return Self.unauthorized()
        }
        var context = context
        context.actor = actor
        context.session = nil
        context.apiTokenId = tokenId
        return try await next(request, context)
    }

    /// 401 with the API's JSON error and the bearer challenge.
    static func unauthorized() -> Response {
        let body = #"{"error":{"code":"invalid_token","message":"\#(refusal)"}}"#
        return Response(
            status: .unauthorized,
            headers: [
                .contentType: "application/json; charset=utf-8",
                .wwwAuthenticate: #"Bearer realm="redovisa", error="invalid_token""#,
            ],
            body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
