import Crypto
import Foundation
import Hummingbird
import LuaHost
import Redovisa

/// The templates and scripts page, its lint and tests, and publishing a template (see
/// ``AdministrationControllers`` for the routes). Everything that runs Lua runs on the
/// administration's ``OffLoop`` queue, in the sandbox.
struct ScriptsController: Sendable {
    let database: AppDatabase
    let sessions: SessionStore
    let administration: Administration

    /// Registers the routes on `router`.
    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/mallar-och-skript", use: inventory)
        router.post("/admin/mallar-och-skript/kontroll", use: check)
        router.get("/admin/mallar/:namn/publicera", use: plan)
        router.post("/admin/mallar/:namn/publicera", use: publish)
    }

    /// `GET /admin/mallar-och-skript`: every template and script with its version and hash.
    @Sendable func inventory(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdministrator()
        let (administration, database) = (administration, database)
        let inventory = try await administration.work.run { () throws(RedovisaError) in
            try ScriptInventory.read(administration, database: database)
        }
        return Layout.page(title: "Mallar och skript", context: context, main: ScriptsPages.inventory(inventory, context: context))
    }

    /// `POST /admin/mallar-och-skript/kontroll`: lint and tests of the chosen scope, as of the
    /// chosen day.
    @Sendable func check(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdministrator()
        guard let scope = ScriptChecks.Scope(context.form["omfang"] ?? "alla") else {
            throw RedovisaError(.invalidInput, "Välj vad som ska kontrolleras.", field: "omfang")
        }
        let clock = try Self.clock(context.form["datum"])
        let checks = ScriptChecks(administration: administration)
        let results = try await administration.work.run { checks.run(scope, clock: clock) }
        return Layout.page(title: "Lint och tester", context: context, main: ScriptsPages.checks(results, asOf: clock))
    }

    /// `GET /admin/mallar/{namn}/publicera`: lint, the template's test and the plan — which open
    /// drafts would fail the new version — with the button to publish when nothing stops it.
    @Sendable func plan(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireAdministrator()
        let name = try Self.templateName(context)
        let review = try await review(name, as: actor)
        return Layout.page(
            title: "Publicera \(name)", context: context, main: ScriptsPages.plan(name: name, review: review, context: context))
    }

    /// `POST /admin/mallar/{namn}/publicera`: publishes the file that was reviewed (its hash in
    /// `sha256`), if lint and its test still pass; back to the list with what happened.
    @Sendable func publish(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireAdministrator()
        let name = try Self.templateName(context)
        let review = try await review(name, as: actor)
        guard let plan = review.plan, review.mayPublish else {
            await sessions.flash(context, "\(name) publicerades inte: rätta det som står nedan först.")
            return Layout.redirect(to: "/admin/mallar/\(name)/publicera")
        }
        guard context.form["sha256"] == review.sha256 else {
            await sessions.flash(context, "Filen \(name).lua har ändrats sedan du granskade den. Granska den igen.")
            return Layout.redirect(to: "/admin/mallar/\(name)/publicera")
        }
        let publisher = TemplatePublisher(database: database)
        let outcome = try await administration.work.run { () throws(RedovisaError) in try publisher.publish(plan, as: actor) }
        let message: String
        switch outcome.published {
        case .unchanged: message = "\(name) version \(plan.description.version) var redan publicerad med samma text: inget ändrades."
        case .published:
            message = "\(name) version \(plan.description.version) är publicerad. \(outcome.moved) öppna utkast flyttades till den, \(outcome.kept) ligger kvar på sin version."
        }
        await sessions.flash(context, message)
        return Layout.redirect(to: "/admin/mallar-och-skript")
    }

    /// What stands between a template file and publishing it.
    struct Review: Sendable {
        var sha256: String?
        var lint: [ScriptChecks.Finding]
        var test: ScriptChecks.Result?
        var plan: TemplatePublisher.Plan?
        /// Why there is no plan (the file does not load, or a version that may not be published).
        var refusal: String?

        var mayPublish: Bool { plan != nil && lint.isEmpty && (test?.passed ?? true) && refusal == nil }
    }

    /// Lints and tests template `name` and plans its publication (off the server's threads).
    func review(_ name: String, as actor: Actor) async throws -> Review {
        let (administration, database) = (administration, database)
        return try await administration.work.run {
            let folder = administration.templatesFolder
            let source: TemplateSource
            do throws(RedovisaError) {
                source = try TemplateSource.file(named: name, in: folder)
            } catch where error.code == .notFound {
                throw error
            } catch {
                return Review(sha256: nil, lint: [], test: nil, plan: nil, refusal: administration.shown(error.message))
            }
            let checks = ScriptChecks(administration: administration)
            var review = Review(sha256: SHA256.hash(data: Data(source.text.utf8)).hex, lint: [], test: nil, plan: nil, refusal: nil)
            let results = checks.run(.template(name), clock: LuaClock())
            review.lint = results.filter { $0.kind == .lint }.flatMap(\.findings)
            review.test = results.first { $0.kind == .templateTest }
            do throws(RedovisaError) {
                review.plan = try TemplatePublisher(database: database).plan(source, as: actor)
            } catch {
                review.refusal = administration.shown(error.message)
            }
            return review
        }
    }

    /// The `{namn}` of the route, a template name.
    static func templateName(_ context: AppRequestContext) throws -> String {
        let name = try context.parameters.require("namn")
        guard TemplateSource.isValidName(name) else { throw HTTPError(.notFound) }
        return name
    }

    /// The clock of "as if today were": the date given (`ÅÅÅÅ-MM-DD`), or now.
    static func clock(_ text: String?) throws -> LuaClock {
        guard let text, !text.isEmpty else { return LuaClock() }
        guard let clock = LuaClock(asOf: text) else {
            throw RedovisaError(.invalidInput, "Datumet ska skrivas ÅÅÅÅ-MM-DD.", field: "datum")
        }
        return clock
    }
}
