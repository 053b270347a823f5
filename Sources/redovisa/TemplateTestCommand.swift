import ArgumentParser
import LuaHost
import Redovisa

/// `redovisa template test [NAME]`: runs templates/*_test.lua.
struct TemplateTestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the template tests (templates/NAME_test.lua).",
        discussion: """
            Each test file runs in a fresh sandbox with the template engine loaded and passes when \
            it returns "ok" (form.test does). Prints ok or FAIL per file, the failed cases, and \
            exits 1 if any failed.
            """)

    @Argument(help: "One template's name (default: every test in templates/).")
    var name: String?

    @Option(name: .customLong("as-of"), help: "Run as if today were this date (YYYY-MM-DD); cases may set their own.")
    var asOf: String?

    func validate() throws {
        if let asOf, LuaClock(asOf: asOf) == nil { throw ValidationError("--as-of must be a date YYYY-MM-DD, got '\(asOf)'") }
    }

    func run() throws {
        let files = TemplateTestRunner.files(name: name)
        guard !files.isEmpty else {
            CommandLog.writeToStandardError("error: no tests found\(name.map { " for \($0) (templates/\($0)_test.lua)" } ?? " in templates/")\n")
            throw ExitCode.failure
        }
        let clock = asOf.flatMap { LuaClock(asOf: $0) } ?? LuaClock()
        var failed = 0
        for file in files {
            let outcome = TemplateTestRunner.run(file: file, clock: clock)
            if let failure = outcome.failure {
                failed += 1
                print("FAIL \(file)")
                for line in failure.split(separator: "\n") { print("  \(line)") }
            } else {
                print("ok   \(file)")
            }
        }
        print("\(files.count - failed) of \(files.count) passed")
        if failed > 0 { throw ExitCode.failure }
    }
}
