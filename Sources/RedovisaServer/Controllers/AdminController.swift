import Hummingbird
import Redovisa

/// Pages for administrators.
///
/// | route | what |
/// |---|---|
/// | `GET /admin/granskningslogg?typ=report` | the latest 200 audit lines, optionally of one kind of entity |
public struct AdminController: Sendable {
    let database: AppDatabase

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/admin/granskningslogg", use: auditLog)
    }

    /// `GET /admin/granskningslogg`: the audit log (the domain refuses anyone but administrators).
    @Sendable func auditLog(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let entity = request.uri.queryParameters["typ"].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        let entries = try database.auditLog(limit: 200, entity: entity, as: actor)
        let names = try database.userNames(ids: entries.compactMap(\.actorId))
        let rows = entries.map { entry -> HTML in
            let ids = entry.entityIds.prefix(10).map(String.init).joined(separator: ", ") + (entry.entityIds.count > 10 ? " … (\(entry.entityIds.count))" : "")
            return """
                <tr><td>\(Formatting.dateTime(entry.at))</td><td>\(entry.actorId.flatMap { names[$0] } ?? "systemet")</td>
                <td>\(entry.via)</td><td>\(entry.action)</td><td>\(entry.entity)</td><td>\(ids)</td><td>\(entry.detail)</td></tr>
                """
        }
        let kinds = ["", "report", "person", "enrolment", "user", "audit", "statusChange"]
        let options = kinds.map { kind -> HTML in
            "<option value=\"\(kind)\"\(kind == (entity ?? "") ? HTML(unsafeRaw: " selected") : HTML.empty)>\(kind.isEmpty ? "Alla" : kind)</option>"
        }
        let main: HTML = """
            <h1>Granskningslogg</h1>
            <p class="muted">Varje läsning och ändring av personuppgifter, nyast först. Att du läser loggen loggas också.</p>
            <form method="get" action="/admin/granskningslogg" class="filters">
            <div><label for="typ">Typ</label><select id="typ" name="typ">\(options)</select></div>
            <div><button type="submit">Visa</button></div></form>
            <table><caption>De senaste \(entries.count) raderna</caption>
            <thead><tr><th scope="col">Tid</th><th scope="col">Användare</th><th scope="col">Via</th><th scope="col">Händelse</th><th scope="col">Typ</th><th scope="col">Id</th><th scope="col">Detalj</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return Layout.page(title: "Granskningslogg", context: context, main: main)
    }
}
