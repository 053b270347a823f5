import Foundation
import Testing

/// The shipped templates, through the `redovisa template` tools as an administrator runs them
/// from the repository root: every template has a test beside it, every test passes, the linter
/// finds nothing, and the list shows them all.
struct TemplateCommandTests {
    static let repositoryRoot = ShippedLuaTests.repositoryRoot

    /// The names of the shipped templates: every `templates/*.lua` that is not a test.
    static var templateNames: [String] {
        let folder = repositoryRoot.appendingPathComponent("templates").path
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".lua") && !$0.hasSuffix("_test.lua") }.map { String($0.dropLast(4)) }.sorted()
    }

    @Test func theServicesOfTheSeedsHaveTemplates() {
        // Then the templates of DOMAIN.md's services are there
        let expected: Set = [
            "af-aktivitetsrapport", "lss-kontaktperson", "nacka-genomforandeplan", "nacka-manadsrapport", "nacka-slutrapport",
            "rom-avvikelserapport", "rom-gemensam-planering", "rom-periodisk-rapport", "rom-resultatrapport", "sus-aktiv-insats",
        ]
        #expect(expected.isSubset(of: Set(Self.templateNames)))
    }

    @Test(arguments: templateNames)
    func everyTemplateHasATestBesideIt(_ name: String) {
        let test = Self.repositoryRoot.appendingPathComponent("templates/\(name)_test.lua").path
        #expect(FileManager.default.fileExists(atPath: test), "templates/\(name).lua has no \(name)_test.lua")
    }

    @Test func everyTemplateTestPasses() throws {
        // When the administrator runs every template test
        let output = try CommandRunner.run(["template", "test"], in: Self.repositoryRoot)
        // Then each file says ok, and the run passes
        #expect(output.status == 0, "template test failed:\n\(output.standardOutput)\(output.standardError)")
        let lines = output.standardOutput.split(separator: "\n").map(String.init)
        for name in Self.templateNames {
            #expect(lines.contains("ok   templates/\(name)_test.lua"), "\(name): \(output.standardOutput)")
        }
        let count = Self.templateNames.count
        #expect(lines.last == "\(count) of \(count) passed")
    }

    @Test func theLinterFindsNothing() throws {
        // When the administrator lints every template
        let output = try CommandRunner.run(["template", "lint"], in: Self.repositoryRoot)
        // Then there is no finding
        #expect(output.status == 0, "lint found:\n\(output.standardOutput)\(output.standardError)")
        #expect(output.standardOutput == "\(Self.templateNames.count) templates: no findings\n")
    }

    @Test func theListShowsEveryTemplateWithItsVersionAndTitle() throws {
        let output = try CommandRunner.run(["template", "list"], in: Self.repositoryRoot)
        #expect(output.status == 0)
        let rows = output.standardOutput.split(separator: "\n").dropFirst()
            .map { $0.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true).map(String.init) }
        #expect(rows.map { $0[0] } == Self.templateNames)
        #expect(rows.allSatisfy { $0.count == 3 && $0[1] == "1" })
        #expect(output.standardOutput.contains("Aktivitetsrapport"))
    }

    @Test func aTemplateTestThatFailsFailsTheRun() throws {
        // Given a copy of a shipped template with a test that expects another message
        let source = try String(contentsOf: Self.repositoryRoot.appendingPathComponent("templates/af-aktivitetsrapport.lua"), encoding: .utf8)
        let test = """
            local t = form.load("af-aktivitetsrapport")
            return form.test(t, {
              { name = "wrong on purpose", today = "2025-10-03", period = "2025-09", answers = {},
                errors = { ar = "Fyll i: Årtal" } },
            })
            """
        let folder = try CommandRunner.folder(withScripts: [
            "templates/af-aktivitetsrapport.lua": source, "templates/af-aktivitetsrapport_test.lua": test,
        ])
        defer { try? FileManager.default.removeItem(at: folder) }
        // When it runs
        let output = try CommandRunner.run(["template", "test"], in: folder)
        // Then the run fails and names the case and both messages
        #expect(output.status == 1)
        #expect(output.standardOutput.contains("FAIL templates/af-aktivitetsrapport_test.lua"))
        #expect(output.standardOutput.contains(#"wrong on purpose: error on 'ar': expected "Fyll i: Årtal", got "Fyll i: År""#))
    }

    @Test func checkPrintsTheVerdictOfAShippedTemplate() throws {
        // Given a Nacka monthly report that is not marked ready, with a bare "Ej aktuellt"
        let answers = """
            {"ar": 2025, "manad": 9, "insats": "AMI1", "rubrik": "Månadsrapport, september", "kundmoten": 4,
             "progression": "Kunden har sökt tolv jobb.", "justeringar": "Ej aktuellt",
             "behov_annan_insats": {"ej_aktuellt": true, "motivering": "Inga nya behov."}}
            """
        let folder = try CommandRunner.folder(withScripts: ["answers.json": answers])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("answers.json").path
        // When it is checked for September
        let output = try CommandRunner.run(
            ["template", "check", "nacka-manadsrapport", path, "--as-of", "2025-10-03", "--period", "2025-09"], in: Self.repositoryRoot)
        // Then it is refused with the template's Swedish messages
        #expect(output.status == 1)
        #expect(output.standardOutput == """
            {
              "valid": false,
              "errors": [
                {"field": "rubrik", "message": "Klarmarkera rapporten: ändra rubriken till \\"Månadsrapport, september, KLAR\\"."},
                {"field": "justeringar", "message": "Motivera kort varför rubriken inte är aktuell."}
              ],
              "warnings": []
            }

            """)
    }
}
