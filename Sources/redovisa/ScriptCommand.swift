import ArgumentParser

/// `redovisa script …`: work with Lua scripts.
struct ScriptCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "script",
        abstract: "Run Lua scripts in the Redovisa sandbox.",
        subcommands: [ScriptRunCommand.self]
    )
}
