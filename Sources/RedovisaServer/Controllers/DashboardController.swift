import Hummingbird
import Redovisa

/// A period's dashboard for officers: the reports of the period by status as an SVG bar chart
/// (with the same numbers in a table, for screen readers and print), and the on-time rate.
///
/// | route | what |
/// |---|---|
/// | `GET /oversikt?period=YYYY-MM&mall=ID&anordnare=ID` | the dashboard; the latest period by default |
public struct DashboardController: Sendable {
    let database: AppDatabase

    /// Registers the routes on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get("/oversikt", use: show)
    }

    /// `GET /oversikt`: the dashboard of the chosen (or latest) period.
    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        try OfficerAccess.require(actor)
        var filter = try QueueFilter(request, database: database)
        guard let period = filter.period ?? filter.periods.first else {
            return Layout.page(title: "Översikt", context: context, main: "<h1>Översikt</h1><p>Det finns inga rapporter ännu.</p>")
        }
        filter.period = period
        let summary = try database.summary(period: period, templateId: filter.templateId, providerId: filter.providerId, as: actor)
        let bars = ReportStatus.allCases.map { (Formatting.label($0), summary.byStatus[$0] ?? 0) }
        let rows = bars.map { label, count -> HTML in "<tr><th scope=\"row\">\(label)</th><td>\(count)</td></tr>" }
        let main: HTML = """
            <h1>Översikt \(Formatting.period(period))</h1>
            \(filter.form(action: "/oversikt", hidden: [], allPeriods: false))
            <p class="notice">I tid: <strong>\(Formatting.percent(summary.onTimeRate))</strong> \
            (\(summary.onTime) av \(summary.handedIn) inlämnade rapporter kom in före sista dag).</p>
            \(BarChart(title: "Rapporter per status, \(Formatting.period(period))", bars: bars).svg)
            <table><caption>Rapporter per status</caption>
            <thead><tr><th scope="col">Status</th><th scope="col">Antal</th></tr></thead><tbody>\(rows)</tbody></table>
            """
        return Layout.page(title: "Översikt", context: context, main: main)
    }
}

/// A horizontal bar chart as inline SVG: no script, no inline style (the colours come from the
/// stylesheet's `.chart` rules), a title and description for assistive technology.
struct BarChart {
    var title: String
    var bars: [(label: String, value: Int)]

    /// The chart as inline SVG markup.
    var svg: HTML {
        let labelWidth = 260, barWidth = 320, rowHeight = 32
        let height = bars.count * rowHeight + 10
        let maximum = max(1, bars.map(\.value).max() ?? 1)
        let rows = bars.enumerated().map { index, bar -> HTML in
            let y = index * rowHeight + 5
            let width = bar.value * barWidth / maximum
            return """
                <text x="0" y="\(y + 20)">\(bar.label)</text>\
                <rect class="bar" x="\(labelWidth)" y="\(y + 4)" width="\(width)" height="\(rowHeight - 10)"></rect>\
                <text x="\(labelWidth + width + 8)" y="\(y + 20)">\(bar.value)</text>
                """
        }
        return """
            <svg class="chart" role="img" aria-labelledby="diagram-titel diagram-beskrivning" viewBox="0 0 \(labelWidth + barWidth + 60) \(height)" width="100%">
            <title id="diagram-titel">\(title)</title>
            <desc id="diagram-beskrivning">\(bars.map { "\($0.label): \($0.value)" }.joined(separator: ", "))</desc>
            <line class="axis" x1="\(labelWidth)" y1="0" x2="\(labelWidth)" y2="\(height)"></line>
            \(rows)
            </svg>
            """
    }
}
