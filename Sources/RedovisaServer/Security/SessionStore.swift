import Foundation

/// The server-side sessions, in memory.
///
/// Why memory and not a table: a session holds nothing that must survive a restart (a restart
/// asks people to log in again, which e-legitimation makes quick), the database stays free of
/// login secrets, and no migration is needed. Two servers behind one address need sticky
/// sessions (or a table-backed store behind this same interface) — see docs/web.md.
///
/// A session ends after ``idleTimeout`` without a request or ``absoluteTimeout`` after it began,
/// whichever comes first; expired sessions are swept as new ones are made.
public actor SessionStore {
    /// 30 minutes without a request.
    public let idleTimeout: TimeInterval
    /// 8 hours after the session began.
    public let absoluteTimeout: TimeInterval
    private var sessions: [String: Session] = [:]
    private var sweptAt = Date.distantPast
    private let clock: @Sendable () -> Date

    public init(
        idleTimeout: TimeInterval = 30 * 60, absoluteTimeout: TimeInterval = 8 * 3600,
        clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.clock = clock
    }

    /// The live session with `id`, its last-seen time moved to now; nil when unknown or expired.
    public func touch(_ id: String) -> Session? {
        let now = clock()
        guard var session = sessions[id] else { return nil }
        guard !expired(session, at: now) else {
            sessions[id] = nil
            return nil
        }
        session.lastSeen = now
        sessions[id] = session
        return session
    }

    /// A new anonymous session, stored.
    public func create() -> Session {
        let now = clock()
        sweep(at: now)
        let session = Session.fresh(at: now)
        sessions[session.id] = session
        return session
    }

    /// Stores `session` as it now is (a login, a flash message).
    public func save(_ session: Session) { sessions[session.id] = session }

    /// Forgets the one-time message of session `id` (it has been shown).
    public func clearFlash(_ id: String) { sessions[id]?.flash = nil }

    /// Sets the one-time message of session `id` for the next page.
    public func flash(_ id: String, _ message: String) { sessions[id]?.flash = message }

    /// Ends session `id`.
    public func remove(_ id: String) { sessions[id] = nil }

    /// Gives `session` a new id and CSRF token (on login and logout, against session fixation),
    /// drops the old id, and returns the new session.
    public func rotate(_ session: Session) -> Session {
        sessions[session.id] = nil
        var renewed = session
        renewed.id = randomToken()
        renewed.csrfToken = randomToken()
        renewed.createdAt = clock()
        renewed.lastSeen = renewed.createdAt
        sessions[renewed.id] = renewed
        return renewed
    }

    /// How many sessions are live (for tests and the log).
    public var count: Int { sessions.count }

    private func expired(_ session: Session, at now: Date) -> Bool {
        now.timeIntervalSince(session.lastSeen) > idleTimeout || now.timeIntervalSince(session.createdAt) > absoluteTimeout
    }

    private func sweep(at now: Date) {
        guard now.timeIntervalSince(sweptAt) > 60 else { return }
        sweptAt = now
        sessions = sessions.filter { !expired($0.value, at: now) }
    }
}
