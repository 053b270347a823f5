import Foundation
import GRDB

/// The Redovisa database: one SQLite file in WAL mode (or memory, for tests), migrated on open.
/// Every operation is one transaction; its methods are named after what they do for a user.
///
/// ```swift
/// let database = try AppDatabase.open(path: "redovisa.sqlite")
/// let view = try database.person(id: 42, as: officer)
/// ```
public struct AppDatabase: Sendable {
    /// The default file: `./redovisa.sqlite`, or `$REDOVISA_DB`.
    public static var defaultPath: String {
        ProcessInfo.processInfo.environment["REDOVISA_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "redovisa.sqlite"
    }

    let writer: any DatabaseWriter
    /// Where "now" comes from, so that tests can set it.
    public let clock: @Sendable () -> Date

    /// The migrations this open applied (empty when the file was up to date).
    public let migrationsAppliedOnOpen: [String]
    /// The logged-in actors of recent requests (see ``recentActor(username:via:)``).
    let recentActors = RecentActors()
    /// Writes the audit lines of reads made by blocked threads in shared transactions (see
    /// ``audited(_:)``).
    let auditCommitter = AuditCommitter()
    /// Writes the writes of tasks — submissions, the audit lines of web pages — in shared
    /// transactions (see ``writeInGroup(isolated:_:)``).
    let writeGroup = WriteGroup()
    /// Read-only connections of our own for the form page's stamp; nil for a database in memory.
    let rawReaders: RawReaders?

    init(writer: any DatabaseWriter, clock: @escaping @Sendable () -> Date, rawReaders: RawReaders? = nil) throws {
        self.writer = writer
        self.clock = clock
        self.rawReaders = rawReaders
        let before = try writer.read { db in
            // Another application's database is left alone rather than given Redovisa's tables.
            let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            if !tables.isEmpty && !tables.contains("grdb_migrations") {
                throw RedovisaError(.storage, "filen är en SQLite-databas men inte Redovisas (den har andra tabeller)")
            }
            return try Migrations.migrator.appliedMigrations(db)
        }
        try Migrations.migrator.migrate(writer)
        let after = try writer.read { db in try Migrations.migrator.appliedMigrations(db) }
        migrationsAppliedOnOpen = after.filter { !before.contains($0) }
        recentActors.observe(writer)
    }

    /// Opens (creating or migrating as needed) the database file at `path`.
    /// - Throws: ``RedovisaError/Code/storage`` when the file cannot be opened or migrated.
    public static func open(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws(RedovisaError) -> AppDatabase {
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            configuration.prepareDatabase { db in
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            }
            let pool = try DatabasePool(path: path, configuration: configuration)
            return try AppDatabase(writer: pool, clock: clock, rawReaders: RawReaders(path: path))
        } catch let error as RedovisaError {
            throw RedovisaError(.storage, "databasen \(path) kan inte öppnas: \(error.message)")
        } catch {
            throw RedovisaError(.storage, "databasen \(path) kan inte öppnas: \(error)")
        }
    }

    /// A database in memory, for tests.
    public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws(RedovisaError) -> AppDatabase {
        do {
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            return try AppDatabase(writer: DatabaseQueue(configuration: configuration), clock: clock)
        } catch {
            throw RedovisaError(.storage, "databasen i minnet kan inte skapas: \(error)")
        }
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws(RedovisaError) -> [String] {
        try read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    // MARK: Transactions

    /// Runs `body` in one write transaction; any error rolls it all back.
    func write<T>(_ body: (Database) throws -> T) throws(RedovisaError) -> T {
        do {
            let writerId = ObjectIdentifier(writer)
            return try writer.write { db in
                // Marked, so that an audited read made inside writes its lines in this transaction.
                try WriteInProgress.$current.withValue(WriteInProgress(db, writer: writerId)) { try body(db) }
            }
        } catch let error as RedovisaError {
            throw error
        } catch {
            throw RedovisaError.storage(error)
        }
    }

    /// Runs `body` in a write transaction shared with the writes other tasks hand in meanwhile
    /// (group commit, see ``WriteGroup``), and returns once that transaction has committed;
    /// the task is suspended, not a thread blocked, while another batch is written. Audited
    /// reads made inside are in that transaction, as in ``write(_:)``.
    /// - Parameter isolated: run `body` in a savepoint of its own, so that its error rolls
    ///   back its own changes alone (the others in the batch are committed); without, its
    ///   error fails the whole batch.
    func writeInGroup<T: Sendable>(
        isolated: Bool = true, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(RedovisaError) -> T {
        let writerId = ObjectIdentifier(writer)
        do {
            return try await writeGroup.perform(
                isolated: isolated, on: writer,
                around: { db, all in try WriteInProgress.$current.withValue(WriteInProgress(db, writer: writerId)) { try all() } },
                body)
        } catch let error as RedovisaError {
            throw error
        } catch {
            throw RedovisaError.storage(error)
        }
    }

    /// Runs `body` — a read of one statement — outside a transaction (one statement reads one
    /// consistent snapshot by itself), without the cost of beginning and ending one.
    func unsafeRead<T>(_ body: (Database) throws -> T) throws(RedovisaError) -> T {
        do {
            return try writer.unsafeRead(body)
        } catch let error as RedovisaError {
            throw error
        } catch {
            throw RedovisaError.storage(error)
        }
    }

    /// Runs `body` with a consistent read-only view.
    func read<T>(_ body: (Database) throws -> T) throws(RedovisaError) -> T {
        do {
            return try writer.read(body)
        } catch let error as RedovisaError {
            throw error
        } catch {
            throw RedovisaError.storage(error)
        }
    }
}

extension RedovisaError {
    /// A database error as a domain error: a unique constraint is a conflict.
    static func storage(_ error: any Error) -> RedovisaError {
        if let error = error as? DatabaseError, error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            return RedovisaError(.conflict, "finns redan (\(error.message ?? "unik"))")
        }
        return RedovisaError(.storage, "databasfel: \(error)")
    }
}
