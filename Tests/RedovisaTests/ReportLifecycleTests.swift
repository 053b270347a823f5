import Foundation
import Redovisa
import Testing

/// A report from draft to approval, as the contact person and the officer live it.
struct ReportLifecycleTests {
    @Test func aDraftIsSavedSubmittedReturnedResubmittedAndApproved() throws {
        let world = try World()
        let db = world.database
        // Given a draft saved twice by the contact person
        var report = try world.draft()
        report = try db.saveDraft(id: report.id!, answers: .object(["ar": .integer(2025), "manad": .integer(9)]),
                                  expectedRevision: report.revision, as: world.contactPerson)
        // When it is submitted
        let receipt = try db.submit(id: report.id!, as: world.contactPerson)
        // Then it has a case number of the year and a receipt naming the submitter
        #expect(receipt.caseNumber == "2025-000001")
        #expect(receipt.submittedBy == "Kalle")
        #expect(receipt.hash == AppDatabase.hash(.object(["manad": .integer(9), "ar": .integer(2025)])))
        // When the officer returns it, the contact person completes and resubmits it
        _ = try db.returnForCompletion(id: report.id!, comment: "Ange aktiviteter.", as: world.officerNorth)
        let returned = try db.report(id: report.id!, as: world.contactPerson)
        _ = try db.saveDraft(id: report.id!, answers: .object(["ar": .integer(2025), "manad": .integer(9), "aktiviteter": .string("Bio")]),
                             expectedRevision: returned.revision, as: world.contactPerson)
        let second = try db.submit(id: report.id!, as: world.contactPerson)
        _ = try db.approve(id: report.id!, as: world.officerNorth)
        // Then the case number stayed, and the whole history is kept with who and the comment
        #expect(second.caseNumber == receipt.caseNumber)
        let history = try db.history(report: report.id!, as: world.officerNorth)
        #expect(history.map(\.status) == [.draft, .submitted, .returned, .resubmitted, .approved])
        #expect(history[2].comment == "Ange aktiviteter.")
        #expect(history[2].byUserId == world.officerNorth.userId)
    }

    @Test func aStaleSaveIsRefusedAndNothingIsLost() throws {
        let world = try World()
        let report = try world.draft()
        // Given two editors who opened revision 1
        _ = try world.database.saveDraft(id: report.id!, answers: .object(["ar": .integer(2024)]), expectedRevision: 1, as: world.contactPerson)
        // When the second saves on top of revision 1
        let error = #expect(throws: RedovisaError.self) {
            _ = try world.database.saveDraft(id: report.id!, answers: .object(["ar": .integer(1999)]), expectedRevision: 1, as: world.providerStaff)
        }
        // Then it is refused with a clear message and the first save stands
        #expect(error?.code == .staleRevision)
        #expect(error?.message.contains("sparats av någon annan") == true)
        #expect(try world.database.report(id: report.id!, as: world.contactPerson).answers == .object(["ar": .integer(2024)]))
    }

    @Test func theReceiptHashIsTheSHA256OfTheCanonicalAnswersInHex() {
        // The same digests as `printf '{}' | sha256sum` and `printf '{"ar":2025}' | sha256sum`
        #expect(AppDatabase.hash(.object([:])) == "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a")
        #expect(AppDatabase.hash(.object(["ar": .integer(2025)])) == "7262e7240d6fc85af3f76a5039d3ebee0cc8bc1fe7307ff783f77bd26c007a22")
    }

    @Test func submittingTwiceGivesTheSameReceipt() throws {
        let world = try World()
        let report = try world.draft()
        let first = try world.database.submit(id: report.id!, as: world.contactPerson)
        let again = try world.database.submit(id: report.id!, as: world.contactPerson)
        #expect(first == again)
    }

    @Test func fiftyConcurrentSubmitsOfOneDraftMakeOneCase() async throws {
        // Given a draft in a database file (WAL, a pool of connections)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("redovisa-\(UUID().uuidString).sqlite").path
        let world = try World(database: AppDatabase.open(path: path, clock: { World.now }))
        let report = try world.draft()
        let db = world.database, contactPerson = world.contactPerson, id = report.id!
        // When 50 tasks submit it at once
        let receipts = try await withThrowingTaskGroup(of: Receipt.self) { group in
            for _ in 0..<50 { group.addTask { try db.submit(id: id, as: contactPerson) } }
            return try await group.reduce(into: [Receipt]()) { $0.append($1) }
        }
        // Then all 50 got the one receipt, and the next report gets the next number
        #expect(Set(receipts).count == 1)
        #expect(receipts.first?.caseNumber == "2025-000001")
        let next = try world.draft()
        #expect(try db.submit(id: next.id!, as: contactPerson).caseNumber == "2025-000002")
        #expect(try db.history(report: id, as: contactPerson).filter { $0.status == .submitted }.count == 1)
    }

    @Test func onlyDraftsAndReturnedReportsCanBeEdited() throws {
        let world = try World()
        let report = try world.draft()
        _ = try world.database.submit(id: report.id!, as: world.contactPerson)
        let error = #expect(throws: RedovisaError.self) {
            _ = try world.database.saveDraft(id: report.id!, answers: .object([:]), expectedRevision: 2, as: world.contactPerson)
        }
        #expect(error?.code == .invalidTransition)
        #expect(error?.message == "Rapporten är inskickad och kan inte ändras.")
    }
}
