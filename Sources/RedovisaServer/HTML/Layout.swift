import Hummingbird
import Redovisa

/// The frame of every page: `lang="sv"`, a skip link to the main content, the site header with
/// the navigation for the user's roles and the logout button, the one stylesheet (a report form
/// and its receipt add the one script, as progressive enhancement).
public enum Layout {
    /// A whole page as a response.
    ///
    /// ```swift
    /// return Layout.page(title: "Mina sidor", context: context, main: "<h1>Mina sidor</h1>")
    /// ```
    public static func page(
        title: String, context: AppRequestContext, main: HTML, status: HTTPResponse.Status = .ok
    ) -> Response {
        let html = document(title: title, context: context, main: main)
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html.text)))
    }

    /// The page's markup.
    public static func document(title: String, context: AppRequestContext, main: HTML) -> HTML {
        let flash: HTML = context.session?.flash.map { "<div class=\"notice\" role=\"status\">\($0)</div>" } ?? .empty
        return """
            <!DOCTYPE html>
            <html lang="sv">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(title) – Redovisa</title>
            <link rel="stylesheet" href="\(Stylesheet.path)">
            </head>
            <body>
            <a class="skip" href="#innehall">Hoppa till innehållet</a>
            <header class="site"><div class="inner">
            <a class="brand" href="/">Redovisa</a>
            \(navigation(context))
            </div></header>
            <main id="innehall" tabindex="-1">
            \(flash)
            \(main)
            </main>
            <footer class="site"><div class="inner"><p>Redovisa – månadsrapporter för arbetsmarknads- och socialtjänstinsatser.</p></div></footer>
            </body>
            </html>
            """
    }

    /// The links the user's roles give, and who is logged in with a logout button.
    static func navigation(_ context: AppRequestContext) -> HTML {
        guard let actor = context.actor, let user = actor.user else { return .empty }
        var links: [(String, String)] = []
        if actor.has(.reporter) || actor.has(.providerStaff) { links.append(("/mina-sidor", "Mina sidor")) }
        if actor.has(.reporter) || actor.has(.providerStaff) || actor.has(.officer) { links.append(("/rapporter/ny", "Ny rapport")) }
        if actor.has(.officer) || actor.has(.administrator) {
            links.append(("/arbetsko", "Arbetskö"))
            links.append(("/oversikt", "Översikt"))
        }
        if actor.has(.administrator) { links.append(("/admin/granskningslogg", "Granskningslogg")) }
        links.append(("/meddelanden", "Meddelanden"))
        if actor.has(.officer) { links.append(("/sus", "SUS")) }
        if actor.has(.administrator) { links.append(("/admin", "Administration")) }
        let items = links.map { path, label -> HTML in "<li><a href=\"\(path)\">\(label)</a></li>" }
        return """
            <nav aria-label="Huvudmeny"><ul>\(items)</ul></nav>
            <div class="who"><span>Inloggad som \(user.displayName)</span>
            <form method="post" action="/logga-ut">\(csrfField(context))<button type="submit">Logga ut</button></form></div>
            """
    }

    /// The hidden CSRF field every form carries.
    public static func csrfField(_ context: AppRequestContext) -> HTML {
        "<input type=\"hidden\" name=\"\(CSRFMiddleware.fieldName)\" value=\"\(context.session?.csrfToken ?? "")\">"
    }

    /// An error summary at the top of a form, linking to each field: `[(fieldId, message)]`.
    public static func errorSummary(_ errors: [(field: String, message: String)]) -> HTML {
        guard !errors.isEmpty else { return .empty }
        let items = errors.map { error -> HTML in "<li><a href=\"#\(error.field)\">\(error.message)</a></li>" }
        return """
            <div class="error-summary" role="alert" aria-labelledby="fel-rubrik">
            <h2 id="fel-rubrik">Det finns fel att rätta</h2><ul>\(items)</ul></div>
            """
    }

    /// A redirect after a POST (303 See Other), so that reloading does not post again.
    public static func redirect(to path: String) -> Response {
        Response(status: .seeOther, headers: [.location: path])
    }
}
