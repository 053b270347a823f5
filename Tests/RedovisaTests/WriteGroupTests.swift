import Foundation
import GRDB
import Testing

@testable import Redovisa

/// Writes of tasks are committed in shared transactions (group commit): each task gets its own
/// answer once its write is in the database, and a write that fails takes no other with it.
///
/// One test at a time: in each, the task that writes first waits for the held writer on a
/// thread of the concurrency pool (as it would wait for a long transaction), and two such tests
/// at once could take both threads of a two-core machine from the tasks that release them.
@Suite(.serialized)
struct WriteGroupTests {
    /// A database with one table of numbers, and a way to hold its writer busy.
    struct Scratch {
        let queue: DatabaseQueue

        init() throws {
            queue = try DatabaseQueue()
            try queue.write { db in try db.execute(sql: "CREATE TABLE number (value INTEGER NOT NULL UNIQUE)") }
        }

        var numbers: [Int] {
            get throws { try queue.read { db in try Int.fetchAll(db, sql: "SELECT value FROM number ORDER BY value") } }
        }

        /// Stores `value` (outside any group).
        func insert(_ value: Int) throws {
            try queue.write { db in try db.execute(sql: "INSERT INTO number (value) VALUES (?)", arguments: [value]) }
        }

        /// Runs a write transaction on another thread that holds the writer until `release` is
        /// signalled; returns once it holds it.
        func holdWriter(until release: DispatchSemaphore) {
            let holding = DispatchSemaphore(value: 0)
            DispatchQueue.global().async {
                try? queue.write { _ in
                    holding.signal()
                    release.wait()
                }
            }
            holding.wait()
        }
    }

    struct Refused: Error, Equatable { let value: Int }

    /// Waits until `condition` holds (at most 20 s: the tests run beside many others).
    func until(_ condition: () -> Bool) async {
        let start = ContinuousClock.now
        while !condition(), ContinuousClock.now - start < .seconds(20) {
            try? await Task.sleep(for: .milliseconds(5))
        }
    }

    /// While the writer is held: a first task writes 1000 (it takes the first batch, and waits
    /// for the writer), then `count` tasks each insert `first + i` through `group` (they queue
    /// for the batch after it); then the writer is released. Gives each task's outcome by value.
    func insertWhileHeld(
        _ scratch: Scratch, _ group: WriteGroup, count: Int, first: Int = 0,
        isolated: Bool = true, failing: Set<Int> = []
    ) async throws -> [Int: Result<Int, any Error>] {
        let release = DispatchSemaphore(value: 0)
        scratch.holdWriter(until: release)
        let queue = scratch.queue
        return await withTaskGroup(of: (Int, Result<Int, any Error>).self) { tasks in
            func insert(_ value: Int) {
                tasks.addTask {
                    do {
                        let count = try await group.perform(isolated: isolated, on: queue) { db in
                            try db.execute(sql: "INSERT INTO number (value) VALUES (?)", arguments: [value])
                            if failing.contains(value) { throw Refused(value: value) }
                            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM number")!
                        }
                        return (value, .success(count))
                    } catch {
                        return (value, .failure(error))
                    }
                }
            }
            // The first task has taken its batch (and waits for the writer) …
            insert(1000)
            await until { group.pending == (writing: true, waiting: 0) && group.written.transactions == 0 }
            // … and every other task has handed its write in, before the writer is free.
            for value in first..<(first + count) { insert(value) }
            await until { group.pending.waiting == count }
            release.signal()
            var outcomes: [Int: Result<Int, any Error>] = [:]
            for await (value, outcome) in tasks { outcomes[value] = outcome }
            return outcomes
        }
    }

    @Test func writesHandedInTogetherShareTransactionsAndAllAreCommitted() async throws {
        // Given a busy writer, and 40 tasks that each insert a number
        let scratch = try Scratch()
        let group = WriteGroup()
        // When the writer becomes free
        let outcomes = try await insertWhileHeld(scratch, group, count: 40)
        // Then every task's number is in the database, and each task saw its own insert
        #expect(try scratch.numbers == Array(0..<40) + [1000])
        #expect(outcomes.values.allSatisfy { (try? $0.get()).map { $0 >= 1 } == true })
        // And the 41 writes took two transactions: the first alone, the 40 that queued behind it together
        let written = group.written
        #expect(written.writes == 41)
        #expect(written.transactions == 2, "transactions: \(written.transactions)")
    }

    @Test func anIsolatedWriteThatFailsTakesOnlyItsOwnChangesBack() async throws {
        // Given a busy writer, and 10 tasks that each insert a number, two of which then fail
        let scratch = try Scratch()
        let group = WriteGroup()
        // When the writer becomes free
        let outcomes = try await insertWhileHeld(scratch, group, count: 10, failing: [3, 7])
        // Then the two get their own errors and their numbers are not stored; the others are
        #expect(try scratch.numbers == [0, 1, 2, 4, 5, 6, 8, 9, 1000])
        #expect(group.written.transactions == 2)
        for value in 0..<10 {
            switch outcomes[value] {
            case .failure(let error as Refused): #expect([3, 7].contains(value) && error == Refused(value: value))
            case .success: #expect(![3, 7].contains(value))
            default: Issue.record("task \(value): \(String(describing: outcomes[value]))")
            }
        }
    }

    @Test func aWriteWithoutItsOwnSavepointThatFailsFailsItsWholeBatch() async throws {
        // Given a busy writer, and five tasks queued behind a first write, which insert a number
        // each without savepoints, one of them then failing
        let scratch = try Scratch()
        let group = WriteGroup()
        // When the writer becomes free
        let outcomes = try await insertWhileHeld(scratch, group, count: 5, isolated: false, failing: [2])
        // Then nothing of their batch is stored, and every task of it got an error; the first write is stored
        #expect(try scratch.numbers == [1000])
        for value in 0..<5 { #expect(outcomes[value].map { (try? $0.get()) == nil } == true, "task \(value)") }
        #expect((try? outcomes[1000]?.get()) == 1)
    }

    @Test func aWriteThatBreaksAConstraintIsRefusedAndTheOthersAreStored() async throws {
        // Given a stored number, and a batch of tasks one of which inserts the same number again
        let scratch = try Scratch()
        try scratch.insert(3)
        let group = WriteGroup()
        // When the writer becomes free (the task of 3 breaks the table's UNIQUE)
        let outcomes = try await insertWhileHeld(scratch, group, count: 6)
        // Then that task gets the database's error, and every other number is stored once
        #expect(try scratch.numbers == [0, 1, 2, 3, 4, 5, 1000])
        if case .failure(let error as DatabaseError) = outcomes[3] {
            #expect(error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
        } else {
            Issue.record("the duplicate was not refused: \(String(describing: outcomes[3]))")
        }
        #expect(outcomes.filter { (try? $0.value.get()) != nil }.count == 6)
    }
}
