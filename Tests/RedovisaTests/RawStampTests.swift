import Foundation
import GRDB
import Testing

@testable import Redovisa

/// The form page's stamp read on the storage layer's own read-only connections (`RawReaders`)
/// answers exactly as the same statement through GRDB: the same rule, the same values, and
/// what was committed a moment ago.
struct RawStampTests {
    /// A world in a database file (raw readers exist only for a file).
    func fileWorld() throws -> (World, URL) { try World.inFile(named: "raw-stamp") }

    /// The stamp through GRDB (which renders the actor's query), then on a raw reader.
    func stamps(_ world: World, _ id: Int64, _ actor: Actor) throws -> (grdb: ReportStamp?, raw: ReportStamp??) {
        let grdb = try world.database.writer.read { db in try ReportStamp.fetch(db, id, actor) }
        let raw = try world.database.rawReaders!.withConnection { try ReportStamp.fetch($0, id, actor) }
        return (grdb, raw)
    }

    @Test func everyActorReadsTheSameStampOnARawReaderAsThroughGRDB() throws {
        // Given a draft about Anna, one about a person with a protected identity, and the world's users
        let (world, folder) = try fileWorld()
        defer { try? FileManager.default.removeItem(at: folder) }
        let anna = try world.draft()
        let hidden = try world.database.createDraft(
            .init(templateId: "lss-kontaktperson", templateVersion: 1, period: Period("2025-09"), personId: world.hidden.id!,
                  enrolmentId: world.hiddenEnrolment.id, answers: .object([:])), as: world.officerNorth)
        let actors = [world.contactPerson, world.officerNorth, world.officerSouth, world.providerStaff, world.administrator]
        var seen: [String] = []
        // When each reads each report's stamp (and one that does not exist) both ways
        for actor in actors {
            for id in [anna.id!, hidden.id!, 999_999] {
                let (grdb, raw) = try stamps(world, id, actor)
                // Then the raw reader answered, with the same stamp or the same refusal
                #expect(raw != nil, "no raw read for \(actor.user?.username ?? "?") on \(id)")
                #expect(raw.flatMap { $0 } == grdb, "\(actor.user?.username ?? "?") on \(id)")
                seen.append("\(actor.user?.username ?? "?"):\(id == anna.id! ? "anna" : id == hidden.id! ? "hidden" : "none"):"
                    + (grdb.map { "\($0.person?.protection?.rawValue ?? ($0.person == nil ? "no person" : "named"))/\($0.answersShown)" } ?? "refused"))
            }
        }
        // And the cases cover a seen person, a protected one, answers withheld and refusals
        #expect(seen.contains("kalle:anna:named/true"))
        #expect(seen.contains("sven:anna:refused"))
        #expect(seen.contains { $0.hasPrefix("karin:hidden:skyddad_folkbokforing/") })
        #expect(seen.contains { $0.hasSuffix("/false") })
        #expect(seen.allSatisfy { !$0.contains(":none:") || $0.hasSuffix("refused") })
    }

    @Test func aRawReaderSeesWhatWasCommittedAMomentAgo() throws {
        // Given a draft whose stamp was read on a raw reader
        let (world, folder) = try fileWorld()
        defer { try? FileManager.default.removeItem(at: folder) }
        let draft = try world.draft()
        let before = try stamps(world, draft.id!, world.contactPerson).raw
        // When it is saved again and its person's protection changes
        try world.database.writer.write { db in
            try db.execute(sql: "UPDATE report SET revision = revision + 1 WHERE id = ?", arguments: [draft.id!])
            try db.execute(sql: "UPDATE person SET protection = 'sekretessmarkering' WHERE id = ?", arguments: [world.anna.id!])
        }
        let after = try stamps(world, draft.id!, world.contactPerson)
        // Then the next raw read has the new revision and protection, as GRDB's
        #expect(before??.revision == draft.revision)
        #expect(after.raw??.revision == draft.revision + 1)
        #expect(after.raw??.person?.protection == .confidentialityMark)
        #expect(after.raw.flatMap { $0 } == after.grdb)
    }

    @Test func aDatabaseInMemoryHasNoRawReadersAndItsPagesReadThroughGRDB() async throws {
        // Given a world in memory
        let world = try World()
        let draft = try world.draft()
        // When a page reads the draft's stamp
        let read = try await world.database.reportForPage(id: draft.id!, as: world.contactPerson) { _ in true }
        // Then there are no raw readers, and the stamp is read all the same
        #expect(world.database.rawReaders == nil)
        if case .unchanged(let stamp) = read { #expect(stamp.revision == draft.revision) } else { Issue.record("not read: \(read)") }
    }
}
