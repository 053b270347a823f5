import AsyncHTTPClient
import Foundation
import Testing

@Suite("Live server")
struct LiveServerTests {
    /// The `redovisa` binary next to the test bundle.
    static var executable: URL {
        URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().appendingPathComponent("redovisa")
    }

    @Test("redovisa serve starts on a free port, answers GET / with a redirect to the login page, and stops")
    func smoke() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redovisa-live-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // Given the built binary serving an empty database on port 0 (any free port)
        let process = Process()
        process.executableURL = Self.executable
        process.arguments = ["serve", "--port", "0", "--db", folder.appendingPathComponent("live.sqlite").path]
        var environment = ProcessInfo.processInfo.environment
        for name in environment.keys where name.hasPrefix("REDOVISA_OIDC_") { environment[name] = nil }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // When it says where it listens
        var text = ""
        let deadline = Date().addingTimeInterval(60)
        while !text.contains("\n"), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        let port = try #require(text.firstMatch(of: /Redovisa serves http:\/\/127\.0\.0\.1:([0-9]+)/).flatMap { Int($0.1) })
        #expect(port > 0)
        // Then GET / answers over real HTTP
        let response = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/logga-in"), timeout: .seconds(10))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 20))
        #expect(response.status == .ok)
        #expect(body.contains("<html lang=\"sv\">"))
        #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
        let root = try await HTTPClient.shared.execute(HTTPClientRequest(url: "http://127.0.0.1:\(port)/"), timeout: .seconds(10))
        #expect(root.status == .ok, "HTTPClient follows the redirect from / to the login page")
        // And it stops on SIGTERM
        process.terminate()
        process.waitUntilExit()
        #expect(!process.isRunning)
    }
}
