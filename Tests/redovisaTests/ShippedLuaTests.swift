import Foundation
import Testing

/// Every shipped script has Lua tests beside it (`*_test.lua`); each must pass when run the way an
/// administrator runs it: `redovisa script run FILE --as-of 2025-10-14`, from the repository
/// root, returning "ok". (Template tests run through `redovisa template test`: see
/// TemplateCommandTests.)
struct ShippedLuaTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Paths relative to the repository root of every `*_test.lua` under scripts/.
    static var luaTestFiles: [String] {
        var found: [String] = []
        for folder in ["scripts"] {
            let base = repositoryRoot.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(atPath: base.path) else { continue }
            for case let path as String in walker where path.hasSuffix("_test.lua") {
                found.append(folder + "/" + path)
            }
        }
        return found.sorted()
    }

    @Test func thereAreLuaTestsToRun() {
        #expect(!Self.luaTestFiles.isEmpty)
    }

    @Test(arguments: luaTestFiles)
    func luaTestPasses(_ file: String) throws {
        let output = try CommandRunner.run(["script", "run", file, "--as-of", "2025-10-14"], in: Self.repositoryRoot)
        #expect(output.status == 0, "\(file) failed:\n\(output.standardError)")
        #expect(output.standardOutput == "\"ok\"\n")
    }
}
