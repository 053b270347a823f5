import ArgumentParser
import Redovisa

/// `--db PATH`: the database file, shared by every command that uses one.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: "The SQLite database file (default: $REDOVISA_DB or ./redovisa.sqlite).")
    var path: String?

    /// The path to use: the option, else `$REDOVISA_DB`, else `./redovisa.sqlite`.
    var resolvedPath: String { path ?? AppDatabase.defaultPath }

    /// Opens (creating and migrating) the database.
    func open() throws(RedovisaError) -> AppDatabase { try AppDatabase.open(path: resolvedPath) }
}
