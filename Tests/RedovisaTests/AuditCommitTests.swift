import Foundation
import GRDB
import Testing

@testable import Redovisa

/// Audited reads write their audit lines by group commit: the read runs in a read transaction,
/// and its lines are in the database before it answers — alone or with many others at once.
struct AuditCommitTests {
    /// A world in a database file (a pool of connections, as the server has).
    func fileWorld() throws -> (World, URL) { try World.inFile(named: "audit-commit") }

    /// The audit lines written through `via`.
    func lines(_ database: AppDatabase, via: String) throws -> [AuditEntry] {
        try database.read { db in try AuditEntry.filter(Column("via") == via).fetchAll(db) }
    }

    /// Runs `tasks` tasks that each make `reads` reads with `read` — read `i` of task `t` through
    /// its own `via`, `script:PREFIXt-i` (its name is given to `read`) — and looks for each
    /// read's audit lines as soon as it returns: the names of the reads whose lines were not
    /// exactly `lines` (action and ids, in order).
    func readsWithoutTheirLines(
        _ database: AppDatabase, tasks: Int, reads: Int, prefix: String, lines expected: [(action: String, ids: [Int64])],
        _ read: @escaping @Sendable (_ name: String, _ i: Int) async throws -> Void
    ) async throws -> [String] {
        let actions = expected.map(\.action), ids = expected.map(\.ids)
        return try await withThrowingTaskGroup(of: [String].self) { group in
            for task in 0..<tasks {
                group.addTask {
                    var missing: [String] = []
                    for i in 0..<reads {
                        let name = "\(prefix)\(task)-\(i)"
                        try await read(name, i)
                        let found = try self.lines(database, via: "script:" + name)
                        if found.map(\.action) != actions || found.map(\.entityIds) != ids { missing.append("script:" + name) }
                    }
                    return missing
                }
            }
            var all: [String] = []
            for try await batch in group { all += batch }
            return all
        }
    }

    @Test func everyConcurrentReadHasItsAuditLineWhenItAnswers() async throws {
        // Given a report, and eight tasks that each read it 25 times, every read through its own `via`
        let (world, folder) = try fileWorld()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try world.draft()
        let database = world.database
        let actor = world.contactPerson
        // When each read returns, its line is looked for at once
        let missing = try await readsWithoutTheirLines(
            database, tasks: 8, reads: 25, prefix: "t", lines: [("read", [report.id!])]
        ) { name, _ in
            let read = try database.report(id: report.id!, as: actor.throughScript(name))
            #expect(read.id == report.id)
        }
        // Then every one of the 200 reads had exactly its own line in the database before it answered
        #expect(missing.isEmpty, "reads answered without their audit line: \(missing.prefix(5))")
        let total = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEntry WHERE action = 'read' AND entity = 'report'")
        }
        #expect(total == 200)
    }

    @Test func aRefusedReadIsAuditedAsDeniedAndAnswersNothing() throws {
        // Given a report of Anna's and an officer of the other office
        let (world, folder) = try fileWorld()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try world.draft()
        // When the officer asks for it
        let error = #expect(throws: RedovisaError.self) {
            _ = try world.database.reportWithPerson(id: report.id!, as: world.officerSouth.throughScript("neka"))
        }
        // Then the refusal is the SUS message, and the line says denied, on the report
        #expect(error?.code == .accessDenied)
        let found = try lines(world.database, via: "script:neka")
        #expect(found.map(\.action) == ["denied"])
        #expect(found.first?.entity == "report" && found.first?.entityIds == [report.id!])
    }

    @Test func aReadInsideAWriteTransactionWritesItsLineInThatTransaction() throws {
        // Given a report
        let world = try World()
        let report = try world.draft()
        let reader = world.contactPerson.throughScript("inuti")
        // When it is read inside a write transaction that then fails
        struct Abort: Error {}
        #expect(throws: (any Error).self) {
            try world.database.write { _ in
                _ = try world.database.report(id: report.id!, as: reader)
                throw Abort()
            }
        }
        // Then its line went with the transaction (no deadlock, no line of a read that never answered)
        #expect(try lines(world.database, via: "script:inuti").isEmpty)
        // And inside a transaction that commits, the line is there
        let read = try world.database.write { _ in try world.database.report(id: report.id!, as: reader) }
        #expect(read.id == report.id)
        #expect(try lines(world.database, via: "script:inuti").map(\.action) == ["read"])
    }

    @Test func theHandWrittenInsertWritesTheSameRowAsTheCodableRecord() throws {
        // Given audit lines with and without a user, ids and a detail, at a time with milliseconds
        let world = try World()
        let at = Date(timeIntervalSince1970: 1_759_485_600.123)
        let lines = [
            AuditEntry(at: at, actorId: 7, via: "web", action: "read", entity: "report", entityIds: [42], detail: nil),
            AuditEntry(at: at, actorId: nil, via: "script:x.lua", action: "list", entity: "person", entityIds: [], detail: "översikt 2025-10"),
            AuditEntry(at: at.addingTimeInterval(0.5), actorId: 3, via: "cli", action: "list", entity: "person", entityIds: [1, 20, 300]),
        ]
        // When each is written once through the Codable record and once by hand
        let rows = try world.database.write { db -> [(Row, Row)] in
            try lines.map { line in
                var codable = line
                try codable.insert(db)
                var byHand = line
                try byHand.insertLine(db)
                #expect(byHand.id == codable.id! + 1)
                let columns = "at, actorId, via, action, entity, entityIds, detail, typeof(at), typeof(entityIds)"
                return (
                    try Row.fetchOne(db, sql: "SELECT \(columns) FROM auditEntry WHERE id = ?", arguments: [codable.id])!,
                    try Row.fetchOne(db, sql: "SELECT \(columns) FROM auditEntry WHERE id = ?", arguments: [byHand.id])!)
            }
        }
        // Then both rows hold the same values of the same types, and read back as the same line
        for (codable, byHand) in rows { #expect(codable == byHand) }
        #expect(rows[2].0["entityIds"] as String == "[1,20,300]")
        let read = try world.database.read { db in try AuditEntry.order(Column("id")).fetchAll(db) }.suffix(6)
        for pair in stride(from: read.startIndex, to: read.endIndex, by: 2) {
            var second = read[pair + 1]
            second.id = read[pair].id
            #expect(read[pair] == second)
        }
    }

    @Test func concurrentPageReadsFromTasksHaveTheirAuditLinesWhenTheyAnswer() async throws {
        // Given a report, and 16 tasks that each read it 20 times for a page, every read through its own `via`
        let (world, folder) = try fileWorld()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try world.draft()
        let database = world.database
        let actor = world.contactPerson
        // When each read returns, its lines are looked for at once (every other read reuses its page)
        let missing = try await readsWithoutTheirLines(
            database, tasks: 16, reads: 20, prefix: "p", lines: [("read", [report.id!]), ("list", [world.anna.id!])]
        ) { name, i in
            let read = try await database.reportForPage(id: report.id!, as: actor.throughScript(name)) { _ in i % 2 == 1 }
            if case .read(let got, _, _) = read { #expect(got.id == report.id) }
        }
        // Then every one of the 320 reads had exactly its own lines in the database before it answered
        #expect(missing.isEmpty, "reads answered without their audit lines: \(missing.prefix(5))")
        let total = try database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEntry WHERE action = 'read' AND entity = 'report' AND via LIKE 'script:p%'")
        }
        #expect(total == 320)
    }

    @Test func theHandWrittenTimeIsGRDBsStoredTextForEveryMillisecondEdge() {
        // Given times from 1970 to 2100: random ones, and ones a hair before and after whole
        // milliseconds, seconds, days and years (where rounding would show)
        var generator = SystemRandomNumberGenerator()
        var times: [Double] = [0, 0.0005, 0.9995, 86_399.9999, 951_782_400, 1_759_485_600.123, 4_102_444_799.999]
        for _ in 0..<20_000 { times.append(Double.random(in: 0..<4_102_444_800, using: &generator)) }
        for _ in 0..<5_000 {
            let whole = Double(Int64.random(in: 0..<4_102_444_800_000, using: &generator)) / 1000
            times += [whole, whole.nextUp, whole.nextDown, whole + 0.000_4, whole - 0.000_4]
        }
        // When each is written by hand and by GRDB
        let differing = times.filter { time in
            let date = Date(timeIntervalSince1970: time)
            return AuditEntry.storedText(date).databaseValue != date.databaseValue
        }
        // Then they never differ
        #expect(differing.isEmpty, "differ at \(differing.prefix(5).map { "\($0): \(AuditEntry.storedText(Date(timeIntervalSince1970: $0))) vs \(Date(timeIntervalSince1970: $0).databaseValue)" })")
    }
}
