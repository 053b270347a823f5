import Foundation
import GRDB
import Redovisa
import Testing

/// Ending and extending enrolments, submitting and approving plans, and the database file itself.
struct EnrolmentLifecycleTests {
    @Test func anEnrolmentIsExtendedAndEndedWithItsReason() throws {
        let world = try World()
        let id = world.annaEnrolment.id!
        let extended = try world.database.extend(enrolment: id, decidedOn: LocalDate("2025-11-20")!,
                                                 to: LocalDate("2026-01-31")!, as: world.officerNorth)
        #expect(extended.effectivePlannedEnd == LocalDate("2026-01-31"))
        let tooEarly = #expect(throws: RedovisaError.self) {
            _ = try world.database.end(enrolment: id, on: LocalDate("2025-08-01")!, reason: .completed, as: world.officerNorth)
        }
        #expect(tooEarly?.field == "actualEnd")
        let ended = try world.database.end(enrolment: id, on: LocalDate("2025-12-15")!, reason: .endedEarly, as: world.officerNorth)
        #expect(ended.status(on: LocalDate("2025-12-16")!) == .ended && ended.endReason == .endedEarly)
        #expect(throws: RedovisaError.noAssignment) {
            _ = try world.database.end(enrolment: id, on: LocalDate("2025-12-15")!, reason: .completed, as: world.officerSouth)
        }
    }

    @Test func aPlanIsSubmittedThenApprovedByAnOfficer() throws {
        let world = try World()
        let plan = try world.database.addPlanVersion(
            enrolment: world.annaEnrolment.id!, kind: .implementationPlan,
            activities: [PlanActivity(name: "Praktik", mandatory: true, hoursPerWeek: 20)], on: LocalDate("2025-09-10")!,
            as: world.providerStaff)
        #expect(throws: RedovisaError.self) {
            _ = try world.database.approve(plan: plan.id!, on: LocalDate("2025-09-12")!, as: world.officerNorth)
        }
        _ = try world.database.submit(plan: plan.id!, on: LocalDate("2025-09-12")!, as: world.providerStaff)
        #expect(throws: RedovisaError.self) {
            _ = try world.database.approve(plan: plan.id!, on: LocalDate("2025-09-15")!, as: world.providerStaff)
        }
        let approved = try world.database.approve(plan: plan.id!, on: LocalDate("2025-09-15")!, as: world.officerNorth)
        #expect(approved.submittedAt == LocalDate("2025-09-12") && approved.approvedAt == LocalDate("2025-09-15"))
        #expect(try world.database.currentPlan(enrolment: world.annaEnrolment.id!, as: world.officerNorth) == approved)
    }

    @Test func anotherApplicationsDatabaseIsNotTakenOver() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("other-\(UUID().uuidString).sqlite").path
        let other = try DatabaseQueue(path: path)
        try other.write { db in try db.execute(sql: "CREATE TABLE invoices (id INTEGER PRIMARY KEY)") }
        let error = #expect(throws: RedovisaError.self) { _ = try AppDatabase.open(path: path) }
        #expect(error?.message.contains("inte Redovisas") == true)
        let tables = try other.read { db in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'") }
        #expect(tables == ["invoices"])
    }

    @Test func equalSetsAreStoredAsEqualText() throws {
        let world = try World()
        var person = Person(personnummer: Personnummer.make(birthDate: LocalDate("1970-01-01")!, serial: 1),
                            firstName: "A", lastName: "B", notify: [.sms, .email])
        person = try world.database.add(person, as: world.system)
        let text = String(decoding: try JSONEncoder().encode(person), as: UTF8.self)
        #expect(text.contains(#""notify":["epost","sms"]"#))
    }
}
