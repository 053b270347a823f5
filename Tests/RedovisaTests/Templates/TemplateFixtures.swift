import Foundation
import Redovisa

/// The repository's shipped templates, for tests.
enum ShippedTemplates {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates").path

    /// The source of `templates/NAME.lua`.
    static func source(_ name: String) throws -> TemplateSource {
        try TemplateSource.file(named: name, in: folder)
    }
}

extension World {
    /// Publishes shipped template `name` as the administrator and returns its version.
    @discardableResult
    func publish(_ name: String) throws -> Int {
        let source = try ShippedTemplates.source(name)
        let description = try TemplateCatalog.describe(source)
        try database.publishTemplate(
            id: description.id, version: description.version, title: description.title, source: source.text,
            as: administrator)
        return description.version
    }

    /// A complete LSS report for September 2025 by the contact person.
    static var completeLSSAnswers: JSONValue {
        .object([
            "klient_fornamn": .string("Anna"), "klient_efternamn": .string("Åberg"), "ar": .integer(2025),
            "manad": .integer(9), "alla_tillfallen": .string("ja_alla"), "aktiviteter": .string("Bio och fika."),
            "personnummer": .string("198112189876"), "fornamn": .string("Kalle"), "efternamn": .string("Kontakt"),
            "epost": .string("kalle@example.se"), "notifiering": .array([.string("epost")]), "bekraftelse": .bool(true),
        ])
    }
}
