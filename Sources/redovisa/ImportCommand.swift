import ArgumentParser
import Foundation
import Redovisa

/// `redovisa import KIND FILE`: reads people, organisations, programmes or enrolments from a CSV
/// file into the register, all or nothing.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import people, organisations, programmes or enrolments from a CSV file, all or nothing.",
        discussion: """
            The file is UTF-8 (with or without BOM), separated by ; or , with a header row; the \
            columns of each kind are in docs/import.md. When any row is wrong nothing is imported: \
            every problem is printed on standard error with its line and column, and the exit \
            status is 1. Otherwise one line on standard output says what was imported. The import \
            is one transaction, audited as the system via "import". A progress bar is shown on \
            standard error when it is a terminal.

              people         personnummer;fornamn;efternamn;kommun;skyddad
                             [;stadsdel;epost;mobil]
              organisations  kod;namn;typ[;organisation;kundval]
              programmes     kod;namn[;kundval;max_manader;manadsbelopp]
              enrolments     personnummer;program;ansvarig;start[;kontor;anordnare;
                             handlaggare;rapportor;planerat_slut;slut;slutorsak;
                             avtal.NAMN…]
            """
    )

    @Argument(help: "What the file holds.")
    var kind: ImportKind

    @Argument(help: "The CSV file.")
    var file: String

    @OptionGroup var databaseOptions: DatabaseOptions

    func run() throws {
        let path = databaseOptions.resolvedPath
        guard FileManager.default.fileExists(atPath: path) else {
            CommandLog.writeToStandardError("databasen \(path) finns inte: skapa den med redovisa init --db \(path)\n")
            throw ExitCode.failure
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue else {
            CommandLog.writeToStandardError("\(file): filen finns inte\n")
            throw ExitCode.failure
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            CommandLog.writeToStandardError("\(file): filen kan inte läsas\n")
            throw ExitCode.failure
        }
        let database: AppDatabase
        do {
            database = try databaseOptions.open()
        } catch {
            CommandLog.writeToStandardError("\(error)\n")
            throw ExitCode.failure
        }
        let bar = isatty(STDERR_FILENO) == 1 ? ProgressBar() : nil
        do {
            let summary = try database.importCSV(
                kind, from: data, source: URL(fileURLWithPath: file).lastPathComponent, as: .system(via: "import"),
                progress: bar.map { bar in { bar.show($0) } })
            bar?.clear()
            print(summary)
        } catch {
            bar?.clear()
            var text = error.lines.joined(separator: "\n") + "\n"
            text += "Inget importerades: \(ImportSummary.grouped(error.problems.count)) fel.\n"
            CommandLog.writeToStandardError(text)
            throw ExitCode.failure
        }
    }
}

extension ImportKind: ExpressibleByArgument {}

/// A one-line progress bar on standard error, redrawn in place:
/// `Kontrollerar [##########··········]  50 %  50 000 av 100 000`.
private final class ProgressBar {
    private var last: (ImportProgress.Phase, Int)?
    private let width = 30

    func show(_ progress: ImportProgress) {
        let percent = progress.total == 0 ? 100 : progress.done * 100 / progress.total
        guard last.map({ $0 != (progress.phase, percent) }) ?? true else { return }
        last = (progress.phase, percent)
        let label = progress.phase == .checking ? "Kontrollerar" : "Sparar      "
        let filled = percent * width / 100
        let bar = String(repeating: "#", count: filled) + String(repeating: "·", count: width - filled)
        let count = "\(ImportSummary.grouped(progress.done)) av \(ImportSummary.grouped(progress.total))"
        CommandLog.writeToStandardError("\r\(label) [\(bar)] \(String(repeating: " ", count: percent < 10 ? 2 : percent < 100 ? 1 : 0))\(percent) %  \(count)\u{1B}[K")
    }

    /// Removes the bar, so that what follows starts on a clean line.
    func clear() {
        guard last != nil else { return }
        CommandLog.writeToStandardError("\r\u{1B}[K")
    }
}
