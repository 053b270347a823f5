import Foundation
import Testing

/// The worked example of docs/scripting.md ("A template from an empty file") does what the
/// docs say, run the way they say: the template and its test are taken from the docs' code
/// blocks, and the commands' output is compared with the docs' transcript.
struct TemplateWorkedExampleTests {
    /// The section of the docs with the example, and its Lua code blocks in order.
    static func example() throws -> (section: String, blocks: [String]) {
        let docs = try String(contentsOf: ShippedLuaTests.repositoryRoot.appendingPathComponent("docs/scripting.md"), encoding: .utf8)
        let start = try #require(docs.range(of: "### A template from an empty file"))
        let end = try #require(docs.range(of: "### form.template", range: start.upperBound..<docs.endIndex))
        let section = String(docs[start.upperBound..<end.lowerBound])
        let blocks = section.components(separatedBy: "```lua\n").dropFirst().map { $0.components(separatedBy: "```")[0] }
        return (section, Array(blocks))
    }

    @Test func theWorkedExampleRunsAsDocumented() throws {
        // Given the template and its test, copied from the docs into an empty project
        let (section, blocks) = try Self.example()
        try #require(blocks.count == 2)
        let project = try CommandRunner.folder(withScripts: [
            "templates/mentor-manad.lua": blocks[0], "templates/mentor-manad_test.lua": blocks[1],
            "svar.json": "{\"moten\": 2}\n",
        ])
        // When the author lints, checks and tests it as the docs show
        let lint = try CommandRunner.run(["template", "lint", "mentor-manad"], in: project)
        let check = try CommandRunner.run(["template", "check", "mentor-manad", "svar.json", "--as-of", "2025-10-03"], in: project)
        let test = try CommandRunner.run(["template", "test", "mentor-manad"], in: project)
        // Then each prints what the docs' transcript says
        #expect(lint.status == 0)
        #expect(check.status == 1)
        #expect(test.status == 0, "\(test.standardOutput)")
        for output in [lint.standardOutput, check.standardOutput, test.standardOutput] {
            let indented = output.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n")
            #expect(section.contains(indented), "the docs do not show:\n\(indented)")
        }
    }
}
