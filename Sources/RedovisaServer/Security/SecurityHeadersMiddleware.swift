import HTTPTypes
import Hummingbird

/// Adds the security headers to every response, errors included:
///
/// - `Content-Security-Policy`: everything from this server only: no inline script or style (the
///   one script, `/static/redovisa.js`, is progressive enhancement: the pages work without it),
///   requests from it only to this server, forms post only here, no framing.
/// - `X-Content-Type-Options: nosniff`, `Referrer-Policy: no-referrer`, `X-Frame-Options: DENY`
///   (for browsers that predate `frame-ancestors`).
/// - `Cache-Control: no-store` on everything but the stylesheet and the script: pages hold
///   personal data and must not stay in a shared or back-button cache.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy every response carries.
    public static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    }

    /// The middleware.
    public init() {}

    /// Passes the request on and adds the headers to the response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        Self.apply(to: &response.headers, path: request.uri.path)
        return response
    }

    /// Sets the headers on `headers` (also used for responses made by the error middleware).
    static func apply(to headers: inout HTTPFields, path: String) {
        headers[.contentSecurityPolicy] = contentSecurityPolicy
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPField.Name("Referrer-Policy")!] = "no-referrer"
        headers[HTTPField.Name("X-Frame-Options")!] = "DENY"
        if path != Stylesheet.path && path != FormScript.path { headers[.cacheControl] = "no-store" }
    }
}
