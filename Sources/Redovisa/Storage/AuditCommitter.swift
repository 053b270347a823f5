import Foundation
import GRDB
import Synchronization

/// The audit lines of reads, written by group commit: a read runs in a read-only transaction
/// (concurrently with other reads), its lines join the batch that is waiting to be written, and
/// one caller at a time writes the whole batch in one transaction. Every caller waits until the
/// batch that holds its lines has committed, so no read is answered before its audit lines are
/// in the database — under load many reads share one commit instead of queueing for a write
/// transaction each.
///
/// There is no thread of its own: the first caller that finds no batch being written writes
/// the open batch (its own and whatever joined it), the others wait. There are two kinds of
/// callers, with a batch of their own each:
///
/// - a synchronous caller (``commit(_:to:)``) blocks on a condition while another writes;
/// - a task (``commitAsync(_:to:)``, the web pages) is suspended instead, holding no thread of
///   the concurrency pool, which goes on with other requests. The task that is to write first
///   lets the tasks that are ready run (`Task.yield()`), so that under load their lines join
///   its batch — one commit for many pages — while alone it writes at once. When a batch is
///   done and lines wait in the next, one of their tasks is resumed to write them.
///
/// The two are kept apart so that a blocked thread never waits for a suspended task (the pool
/// has as many threads as cores: blocked threads waiting for a task that needs one of them
/// would never wake). Both write through the database's one writer, one transaction at a time.
final class AuditCommitter: Sendable {
    /// Lines that are committed together, and how that went (touched under its committer's lock).
    private final class Batch: @unchecked Sendable {
        var entries: [AuditEntry] = []
        var done = false
        var error: (any Error)?
        /// Tasks waiting for this batch.
        var waiters: [CheckedContinuation<Bool, Never>] = []
    }

    /// The state of one kind of callers: the batch new lines join, and whether one of them is
    /// writing (or, for tasks, about to).
    private struct State {
        var open = Batch()
        var writing = false
    }

    private let condition = NSCondition()
    // @unchecked: only touched under `condition`.
    private nonisolated(unsafe) var blocking = State()
    private let suspending = Mutex(State())

    /// Writes `entries` to `writer`, together with the lines other threads hand in meanwhile,
    /// and returns when they are committed. Blocks the calling thread while another writes.
    /// - Throws: the database error of the batch's transaction (then none of its lines was written).
    func commit(_ entries: [AuditEntry], to writer: any DatabaseWriter) throws {
        guard !entries.isEmpty else { return }
        condition.lock()
        let batch = blocking.open
        batch.entries.append(contentsOf: entries)
        // A batch that is not done is either the open one or being written; when no one is
        // writing, it is the open one, and this caller writes it.
        while !batch.done {
            if blocking.writing {
                condition.wait()
                continue
            }
            blocking.writing = true
            blocking.open = Batch()
            condition.unlock()
            let failure = Self.write(batch, to: writer)
            condition.lock()
            batch.error = failure
            batch.done = true
            blocking.writing = false
            condition.broadcast()
        }
        let failure = batch.error
        condition.unlock()
        if let failure { throw failure }
    }

    /// ``commit(_:to:)`` for a task: suspends instead of blocking while another task writes.
    /// - Throws: the database error of the batch's transaction (then none of its lines was written).
    func commitAsync(_ entries: [AuditEntry], to writer: any DatabaseWriter) async throws {
        guard !entries.isEmpty else { return }
        var batch: Batch?
        let writes = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let now = suspending.withLock { state -> Bool in
                state.open.entries.append(contentsOf: entries)
                batch = state.open
                guard state.writing else {
                    state.writing = true
                    return true
                }
                state.open.waiters.append(continuation)
                return false
            }
            if now { continuation.resume(returning: true) }
        }
        guard writes else {
            // Resumed when the batch holding these lines is done.
            if let failure = suspending.withLock({ _ in batch!.error }) { throw failure }
            return
        }
        // This task writes the open batch, which holds its lines: first the tasks that are
        // ready run, and the lines of those that reach their commit join it.
        await Task.yield()
        let taken = suspending.withLock { state in
            let taken = state.open
            state.open = Batch()
            return taken
        }
        let failure = Self.write(taken, to: writer)
        let (waiters, successor) = suspending.withLock { state in
            taken.error = failure
            taken.done = true
            let waiters = taken.waiters
            taken.waiters = []
            // Lines wait in the next batch: one of their tasks writes it, else no one writes.
            let successor = state.open.waiters.isEmpty ? nil : state.open.waiters.removeFirst()
            if successor == nil { state.writing = false }
            return (waiters, successor)
        }
        for waiter in waiters { waiter.resume(returning: false) }
        successor?.resume(returning: true)
        if let failure { throw failure }
    }

    /// Writes the lines of `batch` in one transaction; the error when it failed (nothing written).
    private static func write(_ batch: Batch, to writer: any DatabaseWriter) -> (any Error)? {
        do {
            try writer.write { db in
                for var entry in batch.entries { try entry.insertLine(db) }
            }
            return nil
        } catch {
            return error
        }
    }
}
