import Redovisa

/// The pages of "Ny rapport": whom it is about, then which report and period.
enum NewReportPages {
    /// The list of the user's enrolments, each a link to the next page.
    static func chooseEnrolment(
        _ enrolments: [Enrolment], people: [Int64: PersonView], programmes: [Int64: Programme], template: String?,
        officer: Bool
    ) -> HTML {
        let extra = template.map { "&mall=\(FormData.percentEncode($0))" } ?? ""
        let rows = enrolments.map { enrolment -> HTML in
            let name = Formatting.name(people[enrolment.personId])
            return """
                <tr><td>\(name)</td><td>\(programmes[enrolment.programmeId]?.name ?? "–")</td><td>\(enrolment.start.description)</td>
                <td><a href="/rapporter/ny?insats=\(enrolment.id ?? 0)\(extra)">Ny rapport<span class="visually-hidden"> för \(name)</span></a></td></tr>
                """
        }
        let intro: HTML = officer
            ? "<p>Välj deltagaren. Som handläggare kan du registrera en pappersblankett åt en deltagare, för rapporter som tillåter det.</p>"
            : "<p>Välj vem rapporten gäller.</p>"
        let list: HTML = enrolments.isEmpty ? "<p>Du har ingen pågående insats att rapportera för.</p>" : """
            <table><caption>Personer du rapporterar för</caption>
            <thead><tr><th scope="col">Gäller</th><th scope="col">Insats</th><th scope="col">Startade</th><th scope="col"><span class="visually-hidden">Välj</span></th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return "<h1>Ny rapport</h1>\(intro)\(list)"
    }

    /// The form that starts the draft.
    static func chooseTemplate(
        _ choice: NewReportChoice, options: NewReportOptions, personName: String, programme: String,
        problems: [ErrorSummary.Item], context: AppRequestContext
    ) -> HTML {
        let templates = options.templates.enumerated().map { index, template -> HTML in
            let id = index == 0 ? "mall" : "mall-\(index + 1)"
            let checked: HTML = template.id == choice.templateId ? " checked" : .empty
            let kind = template.period == .month ? "en rapport per månad" : "en rapport per händelse"
            return """
                <div class="option"><input type="radio" id="\(id)" name="mall" value="\(template.id)"\(checked) aria-describedby="\(id)-hjalp">
                <label for="\(id)">\(template.title)</label><p class="hint" id="\(id)-hjalp">\(kind)</p></div>
                """
        }
        let monthly = options.templates.contains { $0.period == .month }
        let events = options.templates.contains { $0.period == .event }
        let chosen = options.templates.first { $0.id == choice.templateId }
        let suggested = chosen.flatMap { options.defaultPeriods[$0.id] }
            ?? options.defaultPeriods.values.max() ?? options.today.period.previous
        let selected = choice.period.flatMap(Period.init) ?? suggested
        var months: [Period] = []
        var month = options.today.period
        for _ in 0..<13 {
            months.append(month)
            month = month.previous
        }
        let periodOptions = months.map { period -> HTML in
            let mark: HTML = period == selected ? " selected" : .empty
            return "<option value=\"\(period.description)\"\(mark)>\(Formatting.period(period))</option>"
        }
        let periodField: HTML = monthly ? """
            <label for="period">Period</label>
            <p class="hint" id="period-hjalp">Vilken månad rapporten gäller. Förvalt är den månad du kan skicka in rapporten för nu.</p>
            <select id="period" name="period" aria-describedby="period-hjalp">\(periodOptions)</select>
            <div class="option"><input type="checkbox" id="kopiera" name="kopiera" value="ja"\(choice.copyPrevious ? HTML(" checked") : HTML.empty) aria-describedby="kopiera-hjalp">
            <label for="kopiera">Kopiera från förra månaden</label>
            <p class="hint" id="kopiera-hjalp">Svaren från samma rapport månaden före fylls i från början (inte datum och bekräftelser).</p></div>
            """ : .empty
        let dateField: HTML = events ? """
            <label for="datum">Datum\(monthly ? " (för en rapport per händelse)" : "")</label>
            <p class="hint" id="datum-hjalp">Skriv datumet som ÅÅÅÅ-MM-DD.</p>
            <input type="text" class="input-date" id="datum" name="datum" value="\(choice.date ?? options.today.description)" aria-describedby="datum-hjalp">
            """ : .empty
        let all: HTML = options.limited && !choice.allTemplates
            ? "<p><a href=\"/rapporter/ny?insats=\(choice.enrolmentId)&amp;alla=1\">Visa alla rapporter du kan skriva</a></p>" : .empty
        let noTemplates: HTML = options.templates.isEmpty
            ? "<p class=\"notice\">Det finns ingen publicerad rapport som du kan skriva för den här personen.</p>" : .empty
        return """
            <h1>Ny rapport</h1>
            \(ErrorSummary.html(problems))
            <p>Rapporten gäller <strong>\(personName)</strong> (\(programme)). <a href="/rapporter/ny">Välj en annan person</a></p>
            \(noTemplates)
            <form method="post" action="/rapporter/ny" novalidate>
            \(Layout.csrfField(context))
            <input type="hidden" name="insats" value="\(choice.enrolmentId)">\(choice.allTemplates ? HTML("<input type=\"hidden\" name=\"alla\" value=\"1\">") : HTML.empty)
            <fieldset class="field"><legend>Vilken rapport?</legend>
            <div class="options">\(templates)</div></fieldset>
            \(all)
            \(periodField)
            \(dateField)
            <div class="form-buttons"><button type="submit">Starta rapporten</button></div>
            </form>
            """
    }
}
