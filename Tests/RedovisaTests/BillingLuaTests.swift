import Foundation
import LuaHost
import Redovisa
import Testing

/// The `billing` module as a local agreement sees it, for a user of the ``World``.
struct BillingLuaTests {
    func run(_ world: World, as actor: Actor, _ source: String) throws -> [LuaValue] {
        let sandbox = try LuaSandbox(.init(modules: DomainModules.all))
        var context = LuaRunContext(clock: LuaClock(asOf: "2025-10-03")!)
        context.domain = LuaDomainContext(database: world.database, actor: actor, script: "scripts/agreements/x.lua")
        return try sandbox.runSource(source, chunkName: "scripts/agreements/x.lua", context: context)
    }

    @Test func programmesAndProvidersComeWithAmountsAndAuthorisations() throws {
        let world = try World()
        let results = try run(world, as: world.officerNorth, """
            local programme = billing.programmes()[1]
            local provider = billing.providers{ choice = "FAI" }[1]
            return programme.code, programme.monthlyAmounts["2024"], provider.code, provider.authorisations[1].since,
                   #billing.providers{ choice = "ISA" }
            """)
        #expect(results == ["FAI1", 816_000, "jobbexpert", "2023-01-15", 0])
    }

    @Test func enrolmentsComeWithTheirReportsAsTheyStoodOnTheDay() throws {
        // Given Anna's September report, submitted and approved on 3 October (the world's "now")
        let world = try World()
        let draft = try world.database.createDraft(
            .init(templateId: "nacka-manadsrapport", templateVersion: 1, period: Period("2025-09"),
                  personId: world.anna.id!, enrolmentId: world.annaEnrolment.id), as: world.providerStaff)
        _ = try world.database.submit(id: draft.id!, as: world.providerStaff)
        _ = try world.database.approve(id: draft.id!, as: world.officerNorth)
        let source = { (asOf: String) in """
            local rows = billing.enrolments{ active_from = "2025-09-01", active_to = "2025-09-30",
                                             approved_from = "2025-09-16", approved_to = "2025-10-15",
                                             as_of = "\(asOf)", templates = { "nacka-manadsrapport" } }
            local anna
            for _, row in ipairs(rows) do if row.enrolment.id == \(world.annaEnrolment.id!) then anna = row end end
            local report = anna.reports[1]
            return #rows, report and report.status, report and report.submittedOn, report and report.approvedOn
            """ }
        // When the officer reads the run as of 3 October, and as of the day before
        let after = try run(world, as: world.officerNorth, source("2025-10-03"))
        let before = try run(world, as: world.officerNorth, source("2025-10-02"))
        // Then both enrolments are there; the report is approved on the 3rd, and unknown the day before
        #expect(after == [2, "approved", "2025-10-03", "2025-10-03"])
        #expect(before == [2, .nil, .nil, .nil])
        // And the reads were audited as the agreement
        let audit = try world.database.auditLog(limit: 4, as: world.system)
        #expect(audit.allSatisfy { $0.via == "script:scripts/agreements/x.lua" && $0.detail == "fakturering" })
    }

    @Test func badOptionsAreRefusedWithTheirName() throws {
        let world = try World()
        func message(_ source: String) -> String? {
            (#expect(throws: LuaError.self) { _ = try run(world, as: world.officerNorth, source) })?.message
        }
        #expect(message("return billing.enrolments{ active_to = '2025-09-30', approved_from = '2025-09-16', approved_to = '2025-10-15', templates = {'x'} }")?
            .hasSuffix("(option 'active_from' is required)") == true)
        #expect(message("return billing.enrolments{ active_from = '2025-09-01', active_to = '2025-09-30', approved_from = '2025-09-16', approved_to = '2025-10-15', templates = 'x' }")?
            .hasSuffix("(option 'templates': a list of template ids expected, got string)") == true)
        #expect(message("return billing.providers{ kundval = 'FAI' }")?.hasSuffix("(unknown option 'kundval' (expected choice))") == true)
    }
}
