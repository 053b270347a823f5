import Foundation
import GRDB
import Testing

@testable import Redovisa
@testable import RedovisaServer

/// A step page opened again is answered from the page drawn before (``StepPageCache``) — but
/// only while it is the page that would be drawn now, with the session's own CSRF token, and
/// every view audited as before.
@Suite("Step pages kept between views")
struct StepPageCacheTests {
    static let now = ReportFormTests.now

    /// The audit lines of `action` on `entity` with exactly `ids`, written through the web.
    static func auditCount(_ database: AppDatabase, _ action: String, _ entity: String, _ ids: [Int64]) throws -> Int {
        try database.read { db in
            try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM auditEntry WHERE via = 'web' AND action = ? AND entity = ? AND entityIds = ?",
                arguments: [action, entity, AuditEntry.idsText(ids)]) ?? 0
        }
    }

    /// A November draft of the demo contact person's, and the server with that person logged in
    /// twice (two sessions), for `body` with the draft's step 1.
    func withTwoSessions(
        _ body: @Sendable @escaping (_ browser: Browser, _ other: Browser, AppDatabase, Report, _ step: String) async throws -> Void
    ) async throws {
        let database = try Demo.database(now: Self.now)
        let draft = try ReportFormTests.novemberDraft(database)
        try await withServer(database: database) { browser, database in
            try await browser.login("kontaktperson")
            let other = Browser(browser.client)
            try await other.login("kontaktperson")
            try await body(browser, other, database, draft, "/rapporter/\(draft.id!)/steg/1")
        }
    }

    @Test("a page opened again is the same page with the session's own token, and every view writes its audit lines")
    func samePageOwnTokenAudited() async throws {
        try await withTwoSessions { browser, other, database, draft, step in
            let reads = try Self.auditCount(database, "read", "report", [draft.id!])
            let lists = try Self.auditCount(database, "list", "person", [draft.personId])
            // When the page is opened three times in one session and twice in another
            let first = try await browser.get(step)
            let again = try await browser.get(step)
            let third = try await browser.get(step)
            let elsewhere = try await other.get(step)
            let elsewhereAgain = try await other.get(step)
            // Then each session gets the same page, byte for byte, with its own token only
            #expect(first.status == .ok && again.status == .ok && elsewhere.status == .ok)
            #expect(again.body == first.body && third.body == first.body && elsewhereAgain.body == elsewhere.body)
            let mine = try #require(first.csrfToken), theirs = try #require(elsewhere.csrfToken)
            #expect(mine != theirs)
            #expect(Set(first.matches(#"name="csrf" value="([^"]*)""#)) == [mine])
            #expect(!elsewhere.body.contains(mine))
            #expect(elsewhere.body.replacingOccurrences(of: theirs, with: mine) == first.body)
            // And every one of the five views wrote its two audit lines
            #expect(try Self.auditCount(database, "read", "report", [draft.id!]) == reads + 5)
            #expect(try Self.auditCount(database, "list", "person", [draft.personId]) == lists + 5)
        }
    }

    @Test("a page kept in one session shows a save made in another at once")
    func saveElsewhereShowsAtOnce() async throws {
        try await withTwoSessions { browser, other, database, draft, step in
            // Given the page opened twice (so kept) in the first session
            _ = try await browser.get(step)
            let before = try await browser.get(step)
            #expect(before.fieldIsShown("anledning") == false)
            #expect(!before.body.contains("Sjuk en vecka."))
            // When the other session saves the step with a reason
            var form = try HTMLForm(try await other.get(step), action: step)
            form.set("alla_tillfallen", "nej_nagra")
            form.set("anledning", "Sjuk en vecka.")
            #expect(try await other.submit(form, button: "spara").location == step)
            // Then the first session's next view has the answer, the reason shown and the new revision
            let after = try await browser.get(step)
            #expect(after.fieldIsShown("anledning") == true)
            #expect(after.body.contains(">Sjuk en vecka.</textarea>"))
            let revision = try database.report(id: draft.id!, as: try Demo.actor("kontaktperson", in: database)).revision
            #expect(try HTMLForm(after, action: step)["revision"] == String(revision))
            #expect(revision == draft.revision + 1)
        }
    }

    @Test("a person given a protected identity is masked on the next view of a kept page")
    func protectedIdentityMaskedAtOnce() async throws {
        let database = try Demo.database(now: Self.now)
        let draft = try ReportFormTests.novemberDraft(database)
        let person = try database.person(id: draft.personId, as: .system(via: "test"))
        let name = "\(person.firstName) \(person.lastName)"
        try await withServer(database: database) { browser, database in
            try await browser.login("kontaktperson")
            let step = "/rapporter/\(draft.id!)/steg/1"
            _ = try await browser.get(step)
            let before = try await browser.get(step)
            #expect(before.body.contains("<p class=\"muted\">Rapporten gäller \(HTML.escape(name)), november 2025.</p>"))
            // When the person is given a protected identity in the register
            try database.write { db in
                try db.execute(
                    sql: "UPDATE person SET protection = ? WHERE id = ?",
                    arguments: [ProtectedIdentity.protectedRegistration.rawValue, draft.personId])
            }
            // Then the next view names no one
            let after = try await browser.get(step)
            #expect(after.status == .ok)
            #expect(after.body.contains("<p class=\"muted\">Rapporten gäller \(PersonView.maskedName), november 2025.</p>"))
            #expect(!after.body.contains(HTML.escape(person.lastName)))
        }
    }

    @Test("a kept page is refused once the viewer's assignment is revoked, and the refusal is audited")
    func revokedAssignmentRefuses() async throws {
        let database = try Demo.database(now: Self.now)
        let system = Actor.system(via: "test")
        let enrolment = try CaseEventsTests.enrolment(in: database)
        let provider = try #require(try database.organisation(code: "lev-nastasteg"))
        // Given a periodic report written by a colleague at the same provider
        let colleague = try database.add(User(username: "anordnare-kollega", displayName: "Kim Kollega", roles: [.providerStaff]), as: system)
        _ = try database.add(Assignment(userId: colleague.id!, organisationId: provider.id!), as: system)
        let version = try #require(try database.publishedTemplates().filter { $0.templateId == "rom-periodisk-rapport" }.map(\.version).max())
        let personId = try database.enrolment(id: enrolment, as: system).personId
        let report = try database.createDraft(
            .init(templateId: "rom-periodisk-rapport", templateVersion: version, period: Period("2025-11"), personId: personId,
                  enrolmentId: enrolment),
            as: try database.actor(username: "anordnare-kollega", via: "test"))
        try await withServer(database: database) { browser, database in
            try await browser.login("anordnare")
            let me = try Demo.actor("anordnare", in: database)
            let step = "/rapporter/\(report.id!)/steg/1"
            // And the page opened twice by `anordnare`, through the assignment to the provider
            #expect(try await browser.get(step).status == .ok)
            #expect(try await browser.get(step).status == .ok)
            let denied = try Self.auditCount(database, "denied", "report", [report.id!])
            // When the assignment is revoked
            try database.write { db in
                try db.execute(sql: "DELETE FROM assignment WHERE userId = ? AND organisationId = ?", arguments: [me.userId, provider.id])
            }
            // Then the next view is refused with the SUS message, and the refusal is audited
            let after = try await browser.get(step)
            #expect(after.status == .forbidden)
            #expect(after.body.contains(HTML.escape(RedovisaError.noAssignment.message)))
            #expect(!after.body.contains("Genomförda aktiviteter"))
            #expect(try Self.auditCount(database, "denied", "report", [report.id!]) == denied + 1)
        }
    }
}
