import Foundation
import Logging
import Redovisa
import Synchronization
import Testing
@testable import RedovisaServer

@Suite("No personal data in URLs or logs")
struct PrivacyTests {
    @Test("no URL a user is shown or sent to holds a personnummer, for every kind of user on every page")
    func noPersonnummerInURLs() async throws {
        let lines = LogCapture()
        try await withServer(logger: lines.logger) { browser, database in
            // Given every personnummer in the register
            let everyone = try database.people(as: .system(via: "test"), limit: 1000)
            let numbers = everyone.map { $0.personnummer.replacingOccurrences(of: "-", with: "") }
            try #require(numbers.count == 200)
            // When each kind of user visits their pages and the reports they link to
            for user in ["deltagare", "kontaktperson", "anordnare", "handlaggare-nacka", "admin"] {
                try await browser.login(user)
                for uri in ["/", "/mina-sidor", "/arbetsko", "/arbetsko?vy=godkanda", "/oversikt", "/admin/granskningslogg"] {
                    let page = try await browser.get(uri)
                    for id in page.reportIds.prefix(3) { try await browser.get("/rapporter/\(id)") }
                }
                try await browser.post("/logga-ut")
            }
            // Then no URL has the shape of a personnummer, nor any of the register's numbers
            try #require(browser.urlsSeen.count > 50)
            for url in browser.urlsSeen {
                #expect(!containsPersonnummerShape(url), "\(url)")
                #expect(!numbers.contains { url.contains($0) || url.contains(String($0.dropFirst(2))) }, "\(url)")
            }
            // And the log has one line per request with the route's pattern, no query, no number
            let logged = lines.lines
            #expect(logged.contains { $0.contains("GET /rapporter/{id} 200") })
            for line in logged {
                #expect(!containsPersonnummerShape(line), "\(line)")
                #expect(!line.contains("?"), "\(line)")
                #expect(!line.contains("/rapporter/1") && !line.contains("csrf"), "\(line)")
            }
        }
    }
}

/// Collects log lines in memory.
final class LogCapture: Sendable {
    private let storage = Mutex<[String]>([])

    var lines: [String] { storage.withLock { $0 } }

    func append(_ line: String) { storage.withLock { $0.append(line) } }

    var logger: Logger {
        Logger(label: "test") { _ in CaptureHandler(capture: self) }
    }

    struct CaptureHandler: LogHandler {
        let capture: LogCapture
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let all = metadata.merging(event.metadata ?? [:]) { $1 }
            capture.append("\(event.level) \(event.message) \(all)")
        }
    }
}
