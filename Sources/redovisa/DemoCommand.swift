import ArgumentParser

/// `redovisa demo` (being written).
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "(being written)")

    func run() throws {
        throw ExitCode.failure
    }
}
