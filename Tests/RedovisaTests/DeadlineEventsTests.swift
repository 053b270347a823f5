import Foundation
import LuaHost
import Redovisa
import Testing

/// The events four deadlines need — staffing, an absence told to the officer, a decision to adjust
/// a plan, a personal-data incident — recorded through the domain, checked, audited, and read by
/// the deadline rules through the `deadlines` module as they stood on a day.
struct DeadlineEventsTests {
    func run(_ world: World, as actor: Actor, _ source: String) throws -> [LuaValue] {
        let sandbox = try LuaSandbox(.init(modules: DomainModules.all))
        var context = LuaRunContext(clock: LuaClock(asOf: "2025-10-03")!)
        context.domain = LuaDomainContext(database: world.database, actor: actor, script: "scripts/deadlines/x.lua")
        return try sandbox.runSource(source, chunkName: "scripts/deadlines/x.lua", context: context)
    }

    static func day(_ text: String) -> LocalDate { LocalDate(text)! }

    /// The repository's scripts/ folder, where `require("deadlines.rules")` finds the rules.
    static let scripts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts").path

    @Test func theOfficerActualisesAndTheProviderStaffsTheCase() throws {
        // Given Anna's enrolment
        let world = try World()
        let id = world.annaEnrolment.id!
        // When the provider tries to staff it before it is actualised, then the officer actualises it on
        // Friday 10 October and the provider staffs it on Monday the 13th
        #expect(throws: RedovisaError.self) { try world.database.recordStaffing(enrolment: id, on: Self.day("2025-10-13"), as: world.providerStaff) }
        let refused = #expect(throws: RedovisaError.self) {
            try world.database.recordActualisation(enrolment: id, on: Self.day("2025-10-10"), as: world.providerStaff)
        }
        _ = try world.database.recordActualisation(enrolment: id, on: Self.day("2025-10-10"), as: world.officerNorth)
        let early = #expect(throws: RedovisaError.self) {
            try world.database.recordStaffing(enrolment: id, on: Self.day("2025-10-09"), as: world.providerStaff)
        }
        let staffed = try world.database.recordStaffing(enrolment: id, on: Self.day("2025-10-13"), as: world.providerStaff)
        // Then only the officer could actualise it, staffing before it was refused naming the field, and both days are kept
        #expect(refused?.message == "Endast handläggare kan aktualisera ärenden.")
        #expect(early?.field == "staffedOn")
        #expect(staffed == Staffing(enrolmentId: id, actualisedOn: Self.day("2025-10-10"), staffedOn: Self.day("2025-10-13")))
        // And the rules see the actualisation on the 10th, the staffing only from the 13th
        let source = { (asOf: String) in """
            local rows = deadlines.enrolments{ organisation = "nacka", active_from = "2025-09-01", as_of = "\(asOf)" }
            for _, row in ipairs(rows) do if row.enrolment.id == \(id) then return row.actualisedOn, row.staffedOn end end
            """ }
        #expect(try run(world, as: world.officerNorth, source("2025-10-12")) == ["2025-10-10", .nil])
        #expect(try run(world, as: world.officerNorth, source("2025-10-13")) == ["2025-10-10", "2025-10-13"])
        #expect(try run(world, as: world.officerNorth, source("2025-10-09")) == [.nil, .nil])
        let audit = try world.database.auditLog(limit: 50, entity: "enrolment", as: world.system)
        #expect(audit.contains { $0.action == "update" && $0.detail == "bemannad" && $0.actorId == world.providerStaff.userId })
    }

    @Test func anInvalidAbsenceIsToldAndAPlanAdjustmentDecided() throws {
        // Given an invalid absence of Anna's on Monday 13 October and her implementation plan
        let world = try World()
        let id = world.annaEnrolment.id!
        let absence = try world.database.add(Absence(
            enrolmentId: id, from: Self.day("2025-10-13"), to: Self.day("2025-10-13"), cause: .invalid,
            contactAttempts: [Self.day("2025-10-13")]), as: world.system)
        #expect(throws: RedovisaError.self) {
            try world.database.requestPlanRevision(enrolment: id, kind: .implementationPlan, decidedOn: Self.day("2025-10-13"), as: world.officerNorth)
        }
        _ = try world.database.addPlanVersion(
            enrolment: id, kind: .implementationPlan, activities: [], on: Self.day("2025-09-10"), as: world.providerStaff)
        // When the provider tells the officer on the 14th (a day before the absence is refused), the
        // officer decides on the 13th to adjust the plan, and the provider may not decide it
        let before = #expect(throws: RedovisaError.self) {
            try world.database.recordAbsenceReported(absence: absence.id!, on: Self.day("2025-10-12"), as: world.providerStaff)
        }
        _ = try world.database.recordAbsenceReported(absence: absence.id!, on: Self.day("2025-10-14"), as: world.providerStaff)
        _ = try world.database.requestPlanRevision(
            enrolment: id, kind: .implementationPlan, decidedOn: Self.day("2025-10-13"), as: world.officerNorth)
        #expect(throws: RedovisaError.self) {
            try world.database.requestPlanRevision(enrolment: id, kind: .implementationPlan, decidedOn: Self.day("2025-10-13"), as: world.providerStaff)
        }
        // Then the rules see the reporting day and the decision from their days on
        #expect(before?.field == "reportedOn")
        let source = { (asOf: String) in """
            local rows = deadlines.enrolments{ organisation = "nacka", active_from = "2025-09-01", as_of = "\(asOf)" }
            for _, row in ipairs(rows) do
              if row.enrolment.id == \(id) then
                local a = row.adjustments[1]
                return row.absences[1] and row.absences[1].reportedOn, #row.adjustments, a and a.kind, a and a.decidedOn
              end
            end
            """ }
        #expect(try run(world, as: world.officerNorth, source("2025-10-13")) == [.nil, 1, "genomforandeplan", "2025-10-13"])
        #expect(try run(world, as: world.officerNorth, source("2025-10-14")) == ["2025-10-14", 1, "genomforandeplan", "2025-10-13"])
        #expect(try run(world, as: world.officerNorth, source("2025-10-12")) == [.nil, 0, .nil, .nil])
    }

    @Test func incidentsAreTheOrganisationsAndReportedWithin72Hours() throws {
        // Given a provider's incident discovered on Friday 10 October at 14:30 (12:30 UTC)
        let world = try World()
        let discovered = Date(timeIntervalSince1970: 1_760_099_400)
        #expect(LocalDate.stockholmTime(discovered) == "2025-10-10 14:30")
        let empty = #expect(throws: RedovisaError.self) {
            try world.database.registerIncident(organisation: world.provider.id!, discoveredAt: discovered, description: "  ", as: world.providerStaff)
        }
        #expect(throws: RedovisaError.self) {
            try world.database.registerIncident(organisation: world.provider.id!, discoveredAt: discovered, description: "Fel mottagare", as: world.officerNorth)
        }
        let incident = try world.database.registerIncident(
            organisation: world.provider.id!, discoveredAt: discovered, description: "Fel mottagare", as: world.providerStaff)
        #expect(empty?.field == "description")
        // When the deadline query runs for the provider on Monday the 13th, before the report
        let rules = """
            local rules = require("deadlines.rules")
            local list = deadlines.incidents{ organisation = "jobbexpert", as_of = "%@" }
            if #list == 0 then return 0 end
            local d = rules.incident(list[1])
            return #list, d.due, d.due_at, d.who, d.done_on, d.late
            """
        let sandbox = try LuaSandbox(.init(
            scriptRoots: LuaScriptRoots([Self.scripts]), modules: DomainModules.all))
        func ask(_ asOf: String, as actor: Actor) throws -> [LuaValue] {
            var context = LuaRunContext(clock: LuaClock(asOf: asOf)!)
            context.domain = LuaDomainContext(database: world.database, actor: actor, script: "scripts/deadlines/x.lua")
            return try sandbox.runSource(rules.replacingOccurrences(of: "%@", with: asOf), chunkName: "x.lua", context: context)
        }
        // Then it is due that day at 14:30, for the provider, not yet met
        #expect(try ask("2025-10-13", as: world.providerStaff) == [1, "2025-10-13", "2025-10-13 14:30", "anordnare", .nil, .nil])
        // And before its discovery, or for an officer of the municipality, there is none
        #expect(try ask("2025-10-09", as: world.providerStaff) == [0])
        #expect(try ask("2025-10-13", as: world.officerNorth) == [0])
        // When it is reported at 15:00 that day it is met, but late
        let late = Date(timeIntervalSince1970: 1_760_360_400)
        #expect(throws: RedovisaError.self) { try world.database.recordIncidentReported(incident.id!, at: discovered.addingTimeInterval(-60), as: world.providerStaff) }
        _ = try world.database.recordIncidentReported(incident.id!, at: late, as: world.providerStaff)
        #expect(try ask("2025-10-13", as: world.providerStaff) == [1, "2025-10-13", "2025-10-13 14:30", "anordnare", "2025-10-13", true])
        #expect(try ask("2025-10-12", as: world.providerStaff) == [1, "2025-10-13", "2025-10-13 14:30", "anordnare", .nil, .nil])
        let audit = try world.database.auditLog(limit: 50, entity: "incident", as: world.system)
        #expect(audit.contains { $0.action == "list" && $0.detail == "frister" && $0.actorId == world.providerStaff.userId })
        #expect(audit.contains { $0.action == "update" && $0.detail == "anmäld" })
    }
}
