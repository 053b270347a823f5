import ArgumentParser
import Foundation
import Redovisa

/// `redovisa init`: creates the database, or brings an existing one up to date.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the database, or bring an existing one up to date.",
        discussion: """
            Creates the SQLite file with every table, or applies the migrations an existing file \
            lacks. Running it again is harmless: an up-to-date database is left as it is. \
            The file is --db PATH, else $REDOVISA_DB, else ./redovisa.sqlite.
            """
    )

    @OptionGroup var databaseOptions: DatabaseOptions

    func run() throws {
        let path = databaseOptions.resolvedPath
        // SQLite treats an empty file as a new database, and so does this message.
        let existed = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0) > 0
        do {
            let database = try databaseOptions.open()
            let migrations = try database.appliedMigrations()
            let applied = database.migrationsAppliedOnOpen
            if existed && applied.isEmpty {
                print("Databasen \(path) är uppdaterad: \(Self.count(migrations.count)), den senaste \(migrations.last ?? "–").")
            } else if existed {
                print("Uppdaterade databasen \(path) med \(Self.count(applied.count)): \(applied.joined(separator: ", ")).")
            } else {
                print("Skapade databasen \(path) med \(Self.count(migrations.count)): \(migrations.joined(separator: ", ")).")
            }
        } catch {
            CommandLog.writeToStandardError("\(error)\n")
            throw ExitCode.failure
        }
    }

    private static func count(_ n: Int) -> String { n == 1 ? "1 migrering" : "\(n) migreringar" }
}
