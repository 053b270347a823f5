import Hummingbird
import Redovisa

/// The filters of the work queue and the dashboard: period (`period=YYYY-MM`), template
/// (`mall=ID`) and provider (`anordnare=ID`), read from the query and written back as a GET form
/// with labelled selects. A value that does not parse is ignored (and shown as "Alla").
struct QueueFilter {
    var period: Period?
    var templateId: String?
    var providerId: Int64?
    let periods: [Period]
    let templates: [String]
    let providers: [Organisation]

    /// The filters in `request`'s query, checked against the choices the database offers.
    init(_ request: Request, database: AppDatabase) throws {
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? {
            query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 }
        }
        periods = try database.reportPeriods()
        templates = try database.reportTemplateIds()
        providers = try database.organisations().filter { $0.kind == .provider }
        period = value("period").flatMap(Period.init)
        templateId = value("mall").flatMap { templates.contains($0) ? $0 : nil }
        providerId = value("anordnare").flatMap { Int64($0) }.flatMap { id in providers.contains { $0.id == id } ? id : nil }
    }

    /// The filters as a query string, with `extra` first.
    func query(extra: [(String, String)] = []) -> String {
        var fields = extra
        if let period { fields.append(("period", period.description)) }
        if let templateId { fields.append(("mall", templateId)) }
        if let providerId { fields.append(("anordnare", String(providerId))) }
        return FormData.encode(fields)
    }

    /// The GET form with the three selects.
    func form(action: String, hidden: [(String, String)], allPeriods: Bool = true) -> HTML {
        let periodOptions = periods.map { option($0.description, Formatting.period($0), selected: $0 == period) }
        let templateOptions = templates.map { option($0, $0, selected: $0 == templateId) }
        let providerOptions = providers.map { option(String($0.id ?? 0), $0.name, selected: $0.id == providerId) }
        let hiddenFields = hidden.map { name, value -> HTML in "<input type=\"hidden\" name=\"\(name)\" value=\"\(value)\">" }
        let all: HTML = allPeriods ? "<option value=\"\">Alla</option>" : ""
        return """
            <form method="get" action="\(action)" class="filters">\(hiddenFields)
            <div><label for="filter-period">Period</label><select id="filter-period" name="period">\(all)\(periodOptions)</select></div>
            <div><label for="filter-mall">Rapport</label><select id="filter-mall" name="mall"><option value="">Alla</option>\(templateOptions)</select></div>
            <div><label for="filter-anordnare">Anordnare</label><select id="filter-anordnare" name="anordnare"><option value="">Alla</option>\(providerOptions)</select></div>
            <div><button type="submit">Visa</button></div>
            </form>
            """
    }

    private func option(_ value: String, _ label: String, selected: Bool) -> HTML {
        "<option value=\"\(value)\"\(selected ? HTML(unsafeRaw: " selected") : HTML.empty)>\(label)</option>"
    }
}
