import ArgumentParser
import LuaHost
import Redovisa

/// `redovisa template publish NAME [--dry-run]`: publishes the version in templates/NAME.lua.
struct TemplatePublishCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish templates/NAME.lua as its declared version, carrying open drafts over with migrate.",
        discussion: """
            New drafts start on the newest published version; a draft keeps the version it was \
            started on. When the new version declares migrate(from_version, answers), publishing \
            carries every open draft (draft or returned) on an older version over to it. \
            --dry-run publishes nothing and lists the open drafts that would fail the new version's \
            rules (after migrate), with their problems. Lint and the template's tests \
            (templates/NAME_test.lua, when there is one) must pass first, as on the web's review page.
            """)

    @Argument(help: "The template's name: templates/NAME.lua.")
    var name: String

    @Flag(name: .customLong("dry-run"), help: "Change nothing; list the open drafts that would fail under the new version.")
    var dryRun = false

    @Option(name: .customLong("as"), help: ArgumentHelp("Publish as this administrator (default: the system).", valueName: "username"))
    var user: String?

    @OptionGroup var databaseOptions: DatabaseOptions

    func run() throws {
        CommandLog.bootstrap()
        let findings = TemplateLinter.lint(name: name)
        if !findings.isEmpty {
            for finding in findings { print(finding.description) }
            CommandLog.writeToStandardError("error: fix the lint findings before publishing\n")
            throw ExitCode.failure
        }
        for file in TemplateTestRunner.files(name: name) {
            if let failure = TemplateTestRunner.run(file: file, clock: LuaClock()).failure {
                print("FAIL \(file)")
                for line in failure.split(separator: "\n") { print("  \(line)") }
                CommandLog.writeToStandardError("error: fix the failing tests before publishing\n")
                throw ExitCode.failure
            }
        }
        do {
            let database = try databaseOptions.open()
            let actor = try user.map { try database.actor(username: $0, via: "cli") } ?? .system(via: "cli")
            let publisher = TemplatePublisher(database: database)
            let plan = try publisher.plan(try TemplateSource.file(named: name), as: actor)
            print("\(plan.description.id) version \(plan.description.version): \(plan.description.title)")
            print("open drafts on older versions: \(plan.openReports.count)")
            for failing in plan.failing {
                print("  report \(failing.reportId) (version \(failing.fromVersion)) would fail:")
                for problem in failing.problems { print("    \(problem.field.isEmpty ? "-" : problem.field): \(problem.message)") }
            }
            if dryRun {
                print("dry run: nothing published")
                return
            }
            let outcome = try publisher.publish(plan, as: actor)
            print(outcome.summary)
        } catch let error as RedovisaError {
            CommandLog.writeToStandardError("error: \(error.message)\n")
            throw ExitCode.failure
        }
    }
}
