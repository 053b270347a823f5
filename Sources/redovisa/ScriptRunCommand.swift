import ArgumentParser
import Foundation
import LuaHost
import Logging

/// `redovisa script run FILE`: runs one Lua file in the sandbox and prints what it returns.
struct ScriptRunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run one Lua file in the sandbox and print what it returns.",
        discussion: """
            The script sees the sandbox's libraries and the host modules (clock, …); `require` \
            finds modules under the script roots (default: ./scripts and ./templates). Output of \
            `print` goes to standard error. A script error prints FILE:LINE: message on standard \
            error and exits with status 1.
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

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        if let asOf, LuaClock(asOf: asOf) == nil {
            throw ValidationError("--as-of must be a date YYYY-MM-DD or a local time YYYY-MM-DDTHH:MM, got '\(asOf)'")
        }
    }

    func run() throws {
        CommandLog.bootstrap()
        let clock = asOf.flatMap { LuaClock(asOf: $0) } ?? LuaClock()
        let configuration = LuaSandbox.Configuration(
            limits: limitOptions.limits,
            scriptRoots: LuaScriptRoots(roots.isEmpty ? ["scripts", "templates"] : roots),
            logger: Logger(label: "redovisa.lua"))
        do {
            let sandbox = try LuaSandbox(configuration)
            let results = try sandbox.runFile(file, context: LuaRunContext(clock: clock))
            try print(results)
        } catch {
            CommandLog.printError(error)
            throw ExitCode.failure
        }
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
