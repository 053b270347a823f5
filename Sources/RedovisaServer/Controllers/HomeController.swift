import Hummingbird
import Redovisa

/// The start page sends each person where their work is, and serves the stylesheet and script.
///
/// | route | what |
/// |---|---|
/// | `GET /` | to the login page, or by role: Mina sidor, the work queue, the audit log |
/// | `GET /static/redovisa.css` | the stylesheet (cached for an hour) |
/// | `GET /static/redovisa.js` | the script of the report forms (progressive enhancement; cached for an hour) |
public struct HomeController: Sendable {
    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/", use: home)
        router.get(RouterPath(Stylesheet.path), use: stylesheet)
        router.get(RouterPath(FormScript.path), use: script)
    }

    /// `GET /`: where the person's work is.
    @Sendable func home(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let actor = context.actor else { return Layout.redirect(to: "/logga-in") }
        if actor.has(.officer) { return Layout.redirect(to: "/arbetsko") }
        if actor.has(.reporter) || actor.has(.providerStaff) { return Layout.redirect(to: "/mina-sidor") }
        if actor.has(.administrator) { return Layout.redirect(to: "/admin/granskningslogg") }
        return Layout.page(title: "Redovisa", context: context, main: "<h1>Redovisa</h1><p>Ditt konto har ingen roll ännu.</p>")
    }

    /// `GET /static/redovisa.css`.
    @Sendable func stylesheet(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
    }

    /// `GET /static/redovisa.js`.
    @Sendable func script(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "public, max-age=3600"],
            body: .init(byteBuffer: ByteBuffer(string: FormScript.javascript)))
    }
}
