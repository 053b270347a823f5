import Foundation
import Logging

/// When a failed delivery is tried again: after `firstDelay`, doubling each time up to
/// `maximumDelay`, until `maximumAttempts`; then the message is failed for good.
public struct RetryPolicy: Sendable, Hashable {
    public var maximumAttempts: Int
    public var firstDelay: TimeInterval
    public var maximumDelay: TimeInterval
    /// How long a claimed message is held for its deliverer.
    public var lease: TimeInterval

    /// 8 attempts: after 1, 2, 4, … minutes, at most 6 hours apart; a lease of 10 minutes.
    public init(maximumAttempts: Int = 8, firstDelay: TimeInterval = 60, maximumDelay: TimeInterval = 6 * 3600, lease: TimeInterval = 600) {
        self.maximumAttempts = maximumAttempts
        self.firstDelay = firstDelay
        self.maximumDelay = maximumDelay
        self.lease = lease
    }

    /// The wait before the next attempt after attempt number `attempt` (1-based) failed.
    public func delay(after attempt: Int) -> TimeInterval {
        min(maximumDelay, firstDelay * pow(2, Double(max(0, attempt - 1))))
    }
}

/// What one delivery pass did, by channel.
public struct DeliveryReport: Sendable, Hashable {
    public var sent: [DeliveryChannel: Int] = [:]
    /// Failed this time, to be tried again.
    public var retrying = 0
    /// Failed for good.
    public var failed = 0

    public init() {}

    public var sentCount: Int { sent.values.reduce(0, +) }
}

/// Delivers the outbox: in-app messages into the inbox (always), e-mail and SMS through their
/// transports, each failure tried again with backoff. Safe to run from several processes at
/// once: each message is claimed by one.
///
/// In-app delivery is exactly once (one transaction). E-mail and SMS are at least once: a
/// process that dies after handing a message over but before marking it sent hands it over
/// again after the lease (the file sink then writes the same file again).
///
/// ```swift
/// let deliverer = OutboxDeliverer(database: database, email: smtp, sms: FileSinkTransport(folder: outbox))
/// let report = try await deliverer.deliver(at: Date())
/// ```
public struct OutboxDeliverer: Sendable {
    public var database: AppDatabase
    public var email: any OutboxTransport
    public var sms: any OutboxTransport
    /// The web service's address (`https://redovisa.nacka.se`), put before each link path in
    /// e-mail and SMS; nil: the path alone.
    public var publicURL: String?
    public var policy: RetryPolicy
    public var logger: Logger

    public init(
        database: AppDatabase, email: any OutboxTransport, sms: any OutboxTransport, publicURL: String? = nil,
        policy: RetryPolicy = RetryPolicy(), logger: Logger = Logger(label: "redovisa.outbox")
    ) {
        self.database = database
        self.email = email
        self.sms = sms
        self.publicURL = publicURL
        self.policy = policy
        self.logger = logger
    }

    /// Delivers every message that is due at `now`, up to `limit`.
    /// - Throws: ``RedovisaError/Code/storage`` when the database fails (a failed send is not
    ///   an error: it is recorded and tried again).
    public func deliver(at now: Date, limit: Int = 100_000) async throws(RedovisaError) -> DeliveryReport {
        var report = DeliveryReport()
        var handled = 0
        while handled < limit {
            let batch = try database.claimOutbox(at: now, limit: min(100, limit - handled), lease: policy.lease)
            if batch.isEmpty { break }
            handled += batch.count
            for claimed in batch {
                try await deliver(claimed, at: now, into: &report)
            }
        }
        return report
    }

    /// The text of an e-mail or SMS: the body and the link, made absolute with ``publicURL``.
    func text(of message: OutboxMessage) -> String {
        var text: String = message.body
        if let path = message.link {
            var base: String = publicURL ?? ""
            if base.hasSuffix("/") { base.removeLast() }
            text += message.channel == .email ? "\n\n" : " "
            text += base
            text += path
        }
        return text
    }

    private func deliver(_ claimed: ClaimedMessage, at now: Date, into report: inout DeliveryReport) async throws(RedovisaError) {
        let message = claimed.message
        guard let id = message.id else { return }
        if message.channel == .inApp {
            if message.recipientUserId == nil {
                try database.markFailed(id, error: "mottagaren har ingen inloggning", retryAt: nil)
                report.failed += 1
            } else {
                try database.deliverToInbox(message, at: now)
                report.sent[.inApp, default: 0] += 1
            }
            return
        }
        guard let address = claimed.address else {
            let what = message.channel == .email ? "e-post" : "sms"
            try database.markFailed(id, error: "mottagaren har ingen adress för \(what) eller vill inte längre ha \(what)", retryAt: nil)
            report.failed += 1
            return
        }
        let transport = message.channel == .email ? email : sms
        do {
            try await transport.send(OutboundMessage(
                id: id, channel: message.channel, to: address, subject: message.subject, text: text(of: message), rule: message.rule))
        } catch {
            let last = error.permanent || message.attempts >= policy.maximumAttempts
            let retryAt = last ? nil : now.addingTimeInterval(policy.delay(after: message.attempts))
            try database.markFailed(id, error: error.reason, retryAt: retryAt)
            if last { report.failed += 1 } else { report.retrying += 1 }
            logger.warning("outbox \(id) (\(message.channel.rawValue)) via \(transport.name): attempt \(message.attempts) failed: \(DeliveryErrorText.redacted(error.reason))")
            return
        }
        try database.markSent(id, at: now)
        report.sent[message.channel, default: 0] += 1
    }
}
