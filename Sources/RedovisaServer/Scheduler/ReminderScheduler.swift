import Foundation
import Logging
import Redovisa
import ServiceLifecycle

/// The reminders of `redovisa serve`: a background service (run by the application's service
/// group beside the HTTP server) that every ``interval`` runs the reminder rules whose schedule
/// is due (``ReminderRunner``) and then delivers the outbox (``OutboxDeliverer``).
///
/// - **Due and catching up**: each tick runs the runner at the current moment; the runner's
///   schedules look back `catch_up_days`, so after downtime the latest missed occasion still goes
///   out once.
/// - **Exactly once**: the ledger lets each (rule, period, recipient, step) through once, and
///   each outbox message is claimed by one deliverer, so two servers on one database (or a
///   server and a `redovisa remind`) never send a reminder twice.
/// - **Backoff**: a failed message is retried by the deliverer's ``RetryPolicy``; a tick that
///   fails as a whole (the database away) waits twice as long before the next, up to
///   ``maximumBackoff``, and is back to ``interval`` after one that works.
/// - **Off the server's threads**: the Lua runs on an ``OffLoop`` queue of its own.
/// - **Logs**: counts, rule ids and the script's file only; never names, addresses or texts.
///
/// ```swift
/// let scheduler = ReminderScheduler(runner: ReminderRunner(database: database), deliverer: deliverer)
/// let report = try await scheduler.tick(at: Date())
/// ```
public struct ReminderScheduler: Service {
    /// Runs the rules (its folder, roots, limits and calendar).
    public var runner: ReminderRunner
    /// Delivers the outbox after each run; nil: the outbox is left to `redovisa outbox deliver`.
    public var deliverer: OutboxDeliverer?
    /// Time between ticks (one minute by default).
    public var interval: Duration
    /// The longest wait after failed ticks.
    public var maximumBackoff: Duration
    /// Where "now" comes from.
    public var clock: @Sendable () -> Date
    /// Counts and rule files only: never names, addresses or texts.
    public var logger: Logger
    let work: OffLoop

    /// A scheduler ticking every `interval` on `clock`.
    public init(
        runner: ReminderRunner, deliverer: OutboxDeliverer?, interval: Duration = .seconds(60),
        maximumBackoff: Duration = .seconds(15 * 60), clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "redovisa.scheduler")
    ) {
        self.runner = runner
        // One line per rule and tick would flood the log every minute: the runner's own lines
        // only for errors; the scheduler logs one summary when something happened.
        self.runner.logger.logLevel = max(runner.logger.logLevel, .warning)
        self.deliverer = deliverer
        self.interval = interval
        self.maximumBackoff = maximumBackoff
        self.clock = clock
        self.logger = logger
        self.work = OffLoop(label: "redovisa.scheduler")
    }

    /// What one tick did.
    public struct Tick: Sendable {
        /// The runner's report: each rule's plan and what the ledger took.
        public var reminders: ReminderRunReport
        /// What delivery did (nil without a deliverer).
        public var delivery: DeliveryReport?
    }

    /// Runs the rules due at `now` and delivers the outbox.
    /// - Throws: ``RedovisaError`` when the rules' folder is missing or the database fails (a
    ///   failing rule is in the report instead).
    public func tick(at now: Date) async throws -> Tick {
        let runner = self.runner
        let report = try await work.run { () throws(RedovisaError) -> ReminderRunReport in
            try runner.run(at: ReminderMoment(now), dryRun: false)
        }
        let delivery = try await deliverer?.deliver(at: now)
        let recorded = report.recorded.count
        if recorded > 0 || (delivery?.sentCount ?? 0) > 0 || (delivery?.retrying ?? 0) > 0 || !report.failedRules.isEmpty {
            logger.info(
                "reminders",
                metadata: [
                    "recorded": "\(recorded)", "sent": "\(delivery?.sentCount ?? 0)", "retrying": "\(delivery?.retrying ?? 0)",
                    "failed": "\(delivery?.failed ?? 0)", "failedRules": "\(report.failedRules.map(\.file).joined(separator: ","))",
                ])
        }
        return Tick(reminders: report, delivery: delivery)
    }

    /// Ticks every ``interval`` until the service group shuts down (or the task is cancelled).
    public func run() async throws {
        logger.info("reminder scheduler started", metadata: ["interval": "\(interval)", "rules": "\(runner.folder)"])
        var wait = interval
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            do {
                _ = try await tick(at: clock())
                wait = interval
            } catch {
                wait = min(maximumBackoff, wait * 2)
                let code = (error as? RedovisaError)?.code.rawValue ?? "\(type(of: error))"
                logger.error("reminder tick failed", metadata: ["code": "\(code)", "retryIn": "\(wait)"])
            }
            let pause = wait
            do {
                try await cancelWhenGracefulShutdown { try await Task.sleep(for: pause) }
            } catch {
                break  // shutting down
            }
        }
        logger.info("reminder scheduler stopped")
    }
}
