import ArgumentParser
import Foundation
import LuaHost
import Logging
import Redovisa

/// `redovisa script run FILE`: runs one Lua file in the sandbox and prints what it returns.
struct ScriptRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one Lua file in the sandbox and print what it returns.",
        discussion: """
            The script sees the sandbox's libraries and the host modules (clock, calendar); `require` \
            finds modules under the script roots (default: ./scripts and ./templates). Output of \
            `print` goes to standard error. A script error prints FILE:LINE: message on standard \
            error and exits with status 1.

            With --as USERNAME the script also gets the domain modules (people, enrolments, \
            reports, plans) on the database of --db, and runs as that user: it sees only what \
            the user may see, and every read and change is audited as script:FILE. The run is read-only \
            unless --write is given. Without --as there are no domain modules.
            """
    )

    @Argument(help: "The Lua file to run.")
    var file: String

    @Option(name: .customLong("as-of"), help: "Run as if it were this date (YYYY-MM-DD) or local time (YYYY-MM-DDTHH:MM), Europe/Stockholm.")
    var asOf: String?

    @Flag(help: "Print the results as JSON.")
    var json = false

    @Option(name: .customLong("root"), help: "A folder `require` may load modules from (repeatable; default: scripts and templates).")
    var roots: [String] = []

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Run as this user, with the domain modules (people, enrolments, reports, plans); without it there are none.",
        valueName: "username"))
    var user: String?

    @Flag(help: "Let the script change data through the named operations (reports.create_draft, reports.submit, …); needs --as.")
    var write = false

    @OptionGroup var databaseOptions: DatabaseOptions

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        if let asOf, LuaClock(asOf: asOf) == nil {
            throw ValidationError("--as-of must be a date YYYY-MM-DD or a local time YYYY-MM-DDTHH:MM, got '\(asOf)'")
        }
        if user == nil, databaseOptions.path != nil {
            throw ValidationError("--db is used only with --as USERNAME (the domain modules need a user)")
        }
        if user == nil, write {
            throw ValidationError("--write needs --as USERNAME (changes are made by a user)")
        }
    }

    func run() throws {
        CommandLog.bootstrap()
        let clock = asOf.flatMap { LuaClock(asOf: $0) } ?? LuaClock()
        let configuration = LuaSandbox.Configuration(
            limits: limitOptions.limits,
            scriptRoots: LuaScriptRoots(roots.isEmpty ? ["scripts", "templates"] : roots),
            modules: user == nil ? DomainModules.withoutDatabase : DomainModules.all,
            logger: Logger(label: "redovisa.lua"))
        do {
            var context = LuaRunContext(clock: clock)
            context.domain = try domain()
            let sandbox = try LuaSandbox(configuration)
            let results = try sandbox.runFile(file, context: context)
            try print(results)
        } catch {
            CommandLog.printError(error)
            throw ExitCode.failure
        }
    }

    /// The database and user of `--as`, or nil without it. The database records real time: `--as-of`
    /// changes only the script's clock, never the times in the audit log and the history.
    /// - Throws: ``RedovisaError`` when the file does not exist or the user is unknown.
    private func domain() throws(RedovisaError) -> LuaDomainContext? {
        guard let user else { return nil }
        let path = databaseOptions.resolvedPath
        // Opening creates a missing file; a misspelt --db should not leave an empty database behind.
        guard FileManager.default.fileExists(atPath: path) else {
            throw RedovisaError(.notFound, "databasen \(path) finns inte (skapa den med redovisa init)")
        }
        let database = try databaseOptions.open()
        let actor = try database.actor(username: user, via: "cli")
        return LuaDomainContext(database: database, actor: actor, script: file, allowsChanges: write)
    }

    private func print(_ results: [LuaValue]) throws(LuaError) {
        if json {
            let value: LuaValue = results.count == 1 ? results[0] : .table(LuaTable(array: results))
            Swift.print(results.isEmpty ? "null" : try value.jsonText(pretty: true))
        } else {
            for result in results { Swift.print(result.luaLiteral) }
        }
    }
}
