import Foundation
import GRDB
@testable import Redovisa
import Testing

/// `Reporting.submit(id:expectedRevision:as:whenRead:)`, the web form's submission: the report is
/// read once — for the caller's own checks and for the template — and submitted as by id; the
/// read is in the audit log whatever happens, and nothing is stored when the report changed.
struct SubmitAsReadTests {
    /// "Now" is 2025-10-03, inside the LSS window for September.
    func world() throws -> World {
        let world = try World(clock: { World.now })
        try world.publish("lss-kontaktperson")
        return world
    }

    /// A saved September draft about Anna by the contact person.
    func draft(_ world: World, _ reporting: Reporting, answers: JSONValue = World.completeLSSAnswers) throws -> Report {
        let draft = try reporting.startDraft(
            .init(template: "lss-kontaktperson", period: Period("2025-09"), personId: world.anna.id!,
                  enrolmentId: world.annaEnrolment.id),
            as: world.contactPerson)
        return try reporting.save(id: draft.id!, answers: answers, expectedRevision: draft.revision, as: world.contactPerson).report
    }

    /// What a refused submission must leave as it was: the report, its history, the case numbers.
    struct Stored: Equatable {
        var report: Report
        var history: Int
        var caseNumbers: Int
    }

    func stored(_ world: World, _ id: Int64) throws -> Stored {
        try world.database.writer.read { db in
            Stored(
                report: try Report.fetchOne(db, key: id)!,
                history: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM statusChange WHERE reportId = ?", arguments: [id])!,
                caseNumbers: try Int.fetchOne(db, sql: "SELECT COALESCE(SUM(last), 0) FROM caseNumberCounter")!)
        }
    }

    /// The audit log's lines about report `id`, oldest first, as "action" (read, submit, …).
    func auditLines(_ world: World, _ id: Int64) throws -> [String] {
        try world.database.auditLog(limit: 1000, entity: "report", as: world.administrator)
            .filter { $0.entityIds == [id] && $0.actorId == world.contactPerson.userId }
            .reversed().map(\.action)
    }

    @Test func theReportReadIsSubmittedAsByItsId() async throws {
        // Given two identical complete drafts
        let world = try world()
        let reporting = Reporting(database: world.database)
        let first = try draft(world, reporting)
        let second = try draft(world, reporting)
        // When one is submitted by id and the other through the form's submission
        let byId = try reporting.submit(id: first.id!, as: world.contactPerson)
        var seen: Report?
        let (read, receipt) = try await reporting.submit(id: second.id!, expectedRevision: second.revision, as: world.contactPerson) {
            seen = $0
            return true
        }
        // Then the caller saw the report as stored, and it is submitted the same way: the next
        // case number, the same hash of the same cleaned answers
        #expect(seen == second)
        #expect(read == second)
        #expect(byId.receipt.caseNumber == "2025-000001")
        #expect(receipt?.caseNumber == "2025-000002")
        #expect(receipt?.hash == byId.receipt.hash)
        #expect(receipt?.submittedBy == byId.receipt.submittedBy)
        let after = try stored(world, second.id!).report
        #expect(after.status == .submitted)
        #expect(after.answers == byId.report.answers)
        #expect(after.revision == second.revision + 1)
        // And the audit log has the read, then the submission: one line each
        #expect(try auditLines(world, second.id!).suffix(3) == ["update", "read", "submit"])
        // And its receipt is the one the receipt page shows
        #expect(try reporting.receipt(id: second.id!, as: world.contactPerson).receipt == receipt)
        // And submitting again gives the same receipt, no second case
        #expect(try await reporting.submit(id: second.id!, as: world.contactPerson) { _ in true }.receipt == receipt)
    }

    @Test func theSubmissionIsStoredAsTheRecordsThemselvesWouldStoreIt() async throws {
        // Given a draft submitted through the form (the report's columns and its history line
        // written by hand-made statements)
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try draft(world, reporting)
        _ = try await reporting.submit(id: draft.id!, as: world.contactPerson) { _ in true }
        // When both are written again through the records' own Codable encoding
        let rows = try world.database.writer.write { db in
            let report = "SELECT * FROM report WHERE id = \(draft.id!)"
            let history = "SELECT * FROM statusChange WHERE reportId = \(draft.id!) ORDER BY id DESC LIMIT 1"
            let before = [try Row.fetchOne(db, sql: report)!, try Row.fetchOne(db, sql: history)!]
            let record = try Report.fetchOne(db, key: draft.id)!
            try record.update(db)
            let change = try StatusChange.fetchOne(db, sql: history)!
            try change.update(db)
            let after = [try Row.fetchOne(db, sql: report)!, try Row.fetchOne(db, sql: history)!]
            return (before, after)
        }
        // Then not one column changes: the same dates, flags and answers text
        #expect(rows.0 == rows.1)
        #expect(rows.0[0]["late"] as Int64? == 0)
        #expect(rows.0[1]["status"] as String? == "submitted")
    }

    @Test func aReportSavedAfterItWasReadIsNotSubmitted() async throws {
        // Given a complete draft
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try draft(world, reporting)
        var changed = World.completeLSSAnswers
        if case .object(var members) = changed {
            members["aktiviteter"] = .string("Promenad.")
            changed = .object(members)
        }
        var before: Stored?
        // When it is saved again (in another tab) between the read and the submission
        let error = await #expect(throws: RedovisaError.self) {
            _ = try await reporting.submit(id: draft.id!, expectedRevision: draft.revision, as: world.contactPerson) { read throws(RedovisaError) in
                _ = try reporting.save(id: read.id!, answers: changed, expectedRevision: read.revision, as: world.contactPerson)
                before = try? stored(world, draft.id!)
                return true
            }
        }
        // Then it is refused as stale, naming both revisions, and nothing is written
        #expect(error?.code == .staleRevision)
        #expect(error?.message.contains("version \(draft.revision), nu \(draft.revision + 1)") == true)
        #expect(try stored(world, draft.id!) == before)
        // And the read is in the audit log all the same
        #expect(try auditLines(world, draft.id!).suffix(2) == ["update", "read"])
    }

    @Test func aReportTheCallerDoesNotGoOnWithIsLeftAsItIsButItsReadIsLogged() async throws {
        // Given a complete draft
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try draft(world, reporting)
        let before = try stored(world, draft.id!)
        // When the caller says no, or refuses on its own
        let (read, receipt) = try await reporting.submit(id: draft.id!, as: world.contactPerson) { _ in false }
        let error = await #expect(throws: RedovisaError.self) {
            _ = try await reporting.submit(id: draft.id!, as: world.contactPerson) { _ throws(RedovisaError) in
                throw RedovisaError(.accessDenied, "Du kan inte skicka in den här rapporten.")
            }
        }
        // Then nothing is submitted and the caller's refusal is what is thrown
        #expect(read == draft)
        #expect(receipt == nil)
        #expect(error?.message == "Du kan inte skicka in den här rapporten.")
        #expect(try stored(world, draft.id!) == before)
        // And both reads are in the audit log
        #expect(try auditLines(world, draft.id!).suffix(3) == ["update", "read", "read"])
    }

    @Test func aReportWithProblemsIsRefusedWithEveryProblemAndNothingWritten() async throws {
        // Given a draft with a wrong personnummer
        let world = try world()
        let reporting = Reporting(database: world.database)
        var answers = World.completeLSSAnswers
        if case .object(var members) = answers {
            members["personnummer"] = .string("198112189877")
            answers = .object(members)
        }
        let draft = try draft(world, reporting, answers: answers)
        let before = try stored(world, draft.id!)
        // When it is submitted through the form
        let error = await #expect(throws: RedovisaError.self) {
            _ = try await reporting.submit(id: draft.id!, as: world.contactPerson) { _ in true }
        }
        // Then the template's problem is listed, nothing is written, and the read is logged once
        #expect(error?.code == .invalidInput)
        #expect(error?.problems == [FieldProblem(field: "personnummer", message: "Kontrollsiffran stämmer inte. Kontrollera personnumret.")])
        #expect(try stored(world, draft.id!) == before)
        #expect(try auditLines(world, draft.id!).suffix(2) == ["update", "read"])
    }

    @Test func aReportTheUserMayNotSeeIsRefusedAndTheRefusalLogged() async throws {
        // Given a draft by the contact person, and an officer of the other office
        let world = try world()
        let reporting = Reporting(database: world.database)
        let draft = try draft(world, reporting)
        // When the officer submits it
        var called = false
        let error = await #expect(throws: RedovisaError.self) {
            _ = try await reporting.submit(id: draft.id!, as: world.officerSouth) { _ in
                called = true
                return true
            }
        }
        // Then it is refused before the caller sees anything, and the refusal is logged
        #expect(error?.code == .accessDenied)
        #expect(!called)
        let denied = try world.database.auditLog(limit: 10, entity: "report", as: world.administrator)
            .first { $0.entityIds == [draft.id!] && $0.actorId == world.officerSouth.userId }
        #expect(denied?.action == "denied")
    }
}
