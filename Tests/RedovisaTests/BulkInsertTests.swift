import Foundation
@_spi(Bulk) import Redovisa
import Testing

/// The bulk load of benchmarks and tests stores what the model's own path stores.
struct BulkInsertTests {
    @Test func aReportLoadedInBulkReadsBackLikeOneInsertedThroughItsCodableEncoding() throws {
        let world = try World()
        let answers = #"{"aktiviteter":[{"datum":"2025-09-02","timmar":2.5,"typ":"bio"}],"ar":2025,"kommentar":"Älta – bra","manad":9}"#
        var report = Report(
            templateId: "lss-kontaktperson", templateVersion: 2, period: Period("2025-09"), personId: world.anna.id!,
            enrolmentId: world.annaEnrolment.id, authorId: world.contactPerson.userId!, answers: try JSONValue(parsing: answers),
            status: .submitted, revision: 3, caseNumber: "2025-000041", receiptHash: AppDatabase.hash(canonicalAnswers: answers),
            submittedAt: Date(timeIntervalSince1970: 1_759_400_000), submittedBy: world.contactPerson.userId, late: true,
            createdAt: Date(timeIntervalSince1970: 1_759_300_000.5), updatedAt: Date(timeIntervalSince1970: 1_759_400_000),
            responsibleOrganisationId: world.nacka.id, officeId: world.north.id, providerId: world.provider.id)
        // When the same report goes in through the fast path and through the generic one
        let (fast, model) = try world.database.bulkInsert { bulk in
            let fast = try bulk.insert(report, answersJSON: answers)
            report.caseNumber = "2025-000042"
            return (fast, try bulk.insert(report).id!)
        }
        // Then both read back the same, but for their ids and case numbers
        var fromFast = try world.database.report(id: fast, as: world.system)
        var fromModel = try world.database.report(id: model, as: world.system)
        #expect(fromFast.caseNumber == "2025-000041")
        (fromFast.id, fromFast.caseNumber, fromModel.id, fromModel.caseNumber) = (nil, nil, nil, nil)
        #expect(fromFast == fromModel)
        #expect(AppDatabase.hash(canonicalAnswers: answers) == AppDatabase.hash(fromFast.answers))
    }

    @Test func theNextSubmitAfterABulkLoadGetsTheNextCaseNumber() throws {
        let world = try World()
        try world.database.bulkInsert { bulk in
            try bulk.insert(
                Report(templateId: "lss-kontaktperson", templateVersion: 1, period: Period("2025-08"), personId: world.anna.id!,
                       enrolmentId: world.annaEnrolment.id, authorId: world.contactPerson.userId!, status: .approved,
                       caseNumber: "2025-000700", submittedAt: World.now, createdAt: World.now, updatedAt: World.now),
                answersJSON: #"{"ar":2025}"#)
        }
        let draft = try world.draft()
        #expect(try world.database.submit(id: draft.id!, as: world.contactPerson).caseNumber == "2025-000701")
    }
}
