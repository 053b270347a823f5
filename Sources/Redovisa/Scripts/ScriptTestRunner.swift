import Foundation
import LuaHost
import Logging

/// The tests of the shipped scripts: every `*_test.lua` under `scripts/`, each run the way an
/// administrator runs it with `redovisa script run FILE --as-of DATE` — in a fresh sandbox with
/// the host modules but no database, `require` reading the script roots — and passing when it
/// returns "ok". (Template tests run through ``TemplateTestRunner``.)
///
/// ```swift
/// let files = ScriptTestRunner.files(in: "scripts")
/// let outcome = ScriptTestRunner.run(file: files[0], in: "scripts", roots: ["scripts", "templates"], clock: LuaClock())
/// ```
public enum ScriptTestRunner {
    /// The test files under `folder`, as paths relative to the folder's parent
    /// (`scripts/reminders/granskning_test.lua`), sorted.
    public static func files(in folder: String = "scripts") -> [String] {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        guard let walker = FileManager.default.enumerator(atPath: base) else { return [] }
        var found: [String] = []
        for case let path as String in walker where path.hasSuffix("_test.lua") {
            found.append(path)
        }
        let shownBase = (base as NSString).lastPathComponent
        return found.sorted().map { shownBase + "/" + $0 }
    }

    /// Runs test `file` (as ``files(in:)`` names it) of `folder` on `clock`. Errors are shown
    /// under the file's name relative to the folder's parent (`scripts/x_test.lua:12: …`).
    public static func run(
        file: String, in folder: String = "scripts", roots: [String] = ["scripts", "templates"], clock: LuaClock,
        limits: LuaLimits = .default
    ) -> TemplateTestRunner.Outcome {
        let base = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        let relative = file.split(separator: "/", maxSplits: 1).dropFirst().first.map(String.init) ?? file
        let path = base + "/" + relative
        do {
            let sandbox = try LuaSandbox(.init(
                limits: limits, scriptRoots: LuaScriptRoots(roots), modules: DomainModules.withoutDatabase,
                logger: Logger(label: "redovisa.lua")))
            let source = try LuaScriptRoots.readScript(at: path, shownAs: file)
            let results = try sandbox.runSource(source, chunkName: file, context: LuaRunContext(clock: clock))
            guard results.first == .string("ok") else {
                return .init(file: file, failure: "returned \(results.first?.luaLiteral ?? "nothing") instead of \"ok\"")
            }
            return .init(file: file, failure: nil)
        } catch {
            return .init(file: file, failure: error.message)
        }
    }
}
