import Foundation
import Testing
import Redovisa
@testable import RedovisaServer

/// The administrator's templates-and-scripts page: versions and hashes beside what is published,
/// lint and tests with file, line and case, and publishing after the dry run of the drafts.
struct AdminScriptsTests {
    @Test("only administrators reach the tools: an officer gets 403 on every page and every action, nothing runs")
    func nonAdministratorsAreRefused() async throws {
        try await withAdminServer { browser, database in
            try await browser.login("handlaggare-norr")
            for path in ["/admin", "/admin/mallar-och-skript", "/admin/mallar/lss-kontaktperson/publicera", "/admin/paminnelser",
                         "/admin/utkorg", "/admin/api-nycklar"] {
                #expect(try await browser.get(path).status == .forbidden, "\(path)")
            }
            let before = try database.publishedTemplates()
            for (path, form) in [
                ("/admin/mallar-och-skript/kontroll", [("omfang", "alla")]),
                ("/admin/mallar/lss-kontaktperson/publicera", [("sha256", "x")]),
                ("/admin/paminnelser/torrkorning", [("datum", "2025-10-10"), ("tid", "08:00")]),
                ("/admin/utkorg/leverera", []), ("/admin/utkorg/1/forsok-igen", []),
                ("/admin/api-nycklar", [("anvandare", "handlaggare-norr"), ("namn", "x")]), ("/admin/api-nycklar/1/aterkalla", []),
            ] {
                #expect(try await browser.post(path, form: form).status == .forbidden, "\(path)")
            }
            #expect(try database.publishedTemplates() == before)
            #expect(try database.apiTokens(as: .system(via: "test")).isEmpty)
            // and without a login, the pages send to the login page
            try await browser.post("/logga-ut")
            #expect(try await browser.get("/admin/mallar-och-skript").location == "/logga-in")
        }
    }

    @Test("an action without the CSRF token is refused with 403 and changes nothing")
    func actionsNeedTheCSRFToken() async throws {
        try await withAdminServer { browser, database in
            try await browser.login("admin")
            let page = try await browser.post("/admin/api-nycklar", form: [("anvandare", "admin"), ("namn", "x")], withToken: false)
            #expect(page.status == .forbidden)
            #expect(try database.apiTokens(as: .system(via: "test")).isEmpty)
        }
    }

    @Test("the list shows each template's version, hash and whether the file is the published one")
    func inventory() async throws {
        let (templates, scripts) = try Project.copy()
        // Given one template changed without a new version, and one with a new version
        try Project.edit(templates + "/nacka-slutrapport.lua", replacing: "title = \"", with: "title = \"Ny: ")
        try Project.edit(templates + "/lss-kontaktperson.lua", replacing: "version = 1,", with: "version = 2,")
        try await withAdminServer(templates: templates, scripts: scripts) { browser, database in
            try await browser.login("admin")
            let page = try await browser.get("/admin/mallar-och-skript")
            #expect(page.status == .ok)
            let rows = page.tableRows
            func row(_ file: String) -> [String]? { rows.first { $0.first?.hasPrefix(file) == true } }
            let published = try #require(try database.publishedTemplate(id: "af-aktivitetsrapport"))
            let af = try #require(row("templates/af-aktivitetsrapport.lua"))
            #expect(af[1] == "\(published.version)" && af[3] == String(published.sha256.prefix(12)) && af[4] == "Publicerad, samma som filen")
            #expect(row("templates/nacka-slutrapport.lua")?[4] == "Ändrad utan ny version: höj version i filen")
            #expect(row("templates/lss-kontaktperson.lua")?[4] == "Ny version att publicera")
            #expect(page.links.contains("/admin/mallar/lss-kontaktperson/publicera"))
            #expect(!page.links.contains("/admin/mallar/af-aktivitetsrapport/publicera"))
            // and the scripts with their tests
            let granskning = try #require(row("scripts/reminders/granskning.lua"))
            #expect(granskning.last == "scripts/reminders/granskning_test.lua")
            #expect(row("scripts/reminders/granskning_test.lua") == nil, "tests are listed beside their script")
        }
    }

    @Test("lint and every test of the shipped files pass from the page, as of the day the scripts' tests are written for")
    func everythingPasses() async throws {
        try await withAdminServer { browser, _ in
            try await browser.login("admin")
            try await browser.get("/admin/mallar-och-skript")
            let page = try await browser.post("/admin/mallar-och-skript/kontroll", form: [("omfang", "alla"), ("datum", "2025-10-14")])
            #expect(page.status == .ok)
            let files = TemplateSource.names(in: Project.templates).count + TemplateTestRunner.files(in: Project.templates).count
                + ScriptTestRunner.files(in: Project.scripts).count
            #expect(page.body.contains("Alla \(files) godkända."), "\(page.tableRows.filter { $0.last != "ok" })")
            #expect(page.tableRows.dropFirst().count == files)
        }
    }

    @Test("a failing template test shows its file, line and failed case; a failing script test its file and line")
    func failuresNameFileLineAndCase() async throws {
        let (templates, scripts) = try Project.copy()
        try Project.edit(
            templates + "/lss-kontaktperson.lua", replacing: "label = \"Förnamn på personen du är kontaktperson för\"",
            with: "label = \"Förnamn\"")
        try Project.edit(scripts + "/examples/hello_test.lua", replacing: "return \"ok\"", with: "assert(1 == 2, \"ett med flit\")\nreturn \"ok\"")
        try await withAdminServer(templates: templates, scripts: scripts) { browser, _ in
            try await browser.login("admin")
            try await browser.get("/admin/mallar-och-skript")
            let template = try await browser.post("/admin/mallar-och-skript/kontroll", form: [("omfang", "mall:lss-kontaktperson")])
            let name = "step 1 and 2: every starred field is required"
            let line = try Project.line(of: "name = \"\(name)\"", in: templates + "/lss-kontaktperson_test.lua")
            let rows = template.tableRows.dropFirst()
            #expect(rows.contains(["Lint", "templates/lss-kontaktperson.lua", "–", "–", "ok"]))
            #expect(rows.contains { $0.first == "Malltest" && $0.last?.hasPrefix("1 of ") == true && $0.last?.hasSuffix(" cases failed:") == true })
            #expect(rows.contains([
                "Malltest", "templates/lss-kontaktperson_test.lua", "\(line)", name,
                "error on 'klient_fornamn': expected \"Fyll i: Förnamn på personen du är kontaktperson för\", got \"Fyll i: Förnamn\"",
            ]), "\(Array(rows))")
            #expect(template.body.contains("1 av 2 filer har fel."))

            try await browser.get("/admin/mallar-och-skript")
            let script = try await browser.post(
                "/admin/mallar-och-skript/kontroll", form: [("omfang", "skript:scripts/examples/hello_test.lua")])
            let assertLine = try Project.line(of: "ett med flit", in: scripts + "/examples/hello_test.lua")
            #expect(script.tableRows.dropFirst().map { Array($0.prefix(3)) } == [["Skripttest", "scripts/examples/hello_test.lua", "\(assertLine)"]])
            #expect(script.tableRows.last?.last == "ett med flit")
        }
    }

    @Test("an unknown scope or a wrong date is refused with the field named")
    func badChecksAreRefused() async throws {
        try await withAdminServer { browser, _ in
            try await browser.login("admin")
            try await browser.get("/admin/mallar-och-skript")
            #expect(try await browser.post("/admin/mallar-och-skript/kontroll", form: [("omfang", "skript:../etc/x_test.lua")]).status == .unprocessableContent)
            try await browser.get("/admin/mallar-och-skript")
            let page = try await browser.post("/admin/mallar-och-skript/kontroll", form: [("omfang", "alla"), ("datum", "14/10")])
            #expect(page.status == .unprocessableContent && page.body.contains("Datumet ska skrivas ÅÅÅÅ-MM-DD."))
        }
    }
}
