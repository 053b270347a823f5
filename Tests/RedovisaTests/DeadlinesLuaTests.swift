import Foundation
import LuaHost
import Redovisa
import Testing

/// The `deadlines` module as the deadline rules see it, for users of the ``World``.
struct DeadlinesLuaTests {
    func run(_ world: World, as actor: Actor, _ source: String) throws -> [LuaValue] {
        let sandbox = try LuaSandbox(.init(modules: DomainModules.all))
        var context = LuaRunContext(clock: LuaClock(asOf: "2025-10-03")!)
        context.domain = LuaDomainContext(database: world.database, actor: actor, script: "scripts/deadlines/x.lua")
        return try sandbox.runSource(source, chunkName: "scripts/deadlines/x.lua", context: context)
    }

    @Test func anOrganisationsEnrolmentsComeWithPlansAndAbsencesAsTheyStoodOnTheDay() throws {
        // Given an absence of Anna's from 22 September, and her implementation plan made on 2 October
        let world = try World()
        _ = try world.database.add(Absence(
            enrolmentId: world.annaEnrolment.id!, from: LocalDate("2025-09-22")!, to: LocalDate("2025-09-30")!,
            cause: .sick), as: world.system)
        _ = try world.database.addPlanVersion(
            enrolment: world.annaEnrolment.id!, kind: .implementationPlan, activities: [], on: LocalDate("2025-10-02")!,
            as: world.providerStaff)
        let source = { (asOf: String) in """
            local rows = deadlines.enrolments{ organisation = "nacka", active_from = "2025-09-01", as_of = "\(asOf)" }
            local anna
            for _, row in ipairs(rows) do if row.enrolment.id == \(world.annaEnrolment.id!) then anna = row end end
            return #rows, anna.programme, anna.customerChoice, #anna.plans, anna.absences[1] and anna.absences[1].cause
            """ }
        // When the north officer reads Nacka's enrolments as of 3 October, and as of 21 September
        let now = try run(world, as: world.officerNorth, source("2025-10-03"))
        let before = try run(world, as: world.officerNorth, source("2025-09-21"))
        // Then both of the office's enrolments are there; the plan and the absence only when they had happened
        #expect(now == [2, "FAI1", "FAI", 1, "sjuk"])
        #expect(before == [2, "FAI1", "FAI", 0, .nil])
        // And the south officer sees none of them
        #expect(try run(world, as: world.officerSouth, "return #deadlines.enrolments{ organisation = 'nacka', active_from = '2025-09-01' }") == [0])
    }

    @Test func theOrganisationIsRequiredAndMustExist() throws {
        let world = try World()
        func message(_ source: String) -> String? {
            (#expect(throws: LuaError.self) { _ = try run(world, as: world.officerNorth, source) })?.message
        }
        #expect(message("return deadlines.enrolments{ active_from = '2025-09-01' }")?.hasSuffix("(option 'organisation' is required)") == true)
        #expect(message("return deadlines.enrolments{ organisation = 'okand', active_from = '2025-09-01' }")?
            .hasSuffix("(option 'organisation': no organisation \"okand\")") == true)
    }
}
