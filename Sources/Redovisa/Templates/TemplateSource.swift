import Foundation
import LuaHost

/// The Lua text of one version of one template, and the name its errors are shown under
/// (`templates/lss-kontaktperson.lua`).
public struct TemplateSource: Sendable, Hashable {
    public var text: String
    public var chunkName: String

    public init(text: String, chunkName: String) {
        self.text = text
        self.chunkName = chunkName
    }

    /// The template file `NAME.lua` in `folder` (default `templates`).
    /// - Throws: ``RedovisaError/Code/notFound`` when there is no such file; the reading errors
    ///   of the script roots (not UTF-8 text, too large) as ``RedovisaError/Code/script``.
    public static func file(named name: String, in folder: String = "templates") throws(RedovisaError) -> TemplateSource {
        guard TemplateSource.isValidName(name) else {
            throw RedovisaError(.invalidInput, "'\(name)' is not a template name (lower-case letters, digits and '-')", field: "template")
        }
        let path = folder + "/" + name + ".lua"
        guard FileManager.default.fileExists(atPath: path) else {
            throw RedovisaError(.notFound, "no template '\(name)': \(path) does not exist", field: "template")
        }
        do {
            return TemplateSource(text: try LuaScriptRoots.readScript(at: path), chunkName: path)
        } catch {
            throw RedovisaError(.script, error.description)
        }
    }

    /// The names of the template files in `folder`: every `*.lua` that is not a test
    /// (`*_test.lua`) and not in a subfolder, sorted.
    public static func names(in folder: String = "templates") -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return files.filter { $0.hasSuffix(".lua") && !$0.hasSuffix("_test.lua") }
            .map { String($0.dropLast(4)) }
            .filter(isValidName)
            .sorted()
    }

    /// Whether `name` can name a template: lower-case letters, digits and '-'.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }
}
