import HTTPTypes
import Hummingbird

/// Refuses every POST, PUT, PATCH and DELETE that does not carry the session's CSRF token: a
/// form as its hidden field `csrf`, an API call as the `X-CSRF-Token` header. The token is bound
/// to the session (a synchronizer token), made new at login and logout, and compared in constant
/// time. A refused request gets 403 and changes nothing. An API request authenticated with a
/// bearer token (``BearerTokenMiddleware``) is not asked: a browser never sends one by itself.
///
/// The form body is read here (at most ``AppRequestContext/bodyLimit`` bytes, else 413) and handed
/// on in ``AppRequestContext/form``.
public struct CSRFMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// The hidden field of every form.
    public static let fieldName = "csrf"
    /// The header of API calls that change something.
    public static let headerName = HTTPField.Name("X-CSRF-Token")!

    /// The middleware.
    public init() {}

    /// Checks the token of a request that changes something, and passes it on.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard [.post, .put, .patch, .delete].contains(request.method), context.apiTokenId == nil else {
            return try await next(request, context)  // a bearer token is no ambient credential: no CSRF
        }
        var request = request
        var context = context
        let sent: String?
        if let header = request.headers[Self.headerName] {
            sent = header
        } else if request.headers[.contentType]?.hasPrefix("application/x-www-form-urlencoded") == true {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            context.form = FormData(String(buffer: body))
            sent = context.form[Self.fieldName]
        } else {
            sent = nil
        }
        guard let expected = context.session?.csrfToken, let sent, constantTimeEquals(sent, expected) else {
            throw CSRFRefusal()
        }
        return try await next(request, context)
    }
}

/// A request without the right CSRF token.
public struct CSRFRefusal: Error, Sendable {
    /// "Formuläret har gått ut …": what the person sees, with HTTP 403.
    public static let message = "Formuläret har gått ut eller kom inte från Redovisa. Ladda om sidan och försök igen."
}
