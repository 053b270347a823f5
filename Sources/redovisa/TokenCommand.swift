import ArgumentParser
import Foundation
import Redovisa

/// `redovisa token …`: API tokens for integrations (`Authorization: Bearer rdv_…` on /api/v1).
struct TokenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke the API tokens integrations use.",
        discussion: """
            A token acts as one user on /api/v1 (Authorization: Bearer rdv_…), with that user's \
            access and in the audit log as api-token:ID; it needs no CSRF token. The secret is \
            printed once, at creation; Redovisa keeps only its SHA-256. Administrators can do \
            the same on the page Administration → API-nycklar.
            """,
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self]
    )
}

/// Who acts: `--as ADMIN`, else the system (audited as via `cli`).
struct TokenActorOptions: ParsableArguments {
    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this administrator (default: the system).", valueName: "username"))
    var user: String?

    /// The administrator of `--as`, or the system.
    /// - Throws: ``RedovisaError/Code/notFound`` for an unknown username.
    func actor(in database: AppDatabase) throws(RedovisaError) -> Actor {
        try user.map { username throws(RedovisaError) in try database.actor(username: username, via: "cli") } ?? .system(via: "cli")
    }
}

/// `redovisa token create --user USERNAME --name NAME`: prints the new token's secret once.
struct TokenCreateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a token for a user and print its secret once.")

    @Option(help: "The user the token acts as.")
    var user: String

    @Option(help: "What the token is for (shown in the list).")
    var name: String

    @OptionGroup var actorOptions: TokenActorOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    func run() throws {
        do {
            let database = try databaseOptions.openExisting()
            let (token, secret) = try database.createAPIToken(for: user, name: name, as: try actorOptions.actor(in: database))
            print("Token \(token.id ?? 0) for \(user) (\(token.name)). Copy the secret now; it is not shown again:")
            print(secret)
        } catch {
            CommandLog.writeToStandardError("error: \(error.message)\n")
            throw ExitCode.failure
        }
    }
}

/// `redovisa token list`: every token, newest first — never a secret.
struct TokenListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens: id, user, name, created, last used, revoked.")

    @OptionGroup var actorOptions: TokenActorOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    func run() throws {
        do {
            let database = try databaseOptions.openExisting()
            let tokens = try database.apiTokens(as: try actorOptions.actor(in: database))
            guard !tokens.isEmpty else {
                print("No API tokens.")
                return
            }
            var rows = [["ID", "USER", "NAME", "CREATED", "LAST USED", "REVOKED"]]
            for listing in tokens {
                let t = listing.token
                rows.append([
                    String(t.id ?? 0), listing.username, t.name, LocalDate.stockholmTime(t.createdAt),
                    t.lastUsedAt.map { LocalDate.stockholmTime($0) } ?? "never", t.revokedAt.map { LocalDate.stockholmTime($0) } ?? "–",
                ])
            }
            print(RemindOutput.table(rows), terminator: "")
        } catch {
            CommandLog.writeToStandardError("error: \(error.message)\n")
            throw ExitCode.failure
        }
    }
}

/// `redovisa token revoke ID`: the token authenticates nothing from now on.
struct TokenRevokeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token: it is refused from now on.")

    @Argument(help: "The token's id (from `redovisa token list`).")
    var id: Int64

    @OptionGroup var actorOptions: TokenActorOptions
    @OptionGroup var databaseOptions: DatabaseOptions

    func run() throws {
        do {
            let database = try databaseOptions.openExisting()
            try database.revokeAPIToken(id: id, as: try actorOptions.actor(in: database))
            print("Token \(id) revoked.")
        } catch {
            CommandLog.writeToStandardError("error: \(error.message)\n")
            throw ExitCode.failure
        }
    }
}
