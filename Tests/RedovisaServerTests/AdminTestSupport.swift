import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Redovisa
@testable import RedovisaServer

/// The repository's folders, and copies of them a test may change.
enum Project {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static var templates: String { root.appendingPathComponent("templates").path }
    static var scripts: String { root.appendingPathComponent("scripts").path }

    /// A new temporary folder.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redovisa-admin-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A copy of the repository's `templates` and `scripts` in a temporary folder.
    static func copy() throws -> (templates: String, scripts: String) {
        let folder = try temporaryFolder()
        let templates = folder.appendingPathComponent("templates"), scripts = folder.appendingPathComponent("scripts")
        try FileManager.default.copyItem(atPath: Self.templates, toPath: templates.path)
        try FileManager.default.copyItem(atPath: Self.scripts, toPath: scripts.path)
        return (templates.path, scripts.path)
    }

    /// Replaces `old` by `new` in the file at `path` (which must hold it).
    static func edit(_ path: String, replacing old: String, with new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard text.contains(old) else { throw TestFailure("\(path) does not hold \(old)") }
        try text.replacingOccurrences(of: old, with: new).write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// The 1-based number of the first line of the file at `path` that holds `text`.
    static func line(of text: String, in path: String) throws -> Int {
        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        guard let index = lines.firstIndex(where: { $0.contains(text) }) else { throw TestFailure("no \(text) in \(path)") }
        return index + 1
    }
}

/// Runs `body` against the router with the administrator's tools on `templates` and `scripts`
/// (the repository's by default) and `deliverer` for "deliver now".
func withAdminServer<T>(
    database: AppDatabase? = nil, templates: String = Project.templates, scripts: String = Project.scripts,
    deliverer: OutboxDeliverer? = nil, _ body: @Sendable @escaping (Browser, AppDatabase) async throws -> T
) async throws -> T {
    let database = try database ?? Demo.database()
    var dependencies = ServerDependencies(database: database, configuration: ServerConfiguration(demoLogin: true))
    dependencies.administration = Administration(templatesFolder: templates, scriptsFolder: scripts, deliverer: deliverer)
    let app = Application(router: buildRouter(dependencies), logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
    return try await app.test(.router) { client in try await body(Browser(client), database) }
}

extension Page {
    /// The text of the page's flash message, if any.
    var flash: String? {
        matches(#"<div class="notice" role="status">([^<]*)</div>"#).first.map(HTMLForm.unescape)
    }

    /// The cells of every table row, as text (tags removed, entities unescaped).
    var tableRows: [[String]] {
        matches(#"(?s)<tr[^>]*>(.*?)</tr>"#).map { row in
            Page(status: .ok, headers: [:], body: row).matches(#"(?s)<t[dh][^>]*>(.*?)</t[dh]>"#).map { cell in
                HTMLForm.unescape(cell.replacingOccurrences(of: #"<[^>]+>"#, with: "", options: .regularExpression))
                    .trimmingCharacters(in: .whitespacesAndNewlines)
            }
        }
    }
}
