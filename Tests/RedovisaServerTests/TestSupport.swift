import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Redovisa
@testable import RedovisaServer

/// The demo with the shipped templates published (as `redovisa serve --demo` has it), built once
/// per test process and copied into a fresh database for every test.
enum Demo {
    static let source = Result { () throws -> AppDatabase in
        let database = try DemoSeed.build()
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("templates").path
        let published = TemplatePublisher(database: database).publishAll(in: folder, as: .system(via: "test"))
        if let failed = published.first(where: \.failed) { throw TestFailure("template not published: \(failed.line)") }
        guard published.count >= 9 else { throw TestFailure("only \(published.count) templates in \(folder)") }
        return database
    }

    /// A new in-memory database holding the demo, with the machine's clock or `now`.
    static func database(now: Date? = nil) throws -> AppDatabase {
        let database = try now.map { date in try AppDatabase.inMemory(clock: { date }) } ?? AppDatabase.inMemory()
        _ = try DemoSeed.install(try source.get(), into: database)
        return database
    }

    /// Noon in Stockholm on `day` (`2025-12-03`), as a clock reading.
    static func noon(_ day: String) -> Date {
        let date = LocalDate(day)!
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Redovisa.timeZone
        return calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 12))!
    }

    /// `username` as an actor (for asking the domain what a page should show).
    static func actor(_ username: String, in database: AppDatabase) throws -> Actor {
        try database.actor(username: username, via: "test")
    }
}

/// Runs `body` against the router in process, with the demo login on unless told otherwise.
func withServer<T>(
    database: AppDatabase? = nil, configuration: ServerConfiguration = ServerConfiguration(demoLogin: true),
    identity: (any IdentityProvider)? = nil, logger: Logger = Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }),
    _ body: @Sendable @escaping (Browser, AppDatabase) async throws -> T
) async throws -> T {
    let database = try database ?? Demo.database()
    let dependencies = ServerDependencies(database: database, configuration: configuration, identity: identity)
    let app = Application(router: buildRouter(dependencies), logger: logger)
    return try await app.test(.router) { client in try await body(Browser(client), database) }
}

/// A browser for tests: keeps the session cookie, remembers the last page's CSRF token, and
/// records every URL it was shown (links, form actions, redirects) for the privacy checks.
final class Browser: @unchecked Sendable {
    // Used by one test task at a time, in order; never shared between tasks.
    let client: any TestClientProtocol
    var cookie: String?
    var csrf: String?
    var urlsSeen: [String] = []
    var setCookies: [String] = []

    init(_ client: any TestClientProtocol) { self.client = client }

    /// A GET (not following redirects).
    @discardableResult
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> Page {
        try await send(uri, method: .get, headers: headers, body: nil)
    }

    /// A form POST with the CSRF token of the last page (unless `csrf` says otherwise).
    @discardableResult
    func post(_ uri: String, form: [(String, String)] = [], csrf: String? = nil, withToken: Bool = true) async throws -> Page {
        var fields = form
        if withToken { fields.append(("csrf", csrf ?? self.csrf ?? "")) }
        return try await send(
            uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: FormData.encode(fields)))
    }

    /// A JSON call to the API, with the session's CSRF token in `X-CSRF-Token` when given.
    @discardableResult
    func api(_ method: HTTPRequest.Method, _ uri: String, json: String? = nil, token: String? = nil) async throws -> Page {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[HTTPField.Name("X-CSRF-Token")!] = token }
        return try await send(uri, method: method, headers: headers, body: json.map { ByteBuffer(string: $0) })
    }

    /// Logs in through the demo login as `username`.
    func login(_ username: String) async throws {
        try await get("/logga-in")
        let page = try await post("/logga-in/demo", form: [("anvandare", username)])
        guard page.status == .seeOther else { throw TestFailure("demo login as \(username) answered \(page.status)") }
    }

    func send(_ uri: String, method: HTTPRequest.Method, headers: HTTPFields, body: ByteBuffer?) async throws -> Page {
        var headers = headers
        if let cookie { headers[.cookie] = cookie }
        urlsSeen.append(uri)
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body)
        let page = Page(response)
        for header in response.headers[values: .setCookie] {
            setCookies.append(header)
            let pair = header.split(separator: ";")[0]
            cookie = pair.hasSuffix("=") ? nil : String(pair)
        }
        if let location = page.location { urlsSeen.append(location) }
        urlsSeen += page.links
        if let token = page.csrfToken { csrf = token }
        return page
    }
}

/// A response as a test reads it.
struct Page: Sendable {
    let status: HTTPResponse.Status
    let headers: HTTPFields
    let body: String

    init(status: HTTPResponse.Status, headers: HTTPFields, body: String) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    init(_ response: TestResponse) {
        status = response.status
        headers = response.headers
        body = String(buffer: response.body)
    }

    var location: String? { headers[.location] }

    /// Every `href` and `action` in the page.
    var links: [String] {
        matches(#"(?:href|action)="([^"]*)""#)
    }

    /// The CSRF token of the page's forms.
    var csrfToken: String? { matches(#"name="csrf" value="([^"]*)""#).first }

    /// The report ids the page links to, in order.
    var reportIds: [Int64] { matches(#"href="/rapporter/([0-9]+)""#).compactMap { Int64($0) } }

    /// The first capture group of every match of `pattern`.
    func matches(_ pattern: String) -> [String] {
        let regex = try! NSRegularExpression(pattern: pattern)
        let range = NSRange(body.startIndex..., in: body)
        return regex.matches(in: body, range: range).compactMap { match in
            Range(match.range(at: 1), in: body).map { String(body[$0]) }
        }
    }

    /// The body as JSON.
    func json() throws -> [String: Any] {
        guard let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] else {
            throw TestFailure("not a JSON object: \(body.prefix(200))")
        }
        return object
    }
}

/// A test that could not go on, with why.
struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Whether `text` holds something shaped like a personnummer or samordningsnummer: 12 or 10
/// digits in a row, or 6–8 digits, `-` or `+`, and 4 digits.
func containsPersonnummerShape(_ text: String) -> Bool {
    text.range(of: #"(?<![0-9])([0-9]{12}|[0-9]{10}|[0-9]{6}([0-9]{2})?[-+][0-9]{4})(?![0-9])"#, options: .regularExpression) != nil
}
