import Foundation
import LuaHost
import Redovisa
import Testing

/// What the engine gives templates beyond fields: computed info texts, the acting user's roles
/// in `ctx`, a window that sees the answers, and the preview's wording.
struct FormEngineTests {
    static let source = TemplateSource(text: """
        return form.template { id = "prov", version = 1, title = "Prov", role = "reporter", period = "event",
          window = function(ctx, answers)
            local received = answers.inkom or ctx.event_date
            return { opens = received, closes = received, late = false }
          end,
          steps = { form.step { title = "Steg",
            form.info { id = "forslag", text = function(answers, ctx)
              return #(ctx.job_suggestions or {}) .. " förslag på jobb" end },
            form.date { id = "inkom", label = "Blanketten kom in",
              visible = function(answers, ctx) return form.contains(ctx.roles, "officer") end },
            form.group { id = "rader", label = "Rader", form.text { id = "namn", label = "Namn" } },
          } } }
        """, chunkName: "templates/prov.lua")

    func session<T>(_ body: (TemplateSession) throws(RedovisaError) -> T) throws -> T {
        try TemplateCatalog.withSources([Self.source], body)
    }

    @Test func anInfoFieldsTextIsWorkedOutFromTheContext() throws {
        let check = try session { session throws(RedovisaError) in
            try session.check("prov", answers: .object([:]), context: TemplateContext(today: LocalDate("2025-10-03")!))
        }
        #expect(check.texts["forslag"] == "0 förslag på jobb")
        #expect(check.visible.contains("forslag"))
    }

    @Test func ctxRolesSayWhoIsFillingIn() throws {
        let world = try World()
        let base = TemplateContext(today: LocalDate("2025-10-03")!)
        let (reporter, officer) = try session { session throws(RedovisaError) in
            (try session.check("prov", answers: .object([:]), context: base.acting(world.contactPerson)),
             try session.check("prov", answers: .object([:]), context: base.acting(world.officerNorth)))
        }
        #expect(!reporter.visible.contains("inkom"))
        #expect(officer.visible.contains("inkom"))
    }

    @Test func aWindowFunctionSeesTheAnswers() throws {
        let window = try session { session throws(RedovisaError) in
            try session.window(
                "prov", context: TemplateContext(today: LocalDate("2025-10-20")!, eventDate: LocalDate("2025-10-20")),
                answers: .object(["inkom": .string("2025-10-14")]))
        }
        #expect(window == SubmissionWindow(opens: LocalDate("2025-10-14")!, closes: LocalDate("2025-10-14")!, late: false))
    }

    @Test func thePreviewCountsRowsInSwedish() throws {
        let rows = try session { session throws(RedovisaError) in
            try session.summary(
                "prov", answers: .object(["rader": .array([.object(["namn": .string("Ett")])])]),
                context: TemplateContext(today: LocalDate("2025-10-03")!))
        }
        #expect(rows.first { $0.field == "rader" }?.value == "1 rad")
        #expect(rows.contains(SummaryRow(step: 1, field: "rader[1].namn", label: "Namn", value: "Ett")))
    }
}
