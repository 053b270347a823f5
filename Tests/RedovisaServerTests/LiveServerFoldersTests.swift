import Foundation
import Testing

/// `redovisa serve --templates-dir --scripts-dir`: the folders an administrator names are the
/// ones the server uses, and a folder that is not there is refused before anything starts.
@Suite("Live server: folders")
struct LiveServerFoldersTests {
    @Test("serve --demo with --templates-dir and --scripts-dir publishes from that templates folder and runs that folder's reminder rules")
    func namedFolders() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Given an empty templates folder and a scripts folder of our own
        let templates = folder.appendingPathComponent("mallar")
        let scripts = folder.appendingPathComponent("skript")
        for path in [templates, scripts.appendingPathComponent("reminders")] {
            try FileManager.default.createDirectory(at: path, withIntermediateDirectories: true)
        }
        // When the demo is served with them and reminders on
        let (output, process) = try Self.serve([
            "serve", "--demo", "--reminders", "--port", "0", "--db", folder.appendingPathComponent("live.sqlite").path,
            "--templates-dir", templates.path, "--scripts-dir", scripts.path,
        ])
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        // Then it says it found no templates in that folder (./templates has ten) and names that folder's rules
        #expect(output.contains("No templates in \(templates.path): new reports cannot be started."))
        #expect(output.contains("Reminders: the rules of \(scripts.path)/reminders run every 60 s"))
        #expect(output.contains("Redovisa serves http://127.0.0.1:"))
    }

    @Test("serve --scripts-dir with a folder that does not exist is refused with the option's name, and nothing is served")
    func missingFolder() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        // Given a scripts folder that is not there
        let process = Process()
        process.executableURL = LiveServerTests.executable
        process.arguments = ["serve", "--port", "0", "--db", folder.appendingPathComponent("live.sqlite").path, "--scripts-dir", folder.appendingPathComponent("saknas").path]
        let errors = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        // When serve starts
        try process.run()
        process.waitUntilExit()
        // Then it stops at once with a usage error naming the option and the folder
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2, "a usage error")
        #expect(text.contains("--scripts-dir: no folder '\(folder.appendingPathComponent("saknas").path)'"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("live.sqlite").path))
    }

    private static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("redovisa-folders-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Starts the binary with `arguments` and returns its standard output up to the line that
    /// says where it serves (and what follows in the same read), with the running process.
    private static func serve(_ arguments: [String]) throws -> (String, Process) {
        let process = Process()
        process.executableURL = LiveServerTests.executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        for name in environment.keys where name.hasPrefix("REDOVISA_") { environment[name] = nil }
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        let deadline = Date().addingTimeInterval(120)
        while !(text.contains("Redovisa serves") && text.contains("Reminders:")), Date() < deadline {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            text += String(decoding: chunk, as: UTF8.self)
        }
        return (text, process)
    }
}
