import Foundation
import LuaHost

/// Templates as files in `templates/`, before (or without) publication: what the template
/// tools of the CLI work on (`redovisa template list / check / lint / publish`).
public enum TemplateCatalog {
    /// Runs `body` in a fresh run with the engine and `sources` loaded, without a database (the
    /// domain parts of `ctx` are then absent).
    public static func withSources<Value>(
        _ sources: [TemplateSource], clock: LuaClock = LuaClock(), limits: LuaLimits = .default,
        roots: [String] = ["templates", "scripts"],
        _ body: (TemplateSession) throws(RedovisaError) -> Value
    ) throws(RedovisaError) -> Value {
        let sandbox = try TemplateSession.sandbox(limits: limits, roots: roots)
        do {
            return try sandbox.withRun(context: LuaRunContext(clock: clock)) { run in
                try body(try TemplateSession(run: run, sources: sources))
            }
        } catch let error as RedovisaError {
            throw error
        } catch {
            throw RedovisaError(.script, "\(error)")
        }
    }

    /// What the template in `source` declares. The file must define exactly one template.
    /// - Throws: ``RedovisaError/Code/script`` for a template that does not load, or a file
    ///   that defines no template.
    public static func describe(_ source: TemplateSource, limits: LuaLimits = .default) throws(RedovisaError) -> TemplateDescription {
        try withSources([source], limits: limits) { session throws(RedovisaError) in
            let loaded = try session.loaded()
            guard loaded.count == 1, let only = loaded.first else {
                throw RedovisaError(
                    .script, "\(source.chunkName): must return form.template{…} (found \(loaded.count) templates)")
            }
            return try session.describe(only.id, version: only.version)
        }
    }
}
