import Foundation
import LuaHost

/// `redovisa template test`: runs the template tests `templates/*_test.lua`. Each runs in a
/// fresh sandbox run with the engine loaded, `require` reading `templates/` then `scripts/`, on
/// the given clock, and passes when it returns "ok" (as `form.test` does).
public enum TemplateTestRunner {
    /// The outcome of one test file.
    public struct Outcome: Sendable, Hashable {
        public var file: String
        /// Nil when the file passed; else what failed (the cases, or the error with its line).
        public var failure: String?
        public var passed: Bool { failure == nil }
    }

    /// The test files in `folder` (all, or those of template `name`), sorted.
    public static func files(in folder: String = "templates", name: String? = nil) -> [String] {
        let all = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasSuffix("_test.lua") }.sorted()
        let chosen = name.map { name in all.filter { $0 == name + "_test.lua" } } ?? all
        return chosen.map { folder + "/" + $0 }
    }

    /// Runs one test file.
    public static func run(file: String, clock: LuaClock, limits: LuaLimits = .default, roots: [String] = ["templates", "scripts"]) -> Outcome {
        do {
            let source = try LuaScriptRoots.readScript(at: file)
            let sandbox = try TemplateSession.sandbox(limits: limits, roots: roots)
            let results = try sandbox.withRun(context: LuaRunContext(clock: clock)) { run in
                _ = try TemplateSession(run: run, sources: [])
                return try run.execute(source: source, chunkName: file)
            }
            guard results.first == .string("ok") else {
                return Outcome(file: file, failure: "returned \(results.first?.luaLiteral ?? "nothing") instead of \"ok\"")
            }
            return Outcome(file: file, failure: nil)
        } catch let error as RedovisaError {
            return Outcome(file: file, failure: error.message)
        } catch let error as LuaError {
            return Outcome(file: file, failure: error.message)
        } catch {
            return Outcome(file: file, failure: "\(error)")
        }
    }
}
