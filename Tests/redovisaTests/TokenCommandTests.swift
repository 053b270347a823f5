import Foundation
import Redovisa
import Testing

/// `redovisa token create | list | revoke`: the secret printed once, the list without secrets,
/// and a revoked token that no longer authenticates.
struct TokenCommandTests {
    @Test func createListAndRevoke() throws {
        // Given a database with a user
        let folder = try CommandRunner.folder(with: [:])
        let path = folder.appendingPathComponent("r.sqlite").path
        let database = try AppDatabase.open(path: path)
        _ = try database.add(User(username: "procapita", displayName: "Procapita", roles: [.officer]), as: .system(via: "test"))

        // When a token is made for it
        let created = try CommandRunner.run(["token", "create", "--user", "procapita", "--name", "Nattkörning", "--db", path], in: folder)
        #expect(created.status == 0, "\(created.standardError)")
        let lines = created.standardOutput.split(separator: "\n").map(String.init)
        let secret = try #require(lines.last)
        #expect(lines.first == "Token 1 for procapita (Nattkörning). Copy the secret now; it is not shown again:")

        // Then it authenticates as the user, and the list shows it without its secret
        #expect(try database.actor(apiToken: secret)?.actor.user?.username == "procapita")
        let listed = try CommandRunner.run(["token", "list", "--db", path], in: folder)
        #expect(listed.standardOutput.contains("procapita") && listed.standardOutput.contains("Nattkörning"))
        #expect(!listed.standardOutput.contains(secret))

        // When it is revoked, it authenticates nothing
        let revoked = try CommandRunner.run(["token", "revoke", "1", "--db", path], in: folder)
        #expect(revoked.status == 0 && revoked.standardOutput == "Token 1 revoked.\n")
        #expect(try database.actor(apiToken: secret) == nil)

        // A token for an unknown user is refused, with the reason
        let unknown = try CommandRunner.run(["token", "create", "--user", "ingen", "--name", "x", "--db", path], in: folder)
        #expect(unknown.status == 1 && unknown.standardError == "error: Det finns ingen användare 'ingen'.\n")
    }
}
