import Foundation
import Redovisa
import Testing

/// Versions: a draft keeps the version it was started on; a new version with `migrate` carries
/// open drafts over when published; a dry run lists the drafts that would fail.
struct TemplateVersionTests {
    /// A small monthly template; version 2 renames `moten` to `antal` and requires a comment.
    static func mentor(version: Int, migrate: Bool = true) -> TemplateSource {
        let v1 = """
            return form.template { id = "mentor-manad", version = 1, title = "Mentorer", role = "reporter",
              about = "enrolment", period = "month",
              steps = { form.step { title = "Rapportering",
                form.integer { id = "moten", label = "Antal möten", required = true, min = 0 } } } }
            """
        let v2 = """
            return form.template { id = "mentor-manad", version = 2, title = "Mentorer", role = "reporter",
              about = "enrolment", period = "month",
              steps = { form.step { title = "Rapportering",
                form.integer { id = "antal", label = "Antal möten", required = true, min = 0 },
                form.textarea { id = "kommentar", label = "Kommentar", required = true } } },
              \(migrate ? """
              migrate = function(from_version, answers)
                if from_version == 1 then answers.antal = answers.moten; answers.moten = nil end
                return answers
              end,
              """ : "")
            }
            """
        return TemplateSource(text: version == 1 ? v1 : v2, chunkName: "templates/mentor-manad.lua")
    }

    func publish(_ world: World, _ source: TemplateSource) throws -> TemplatePublisher.Outcome {
        let publisher = TemplatePublisher(database: world.database)
        return try publisher.publish(try publisher.plan(source, as: world.administrator), as: world.administrator)
    }

    func draft(_ world: World, moten: Int64) throws -> Report {
        let reporting = Reporting(database: world.database)
        let draft = try reporting.startDraft(
            .init(template: "mentor-manad", period: Period("2025-09"), personId: world.anna.id!, enrolmentId: world.annaEnrolment.id),
            as: world.contactPerson)
        return try reporting.save(id: draft.id!, answers: .object(["moten": .integer(moten)]), expectedRevision: draft.revision,
                                  as: world.contactPerson).report
    }

    @Test func aNewVersionWithMigrateCarriesOpenDraftsOver() throws {
        let world = try World()
        _ = try publish(world, Self.mentor(version: 1))
        let old = try draft(world, moten: 3)
        // When version 2 is planned, the dry run names the draft that would fail (no comment yet)
        let publisher = TemplatePublisher(database: world.database)
        let plan = try publisher.plan(Self.mentor(version: 2), as: world.administrator)
        #expect(plan.openReports.map(\.id) == [old.id])
        #expect(plan.failing == [.init(reportId: old.id!, fromVersion: 1, problems: [FieldProblem(field: "kommentar", message: "Fyll i: Kommentar")])])
        // And nothing changed yet
        #expect(try world.database.publishedTemplate(id: "mentor-manad")?.version == 1)
        // When it is published
        let outcome = try publisher.publish(plan, as: world.administrator)
        // Then the draft moved to version 2 with its answer renamed
        #expect(outcome.moved == 1)
        let moved = try world.database.report(id: old.id!, as: world.contactPerson)
        #expect(moved.templateVersion == 2)
        #expect(moved.answers == .object(["antal": .integer(3)]))
    }

    @Test func withoutMigrateADraftKeepsItsVersionAndItsRules() throws {
        let world = try World()
        _ = try publish(world, Self.mentor(version: 1))
        let old = try draft(world, moten: 3)
        let outcome = try publish(world, Self.mentor(version: 2, migrate: false))
        #expect(outcome.moved == 0 && outcome.kept == 1)
        // Then the old draft is still version 1 and is submitted by version 1's rules
        let submitted = try Reporting(database: world.database).submit(id: old.id!, as: world.contactPerson)
        #expect(submitted.report.templateVersion == 1)
        #expect(submitted.receipt.templateVersion == 1)
        // While a new draft starts on version 2
        let fresh = try Reporting(database: world.database).startDraft(
            .init(template: "mentor-manad", period: Period("2025-10"), personId: world.anna.id!, enrolmentId: world.annaEnrolment.id),
            as: world.contactPerson)
        #expect(fresh.templateVersion == 2)
    }

    @Test func aPublishedVersionNeverChanges() throws {
        let world = try World()
        _ = try publish(world, Self.mentor(version: 1))
        // Publishing the same text again changes nothing
        #expect(try publish(world, Self.mentor(version: 1)).published == .unchanged)
        // Other text under the same version is refused
        var changed = Self.mentor(version: 1)
        changed.text = changed.text.replacingOccurrences(of: "Mentorer", with: "Mentorerna")
        let error = #expect(throws: RedovisaError.self) { try publish(world, changed) }
        #expect(error?.code == .conflict)
        // A lower version than the newest is refused
        _ = try publish(world, Self.mentor(version: 2))
        #expect(throws: RedovisaError.self) { try publish(world, Self.mentor(version: 1)) }
        // And only administrators publish
        let publisher = TemplatePublisher(database: world.database)
        #expect(throws: RedovisaError.self) {
            try publisher.publish(try publisher.plan(Self.mentor(version: 3), as: world.officerNorth), as: world.officerNorth)
        }
    }
}
