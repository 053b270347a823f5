import ArgumentParser

/// `redovisa template …`: the tools for template authors.
struct TemplateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "template",
        abstract: "List, check, lint, test and publish the report templates in templates/.",
        discussion: """
            Templates are Lua files in ./templates (run these commands from the project's root). \
            See docs/scripting.md, "Report templates".
            """,
        subcommands: [
            TemplateListCommand.self, TemplateCheckCommand.self, TemplateLintCommand.self, TemplateTestCommand.self,
            TemplatePublishCommand.self, TemplateValidateCommand.self,
        ]
    )
}
