import Foundation
import LuaHost
import Redovisa
import Testing

/// The script author's reference and editor stubs cover everything the engine gives templates.
struct FormReferenceTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test func everyFunctionOfFormIsInTheReferenceAndTheEditorStubs() throws {
        // Given the names the engine defines in `form`
        let names = try TemplateCatalog.withSources([]) { session throws(RedovisaError) in try session.formNames() }
        #expect(names.contains("template") && names.contains("test") && names.contains("group"))
        let reference = try String(contentsOf: Self.root.appendingPathComponent("docs/scripting.md"), encoding: .utf8)
        let stubs = try String(contentsOf: Self.root.appendingPathComponent("docs/lua/form.lua"), encoding: .utf8)
        // Then each one is declared for the editor and named in the reference
        for name in names {
            let declared = stubs.contains("\nfunction form.\(name)(") || stubs.contains("\nform.\(name) = ")
            #expect(declared, "docs/lua/form.lua does not declare form.\(name)")
            #expect(reference.contains("form.\(name)"), "docs/scripting.md never names form.\(name)")
        }
        // And each field type of the host's model has its constructor
        for type in TemplateDescription.FieldType.allCases {
            #expect(names.contains(type.rawValue), "the engine has no form.\(type.rawValue)")
        }
    }
}
