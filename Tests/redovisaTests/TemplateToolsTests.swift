import Foundation
import Testing

/// `redovisa template list / check / publish` as an administrator uses them, in a project of
/// their own (a folder with templates/).
struct TemplateToolsTests {
    static let template = """
        return form.template { id = "mentor-manad", version = VERSION, title = "Månadsrapport för mentorer",
          role = "reporter", about = "enrolment", period = "month", window = { opens_day = 1, closes_day = 7 },
          steps = { form.step { title = "Rapportering",
            form.integer { id = "moten", label = "Antal möten", required = true, min = 0, max = 31 },
            form.textarea { id = "kommentar", label = "Kommentar",
              warning = function(value) if #value < 10 then return "Skriv gärna lite mer." end end } } } }
        """

    func project(version: Int = 1, files: [String: String] = [:]) throws -> URL {
        var all = files
        all["templates/mentor-manad.lua"] = Self.template.replacingOccurrences(of: "VERSION", with: String(version))
        return try CommandRunner.folder(withScripts: all)
    }

    @Test func listShowsIdVersionAndTitle() throws {
        let output = try CommandRunner.run(["template", "list"], in: try project(version: 3))
        #expect(output.status == 0)
        #expect(output.standardOutput == """
            id            version  title
            mentor-manad  3        Månadsrapport för mentorer

            """)
    }

    @Test func checkPrintsTheVerdictAndExitsByIt() throws {
        let folder = try project(files: [
            "good.json": #"{"moten": 4, "kommentar": "Bra"}"#, "bad.json": #"{"moten": "fyra"}"#,
            "broken.json": #"{"moten": 4"#, "list.json": "[1]",
        ])
        // A valid report: exit 0, with the warning
        let good = try CommandRunner.run(["template", "check", "mentor-manad", "good.json", "--as-of", "2025-10-03"], in: folder)
        #expect(good.status == 0)
        #expect(good.standardOutput == """
            {
              "valid": true,
              "errors": [],
              "warnings": [
                {"field": "kommentar", "message": "Skriv gärna lite mer."}
              ]
            }

            """)
        // An invalid one: exit 1, with the error by field
        let bad = try CommandRunner.run(["template", "check", "mentor-manad", "bad.json"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.standardOutput.contains(#"{"field": "moten", "message": "Ange ett heltal."}"#))
        // Usage errors: exit 2 — unreadable JSON, not an object, a bad option, a missing argument
        for arguments in [
            ["template", "check", "mentor-manad", "broken.json"], ["template", "check", "mentor-manad", "list.json"],
            ["template", "check", "mentor-manad", "good.json", "--as-of", "3 oktober"], ["template", "check", "mentor-manad"],
            ["template", "check", "okand", "good.json"],
        ] {
            let output = try CommandRunner.run(arguments, in: folder)
            #expect(output.status == 2, "\(arguments): \(output.standardError)")
            #expect(output.standardOutput.isEmpty)
        }
    }

    @Test func checkReadsAnswersFromStandardInputWithADash() throws {
        let folder = try project()
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["template", "check", "mentor-manad", "-"]
        process.currentDirectoryURL = folder
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(#"{"moten": 2}"#.utf8))
        try input.fileHandleForWriting.close()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.hasPrefix("{\n  \"valid\": true,"))
    }

    @Test func publishDryRunChangesNothingAndPublishThenDoes() throws {
        let folder = try project()
        let database = folder.appendingPathComponent("r.sqlite").path
        #expect(try CommandRunner.run(["init", "--db", database], in: folder).status == 0)
        // A dry run publishes nothing
        let dry = try CommandRunner.run(["template", "publish", "mentor-manad", "--dry-run", "--db", database], in: folder)
        #expect(dry.status == 0, "\(dry.standardError)")
        #expect(dry.standardOutput == """
            mentor-manad version 1: Månadsrapport för mentorer
            open drafts on older versions: 0
            dry run: nothing published

            """)
        // Publishing does, once; again is harmless
        let first = try CommandRunner.run(["template", "publish", "mentor-manad", "--db", database], in: folder)
        #expect(first.standardOutput.hasSuffix("published; 0 open drafts carried over with migrate, 0 kept on their version\n"))
        let again = try CommandRunner.run(["template", "publish", "mentor-manad", "--db", database], in: folder)
        #expect(again.standardOutput.hasSuffix("already published with the same text: nothing changed\n"))
        // Changing the text without raising the version is refused
        let changed = Self.template.replacingOccurrences(of: "VERSION", with: "1").replacingOccurrences(of: "Rapportering", with: "Steg 1")
        try changed.write(to: folder.appendingPathComponent("templates/mentor-manad.lua"), atomically: true, encoding: .utf8)
        let refused = try CommandRunner.run(["template", "publish", "mentor-manad", "--db", database], in: folder)
        #expect(refused.status == 1)
        #expect(refused.standardError.contains("mentor-manad version 1 is already published with other content; raise 'version' in the template"))
    }
}

/// `redovisa template publish` refuses a template whose own test fails, as the web's review does.
struct TemplatePublishTestGateTests {
    @Test func aFailingTemplateTestStopsPublishing() throws {
        // Given a template whose test expects an error the template does not give
        let failingTest = """
            return form.test(form.load("mentor-manad"), {
              { name = "noll möten är fel", today = "2025-10-03", period = "2025-09", answers = { moten = 0 },
                errors = { moten = "Minst ett möte." } },
            })
            """
        let folder = try TemplateToolsTests().project(files: ["templates/mentor-manad_test.lua": failingTest])
        let database = folder.appendingPathComponent("r.sqlite").path
        #expect(try CommandRunner.run(["init", "--db", database], in: folder).status == 0)
        // When it is published
        let refused = try CommandRunner.run(["template", "publish", "mentor-manad", "--db", database], in: folder)
        // Then it is refused with the failed case, and nothing is published
        #expect(refused.status == 1)
        #expect(refused.standardOutput.hasPrefix("FAIL templates/mentor-manad_test.lua\n"))
        #expect(refused.standardOutput.contains("noll möten är fel"))
        #expect(refused.standardError == "error: fix the failing tests before publishing\n")
        // And once the test passes, publishing publishes (so the refused call had published nothing)
        try failingTest.replacingOccurrences(of: "\"Minst ett möte.\"", with: "nil").write(
            to: folder.appendingPathComponent("templates/mentor-manad_test.lua"), atomically: true, encoding: .utf8)
        let published = try CommandRunner.run(["template", "publish", "mentor-manad", "--db", database], in: folder)
        #expect(published.status == 0, "\(published.standardError)")
        #expect(published.standardOutput.hasSuffix("published; 0 open drafts carried over with migrate, 0 kept on their version\n"))
    }
}
