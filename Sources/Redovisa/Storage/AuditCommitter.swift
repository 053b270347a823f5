import Foundation
import GRDB

/// The audit lines of reads made by blocked threads, written by group commit: a read runs in a
/// read-only transaction (concurrently with other reads), its lines join the batch that is
/// waiting to be written, and one caller at a time writes the whole batch in one transaction.
/// Every caller waits until the batch that holds its lines has committed, so no read is
/// answered before its audit lines are in the database — under load many reads share one
/// commit instead of queueing for a write transaction each.
///
/// There is no thread of its own: the first caller that finds no batch being written writes
/// the open batch (its own lines and whatever joined it), the others block on a condition.
/// Tasks (the web pages) do not come here: they hand their lines to ``WriteGroup``, where they
/// are suspended instead of blocked. The two are kept apart so that a blocked thread never
/// waits for a suspended task (the pool has as many threads as cores: blocked threads waiting
/// for a task that needs one of them would never wake). Both write through the database's one
/// writer, one transaction at a time.
final class AuditCommitter: Sendable {
    /// Lines that are committed together, and how that went (touched under its committer's lock).
    private final class Batch: @unchecked Sendable {
        var entries: [AuditEntry] = []
        var done = false
        var error: (any Error)?
    }

    /// The batch new lines join, and whether a caller is writing one.
    private struct State {
        var open = Batch()
        var writing = false
    }

    private let condition = NSCondition()
    // @unchecked: only touched under `condition`.
    private nonisolated(unsafe) var blocking = State()

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
