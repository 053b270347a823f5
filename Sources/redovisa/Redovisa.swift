import ArgumentParser
import Foundation

/// `redovisa`: the command line of Redovisa, the host for monthly activity reports.
@main
struct Redovisa: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "redovisa",
        abstract: "Redovisa: monthly activity reports, with local rules written in Lua.",
        discussion: """
            Reporters, providers and case officers use Redovisa through its web pages; \
            administrators write report templates, reminders and local agreements as Lua scripts \
            that Redovisa runs in a sandbox. See README.md and docs/scripting.md.
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, ImportCommand.self, DemoCommand.self, ScriptCommand.self, TemplateCommand.self,
            CalendarCommand.self, ServeCommand.self, BillingCommand.self, ForvalCommand.self,
            DeadlinesCommand.self, RemindCommand.self, OutboxCommand.self, TokenCommand.self,
        ]
    )

    /// Runs the command; a usage error (a wrong option or argument) exits with status 2, as
    /// `redovisa template check` promises and shell tools do.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var command = command as? any AsyncParsableCommand {
                try await command.run()  // `serve`
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
