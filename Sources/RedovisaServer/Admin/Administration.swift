import Foundation
import Redovisa

/// What the administrator's pages and the reminder scheduler work on: the project's folders of
/// templates and scripts (relative to the directory `redovisa serve` runs in, or absolute), the
/// outbox's deliverer, the working-day calendar, and the scheduler of `serve` (nil: off).
///
/// ```swift
/// var dependencies = ServerDependencies(database: database, configuration: configuration)
/// dependencies.administration = Administration(deliverer: deliverer, scheduler: scheduler)
/// ```
public struct Administration: Sendable {
    /// The templates folder (`templates`).
    public var templatesFolder: String
    /// The scripts folder (`scripts`); the reminder rules are its `reminders/`.
    public var scriptsFolder: String
    /// What delivers the outbox when an administrator asks ("Leverera nu"); nil: the outbox page
    /// offers no delivery (the CLI's `redovisa outbox deliver` does it).
    public var deliverer: OutboxDeliverer?
    /// The calendar of the reminder rules.
    public var calendar: WorkingDayCalendar
    /// The background runner of reminders and delivery in `serve`; nil: not run.
    public var scheduler: ReminderScheduler?
    /// Where lint, tests and reminder dry runs run: one at a time, off the server's threads.
    public var work: OffLoop

    /// The tools over `templatesFolder` and `scriptsFolder` (default `templates`, `scripts`).
    public init(
        templatesFolder: String = "templates", scriptsFolder: String = "scripts", deliverer: OutboxDeliverer? = nil,
        calendar: WorkingDayCalendar = WorkingDayCalendar(), scheduler: ReminderScheduler? = nil,
        work: OffLoop = OffLoop(label: "redovisa.admin")
    ) {
        self.templatesFolder = Self.trimmed(templatesFolder)
        self.scriptsFolder = Self.trimmed(scriptsFolder)
        self.deliverer = deliverer
        self.calendar = calendar
        self.scheduler = scheduler
        self.work = work
    }

    /// The reminder rules' folder.
    public var remindersFolder: String { scriptsFolder + "/reminders" }

    /// Where `require` looks: the scripts, then the templates.
    public var roots: [String] { [scriptsFolder, templatesFolder] }

    /// A reminder runner over these folders.
    public func reminderRunner(database: AppDatabase) -> ReminderRunner {
        ReminderRunner(
            database: database, folder: remindersFolder, roots: .init(roots), calendar: calendar)
    }

    /// `text` with the folders shown by their short names (`templates/x.lua`, `scripts/y.lua`)
    /// when they were given as longer paths.
    public func shown(_ text: String) -> String {
        var text = text
        for (folder, name) in [(templatesFolder, "templates"), (scriptsFolder, "scripts")] where folder != name {
            text = text.replacingOccurrences(of: folder + "/", with: name + "/")
        }
        return text
    }

    private static func trimmed(_ path: String) -> String {
        path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
    }
}

/// Runs synchronous, CPU-heavy work — Lua lint, tests, reminder runs — on a serial dispatch queue
/// of its own, so that it never holds the server's event loops or Swift's cooperative threads;
/// the caller awaits the result. One job at a time per queue: a second waits its turn.
public struct OffLoop: Sendable {
    let queue: DispatchQueue

    /// A queue named `label` (seen in a debugger).
    public init(label: String) { queue = DispatchQueue(label: label, qos: .utility) }

    /// Runs `work` on the queue and returns what it returns.
    /// - Throws: what `work` throws.
    public func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
