import Foundation
import Testing

@testable import Redovisa

/// Runs of published templates load them without their lines (finding a constructor's line is
/// about a fifth of loading a template): the places they record name the file. The template
/// tools keep the lines, and a template's errors read the same either way.
struct TemplateLinesTests {
    /// A template whose `validate` returns text where a table of problems belongs.
    static let source = """
        return form.template { id = "rader", version = 1, title = "Rader", role = "reporter",
          about = "enrolment", period = "month",
          validate = function(answers, ctx) return "fel sorts svar" end,
          steps = { form.step { title = "Steg",
            form.integer { id = "moten", label = "Antal möten" },
            form.text { id = "kommentar", label = "Kommentar" } } } }
        """

    @Test func aPublishedTemplateIsDescribedWithItsFileAndTheToolsWithItsLines() throws {
        // Given the template published
        let world = try World()
        try world.database.publishTemplate(id: "rader", version: 1, title: "Rader", source: Self.source, as: world.administrator)
        // When it is described through Reporting (a published run) and by the template tools
        let published = try Reporting(database: world.database).describe(template: "rader", as: world.contactPerson)
        let tools = try TemplateCatalog.describe(TemplateSource(text: Self.source, chunkName: "templates/rader.lua"))
        // Then the published run names the file of every field, the tools the file and the line
        #expect(published.steps.flatMap(\.fields).map(\.at) == ["templates/rader.lua", "templates/rader.lua"])
        #expect(tools.steps.flatMap(\.fields).map(\.at) == ["templates/rader.lua:5", "templates/rader.lua:6"])
        // And the template itself is named by its file in both
        #expect(published.at == "templates/rader.lua")
        #expect(tools.at == "templates/rader.lua")
        // And the rest of the description is the same
        var withoutPlaces = tools
        for s in withoutPlaces.steps.indices {
            for f in withoutPlaces.steps[s].fields.indices { withoutPlaces.steps[s].fields[f].at = "templates/rader.lua" }
        }
        #expect(published == withoutPlaces)
    }

    @Test func aPublishedTemplatesErrorNamesItsFileAsTheToolsDo() throws {
        // Given the template published
        let world = try World()
        try world.database.publishTemplate(id: "rader", version: 1, title: "Rader", source: Self.source, as: world.administrator)
        let context = TemplateContext(today: LocalDate("2025-10-03")!, period: Period("2025-09"), personId: world.anna.id!)
        // When its rules run in a published run, and in the template tools
        let published = #expect(throws: RedovisaError.self) {
            _ = try Reporting(database: world.database).check(
                template: "rader", answers: .object(["moten": .integer(2)]), context: context, as: world.contactPerson)
        }
        let tools = #expect(throws: RedovisaError.self) {
            _ = try TemplateCatalog.withSources([TemplateSource(text: Self.source, chunkName: "templates/rader.lua")]) {
                session throws(RedovisaError) in
                try session.check("rader", answers: .object(["moten": .integer(2)]), context: context)
            }
        }
        // Then both name the template's file and what is wrong, in the same words
        #expect(published?.message == "templates/rader.lua: validate/warn must return nil or a table of problems")
        #expect(published?.message == tools?.message)
    }
}
