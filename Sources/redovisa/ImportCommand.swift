import ArgumentParser

/// `redovisa import` (being written).
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "(being written)")

    func run() throws {
        throw ExitCode.failure
    }
}
