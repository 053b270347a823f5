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

extension PrivacyTests {
    @Test("the report forms — new report, steps, saves, preview, receipt — put no personnummer in any URL or log line")
    func formsKeepPersonnummerOutOfURLs() async throws {
        let lines = LogCapture()
        let database = try Demo.database(now: ReportFormTests.now)
        try await withServer(database: database, logger: lines.logger) { browser, database in
            let numbers = try database.people(as: .system(via: "test"), limit: 1000).map {
                $0.personnummer.replacingOccurrences(of: "-", with: "")
            }
            try await browser.login("kontaktperson")
            let choose = try await browser.get("/rapporter/ny")
            let first = try #require(choose.links.first { $0.hasPrefix("/rapporter/ny?insats=") })
            let created = try await browser.submit(try HTMLForm(try await browser.get(first), action: "/rapporter/ny"))
            let step1 = try #require(created.location)
            let id = step1.split(separator: "/")[1]
            var form = try HTMLForm(try await browser.get(step1), action: step1)
            form.set("klient_fornamn", "Anna")
            try await browser.submit(form, button: "nasta")
            let step2 = "/rapporter/\(id)/steg/2"
            form = try HTMLForm(try await browser.get(step2), action: step2)
            form.set("personnummer", "198112189876")
            try await browser.submit(form, button: "spara")
            try await browser.submit(form, button: "nasta")
            let preview = try await browser.get("/rapporter/\(id)/forhandsgranska")
            for link in preview.links where link.contains("/steg/") { try await browser.get(link) }
            try await browser.submit(try HTMLForm(preview, action: "/rapporter/\(id)/skicka-in"))
            try await browser.get("/rapporter/\(id)/kvitto")
            // The personnummer was typed and is stored, but never in a URL or the log
            #expect(try database.report(id: Int64(id)!, as: try Demo.actor("kontaktperson", in: database)).answers["personnummer"] == "198112189876")
            for url in browser.urlsSeen {
                #expect(!containsPersonnummerShape(url) && !url.contains("198112189876"), "\(url)")
                #expect(!numbers.contains { url.contains($0) }, "\(url)")
            }
            #expect(lines.lines.contains { $0.contains("POST /rapporter/{id}/steg/{steg} 303") })
            for line in lines.lines { #expect(!containsPersonnummerShape(line) && !line.contains("1981121"), "\(line)") }
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
            var all = metadata.merging(event.metadata ?? [:]) { $1 }
            // Hummingbird's request id is 32 random hex digits, which now and then hold ten
            // decimal digits in a row — the shape the tests look for — without being anyone's.
            if all.removeValue(forKey: "hb.request.id") != nil { all["hb.request.id"] = "<request id>" }
            capture.append("\(event.level) \(event.message) \(all)")
        }
    }
}
