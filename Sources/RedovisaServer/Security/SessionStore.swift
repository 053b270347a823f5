import Foundation
import Synchronization

/// The server-side sessions, in memory.
///
/// Why memory and not a table: a session holds nothing that must survive a restart (a restart
/// asks people to log in again, which e-legitimation makes quick), the database stays free of
/// login secrets, and no migration is needed. Two servers behind one address need sticky
/// sessions (or a table-backed store behind this same interface) — see docs/web.md.
///
/// A session ends after ``idleTimeout`` without a request or ``absoluteTimeout`` after it began,
/// whichever comes first; expired sessions are swept as new ones are made.
///
/// Every request asks the store for its session, so the sessions are behind a lock rather than
/// in an actor: a look-up is a few hundred nanoseconds under the lock, and the request's task
/// does not hop to the actor's executor and back. The methods stay `async` for their callers.
public final class SessionStore: Sendable {
    /// 30 minutes without a request.
    public let idleTimeout: TimeInterval
    /// 8 hours after the session began.
    public let absoluteTimeout: TimeInterval
    private let state = Mutex(State())
    private let clock: @Sendable () -> Date

    /// The sessions, and when expired ones were last swept out.
    private struct State {
        var sessions: [String: Session] = [:]
        var sweptAt = Date.distantPast
    }

    public init(
        idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 8 * 3600,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.clock = clock
    }

    /// The live session with `id`, its last-seen time moved to now; nil when unknown or expired.
    public func touch(_ id: String) async -> Session? {
        let now = clock()
        return state.withLock { state in
            guard var session = state.sessions[id] else { return nil }
            guard !expired(session, at: now) else {
                state.sessions[id] = nil
                return nil
            }
            session.lastSeen = now
            state.sessions[id] = session
            return session
        }
    }

    /// A new anonymous session, stored.
    public func create() async -> Session {
        let now = clock()
        let session = Session.fresh(at: now)
        state.withLock { state in
            sweep(&state, at: now)
            state.sessions[session.id] = session
        }
        return session
    }

    /// Stores `session` as it now is (a login, a flash message).
    public func save(_ session: Session) async { state.withLock { $0.sessions[session.id] = session } }

    /// Forgets the one-time message of session `id` (it has been shown).
    public func clearFlash(_ id: String) async { state.withLock { $0.sessions[id]?.flash = nil } }

    /// Sets the one-time message of session `id` for the next page.
    public func flash(_ id: String, _ message: String) async { state.withLock { $0.sessions[id]?.flash = message } }

    /// Ends session `id`.
    public func remove(_ id: String) async { state.withLock { $0.sessions[id] = nil } }

    /// Gives `session` a new id and CSRF token (on login and logout, against session fixation),
    /// drops the old id, and returns the new session.
    public func rotate(_ session: Session) async -> Session {
        var renewed = session
        renewed.id = randomToken()
        renewed.csrfToken = randomToken()
        renewed.createdAt = clock()
        renewed.lastSeen = renewed.createdAt
        state.withLock { state in
            state.sessions[session.id] = nil
            state.sessions[renewed.id] = renewed
        }
        return renewed
    }

    /// How many sessions are live (for tests and the log).
    public var count: Int { get async { state.withLock { $0.sessions.count } } }

    private func expired(_ session: Session, at now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeen) > idleTimeout || now.timeIntervalSince(session.createdAt) > absoluteTimeout
    }

    private func sweep(_ state: inout State, at now: Date) {
        guard now.timeIntervalSince(state.sweptAt) > 60 else { return }
        state.sweptAt = now
        state.sessions = state.sessions.filter { !expired($0.value, at: now) }
    }
}
