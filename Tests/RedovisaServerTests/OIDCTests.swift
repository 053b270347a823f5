import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Redovisa
import Testing
@testable import RedovisaServer

@Suite("OpenID Connect login against an in-process fake issuer")
struct OIDCTests {
    /// Runs `body` with the fake issuer live on loopback and Redovisa's router configured for it.
    func withIssuer(
        _ body: @Sendable @escaping (FakeIssuer, Browser, AppDatabase, OIDCConfiguration) async throws -> Void
    ) async throws {
        let issuer = try FakeIssuer()
        let issuerApp = Application(router: issuer.router(), configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        try await issuerApp.test(.live) { issuerClient in
            let configuration = OIDCConfiguration(
                issuer: "http://127.0.0.1:\(issuerClient.port!)", clientId: FakeIssuer.clientId,
                clientSecret: FakeIssuer.clientSecret, redirectURI: FakeIssuer.redirectURI)
            try await withServer(configuration: ServerConfiguration(demoLogin: false, oidc: configuration)) { browser, database in
                try await body(issuer, browser, database, configuration)
            }
        }
    }

    /// The browser's trip: Redovisa → issuer's authorisation endpoint → back to Redovisa's callback.
    func login(_ browser: Browser) async throws -> Page {
        let start = try await browser.get("/logga-in/oidc")
        #expect(start.status == .found)
        let authorize = try #require(start.location)
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(redirectConfiguration: .disallow))
        let answer: HTTPClientResponse
        do {
            answer = try await client.execute(HTTPClientRequest(url: authorize), timeout: .seconds(10))
            try await client.shutdown()
        } catch {
            try await client.shutdown()
            throw error
        }
        let back = try #require(answer.headers.first(name: "Location"))
        let callback = try #require(URLComponents(string: back))
        return try await browser.get(callback.path + "?" + (callback.percentEncodedQuery ?? ""))
    }

    static func personnummer(of username: String, in database: AppDatabase) throws -> String {
        let user = try Demo.actor(username, in: database).user!
        return try database.person(id: user.personId!, as: .system(via: "test")).personnummer.replacingOccurrences(of: "-", with: "")
    }

    @Test("a reporter logs in with e-legitimation: PKCE, state and nonce check out and the personnummer finds their account")
    func login() async throws {
        try await withIssuer { issuer, browser, database, configuration in
            // Given the broker vouches for the demo participant's personnummer
            let number = try Self.personnummer(of: "deltagare", in: database)
            await issuer.set(mode: .honest, claims: [configuration.personnummerClaim: number, "sub": "abc"])
            // When they use the e-legitimation button
            let page = try await browser.get("/logga-in")
            #expect(page.body.contains("<a class=\"button\" href=\"/logga-in/oidc\">Logga in med e-legitimation</a>"))
            let start = try await browser.get("/logga-in/oidc")
            let url = try #require(start.location.flatMap(URLComponents.init(string:)))
            let query = Dictionary(uniqueKeysWithValues: (url.queryItems ?? []).map { ($0.name, $0.value ?? "") })
            #expect(query["code_challenge_method"] == "S256" && query["client_id"] == FakeIssuer.clientId)
            #expect(query["code_challenge"]?.count == 43 && query["state"]?.count == 43 && query["nonce"]?.count == 43)
            #expect(query["redirect_uri"] == FakeIssuer.redirectURI && query["scope"] == "openid profile")
            #expect(!start.location!.contains(number))
            let anonymous = browser.cookie
            let done = try await login(browser)
            // Then they are logged in as the participant, with a new session id
            #expect(done.status == .seeOther && done.location == "/")
            #expect(browser.cookie != anonymous)
            let mine = try await browser.get("/mina-sidor")
            #expect(mine.status == .ok)
            #expect(mine.body.contains("Inloggad som \(HTML.escape(try Demo.actor("deltagare", in: database).user!.displayName))"))
            #expect(await issuer.refusals.isEmpty)
            let lines = try database.auditLog(limit: 10, entity: "user", as: .system(via: "test"))
            #expect(lines.contains { $0.action == "login" && $0.actorId == (try? Demo.actor("deltagare", in: database).userId) })
        }
    }

    @Test("staff without a personnummer claim log in by username")
    func loginByUsername() async throws {
        try await withIssuer { issuer, browser, _, _ in
            await issuer.set(mode: .honest, claims: ["preferred_username": "handlaggare-syd"])
            let done = try await login(browser)
            #expect(done.location == "/")
            let home = try await browser.get("/")
            #expect(home.location == "/arbetsko")
        }
    }

    @Test("an id_token with the wrong nonce, a foreign signature, another audience or past expiry logs no one in")
    func forgedTokens() async throws {
        for mode in [FakeIssuer.Mode.wrongNonce, .foreignKey, .otherAudience, .expired] {
            try await withIssuer { issuer, browser, database, configuration in
                await issuer.set(mode: mode, claims: [configuration.personnummerClaim: try Self.personnummer(of: "deltagare", in: database)])
                let answer = try await login(browser)
                #expect(answer.status == .badRequest, "\(mode)")
                #expect(answer.body.contains("Inloggningen kunde inte verifieras."), "\(mode)")
                #expect(try await browser.get("/mina-sidor").location == "/logga-in", "\(mode)")
            }
        }
    }

    @Test("a callback with another state, or with no login started, is refused")
    func stateMismatch() async throws {
        try await withIssuer { _, browser, _, _ in
            try await browser.get("/logga-in/oidc")
            let forged = try await browser.get("/logga-in/oidc/callback?code=abc&state=\(randomToken())")
            #expect(forged.status == .badRequest)
            #expect(forged.body.contains("Inloggningen kunde inte slutföras"))
            // The started login was used up by the failed attempt: a replay is refused too
            let replay = try await browser.get("/logga-in/oidc/callback?code=abc&state=x")
            #expect(replay.status == .badRequest)
        }
    }

    @Test("a personnummer with no account in Redovisa gets 403 and a message to contact the officer")
    func unknownPerson() async throws {
        try await withIssuer { issuer, browser, _, configuration in
            await issuer.set(mode: .honest, claims: [configuration.personnummerClaim: "199001012389"])
            let answer = try await login(browser)
            #expect(answer.status == .forbidden)
            #expect(answer.body.contains("Det finns inget konto för dig i Redovisa."))
        }
    }

    @Test("the configuration comes from the environment: none, half, unsafe and complete")
    func configuration() throws {
        #expect(try OIDCConfiguration.fromEnvironment([:]) == nil)
        #expect(throws: IdentityError.self) {
            try OIDCConfiguration.fromEnvironment(["REDOVISA_OIDC_ISSUER": "https://idp.example"])
        }
        do {
            _ = try OIDCConfiguration.fromEnvironment(["REDOVISA_OIDC_ISSUER": "https://idp.example"])
        } catch {
            #expect(error.reason.contains("REDOVISA_OIDC_CLIENT_ID, REDOVISA_OIDC_CLIENT_SECRET, REDOVISA_OIDC_REDIRECT_URI"))
        }
        let complete = [
            "REDOVISA_OIDC_ISSUER": "https://idp.example", "REDOVISA_OIDC_CLIENT_ID": "c",
            "REDOVISA_OIDC_CLIENT_SECRET": "s", "REDOVISA_OIDC_REDIRECT_URI": "https://redovisa.example/logga-in/oidc/callback",
        ]
        #expect(try OIDCConfiguration.fromEnvironment(complete)?.issuer == "https://idp.example")
        var unsafe = complete
        unsafe["REDOVISA_OIDC_ISSUER"] = "http://idp.example"
        #expect(throws: IdentityError.self) { try OIDCConfiguration.fromEnvironment(unsafe) }
    }
}
