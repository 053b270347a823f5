import Foundation
import LuaHost
import Redovisa
import Testing

/// Bulk checks of stored reports: the failing ones with their problems, page after page, and a
/// template that loops stopped by the deadline.
struct TemplateValidatorTests {
    func world(validate: String = "nil") throws -> World {
        let world = try World()
        let source = """
            return form.template { id = "mentor-manad", version = 1, title = "Mentorer", role = "reporter",
              about = "enrolment", period = "month", validate = \(validate),
              steps = { form.step { title = "Steg", form.integer { id = "moten", label = "Antal möten", required = true } } } }
            """
        try world.database.publishTemplate(id: "mentor-manad", version: 1, title: "Mentorer", source: source, as: world.administrator)
        for (index, answers) in [JSONValue.object(["moten": .integer(3)]), .object([:]), .object(["moten": .string("tre")])].enumerated() {
            _ = try world.database.createDraft(
                .init(templateId: "mentor-manad", templateVersion: 1, period: Period(year: 2025, month: 1 + index),
                      personId: world.anna.id!, enrolmentId: world.annaEnrolment.id, answers: answers),
                as: world.contactPerson)
        }
        return world
    }

    @Test func everyStoredReportIsCheckedAndTheFailingOnesListed() throws {
        let world = try world()
        // With pages of two reports, so that paging is exercised
        let outcome = try TemplateValidator(database: world.database, pageSize: 2)
            .validateStored(template: "mentor-manad", as: world.administrator)
        #expect(outcome.checked == 3)
        #expect(outcome.invalid.map(\.reportId) == [2, 3])
        #expect(outcome.invalid[0].errors == [FieldProblem(field: "moten", message: "Fyll i: Antal möten")])
        #expect(outcome.invalid[1].errors == [FieldProblem(field: "moten", message: "Ange ett heltal.")])
        // Only administrators check every report
        #expect(throws: RedovisaError.self) {
            try TemplateValidator(database: world.database).validateStored(template: "mentor-manad", as: world.officerNorth)
        }
    }

    @Test func aTemplateThatLoopsIsStoppedAtTheDeadline() throws {
        let world = try world(validate: "function() while true do end end")
        var limits = TemplateValidator.bulkLimits
        limits.timeout = 0.2
        let error = #expect(throws: RedovisaError.self) {
            try TemplateValidator(database: world.database, limits: limits).validateStored(template: "mentor-manad", as: world.administrator)
        }
        #expect(error?.code == .script)
        #expect(error?.message.hasSuffix("time limit exceeded (0.2 s)") == true, "\(error?.message ?? "")")
    }
}
