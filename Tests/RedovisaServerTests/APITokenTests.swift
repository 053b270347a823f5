import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Testing
import Redovisa
@testable import RedovisaServer

/// API tokens: an administrator makes one for a user on the page (its secret shown once, kept as
/// a hash); `Authorization: Bearer …` then acts as that user on /api/v1 — same access, same
/// audit, no CSRF — until it is revoked, after which it gets 401.
struct APITokenTests {
    /// A call to the API with `secret` as bearer token and no cookie.
    func call(
        _ browser: Browser, _ method: HTTPRequest.Method, _ uri: String, secret: String, json: String? = nil
    ) async throws -> Page {
        try await browser.send(
            uri, method: method, headers: [.authorization: "Bearer \(secret)", .contentType: "application/json"],
            body: json.map { ByteBuffer(string: $0) })
    }

    /// Makes a token for `username` on the admin page; returns its secret.
    func create(_ browser: Browser, for username: String, name: String) async throws -> String {
        try await browser.get("/admin/api-nycklar")
        let page = try await browser.post("/admin/api-nycklar", form: [("anvandare", username), ("namn", name)])
        #expect(page.status == .ok)
        return try #require(page.matches(#"<input id="nyckel" readonly value="([^"]+)""#).first)
    }

    @Test("create on the page, use it as the user without CSRF, see it used and audited, revoke it: then 401")
    func tokenFlow() async throws {
        try await withAdminServer(database: try Demo.database(now: ReportFormTests.now)) { admin, database in
            // Given an administrator makes a token for the contact person
            try await admin.login("admin")
            let secret = try await create(admin, for: "kontaktperson", name: "Verksamhetssystemet")
            #expect(secret.hasPrefix("rdv_") && secret.count > 40)
            let listing = try #require(try database.apiTokens(as: .system(via: "test")).first)
            #expect(listing.token.name == "Verksamhetssystemet" && listing.username == "kontaktperson")
            #expect(listing.token.tokenHash == SHA256.hash(data: Data(secret.utf8)).map { String(format: "%02x", $0) }.joined())
            #expect(!(try await admin.get("/admin/api-nycklar")).body.contains(secret), "the secret is shown once")

            // When an integration calls the API with it (a browser of its own: no cookie)
            let me = try Demo.actor("kontaktperson", in: database)
            let integration = Browser(admin.client)
            let session = try await call(integration, .get, "/api/v1/session", secret: secret).json()
            #expect(session["username"] as? String == "kontaktperson" && session["csrfToken"] == nil)
            let listed = try await call(integration, .get, "/api/v1/reports?status=approved", secret: secret)
            #expect(listed.status == .ok)
            let ids = (try listed.json()["reports"] as? [[String: Any]] ?? []).compactMap { ($0["id"] as? NSNumber)?.int64Value }
            #expect(Set(ids) == Set(try database.reports(.init(statuses: [.approved], limit: 200), as: me).compactMap(\.id)))
            #expect(!ids.isEmpty)
            // a change needs no CSRF token
            let model = try #require(try database.reports(.init(statuses: [.approved], limit: 200), as: me).first { $0.templateId == "lss-kontaktperson" })
            let created = try await call(integration, .post, "/api/v1/reports", secret: secret, json: """
                {"templateId": "lss-kontaktperson", "period": "2025-11", "personId": \(model.personId), "enrolmentId": \(model.enrolmentId!)}
                """)
            #expect(created.status == .created)
            #expect(integration.cookie == nil, "a bearer call gets no session")

            // Then the audit log has the user acting through the token, and the list shows it used
            let tokenId = try #require(listing.token.id)
            let lines = try database.auditLog(limit: 30, as: .system(via: "test"))
            #expect(lines.contains { $0.actorId == me.userId && $0.via == "api-token:\(tokenId)" && $0.entity == "report" })
            let page = try await admin.get("/admin/api-nycklar")
            #expect(page.tableRows.dropFirst().first?[4] != "aldrig")

            // When the administrator revokes it, the next call is 401 with the JSON error
            try await admin.post("/admin/api-nycklar/\(tokenId)/aterkalla")
            let refused = try await call(integration, .get, "/api/v1/reports", secret: secret)
            #expect(refused.status == .unauthorized)
            #expect(refused.headers[.wwwAuthenticate]?.contains("error=\"invalid_token\"") == true)
            let error = try #require(try refused.json()["error"] as? [String: Any])
            #expect(error["code"] as? String == "invalid_token" && error["message"] as? String == BearerTokenMiddleware.refusal)
            #expect(try database.auditLog(limit: 30, entity: "apiToken", as: .system(via: "test")).map(\.action).prefix(1) == ["revoke"])
        }
    }

    @Test("an unknown token is 401 even with a valid session cookie beside it; a bearer header on a page is ignored")
    func unknownTokens() async throws {
        try await withAdminServer { browser, _ in
            try await browser.login("handlaggare-norr")
            for secret in ["rdv_finnsinte", "inte-en-nyckel", ""] {
                let answer = try await call(browser, .get, "/api/v1/reports", secret: secret)
                #expect(answer.status == .unauthorized, "\(secret)")
                #expect((try answer.json()["error"] as? [String: Any])?["code"] as? String == "invalid_token")
            }
            let fresh = Browser(browser.client)
            #expect(try await call(fresh, .get, "/mina-sidor", secret: "rdv_x").location == "/logga-in")
        }
    }

    @Test("a token acts with its user's access: outside the assignments it is 403, audited as the user")
    func sameAccessAsTheUser() async throws {
        try await withAdminServer { admin, database in
            try await admin.login("admin")
            let secret = try await create(admin, for: "handlaggare-norr", name: "Test")
            let north = try Demo.actor("handlaggare-norr", in: database), south = try Demo.actor("handlaggare-syd", in: database)
            let visible = Set(try database.reports(.init(limit: 1000), as: north).compactMap(\.id))
            let report = try #require(try database.reports(.init(limit: 1000), as: south).first { !visible.contains($0.id!) })
            let answer = try await call(Browser(admin.client), .get, "/api/v1/reports/\(report.id!)", secret: secret)
            #expect(answer.status == .forbidden)
            let lines = try database.auditLog(limit: 5, entity: "report", as: .system(via: "test"))
            #expect(lines.contains { $0.action == "denied" && $0.actorId == north.userId && $0.via.hasPrefix("api-token:") })
        }
    }

    @Test("a token for an unknown user or without a name is not made: the form says which field")
    func badTokenRequests() async throws {
        try await withAdminServer { admin, database in
            try await admin.login("admin")
            try await admin.get("/admin/api-nycklar")
            let unknown = try await admin.post("/admin/api-nycklar", form: [("anvandare", "finns-inte"), ("namn", "x")])
            #expect(unknown.status == .unprocessableContent && unknown.errorSummaryLinks == ["#anvandare"])
            let unnamed = try await admin.post("/admin/api-nycklar", form: [("anvandare", "admin"), ("namn", "  ")])
            #expect(unnamed.errorSummary == ["Ge nyckeln ett namn."])
            #expect(try database.apiTokens(as: .system(via: "test")).isEmpty)
        }
    }
}
