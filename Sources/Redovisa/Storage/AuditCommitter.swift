import Foundation
import GRDB

/// The audit lines of reads, written by group commit: a read runs in a read-only transaction
/// (concurrently with other reads), its lines join the batch that is waiting to be written, and
/// one caller at a time writes the whole batch in one transaction. Every caller waits until the
/// batch that holds its lines has committed, so no read is answered before its audit lines are
/// in the database — under load many reads share one commit instead of queueing for a write
/// transaction each.
///
/// There is no thread of its own: the first caller that finds no batch being written writes
/// the open batch (its own and whatever joined it), the others wait on the condition.
final class AuditCommitter: @unchecked Sendable {
    // @unchecked: `open` and `writing` are only touched under `condition`; a batch's fields are
    // written under it too, and read under it or after `done` was seen under it.

    /// Lines that are committed together, and how that went.
    private final class Batch {
        var entries: [AuditEntry] = []
        var done = false
        var error: (any Error)?
    }

    private let condition = NSCondition()
    /// The batch new lines join.
    private var open = Batch()
    /// Whether some caller is writing a batch now.
    private var writing = false

    /// Writes `entries` to `writer`, together with the lines other callers hand in meanwhile,
    /// and returns when they are committed.
    /// - Throws: the database error of the batch's transaction (then none of its lines was written).
    func commit(_ entries: [AuditEntry], to writer: any DatabaseWriter) throws {
        guard !entries.isEmpty else { return }
        condition.lock()
        let batch = open
        batch.entries.append(contentsOf: entries)
        // A batch that is not done is either the open one or being written; when no one is
        // writing, it is the open one, and this caller writes it.
        while !batch.done {
            if writing {
                condition.wait()
                continue
            }
            writing = true
            open = Batch()
            condition.unlock()
            var failure: (any Error)?
            do {
                try writer.write { db in
                    for var entry in batch.entries { try entry.insert(db) }
                }
            } catch {
                failure = error
            }
            condition.lock()
            batch.error = failure
            batch.done = true
            writing = false
            condition.broadcast()
        }
        let failure = batch.error
        condition.unlock()
        if let failure { throw failure }
    }
}
