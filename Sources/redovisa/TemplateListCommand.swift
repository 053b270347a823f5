import ArgumentParser
import Redovisa

/// `redovisa template list`: the templates in templates/ with their versions and titles.
struct TemplateListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "Show the id, version and title of every template in templates/.")

    @Flag(help: "Print JSON: [{\"id\": …, \"version\": …, \"title\": …}].")
    var json = false

    func run() throws {
        var rows: [(String, Int, String)] = []
        var failed = false
        for name in TemplateSource.names() {
            do {
                let description = try TemplateCatalog.describe(try TemplateSource.file(named: name))
                rows.append((description.id, description.version, description.title))
            } catch {
                CommandLog.writeToStandardError("templates/\(name).lua: \(error.message)\n")
                failed = true
            }
        }
        if json {
            let list = JSONValue.array(rows.map {
                .object(["id": .string($0.0), "version": .integer(Int64($0.1)), "title": .string($0.2)])
            })
            print(list.prettyText)
        } else {
            let width = rows.map(\.0.count).max() ?? 2
            print("id".padding(toLength: width, withPad: " ", startingAt: 0) + "  version  title")
            for (id, version, title) in rows {
                print(id.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + String(version).padding(toLength: 7, withPad: " ", startingAt: 0) + "  " + title)
            }
        }
        if failed { throw ExitCode.failure }
    }
}
