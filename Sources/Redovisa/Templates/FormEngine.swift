/// The host's template engine: the Lua chunk `form.lua` (beside this file), compiled into the
/// binary, that every template run executes first. It defines the global `form` — the
/// constructors templates are written with, and the functions ``TemplateSession`` calls.
enum FormEngine {
    /// The Lua source of the engine.
    static let source = String(decoding: PackageResources.form_lua, as: UTF8.self)
    /// The name errors inside the engine are shown under.
    static let chunkName = "[redovisa]/form.lua"
}
