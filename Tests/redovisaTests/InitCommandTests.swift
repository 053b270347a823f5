import Foundation
import Testing

/// `redovisa init` as an administrator runs it, through its full output.
struct InitCommandTests {
    @Test func createsTheDatabaseAndRunningItAgainIsHarmless() throws {
        // Given an empty folder
        let dir = try CommandRunner.folder(with: [:])
        // When init runs there
        let first = try CommandRunner.run(["init", "--db", "redovisa-test.sqlite"], in: dir)
        // Then it creates the file with every migration and says so
        #expect(first.status == 0)
        // (every migration is named, oldest first; later ones are appended as the schema grows)
        #expect(first.standardOutput.hasPrefix("Skapade databasen redovisa-test.sqlite med "))
        #expect(first.standardOutput.contains(" migreringar: v1-registry, v1-reports, v1-events, v1-messaging-audit"))
        #expect(first.standardOutput.hasSuffix(".\n"))
        #expect(first.standardOutput.split(separator: "\n").count == 1)
        #expect(first.standardError == "")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("redovisa-test.sqlite").path))
        // When it runs again
        let second = try CommandRunner.run(["init", "--db", "redovisa-test.sqlite"], in: dir)
        // Then it finds the database up to date
        #expect(second.status == 0)
        let count = first.standardOutput.split(separator: " ")[4]
        let last = first.standardOutput.dropLast(2).split(separator: " ").last!
        #expect(second.standardOutput == "Databasen redovisa-test.sqlite är uppdaterad: \(count) migreringar, den senaste \(last).\n")
        #expect(second.standardError == "")
    }

    @Test func aDatabaseThatCannotBeCreatedIsAClearErrorWithStatusOne() throws {
        let dir = try CommandRunner.folder(with: ["not-a-database.sqlite": Data("personnummer;fornamn\n".utf8)])
        // A folder that does not exist
        let missing = try CommandRunner.run(["init", "--db", "saknas/redovisa.sqlite"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.standardOutput == "")
        #expect(missing.standardError.hasPrefix("databasen saknas/redovisa.sqlite kan inte öppnas: "))
        // A file that is not a database
        let notDatabase = try CommandRunner.run(["init", "--db", "not-a-database.sqlite"], in: dir)
        #expect(notDatabase.status == 1)
        #expect(notDatabase.standardError.hasPrefix("databasen not-a-database.sqlite kan inte öppnas: "))
    }
}
