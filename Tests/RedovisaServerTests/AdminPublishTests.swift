import Foundation
import Testing
import Redovisa
@testable import RedovisaServer

/// Publishing a template from the page: first what it would do (lint, its test, the open drafts
/// that would fail the new version), then publishing the file that was reviewed.
struct AdminPublishTests {
    @Test("the review lists the open drafts that would fail the new version, with their problems, and publishes nothing")
    func reviewListsFailingDrafts() async throws {
        // Given a version 2 with a new required field (its test, unchanged, now fails too)
        let (templates, scripts) = try Project.copy()
        let file = templates + "/lss-kontaktperson.lua"
        try Project.edit(file, replacing: "version = 1,", with: "version = 2,")
        try Project.edit(
            file, replacing: "      form.textarea { id = \"fortydligande\"",
            with: "      form.text { id = \"nytt_falt\", label = \"Nytt fält\", required = true },\n      form.textarea { id = \"fortydligande\"")
        try await withAdminServer(templates: templates, scripts: scripts) { browser, database in
            let admin = try Demo.actor("admin", in: database)
            let expected = try TemplatePublisher(database: database)
                .plan(try TemplateSource.file(named: "lss-kontaktperson", in: templates), as: admin)
            #expect(!expected.failing.isEmpty, "the demo has open lss-kontaktperson drafts")
            try await browser.login("admin")

            // When the administrator reviews it
            let review = try await browser.get("/admin/mallar/lss-kontaktperson/publicera")

            // Then every failing draft is listed with its problems, the failed test stops publishing
            #expect(review.status == .ok)
            #expect(review.body.contains("Öppna utkast på äldre versioner: \(expected.openReports.count)."))
            let rows = review.tableRows.dropFirst()
            for failing in expected.failing {
                for problem in failing.problems {
                    #expect(rows.contains(["\(failing.reportId)", "1", problem.field.isEmpty ? "–" : problem.field, problem.message]))
                }
            }
            #expect(rows.contains { $0[2] == "nytt_falt" && $0[3] == "Fyll i: Nytt fält" })
            #expect(rows.count == expected.failing.reduce(0) { $0 + $1.problems.count })
            #expect(review.body.contains("Testet misslyckades: rätta först"))
            #expect(!review.body.contains("Publicera version"))
            #expect(try database.publishedTemplate(id: "lss-kontaktperson")?.version == 1)
        }
    }

    @Test("publishing a reviewed version publishes it as the administrator, audited, and the list says so")
    func reviewThenPublish() async throws {
        let (templates, scripts) = try Project.copy()
        try Project.edit(templates + "/lss-kontaktperson.lua", replacing: "version = 1,", with: "version = 2,")
        try await withAdminServer(templates: templates, scripts: scripts) { browser, database in
            let admin = try Demo.actor("admin", in: database)
            let open = try database.openReports(template: "lss-kontaktperson", before: 2, as: admin).count
            try await browser.login("admin")
            let review = try await browser.get("/admin/mallar/lss-kontaktperson/publicera")
            #expect(review.body.contains("Lint: inga fel.") && review.body.contains("Testet: godkänt."))

            // When they publish
            let form = try HTMLForm(review, action: "/admin/mallar/lss-kontaktperson/publicera")
            let done = try await browser.submit(form)
            #expect(done.status == .seeOther && done.location == "/admin/mallar-och-skript")

            // Then version 2 is published by them, in the audit log, and the list says so
            let published = try #require(try database.publishedTemplate(id: "lss-kontaktperson"))
            #expect(published.version == 2 && published.publishedBy == admin.userId)
            let audit = try database.auditLog(limit: 20, entity: "template", as: .system(via: "test"))
            #expect(audit.contains { $0.action == "publish" && $0.actorId == admin.userId && $0.detail == "lss-kontaktperson version 2" })
            let list = try await browser.get("/admin/mallar-och-skript")
            #expect(list.flash == "lss-kontaktperson version 2 är publicerad. 0 öppna utkast flyttades till den, \(open) ligger kvar på sin version.")
            #expect(list.tableRows.first { $0.first?.hasPrefix("templates/lss-kontaktperson.lua") == true }?[4] == "Publicerad, samma som filen")
        }
    }

    @Test("a file changed after the review is not published: the administrator is asked to review again")
    func aFileChangedSinceTheReviewIsNotPublished() async throws {
        let (templates, scripts) = try Project.copy()
        try Project.edit(templates + "/lss-kontaktperson.lua", replacing: "version = 1,", with: "version = 2,")
        try await withAdminServer(templates: templates, scripts: scripts) { browser, database in
            try await browser.login("admin")
            let review = try await browser.get("/admin/mallar/lss-kontaktperson/publicera")
            let form = try HTMLForm(review, action: "/admin/mallar/lss-kontaktperson/publicera")
            try Project.edit(templates + "/lss-kontaktperson.lua", replacing: "title = \"", with: "title = \"Ändrad: ")
            let answer = try await browser.submit(form)
            #expect(answer.location == "/admin/mallar/lss-kontaktperson/publicera")
            #expect(try await browser.get(answer.location!).flash == "Filen lss-kontaktperson.lua har ändrats sedan du granskade den. Granska den igen.")
            #expect(try database.publishedTemplate(id: "lss-kontaktperson")?.version == 1)
        }
    }

    @Test("a lint finding stops publishing: the review names the file and line and offers no button, and a post publishes nothing")
    func lintStopsPublishing() async throws {
        let (templates, scripts) = try Project.copy()
        let file = templates + "/lss-kontaktperson.lua"
        try Project.edit(file, replacing: "version = 1,", with: "version = 2,")
        try Project.edit(
            file, replacing: "return answers.alla_tillfallen ~= NEJ end",
            with: "return answers.alla_tillfallen ~= NEJ and answers.finns_inte ~= 1 end")
        let line = try Project.line(of: "answers.finns_inte", in: file)
        try await withAdminServer(templates: templates, scripts: scripts) { browser, database in
            try await browser.login("admin")
            let review = try await browser.get("/admin/mallar/lss-kontaktperson/publicera")
            #expect(review.body.contains("<code>templates/lss-kontaktperson.lua:\(line)</code>: unknown field &#39;finns_inte&#39;"))
            #expect(!review.body.contains("Publicera version"))
            let answer = try await browser.post("/admin/mallar/lss-kontaktperson/publicera", form: [("sha256", "")])
            #expect(answer.location == "/admin/mallar/lss-kontaktperson/publicera")
            #expect(try database.publishedTemplate(id: "lss-kontaktperson")?.version == 1)
        }
    }

    @Test("a version lower than the published one cannot be published: the review says why")
    func aLowerVersionIsRefused() async throws {
        let (templates, scripts) = try Project.copy()
        try await withAdminServer(templates: templates, scripts: scripts) { browser, database in
            let source = try TemplateSource.file(named: "lss-kontaktperson", in: templates)
            try database.publishTemplate(
                id: "lss-kontaktperson", version: 3, title: "x", source: source.text.replacingOccurrences(of: "version = 1,", with: "version = 3,"),
                as: .system(via: "test"))
            try await browser.login("admin")
            let review = try await browser.get("/admin/mallar/lss-kontaktperson/publicera")
            #expect(review.body.contains("lss-kontaktperson version 3 is already published; a new version must be higher"))
            #expect(!review.body.contains("Publicera version"))
        }
    }
}
