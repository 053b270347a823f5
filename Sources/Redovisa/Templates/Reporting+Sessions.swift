import Foundation
import LuaHost
import Synchronization

/// What a ``Reporting`` keeps between template calls: Lua states ready for a run, and the
/// published template versions it has read (a published version never changes, so it is read
/// once).
///
/// A pooled state keeps nothing of one call for the next that a template can reach: every run
/// gets fresh globals (the template runs again from the start, from a function compiled once;
/// the engine, kept by the state, starts its state afresh and gives the run its own `form`),
/// its own `require` cache and its own context — see docs/scripting.md, "Each run starts afresh".
final class ReportingCache: Sendable {
    /// Idle sandboxes with the domain modules installed.
    let sandboxes: LuaSandboxPool
    private let published = Mutex<[String: PublishedTemplate]>([:])

    init(limits: LuaLimits) {
        sandboxes = LuaSandboxPool(TemplateSession.configuration(limits: limits))
    }

    /// Version `version` of template `id`, read from `database` the first time.
    func publishedTemplate(_ id: String, version: Int, in database: AppDatabase) throws(RedovisaError) -> PublishedTemplate? {
        let key = "\(id)@\(version)"
        if let known = published.withLock({ $0[key] }) { return known }
        guard let found = try database.publishedTemplate(id: id, version: version) else { return nil }
        published.withLock { $0[key] = found }
        return found
    }
}

extension Reporting {
    /// Version `version` of template `id` (the newest published when nil).
    /// - Throws: ``RedovisaError/Code/notFound`` naming the template when it is not published.
    func publishedTemplate(_ id: String, version: Int?) throws(RedovisaError) -> PublishedTemplate {
        let found: PublishedTemplate?
        if let version {
            found = try cache.publishedTemplate(id, version: version, in: database)
        } else {
            found = try database.publishedTemplate(id: id, version: nil)
        }
        guard let found else {
            let which = version.map { "version \($0) av " } ?? ""
            throw RedovisaError(
                .notFound, "Mallen \(which)\(id) är inte publicerad (redovisa template publish \(id)).", field: "template")
        }
        return found
    }

    /// Runs `body` in a fresh sandbox run with the engine and `templates` loaded, as `actor`
    /// through the first template (read-only). The templates are published (linted and tested
    /// then), so they are loaded without their lines: a template's error names its file. The
    /// run is on a Lua state borrowed from ``ReportingCache/sandboxes`` for the length of the
    /// call; the templates are compiled once per process and run anew in every run
    /// (``TemplateSession/compiled``), the engine is kept by the state (``TemplateSession``).
    func withSession<Value>(
        _ templates: [PublishedTemplate], as actor: Actor, _ body: (TemplateSession) throws(RedovisaError) -> Value
    ) throws(RedovisaError) -> Value {
        var context = LuaRunContext(clock: LuaClock(now: database.clock()))
        context.domain = LuaDomainContext(
            database: database, actor: actor, script: templates.first?.templateSource.chunkName ?? "templates")
        do {
            return try cache.sandboxes.withSandbox { sandbox in
                try sandbox.withRun(context: context, limits: limits) { run in
                    let session = try TemplateSession(run: run, sources: templates.map(\.templateSource), lines: false)
                    return try body(session)
                }
            }
        } catch let error as RedovisaError {
            throw error
        } catch {
            throw RedovisaError(.script, "\(error)")
        }
    }
}
