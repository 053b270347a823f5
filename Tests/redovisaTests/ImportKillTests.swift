import Foundation
import GRDB
import Redovisa
import Testing

/// A process killed in the middle of its write transaction leaves nothing half-written.
struct ImportKillTests {
    @Test(.timeLimit(.minutes(2)))
    func anImportKilledWhileWritingLeavesTheDatabaseAsItWas() throws {
        // Given an initialised database and a file of 100 000 valid people
        let dir = try CommandRunner.folder(withScripts: [:])
        #expect(try CommandRunner.run(["init", "--db", "r.sqlite"], in: dir).status == 0)
        var csv = "personnummer;fornamn;efternamn;kommun;skyddad\n"
        let start = LocalDate("1950-01-01")!
        for i in 0..<100_000 {
            let number = Personnummer.make(birthDate: start.adding(days: i / 900), serial: i % 900)
            csv += "\(number.digits);Förnamn;Efternamn;Nacka;nej\n"
        }
        try Data(csv.utf8).write(to: dir.appendingPathComponent("personer.csv"))

        // When the import is killed (SIGKILL: no cleanup at all) once its transaction is writing
        let process = Process()
        process.executableURL = CommandRunner.executable
        process.arguments = ["import", "people", "personer.csv", "--db", "r.sqlite"]
        process.currentDirectoryURL = dir
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let wal = dir.appendingPathComponent("r.sqlite-wal").path
        let deadline = Date().addingTimeInterval(60)
        var sawWrites = false
        while Date() < deadline && process.isRunning {
            let size = (try? FileManager.default.attributesOfItem(atPath: wal))?[.size] as? Int ?? 0
            if size > 512 * 1024 {
                sawWrites = true
                break
            }
            usleep(2_000)
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()

        // Then the import was caught mid-write, and the database has no person and is intact
        #expect(sawWrites, "the import finished before its writes could be interrupted")
        #expect(process.terminationReason == .uncaughtSignal)
        let database = try DatabaseQueue(path: dir.appendingPathComponent("r.sqlite").path)
        let (people, imports, integrity) = try database.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM person"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM auditEntry WHERE action = 'import'"),
             try String.fetchOne(db, sql: "PRAGMA integrity_check"))
        }
        #expect(people == 0)
        #expect(imports == 0)
        #expect(integrity == "ok")
    }
}
