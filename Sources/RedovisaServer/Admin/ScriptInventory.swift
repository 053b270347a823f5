import Crypto
import Foundation
import Redovisa

/// The templates and scripts as they lie on disk beside what is published: each template file
/// with the version it declares and its SHA-256, next to the newest published version of its id;
/// each script file with its SHA-256 and whether a test lies beside it.
struct ScriptInventory: Sendable {
    /// How a template file stands to what is published.
    enum State: Sendable, Equatable {
        /// The file is the newest published version, byte for byte.
        case published
        /// The file declares a version higher than the newest published: it can be published.
        case newVersion
        /// Never published.
        case unpublished
        /// Same version as the published one but other text: publishing is refused until the
        /// version is raised.
        case changedWithoutNewVersion
        /// Declares a version lower than the newest published.
        case olderThanPublished
        /// Does not load (the error names the line).
        case broken(String)

        /// The Swedish words in the table.
        var text: String {
            switch self {
            case .published: "Publicerad, samma som filen"
            case .newVersion: "Ny version att publicera"
            case .unpublished: "Inte publicerad"
            case .changedWithoutNewVersion: "Ändrad utan ny version: höj version i filen"
            case .olderThanPublished: "Lägre version än den publicerade"
            case .broken(let error): "Laddas inte: \(error)"
            }
        }

        /// Whether the file can be published as it is.
        var publishable: Bool { self == .newVersion || self == .unpublished }
    }

    /// One template file.
    struct Template: Sendable {
        var name: String
        /// `templates/NAME.lua`.
        var file: String
        var sha256: String
        var version: Int?
        var title: String?
        var published: PublishedTemplate?
        var state: State
        var hasTest: Bool
    }

    /// One script file (not a test).
    struct Script: Sendable {
        /// `scripts/reminders/granskning.lua`.
        var file: String
        var sha256: String
        var bytes: Int
        /// `scripts/reminders/granskning_test.lua`, when there is one.
        var test: String?
    }

    var templates: [Template]
    /// Published templates whose id has no file in the templates folder.
    var onlyPublished: [PublishedTemplate]
    var scripts: [Script]

    /// Reads the folders of `administration` and the published templates of `database` (this
    /// loads every template in the sandbox: run it off the server's threads).
    /// - Throws: ``RedovisaError/Code/storage``.
    static func read(_ administration: Administration, database: AppDatabase) throws(RedovisaError) -> ScriptInventory {
        let published = Dictionary(try database.publishedTemplates().map { ($0.templateId, $0) }, uniquingKeysWith: { a, _ in a })
        let folder = administration.templatesFolder
        let names = TemplateSource.names(in: folder)
        let templates = names.map { name -> Template in
            let path = folder + "/" + name + ".lua"
            let data = FileManager.default.contents(atPath: path) ?? Data()
            var template = Template(
                name: name, file: "templates/\(name).lua", sha256: SHA256.hash(data: data).hex, version: nil, title: nil,
                published: published[name], state: .unpublished,
                hasTest: FileManager.default.fileExists(atPath: folder + "/" + name + "_test.lua"))
            do throws(RedovisaError) {
                let source = try TemplateSource.file(named: name, in: folder)
                template.sha256 = SHA256.hash(data: Data(source.text.utf8)).hex  // as publishing hashes it
                let description = try TemplateCatalog.describe(source)
                template.version = description.version
                template.title = description.title
                template.published = published[description.id]
                template.state = state(sha256: template.sha256, version: description.version, published: template.published)
            } catch {
                template.state = .broken(administration.shown(error.message))
            }
            return template
        }
        let onDisk = Set(names)
        let onlyPublished = published.values.filter { !onDisk.contains($0.templateId) }.sorted { $0.templateId < $1.templateId }
        return ScriptInventory(templates: templates, onlyPublished: onlyPublished, scripts: scripts(in: administration.scriptsFolder))
    }

    /// How a file of `version` with `sha256` stands to the newest published version.
    static func state(sha256: String, version: Int, published: PublishedTemplate?) -> State {
        guard let published else { return .unpublished }
        if published.version == version { return published.sha256 == sha256 ? .published : .changedWithoutNewVersion }
        return version > published.version ? .newVersion : .olderThanPublished
    }

    /// Every `*.lua` under `folder` that is not a test, with its test beside it.
    static func scripts(in folder: String) -> [Script] {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return [] }
        var paths: [String] = []
        for case let path as String in walker where path.hasSuffix(".lua") { paths.append(path) }
        let all = Set(paths)
        return paths.filter { !$0.hasSuffix("_test.lua") }.sorted().map { path in
            let data = FileManager.default.contents(atPath: folder + "/" + path) ?? Data()
            let test = String(path.dropLast(4)) + "_test.lua"
            return Script(
                file: "scripts/" + path, sha256: SHA256.hash(data: data).hex, bytes: data.count,
                test: all.contains(test) ? "scripts/" + test : nil)
        }
    }
}

extension Sequence where Element == UInt8 {
    /// Lower-case hexadecimal, as template hashes are stored.
    var hex: String { map { String(format: "%02x", $0) }.joined() }
}
