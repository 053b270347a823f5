import AsyncHTTPClient
import Foundation
import Redovisa
import Testing

/// `redovisa serve` as an operator starts it: the reminder scheduler announced at start (and not
/// with `--no-reminders`), and an API token made with the CLI's store authenticating over real HTTP.
@Suite("Live server: reminders and API tokens")
struct LiveServerTokenTests {
    /// Starts `redovisa serve` on `database` with `arguments`; returns the process and its first lines.
    func start(_ database: String, _ arguments: [String]) throws -> (Process, String) {
        let process = Process()
        process.executableURL = LiveServerTests.executable
        process.arguments = ["serve", "--port", "0", "--db", database] + arguments
        var environment = ProcessInfo.processInfo.environment
        for name in environment.keys where name.hasPrefix("REDOVISA_") { environment[name] = nil }
        environment["REDOVISA_OUTBOX_DIR"] = URL(fileURLWithPath: database).deletingLastPathComponent().appendingPathComponent("outbox").path
        process.environment = environment
        process.currentDirectoryURL = Project.root
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("No login is configured"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return (process, text)
    }

    @Test("serve announces its reminders, and a bearer token authenticates over HTTP until revoked")
    func remindersAndTokens() async throws {
        // Given a database with an officer and a token for them
        let path = try Project.temporaryFolder().appendingPathComponent("live.sqlite").path
        let database = try AppDatabase.open(path: path)
        _ = try database.add(User(username: "integration", displayName: "Integration", roles: [.officer]), as: .system(via: "test"))
        let (token, secret) = try database.createAPIToken(for: "integration", name: "Live", as: .system(via: "test"))

        // When the server starts with its defaults
        let (process, text) = try start(path, [])
        defer { if process.isRunning { process.terminate() } }
        #expect(text.contains("Reminders: the rules of scripts/reminders run every 60 s; the outbox is delivered."))
        let port = try #require(text.firstMatch(of: /Redovisa serves http:\/\/127\.0\.0\.1:([0-9]+)/).flatMap { Int($0.1) })

        // Then the token is the officer over real HTTP
        var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/api/v1/session")
        request.headers.add(name: "Authorization", value: "Bearer \(secret)")
        let answer = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        let body = String(buffer: try await answer.body.collect(upTo: 1 << 20))
        #expect(answer.status == .ok && body.contains("\"username\":\"integration\""))

        // And once revoked, 401
        try database.revokeAPIToken(id: token.id!, as: .system(via: "test"))
        let refused = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
        #expect(refused.status == .unauthorized)
        process.terminate()
        process.waitUntilExit()

        // And with --no-reminders it says nothing of reminders
        let (quiet, quietText) = try start(path, ["--no-reminders"])
        defer { if quiet.isRunning { quiet.terminate() } }
        #expect(quietText.contains("Redovisa serves") && !quietText.contains("Reminders:"))
        quiet.terminate()
        quiet.waitUntilExit()
    }
}
