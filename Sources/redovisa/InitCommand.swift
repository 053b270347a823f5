import ArgumentParser

/// `redovisa init` (being written).
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init", abstract: "(being written)")

    func run() throws {
        throw ExitCode.failure
    }
}
