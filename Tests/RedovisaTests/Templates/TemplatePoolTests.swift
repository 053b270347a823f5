import Foundation
import Testing

@testable import Redovisa

/// Template calls run on pooled Lua states with the engine loaded from bytecode: one call, of one
/// user, leaves nothing that the next call — of another user — can see.
struct TemplatePoolTests {
    /// A template whose rule leaves a global behind and reports any it finds from before.
    static let source = """
        return form.template { id = "minne", version = 1, title = "Minne", role = "reporter",
          about = "enrolment", period = "month",
          validate = function(answers, ctx)
            local before = left_behind
            left_behind = "spår av ett tidigare anrop"
            if before ~= nil then return { moten = before } end
          end,
          steps = { form.step { title = "Steg", form.integer { id = "moten", label = "Antal möten" } } } }
        """

    @Test func aTemplateCallSeesNothingOfTheCallBefore() throws {
        // Given the template published, and one Reporting (one pool) for every call
        let world = try World()
        try world.database.publishTemplate(id: "minne", version: 1, title: "Minne", source: Self.source, as: world.administrator)
        let reporting = Reporting(database: world.database)
        let context = TemplateContext(
            today: LocalDate("2025-10-03")!, period: Period("2025-09"), personId: world.anna.id!,
            enrolmentId: world.annaEnrolment.id)
        // When the contact person's check runs, then the officer's, then the contact person's again
        let checks = try [world.contactPerson, world.officerNorth, world.contactPerson].map { actor in
            try reporting.check(template: "minne", answers: .object(["moten": .integer(2)]), context: context.acting(actor), as: actor)
        }
        // Then no call found what an earlier one left, though all ran on the same Lua state
        #expect(checks.map(\.errors) == [[], [], []])
        #expect(checks.map(\.valid) == [true, true, true])
        #expect(reporting.cache.sandboxes.idleCount == 1)
    }

    @Test func aTemplateErrorNamesItsLineWhenTheTemplateIsLoadedFromBytecode() throws {
        // Given a template whose rule fails on line 4, checked once already (so compiled and kept)
        let world = try World()
        let failing = Self.source.replacingOccurrences(of: "local before = left_behind", with: "error(\"fel i regeln\")")
        try world.database.publishTemplate(id: "minne", version: 1, title: "Minne", source: failing, as: world.administrator)
        let reporting = Reporting(database: world.database)
        let context = TemplateContext(today: LocalDate("2025-10-03")!, period: Period("2025-09"), personId: world.anna.id!)
        for _ in 0..<2 {
            // When the check runs
            let error = #expect(throws: RedovisaError.self) {
                _ = try reporting.check(template: "minne", answers: .object([:]), context: context, as: world.contactPerson)
            }
            // Then the error names the template's file and line, the second time as the first
            #expect(error?.code == .script)
            #expect(error?.message.contains("templates/minne.lua:4: fel i regeln") == true, "\(error?.message ?? "")")
        }
    }
}
