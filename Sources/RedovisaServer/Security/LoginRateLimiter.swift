import Foundation

/// At most `limit` login requests per client address in any `window` (a sliding window): a
/// brake on guessing and on hammering the identity provider through us. Kept in memory, like
/// the sessions.
public actor LoginRateLimiter {
    public let limit: Int
    public let window: TimeInterval
    private var attempts: [String: [Date]] = [:]
    private let clock: @Sendable () -> Date

    public init(limit: Int, window: TimeInterval = 60, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.limit = limit
        self.window = window
        self.clock = clock
    }

    /// Counts one attempt from `key`; nil when it is allowed, otherwise the seconds to wait.
    public func attempt(_ key: String) -> Int? {
        let now = clock()
        var recent = (attempts[key] ?? []).filter { now.timeIntervalSince($0) < window }
        if attempts.count > 10_000 { attempts = attempts.filter { $0.value.contains { now.timeIntervalSince($0) < window } } }
        guard recent.count < limit else {
            attempts[key] = recent
            return max(1, Int((window - now.timeIntervalSince(recent[0])).rounded(.up)))
        }
        recent.append(now)
        attempts[key] = recent
        return nil
    }
}
