import Foundation
import HTTPTypes
import Hummingbird
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("CSRF, headers, body limits")
struct SecurityTests {
    @Test("a form without the CSRF token, or with another session's, is refused with 403 and changes nothing")
    func csrfRefusal() async throws {
        try await withServer { browser, database in
            // Given an officer looking at a report awaiting review
            try await browser.login("handlaggare-norr")
            let officer = try Demo.actor("handlaggare-norr", in: database)
            let report = try #require(try database.reports(.init(statuses: [.submitted], limit: 1), as: officer).first)
            try await browser.get("/rapporter/\(report.id!)")
            // When the approve form is posted without a token, and with a made-up one
            let without = try await browser.post("/rapporter/\(report.id!)/godkann", withToken: false)
            let forged = try await browser.post("/rapporter/\(report.id!)/godkann", csrf: randomToken())
            // Then both are refused and the report is still submitted
            for answer in [without, forged] {
                #expect(answer.status == .forbidden)
                #expect(answer.body.contains(HTML.escape(CSRFRefusal.message)))
            }
            #expect(try database.report(id: report.id!, as: officer).status == .submitted)
        }
    }

    @Test("the login form needs the token too: a cross-site login attempt is refused")
    func csrfOnLogin() async throws {
        try await withServer { browser, _ in
            let answer = try await browser.post("/logga-in/demo", form: [("anvandare", "admin")], withToken: false)
            #expect(answer.status == .forbidden)
            #expect(try await browser.get("/").location == "/logga-in")
        }
    }

    @Test("every response carries the security headers, error pages included")
    func securityHeaders() async throws {
        try await withServer { browser, _ in
            for uri in ["/logga-in", "/finns-inte", "/api/v1/reports"] {
                let page = try await browser.get(uri)
                let csp = page.headers[.contentSecurityPolicy] ?? ""
                #expect(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"), "\(uri)")
                // Script only from this server (the form enhancement), never inline, nothing else allowed
                #expect(csp.contains("script-src 'self'") && csp.contains("connect-src 'self'"), "\(uri)")
                #expect(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval") && !csp.contains("*"), "\(uri)")
                #expect(page.headers[.xContentTypeOptions] == "nosniff", "\(uri)")
                #expect(page.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer", "\(uri)")
                #expect(page.headers[.cacheControl] == "no-store", "\(uri)")
            }
            let missing = try await browser.get("/finns-inte")
            #expect(missing.status == .notFound)
            #expect(missing.body.contains("Sidan finns inte."))
        }
    }

    @Test("pages have no inline script and no inline style, so the policy blocks nothing they need")
    func noScriptNoInlineStyle() async throws {
        let database = try Demo.database(now: ReportFormTests.now)
        let draft = try ReportFormTests.novemberDraft(database)
        try await withServer(database: database) { browser, _ in
            try await browser.login("handlaggare-nacka")
            for uri in ["/arbetsko", "/oversikt", "/logga-in"] {
                let page = try await browser.get(uri)
                #expect(!page.body.contains("<script"), "\(uri)")
                #expect(!page.body.contains("style="), "\(uri)")
            }
            // A report form has the one external script, and nothing inline
            try await browser.post("/logga-ut")
            try await browser.login("kontaktperson")
            for uri in ["/rapporter/\(draft.id!)/steg/1", "/rapporter/\(draft.id!)/steg/2", "/rapporter/\(draft.id!)/forhandsgranska", "/rapporter/ny"] {
                let page = try await browser.get(uri)
                let scripts = page.matches(#"(<script[^>]*>)"#)
                #expect(scripts.allSatisfy { $0 == "<script src=\"\(FormScript.path)\" defer>" }, "\(uri)")
                #expect(!page.body.contains("style=") && !page.body.contains(" onclick") && !page.body.contains(" onchange"), "\(uri)")
            }
            let css = try await browser.get(Stylesheet.path)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.body.contains(":focus-visible"))
            #expect(css.body.contains("@media print"))
            let script = try await browser.get(FormScript.path)
            #expect(script.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(script.body.contains("data-synlighet"))
        }
    }

    @Test("a request body over 64 KiB gets 413 and does nothing")
    func bodyLimit() async throws {
        try await withServer { browser, _ in
            try await browser.get("/logga-in")
            let big = String(repeating: "x", count: AppRequestContext.bodyLimit + 1)
            let answer = try await browser.post("/logga-in/demo", form: [("anvandare", "admin"), ("fyll", big)])
            #expect(answer.status == .contentTooLarge)
            #expect(try await browser.get("/").location == "/logga-in")
        }
    }

    @Test("HTML escapes text in elements and attributes")
    func escaping() {
        let name = "<script>alert('x')</script> & \"Ö\""
        let html: HTML = "<p title=\"\(name)\">\(name)</p>"
        #expect(html.text == "<p title=\"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Ö&quot;\">&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Ö&quot;</p>")
    }
}
