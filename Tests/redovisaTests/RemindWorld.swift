import Foundation
import Redovisa

/// A database for the `remind` tests: Arbetsförmedlingen, the establishment programme, and
/// `count` participants who log in, each with an e-mail address they want reminders at (every
/// third also by SMS), all enrolled since 2025 — so none has handed in September's activity
/// report, and the shipped rule `af-aktivitetsrapport` reminds each of them.
enum RemindWorld {
    static let repositoryRoot = ShippedLuaTests.repositoryRoot

    /// Makes the database at `path` and returns the ids of the participants' users.
    @discardableResult
    static func make(at path: String, count: Int) throws -> [Int64] {
        let database = try AppDatabase.open(path: path)
        let system = Actor.system(via: "test")
        let af = try database.add(Organisation(code: "af", name: "Arbetsförmedlingen", kind: .agency), as: system)
        let programme = try database.add(Programme(code: "etablering", name: "Etableringsprogrammet"), as: system)
        var users: [Int64] = []
        for i in 0..<count {
            let number = Personnummer.make(birthDate: LocalDate("1980-01-01")!.adding(days: i / 900), serial: i % 900)
            let person = try database.add(Person(
                personnummer: number, firstName: "Deltagare\(i)", lastName: "Test", email: "d\(i)@example.com",
                mobile: "070-000 \(String(format: "%04d", i))", notify: i % 3 == 0 ? [.email, .sms] : [.email]), as: system)
            let user = try database.add(User(username: "d\(i)", displayName: "Deltagare\(i) Test", roles: [.reporter], personId: person.id), as: system)
            _ = try database.add(Enrolment(
                personId: person.id!, programmeId: programme.id!, responsibleOrganisationId: af.id!, reporterId: user.id,
                start: LocalDate("2025-01-01")!), as: system)
            users.append(user.id!)
        }
        return users
    }

    /// Runs `redovisa` from the repository root with the outbox folder `outbox`.
    static func run(_ arguments: [String], outbox: URL, environment extra: [String: String] = [:]) throws -> CommandRunner.Output {
        let process = start(arguments, outbox: outbox, environment: extra, output: true)
        let out = process.standardOutput as! Pipe, err = process.standardError as! Pipe
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return .init(
            status: process.terminationStatus, standardOutput: String(decoding: outData, as: UTF8.self),
            standardError: String(decoding: errData, as: UTF8.self))
    }

    /// A `redovisa` process, not yet started, from the repository root with the outbox folder.
    static func start(_ arguments: [String], outbox: URL, environment extra: [String: String] = [:], output: Bool = false) -> Process {
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = arguments
        process.currentDirectoryURL = repositoryRoot
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("REDOVISA_") }
        environment["REDOVISA_OUTBOX_DIR"] = outbox.path
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        process.standardOutput = output ? Pipe() : FileHandle.nullDevice
        process.standardError = output ? Pipe() : FileHandle.nullDevice
        return process
    }

    /// A new temporary folder.
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("redovisa-remind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
