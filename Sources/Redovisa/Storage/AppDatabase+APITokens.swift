import Crypto
import Foundation
import GRDB

/// A bearer token an integration authenticates with, acting as one user (issue 6, item 6). The
/// secret itself is shown once when the token is made and never stored: the table holds its
/// SHA-256.
public struct APIToken: Sendable, Hashable, Codable, Identifiable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "apiToken"

    public var id: Int64?
    /// The user the token acts as.
    public var userId: Int64
    /// What it is for ("Verksamhetssystemet Procapita").
    public var name: String
    /// SHA-256 of the secret, lower-case hex.
    public var tokenHash: String
    public var createdAt: Date
    /// The administrator who made it (nil: the system, from the command line).
    public var createdBy: Int64?
    /// The last request it authenticated (at most a minute off: see ``AppDatabase/actor(apiToken:)``).
    public var lastUsedAt: Date?
    public var revokedAt: Date?
    public var revokedBy: Int64?

    /// Whether it still authenticates.
    public var isActive: Bool { revokedAt == nil }

    /// Takes the id SQLite gave the new row.
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A token as an administrator sees it in a list: with its user's name.
public struct APITokenListing: Sendable, Hashable {
    public var token: APIToken
    /// The login name of the user it acts as.
    public var username: String
    /// That user's display name.
    public var displayName: String
}

/// API tokens: made and revoked by administrators (audited), looked up by their secret on every
/// API request that carries `Authorization: Bearer …`.
extension AppDatabase {
    /// The prefix of every secret, so that a leaked one is recognisable (`rdv_…`).
    public static let apiTokenPrefix = "rdv_"

    /// Makes a token acting as `username`; returns it and its secret, which is shown once and
    /// never again (only its SHA-256 is kept). Administrators and the system only.
    /// - Throws: ``RedovisaError/Code/accessDenied``, ``RedovisaError/Code/notFound`` for an
    ///   unknown user, ``RedovisaError/Code/invalidInput`` for an empty or over-long name.
    ///
    /// ```swift
    /// let (token, secret) = try database.createAPIToken(for: "handlaggare-norr", name: "Procapita", as: admin)
    /// ```
    public func createAPIToken(for username: String, name: String, as actor: Actor) throws(RedovisaError) -> (token: APIToken, secret: String) {
        try Self.requireAdministrator(actor, "Endast administratörer kan skapa API-nycklar.")
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty else { throw RedovisaError(.invalidInput, "Ge nyckeln ett namn.", field: "namn") }
        guard name.count <= 100 else { throw RedovisaError(.invalidInput, "Namnet får vara högst 100 tecken.", field: "namn") }
        let secret = Self.apiTokenPrefix + Self.randomSecret()
        let result: Result<APIToken, RedovisaError> = try write { db in
            guard let user = try User.filter(Column("username") == username).fetchOne(db), let userId = user.id else {
                return .failure(RedovisaError(.notFound, "Det finns ingen användare '\(username)'.", field: "anvandare"))
            }
            var token = APIToken(
                id: nil, userId: userId, name: name, tokenHash: Self.sha256(secret), createdAt: clock(),
                createdBy: actor.userId, lastUsedAt: nil, revokedAt: nil, revokedBy: nil)
            try token.insert(db)
            try audit(db, actor, "create", "apiToken", [token.id!], detail: "för användare \(userId)")
            return .success(token)
        }
        return (try result.get(), secret)
    }

    /// Every token, newest first, with its user's name. Administrators and the system only;
    /// audited.
    /// - Throws: ``RedovisaError/Code/accessDenied``.
    public func apiTokens(as actor: Actor) throws(RedovisaError) -> [APITokenListing] {
        try Self.requireAdministrator(actor, "Endast administratörer kan se API-nycklarna.")
        return try write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT t.*, u.username AS username, u.displayName AS displayName
                FROM apiToken t JOIN user u ON u.id = t.userId ORDER BY t.id DESC
                """)
            let listings = try rows.map { row in
                APITokenListing(token: try APIToken(row: row), username: row["username"], displayName: row["displayName"])
            }
            try audit(db, actor, "list", "apiToken", listings.compactMap(\.token.id))
            return listings
        }
    }

    /// Revokes token `id`: from now on it authenticates nothing. Revoking a revoked token
    /// changes nothing. Administrators and the system only; audited.
    /// - Throws: ``RedovisaError/Code/accessDenied``, ``RedovisaError/Code/notFound``.
    public func revokeAPIToken(id: Int64, as actor: Actor) throws(RedovisaError) {
        try Self.requireAdministrator(actor, "Endast administratörer kan återkalla API-nycklar.")
        let result: Result<Void, RedovisaError> = try write { db in
            guard var token = try APIToken.fetchOne(db, key: id) else {
                return .failure(RedovisaError(.notFound, "API-nyckeln finns inte."))
            }
            guard token.revokedAt == nil else { return .success(()) }
            token.revokedAt = clock()
            token.revokedBy = actor.userId
            try token.update(db)
            try audit(db, actor, "revoke", "apiToken", [id])
            return .success(())
        }
        try result.get()
    }

    /// The user a bearer secret acts as, with their assignments, acting through `api-token:ID`
    /// (so the audit log shows which token did what), and the token's id; nil for an unknown or
    /// revoked secret.
    /// Marks the token used, at most once a minute (a busy integration does not write on every
    /// request).
    /// - Throws: ``RedovisaError/Code/storage``.
    public func actor(apiToken secret: String) throws(RedovisaError) -> (actor: Actor, tokenId: Int64)? {
        guard secret.hasPrefix(Self.apiTokenPrefix), secret.count < 200 else { return nil }
        let hash = Self.sha256(secret)
        let now = clock()
        let found: (APIToken, User, [Assignment])? = try read { db in
            guard let token = try APIToken.filter(Column("tokenHash") == hash).fetchOne(db), token.isActive,
                let user = try User.fetchOne(db, key: token.userId)
            else { return nil }
            return (token, user, try Assignment.filter(Column("userId") == user.id).fetchAll(db))
        }
        guard let (token, user, assignments) = found, let id = token.id else { return nil }
        if token.lastUsedAt.map({ now.timeIntervalSince($0) >= 60 }) ?? true {
            try write { db in
                try db.execute(sql: "UPDATE apiToken SET lastUsedAt = ? WHERE id = ?", arguments: [now, id])
            }
        }
        return (Actor(user: user, assignments: assignments, via: "api-token:\(id)"), id)
    }

    private static func requireAdministrator(_ actor: Actor, _ message: String) throws(RedovisaError) {
        guard actor.seesEveryone else { throw RedovisaError(.accessDenied, message) }
    }

    /// 32 random bytes from the system's secure generator, base64url without padding.
    private static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// The API tokens (issue 6): a user's tokens go with the user; the hash is unique.
    static func apiTokensMigration(_ db: Database) throws {
        try db.create(table: "apiToken") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("name", .text).notNull()
            t.column("tokenHash", .text).notNull().unique()
            t.column("createdAt", .datetime).notNull()
            t.column("createdBy", .integer).references("user", onDelete: .setNull)
            t.column("lastUsedAt", .datetime)
            t.column("revokedAt", .datetime)
            t.column("revokedBy", .integer).references("user", onDelete: .setNull)
        }
    }
}
