import ArgumentParser
import Redovisa

/// `redovisa template lint [NAME]`: unknown field references, missing labels, duplicate ids.
struct TemplateLintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Find unknown field references, missing labels and duplicate ids in templates, with file and line.",
        discussion: "Prints one FILE:LINE: message per finding and exits 1 when there is any.")

    @Argument(help: "One template's name (default: every template in templates/).")
    var name: String?

    func run() throws {
        let names = name.map { [$0] } ?? TemplateSource.names()
        var total = 0
        for name in names {
            for finding in TemplateLinter.lint(name: name) {
                print(finding.description)
                total += 1
            }
        }
        if total > 0 {
            CommandLog.writeToStandardError("\(total) finding\(total == 1 ? "" : "s") in \(names.count) template\(names.count == 1 ? "" : "s")\n")
            throw ExitCode.failure
        }
        print("\(names.count) template\(names.count == 1 ? "" : "s"): no findings")
    }
}
