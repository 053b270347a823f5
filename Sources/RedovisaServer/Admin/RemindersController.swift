import Foundation
import Hummingbird
import LuaHost
import Redovisa

/// A reminder dry run at a chosen date and time, and the outbox with retry and "deliver now"
/// (see ``AdministrationControllers`` for the routes).
struct RemindersController: Sendable {
    let database: AppDatabase
    let sessions: SessionStore
    let administration: Administration

    /// Registers the routes on `router`.
    func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/paminnelser", use: reminders)
        router.post("/admin/paminnelser/torrkorning", use: dryRun)
        router.get("/admin/utkorg", use: outbox)
        router.post("/admin/utkorg/leverera", use: deliver)
        router.post("/admin/utkorg/:id/forsok-igen", use: retry)
    }

    /// `GET /admin/paminnelser`: the dry-run form, with the rules and whether the scheduler runs.
    @Sendable func reminders(_ request: Request, context: AppRequestContext) async throws -> Response {
        _ = try context.requireAdministrator()
        let files = (try? administration.reminderRunner(database: database).ruleFiles()) ?? []
        let now = Date()
        let main = RemindersPages.form(
            files: files.map(administration.shown), date: LocalDate.today(at: now).description,
            time: String(LocalDate.stockholmTime(now).suffix(5)), scheduler: administration.scheduler, context: context)
        return Layout.page(title: "Påminnelser", context: context, main: main)
    }

    /// `POST /admin/paminnelser/torrkorning`: what `redovisa remind --dry-run --as-of DATUMTTID`
    /// would send, as a table; nothing is recorded or sent. The recipients shown are audited as
    /// read by the administrator.
    @Sendable func dryRun(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireAdministrator()
        let date = context.form["datum"] ?? "", time = context.form["tid"].flatMap { $0.isEmpty ? nil : $0 } ?? "12:00"
        guard LocalDate(date) != nil else { throw RedovisaError(.invalidInput, "Datumet ska skrivas ÅÅÅÅ-MM-DD.", field: "datum") }
        guard time.wholeMatch(of: /[0-2][0-9]:[0-5][0-9]/) != nil, let clock = LuaClock(asOf: "\(date)T\(time)") else {
            throw RedovisaError(.invalidInput, "Tiden ska skrivas TT:MM.", field: "tid")
        }
        let runner = administration.reminderRunner(database: database)
        let report = try await administration.work.run { () throws(RedovisaError) in
            try runner.run(at: ReminderMoment(clock.now), dryRun: true)
        }
        let planned = report.rules.flatMap(\.reminders)
        let people = Set(planned.compactMap(\.personId)), users = Set(planned.compactMap(\.userId))
        if !people.isEmpty {
            try database.auditAdministration("read", entity: "person", ids: people.sorted(), detail: "torrkörning av påminnelser", as: actor)
        }
        if !users.isEmpty {
            try database.auditAdministration("read", entity: "user", ids: users.sorted(), detail: "torrkörning av påminnelser", as: actor)
        }
        return Layout.page(
            title: "Torrkörning av påminnelser", context: context, main: RemindersPages.dryRun(report, shown: administration.shown))
    }

    /// `GET /admin/utkorg?status=failed`: the outbox, newest first (audited).
    @Sendable func outbox(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireAdministrator()
        let text = request.uri.queryParameters["status"].map(String.init) ?? ""
        let status = DeliveryStatus(rawValue: text)
        guard text.isEmpty || status != nil else {
            throw RedovisaError(.invalidInput, "Okänd status: välj väntar, skickade eller misslyckade.", field: "status")
        }
        let (messages, counts) = try database.outboxOverview(status: status, limit: 200, as: actor)
        let main = RemindersPages.outbox(
            messages, counts: counts, status: status, canDeliver: administration.deliverer != nil, context: context)
        return Layout.page(title: "Utkorgen", context: context, main: main)
    }

    /// `POST /admin/utkorg/leverera`: delivers what is due now.
    @Sendable func deliver(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireAdministrator()
        try database.auditAdministration("deliver", entity: "outbox", ids: [], detail: "leverera nu", as: actor)
        await sessions.flash(context, try await deliverNow())
        return Layout.redirect(to: "/admin/utkorg")
    }

    /// `POST /admin/utkorg/{id}/forsok-igen`: puts the message back in line and delivers now.
    @Sendable func retry(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireAdministrator()
        let id = try context.parameters.require("id", as: Int64.self)
        guard try database.retryOutboxMessage(id: id, as: actor) else {
            await sessions.flash(context, "Meddelande \(id) är redan skickat.")
            return Layout.redirect(to: "/admin/utkorg")
        }
        let delivered = administration.deliverer == nil ? "" : " " + (try await deliverNow())
        await sessions.flash(context, "Meddelande \(id) försöks igen.\(delivered)")
        return Layout.redirect(to: "/admin/utkorg")
    }

    /// Delivers the due messages; the Swedish summary.
    private func deliverNow() async throws -> String {
        guard let deliverer = administration.deliverer else {
            return "Leverans är inte konfigurerad i den här servern: kör redovisa outbox deliver."
        }
        let report = try await deliverer.deliver(at: database.clock())
        let parts = [DeliveryChannel.inApp, .email, .sms].map { "\(report.sent[$0] ?? 0) \(RemindersPages.channel($0))" }
        return "Levererade \(report.sentCount) (\(parts.joined(separator: ", "))); \(report.retrying) försöks igen, \(report.failed) misslyckades."
    }
}
