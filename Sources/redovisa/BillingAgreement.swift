import Foundation
import LuaHost
import Logging
import Redovisa

/// Runs a function of a Lua module that returns a table of functions — a local agreement in
/// scripts/agreements/, the deadline query of scripts/deadlines/ — against the database, for
/// `redovisa billing`, `redovisa forval` and `redovisa deadlines`.
struct BillingAgreement {
    /// The module's path as run and audited: `scripts/agreements/nacka_billing.lua`.
    var path: String
    var databaseOptions: DatabaseOptions
    /// The user to read as, or nil for the system.
    var user: String?
    var limits: LuaLimits

    /// The database of `--db`, which must exist.
    /// - Throws: ``RedovisaError/Code/notFound`` when the file does not exist.
    func database() throws(RedovisaError) -> AppDatabase {
        let databasePath = databaseOptions.resolvedPath
        // Opening creates a missing file; a misspelt --db should not leave an empty database behind.
        guard FileManager.default.fileExists(atPath: databasePath) else {
            throw RedovisaError(.notFound, "databasen \(databasePath) finns inte (skapa den med redovisa init)")
        }
        return try databaseOptions.open()
    }

    /// Calls `function` of the module with `argument` (a table) as the run's actor, on `clock`,
    /// and decodes its result.
    /// - Throws: ``RedovisaError`` for a missing database or an unknown user; ``LuaError`` for
    ///   the script's errors, a module without `function`, or a result of the wrong shape.
    func call<Result: Decodable>(
        _ function: String, with argument: some Encodable, clock: LuaClock, returning: Result.Type
    ) throws -> Result {
        let database = try self.database()
        let actor = try user.map { try database.actor(username: $0, via: "cli") } ?? .system(via: "cli")
        var context = LuaRunContext(clock: clock)
        context.domain = LuaDomainContext(database: database, actor: actor, script: path)
        let sandbox = try LuaSandbox(.init(
            limits: limits, scriptRoots: LuaScriptRoots(["scripts", "templates"]), modules: DomainModules.all,
            logger: Logger(label: "redovisa.lua")))
        return try sandbox.withRun(context: context) { run in
            let module = try run.execute(file: path).first ?? .nil
            guard case .function(let body) = module.tableValue?[function] ?? .nil else {
                throw LuaError(.runtime, "\(path): the agreement must return a table with a function \(function)")
            }
            return try run.call(body, with: argument, returning: Result.self)
        }
    }
}
