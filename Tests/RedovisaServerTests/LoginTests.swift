import Foundation
import Hummingbird
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("Login and sessions")
struct LoginTests {
    @Test("the login page lists every demo user with --demo, and logging in as one leads to their work")
    func demoLogin() async throws {
        try await withServer { browser, database in
            // Given the server in demo mode
            let logins = try DemoSeed.logins(in: database)
            // When a visitor opens the login page
            let page = try await browser.get("/logga-in")
            // Then every demo user is offered, in Swedish, with a labelled button
            #expect(page.status == .ok)
            #expect(page.body.contains("<html lang=\"sv\">"))
            for login in logins { #expect(page.body.contains(HTML.escape(login.displayName))) }
            // And choosing the officer logs in and goes to the work queue
            let anonymous = browser.cookie
            let answer = try await browser.post("/logga-in/demo", form: [("anvandare", "handlaggare-norr")])
            #expect(answer.status == .seeOther)
            #expect(browser.cookie != anonymous, "a login must give the session a new id")
            #expect(try await browser.get("/").location == "/arbetsko")
            let queue = try await browser.get("/arbetsko")
            #expect(queue.body.contains("Inloggad som \(HTML.escape(try Demo.actor("handlaggare-norr", in: database).user!.displayName))"))
        }
    }

    @Test("without --demo there is no demo login: the page offers none and the endpoint does not exist")
    func noDemoLoginWithoutDemo() async throws {
        let database = try Demo.database()
        let routes = { (demo: Bool) in
            buildRouter(ServerDependencies(database: database, configuration: ServerConfiguration(demoLogin: demo)))
                .routes.map { "\($0.method) \($0.path)" }
        }
        #expect(routes(true).contains("POST /logga-in/demo"))
        #expect(!routes(false).contains("POST /logga-in/demo"))
        try await withServer(database: database, configuration: ServerConfiguration(demoLogin: false)) { browser, _ in
            let page = try await browser.get("/logga-in")
            #expect(!page.body.contains("/logga-in/demo"))
            #expect(page.body.contains("Ingen inloggning är konfigurerad"))
            let answer = try await browser.post("/logga-in/demo", form: [("anvandare", "admin")])
            #expect(answer.status == .forbidden || answer.status == .notFound)
            #expect(try await browser.get("/mina-sidor").location == "/logga-in")
        }
    }

    @Test("a user who is not a demo login cannot use the demo login")
    func demoLoginOnlyForDemoUsers() async throws {
        try await withServer { browser, _ in
            try await browser.get("/logga-in")
            let answer = try await browser.post("/logga-in/demo", form: [("anvandare", "deltagare02")])
            #expect(answer.status == .badRequest)
            #expect(answer.body.contains("Välj en av demoanvändarna."))
        }
    }

    @Test("the session cookie is HttpOnly and SameSite=Lax, Secure with the __Host- prefix off loopback")
    func cookieFlags() async throws {
        try await withServer { browser, _ in
            try await browser.get("/logga-in")
            let cookie = try #require(browser.setCookies.first)
            #expect(cookie.hasPrefix("redovisa="))
            #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Secure"))
        }
        try await withServer(configuration: ServerConfiguration(host: "0.0.0.0", demoLogin: true)) { browser, _ in
            try await browser.get("/logga-in")
            let cookie = try #require(browser.setCookies.first)
            #expect(cookie.hasPrefix("__Host-redovisa="))
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"))
        }
    }

    @Test("logging out ends the session: the old cookie no longer opens Mina sidor")
    func logout() async throws {
        try await withServer { browser, _ in
            try await browser.login("deltagare")
            #expect(try await browser.get("/mina-sidor").status == .ok)
            let oldCookie = browser.cookie
            let answer = try await browser.post("/logga-ut")
            #expect(answer.location == "/logga-in")
            #expect(try await browser.get("/logga-in").body.contains("Du är utloggad."))
            browser.cookie = oldCookie
            #expect(try await browser.get("/mina-sidor").location == "/logga-in")
        }
    }

    @Test("the login is rate limited per client: the 11th attempt in a minute gets 429 with Retry-After")
    func rateLimit() async throws {
        try await withServer { browser, _ in
            try await browser.get("/logga-in")
            for _ in 0..<10 {
                #expect(try await browser.post("/logga-in/demo", form: [("anvandare", "okand")]).status == .badRequest)
            }
            let refused = try await browser.post("/logga-in/demo", form: [("anvandare", "admin")])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.body.contains("För många inloggningsförsök"))
            #expect(Int(refused.headers[.retryAfter] ?? "") ?? 0 > 0)
            #expect(try await browser.get("/").location == "/logga-in", "the refused attempt did not log in")
        }
    }

    @Test("the login is audited as the user")
    func loginAudited() async throws {
        try await withServer { browser, database in
            try await browser.login("kontaktperson")
            let user = try Demo.actor("kontaktperson", in: database).user!
            let entries = try database.auditLog(limit: 5, entity: "user", as: .system(via: "test"))
            #expect(entries.contains { $0.action == "login" && $0.actorId == user.id && $0.via == "web" && $0.detail == "demo" })
        }
    }
}
