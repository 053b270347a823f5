import GRDB
import Synchronization

/// Group commit for tasks: writes that tasks hand in while another is being written join one
/// batch, and the whole batch is written in one transaction — one `BEGIN` and one `COMMIT` (and
/// its WAL pages) for many requests under load, while a write made alone is written at once.
///
/// There is no thread of its own: the first task that finds no batch being written writes the
/// open batch (its own write and whatever joined it); the others are suspended, holding no
/// thread of the concurrency pool, which goes on with other requests. The task that is to
/// write first lets the tasks that are ready run (`Task.yield()`), so that those that reach
/// their write join its batch. When a batch is done and writes wait in the next, one of their
/// tasks is resumed to write them.
///
/// Every task is resumed only after the transaction that holds its write has committed (or
/// failed), so nothing is answered before it is in the database. A write made with
/// `isolated: true` runs in a savepoint of its own: when it throws, only its own changes are
/// rolled back and only its task gets the error, while the others in the batch are committed.
/// A write without (an audit line) that throws fails its whole batch, as one transaction of
/// its own would. When the transaction fails (`BEGIN`, `COMMIT`), every task in the batch gets
/// the error and nothing of the batch was written.
///
/// Writes of blocked threads do not come here (a blocked thread must never wait for a
/// suspended task: see ``AuditCommitter``); both kinds write through the database's one
/// writer, one transaction at a time.
final class WriteGroup: Sendable {
    /// One write handed in: runs it in the batch's transaction and keeps how it went (touched by
    /// the writing task, then read by its own task after it is resumed).
    private final class Member: @unchecked Sendable {
        let run: (Database) throws -> Void
        /// Whether `run` writes in a savepoint of its own.
        let isolated: Bool
        var failure: (any Error)?

        init(isolated: Bool, _ run: @escaping (Database) throws -> Void) {
            self.isolated = isolated
            self.run = run
        }
    }

    /// Writes committed together, and the tasks waiting for them (touched under the lock).
    private final class Batch: @unchecked Sendable {
        var members: [Member] = []
        /// The tasks suspended until this batch is done: false resumes one whose write is done,
        /// true one that is to write the batch that follows.
        var waiters: [CheckedContinuation<Bool, Never>] = []
    }

    /// The batch new writes join, and whether a task is writing one (or about to).
    private struct State {
        var open = Batch()
        var writing = false
    }

    private let state = Mutex(State())
    /// How many transactions this group has written, and how many writes they held (for tests
    /// and benchmarks).
    private let counts = Mutex((transactions: 0, writes: 0))

    /// Runs `body` in a write transaction of `writer` shared with the writes other tasks hand in
    /// meanwhile, and returns what it returned once that transaction has committed.
    /// - Parameters:
    ///   - isolated: run `body` in a savepoint, so that its error rolls back only its own changes.
    ///   - prepare: what every transaction of a batch runs first, around all its writes (the
    ///     database's marking of a write in progress).
    /// - Throws: what `body` throws, or the database error of the batch's transaction.
    func perform<T: Sendable>(
        isolated: Bool, on writer: any DatabaseWriter,
        around prepare: @escaping @Sendable (Database, () throws -> Void) throws -> Void = { _, all in try all() },
        _ body: @escaping @Sendable (Database) throws -> T
    ) async throws -> T {
        let result = Mutex<T?>(nil)
        let member = Member(isolated: isolated) { db in
            if isolated {
                try db.inSavepoint {
                    let value = try body(db)
                    result.withLock { $0 = value }
                    return .commit
                }
            } else {
                let value = try body(db)
                result.withLock { $0 = value }
            }
        }
        let writes = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let now = state.withLock { state -> Bool in
                state.open.members.append(member)
                guard state.writing else {
                    state.writing = true
                    return true
                }
                state.open.waiters.append(continuation)
                return false
            }
            if now { continuation.resume(returning: true) }
        }
        if writes {
            // This task writes the open batch, which holds its write: first the tasks that are
            // ready run, and the writes of those that reach theirs join it.
            await Task.yield()
            let taken = state.withLock { state in
                let taken = state.open
                state.open = Batch()
                return taken
            }
            write(taken, to: writer, around: prepare)
            let successor = state.withLock { state -> CheckedContinuation<Bool, Never>? in
                // Writes wait in the next batch: one of their tasks writes it, else no one writes.
                let successor = state.open.waiters.isEmpty ? nil : state.open.waiters.removeFirst()
                if successor == nil { state.writing = false }
                return successor
            }
            for waiter in taken.waiters { waiter.resume(returning: false) }
            successor?.resume(returning: true)
        }
        // Resumed (or returned from writing) once the batch holding this write is done.
        if let failure = member.failure { throw failure }
        // A member that did not fail ran `body` to its end: its value is there.
        return result.withLock { $0 }!
    }

    /// How many transactions were written and how many writes they held, so far.
    var written: (transactions: Int, writes: Int) { counts.withLock { $0 } }

    /// Whether a task is writing a batch (or about to), and how many writes wait in the open
    /// batch (for tests).
    var pending: (writing: Bool, waiting: Int) { state.withLock { ($0.writing, $0.open.members.count) } }

    /// Writes the members of `batch` in one transaction and keeps each one's failure: its own
    /// error for an isolated write, the transaction's error for every member when it failed.
    private func write(
        _ batch: Batch, to writer: any DatabaseWriter,
        around prepare: (Database, () throws -> Void) throws -> Void
    ) {
        do {
            try writer.write { db in
                try prepare(db) {
                    for member in batch.members {
                        do {
                            try member.run(db)
                        } catch where member.isolated && db.isInsideTransaction {
                            // Its savepoint was rolled back: this write alone failed.
                            member.failure = error
                        }
                    }
                }
            }
        } catch {
            for member in batch.members { member.failure = error }
        }
        counts.withLock { $0 = ($0.transactions + 1, $0.writes + batch.members.count) }
    }
}
