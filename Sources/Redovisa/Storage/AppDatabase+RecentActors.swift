import Foundation
import GRDB
import Synchronization

/// The actors of recent requests, by username: a logged-in page need not read the user and their
/// assignments on every request.
///
/// An entry is used for at most ``maximumAge`` (1 s), and never after this process has committed
/// a change to the `user` or `assignment` table (a transaction observer bumps a generation that
/// every entry is checked against). So a change made through this server bites at once, and one
/// made by another process on the same file (`redovisa` on the command line) within a second.
final class RecentActors: Sendable {
    /// How long an entry is used: changes made by another process take at most this long to bite.
    static let maximumAge: Duration = .seconds(1)
    /// More entries than this and the oldest half is dropped (a bound on memory, not a tuning knob).
    static let capacity = 10_000

    private struct Entry {
        var actor: Actor
        var readAt: ContinuousClock.Instant
        var generation: UInt64
    }

    private let entries = Mutex<[String: Entry]>([:])
    /// Bumped after every committed transaction that changed a user or an assignment.
    private let generation = Atomic<UInt64>(0)
    private let observation = Mutex<AnyDatabaseCancellable?>(nil)

    /// Starts watching `writer` for changes to users and assignments.
    func observe(_ writer: any DatabaseWriter) {
        let cancellable = DatabaseRegionObservation(tracking: Table("user"), Table("assignment"))
            .start(in: writer, onError: { [weak self] _ in self?.invalidateForever() }) { [weak self] _ in
                self?.generation.add(1, ordering: .sequentiallyConsistent)
            }
        observation.withLock { $0 = cancellable }
    }

    /// The actor for `key` when it is fresh, else what `read` gives (kept for the next request).
    /// `read` runs after the generation is taken, so a change committed meanwhile makes the entry stale.
    func actor(for key: String, read: () throws(RedovisaError) -> Actor) throws(RedovisaError) -> Actor {
        let now = ContinuousClock.now
        let current = generation.load(ordering: .sequentiallyConsistent)
        if current != .max, let entry = entries.withLock({ $0[key] }), entry.generation == current,
            now - entry.readAt < Self.maximumAge
        {
            return entry.actor
        }
        let actor = try read()
        guard current != .max else { return actor }
        entries.withLock { entries in
            if entries.count >= Self.capacity {
                let oldest = entries.sorted { $0.value.readAt < $1.value.readAt }.prefix(Self.capacity / 2)
                for (key, _) in oldest { entries[key] = nil }
            }
            entries[key] = Entry(actor: actor, readAt: now, generation: current)
        }
        return actor
    }

    /// The observation failed: nothing is kept from now on.
    private func invalidateForever() {
        generation.store(.max, ordering: .sequentiallyConsistent)
        entries.withLock { $0 = [:] }
    }
}

extension AppDatabase {
    /// The user called `username` with their assignments, acting through `via`, as
    /// ``actor(username:via:)`` gives it — but kept for up to a second between requests (see
    /// ``RecentActors``): what every logged-in web request asks first.
    /// - Throws: ``RedovisaError/Code/notFound`` (never kept: a removed user is logged out at once).
    ///
    /// ```swift
    /// context.actor = try? database.recentActor(username: session.username, via: "web")
    /// ```
    public func recentActor(username: String, via: String) throws(RedovisaError) -> Actor {
        try recentActors.actor(for: via + "\u{0}" + username) { () throws(RedovisaError) in
            try actor(username: username, via: via)
        }
    }
}
