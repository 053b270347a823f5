import Foundation

/// `redovisa demo`: a realistic, deterministic demo for the web pages and for trying features —
/// Nacka kommun, Arbetsförmedlingen, Försäkringskassan and three providers; staff in every role;
/// 200 people; enrolments in the five services of DOMAIN.md; plans, events, and reports in every
/// status for August to October 2025, made through the same lifecycle methods as real use, so
/// their history and audit trail are real.
///
/// The demo is told as of ``asOf`` (a Thursday in November 2025): the August reports are mostly
/// approved, September's are being reviewed and returned, October's are being written.
///
/// ```swift
/// let demo = try DemoSeed.build()                       // in memory, about a second
/// let target = try AppDatabase.open(path: "redovisa.sqlite")
/// let outcome = try DemoSeed.install(demo, into: target)
/// ```
public enum DemoSeed {
    /// The `via` of every audit line the demo writes: how a database is known to hold the demo.
    public static let via = AppDatabase.demoVia
    /// The demo's "today": nothing in it happens later.
    public static let asOf = LocalDate(year: 2025, month: 11, day: 6)!
    /// The seed of the demo everyone sees. Another seed makes another, equally realistic, demo.
    public static let defaultSeed: UInt64 = 20_251_106

    /// Builds the demo in a new database in memory. The same seed always makes the same data.
    /// - Throws: ``RedovisaError`` if any step of the story is refused (a bug in the seed).
    public static func build(seed: UInt64 = defaultSeed) throws(RedovisaError) -> AppDatabase {
        let clock = DemoClock(DemoCalendar.at(LocalDate(year: 2025, month: 1, day: 2)!, 8))
        let database = try AppDatabase.inMemory(clock: { clock.now })
        try DemoBuilder(seed: seed, database: database, clock: clock).build()
        return database
    }

    /// What ``install(_:into:reset:)`` did.
    public enum Outcome: Sendable, Equatable {
        /// The database was empty and now holds the demo.
        case seeded
        /// The database held the demo already; nothing was changed.
        case alreadyPresent
        /// `reset` was given: what the database held was replaced by the demo.
        case replaced(previous: AppDatabase.Contents)
    }

    /// What `install` would do with `target`, without building anything: `.alreadyPresent` when
    /// the demo is there (and no reset is asked for), nil when it may go ahead.
    /// - Throws: ``RedovisaError/Code/conflict`` when `target` holds other data and `reset` is false.
    public static func check(_ target: AppDatabase, reset: Bool) throws(RedovisaError) -> Outcome? {
        try decide(try target.contents(), reset: reset)
    }

    /// Puts `demo` (from ``build(seed:)``) into `target`, all or nothing: an empty database gets
    /// the demo; one that holds the demo already is left as it is; one that holds anything else
    /// is refused unless `reset` is given, which replaces everything in it. The copy is one
    /// SQLite backup step, so a failure leaves `target` as it was.
    /// - Throws: ``RedovisaError/Code/conflict`` for a database with other data and no `reset`;
    ///   ``RedovisaError/Code/storage`` when the copy fails.
    public static func install(_ demo: AppDatabase, into target: AppDatabase, reset: Bool = false) throws(RedovisaError) -> Outcome {
        var outcome = Outcome.seeded
        try target.replaceContents(with: demo) { contents throws(RedovisaError) in
            if let decided = try decide(contents, reset: reset) {
                outcome = decided
                return false
            }
            if !contents.isEmpty { outcome = .replaced(previous: contents) }
            return true
        }
        return outcome
    }

    private static func decide(_ contents: AppDatabase.Contents, reset: Bool) throws(RedovisaError) -> Outcome? {
        if reset || contents.isEmpty { return nil }
        if contents.hasDemo { return .alreadyPresent }
        throw RedovisaError(
            .conflict, "the database already holds data (\(describe(contents))) and the demo fills only an empty database")
    }

    /// What a database holds, in a few words: "3 organisations, 1 person, 12 reports".
    public static func describe(_ contents: AppDatabase.Contents) -> String {
        let kinds = [
            ("organisation", "organisations", contents.organisations), ("office", "offices", contents.offices),
            ("user", "users", contents.users), ("person", "people", contents.people),
            ("programme", "programmes", contents.programmes), ("enrolment", "enrolments", contents.enrolments),
            ("report", "reports", contents.reports),
        ]
        let held = kinds.filter { $0.2 > 0 }.map { "\($0.2) \($0.2 == 1 ? $0.0 : $0.1)" }
        return held.isEmpty ? "nothing" : held.joined(separator: ", ")
    }

    // MARK: Logins

    /// One demo login: the username to type, the role, where they work, their name, and what
    /// they are for.
    public struct Login: Sendable, Hashable {
        public var username: String
        public var role: Role
        public var mayViewProtected: Bool
        public var place: String
        public var displayName: String
        public var note: String
    }

    /// The demo logins as `database` has them (with their names from the register).
    /// - Throws: ``RedovisaError/Code/notFound`` when a demo user is missing.
    public static func logins(in database: AppDatabase) throws(RedovisaError) -> [Login] {
        var logins: [Login] = []
        for login in DemoWorld.logins {
            let actor = try database.actor(username: login.username, via: via)
            logins.append(Login(
                username: login.username, role: login.role, mayViewProtected: actor.mayViewProtected,
                place: login.place, displayName: actor.user?.displayName ?? "", note: login.note))
        }
        return logins
    }

    /// Usernames of the further reporters, beside the demo logins: participants `deltagare02` …
    /// and contact persons `kontaktperson02` …
    public static let moreReporters = (
        participants: DemoBuilder.participantLogins - 1, contactPersons: DemoBuilder.contactPersons - 1
    )
}
