import Foundation
import Redovisa

/// The markup of ``CaseEventsController``'s pages: *Bemanning* for provider staff, the officer's
/// events of a case, and the personal-data incidents. Every field has its label; an error is
/// shown at its field and in the summary, which links to it.
enum CaseEventsPages {
    /// A refusal shown at the field with id `field`.
    struct FieldError {
        var field: String
        var message: String
    }

    /// What was entered, to show it again with the error.
    struct Entered {
        var actualised: String?
        var plan: String?
        var decided: String?
        var organisation: String?
        var discoveredDate: String?
        var discoveredTime: String?
        var description: String?
        var reportedDate: String?
        var reportedTime: String?
        /// The incident whose report form was posted.
        var incident: Int64?
        /// The absence whose "told to the officer" form was posted, and the day entered.
        var absence: Int64?
        var absenceReported: String?
    }

    /// The Swedish name of a kind of plan.
    static func name(_ kind: PlanKind) -> String {
        switch kind {
        case .iup: "Individuell utvecklingsplan"
        case .jointPlanning: "Gemensam planering"
        case .implementationPlan: "Genomförandeplan"
        }
    }

    /// The link from a row of *Försenat* to where its event is recorded: the case's events, or
    /// the incidents.
    static func action(_ deadline: DeadlineQuery.Deadline) -> HTML {
        if deadline.incident != nil { return "<a href=\"/incidenter\">Registrera<span class=\"visually-hidden\"> anmälan av incidenten</span></a>" }
        guard let enrolment = deadline.enrolment else { return .empty }
        return "<a href=\"/insatser/\(enrolment)/handelser\">Registrera<span class=\"visually-hidden\"> händelse: \(deadline.title)</span></a>"
    }

    /// The summary for `error`.
    private static func summary(_ error: FieldError?) -> HTML {
        ErrorSummary.html(error.map { [ErrorSummary.Item(message: $0.message, href: "#\($0.field)")] } ?? [])
    }

    /// A labelled input with id `id`, its help and, when `error` is for it, the error.
    private static func input(
        _ id: String, name: String, label: String, type: String, value: String, help: String, error: FieldError?
    ) -> HTML {
        let failed = error?.field == id
        let errorText: HTML = failed ? "<p class=\"field-error\" id=\"\(id)-fel\">\(error?.message ?? "")</p>" : .empty
        let describedBy = failed ? "\(id)-hjalp \(id)-fel" : "\(id)-hjalp"
        let invalid: HTML = failed ? HTML(unsafeRaw: " aria-invalid=\"true\"") : .empty
        return """
            <label for="\(id)">\(label)</label>
            <p class="muted" id="\(id)-hjalp">\(help)</p>
            \(errorText)
            <input id="\(id)" name="\(name)" type="\(type)" value="\(value)" aria-describedby="\(describedBy)"\(invalid)>
            """
    }

    /// *Bemanning*: the actualised cases waiting for staffing, each with its form.
    static func staffing(
        _ waiting: [AppDatabase.DeadlineEnrolment], people: [Int64: PersonView], today: LocalDate, context: AppRequestContext,
        error: FieldError?, entered: String?
    ) -> HTML {
        let rows = waiting.map { row -> HTML in
            let id = row.enrolment.id ?? 0
            let field = "datum-\(id)"
            let who = Formatting.name(people[row.enrolment.personId])
            let value = error?.field == field ? entered ?? "" : today.description
            return """
                <tr><td>\(who)</td><td>\(row.programme)</td><td>\(row.actualisedOn?.description ?? "–")</td><td>\(row.enrolment.start.description)</td>
                <td><form method="post" action="/bemanning/\(id)">\(Layout.csrfField(context))
                \(input(field, name: "datum", label: "Bemannad den", type: "date", value: value, help: "ÅÅÅÅ-MM-DD, samma dag eller nästa vardag.", error: error))
                <button type="submit">Registrera bemanning<span class="visually-hidden"> för \(who)</span></button></form></td></tr>
                """
        }
        let list: HTML = rows.isEmpty
            ? "<p>Inga aktualiserade ärenden väntar på bemanning.</p>"
            : """
            <table><caption>Aktualiserade ärenden som inte är bemannade</caption>
            <thead><tr><th scope="col">Deltagare</th><th scope="col">Program</th><th scope="col">Aktualiserad</th><th scope="col">Start</th><th scope="col">Bemanning</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return """
            <h1>Bemanning</h1>
            \(summary(error))
            <p class="muted">Ett aktualiserat ärende ska bemannas samma dag eller nästa vardag. Registrera dagen då ärendet bemannades och handläggaren fick besked.</p>
            \(list)
            <p><a href="/incidenter">Personuppgiftsincidenter</a></p>
            """
    }

    /// The officer's events of enrolment `id`: the actualisation and the decision to adjust a plan.
    static func events(
        _ id: Int64, person: PersonView?, events: CaseEvents, today: LocalDate, context: AppRequestContext, error: FieldError?,
        entered: Entered
    ) -> HTML {
        let kinds = PlanKind.allCases.map { kind -> HTML in
            let selected: HTML = kind.rawValue == (entered.plan ?? PlanKind.implementationPlan.rawValue) ? " selected" : ""
            return "<option value=\"\(kind.rawValue)\"\(selected)>\(name(kind))</option>"
        }
        let planFailed = error?.field == "plan"
        let planError: HTML = planFailed ? "<p class=\"field-error\" id=\"plan-fel\">\(error?.message ?? "")</p>" : .empty
        let planInvalid: HTML = planFailed ? HTML(unsafeRaw: " aria-invalid=\"true\" aria-describedby=\"plan-fel\"") : .empty
        return """
            <h1>Händelser i ärendet</h1>
            \(summary(error))
            <p>Deltagare: \(Formatting.name(person))</p>
            \(state(events))
            \(absences(id, events.absences, today: today, context: context, error: error, entered: entered))
            <h2 id="aktualisering">Aktualisering</h2>
            <p class="muted">Dag 1: ärendet läggs i kö hos anordnaren, som ska bemanna det samma dag eller nästa vardag.</p>
            <form method="post" action="/insatser/\(id)/aktualisera">\(Layout.csrfField(context))
            \(input("aktualiserad", name: "datum", label: "Aktualiserad den", type: "date", value: entered.actualised ?? today.description, help: "ÅÅÅÅ-MM-DD.", error: error))
            <p><button type="submit">Registrera aktualisering</button></p>
            </form>
            <h2 id="justering">Beslut om justering av planen</h2>
            <p class="muted">Anordnaren ska revidera planen inom 5 arbetsdagar från beslutet.</p>
            <form method="post" action="/insatser/\(id)/justera-plan">\(Layout.csrfField(context))
            <label for="plan">Plan</label>
            \(planError)
            <select id="plan" name="plan"\(planInvalid)>\(kinds)</select>
            \(input("beslutad", name: "datum", label: "Beslutad den", type: "date", value: entered.decided ?? today.description, help: "ÅÅÅÅ-MM-DD.", error: error))
            <p><button type="submit">Registrera beslutet</button></p>
            </form>
            <p><a href="/arbetsko/forsenat">Till Försenat</a></p>
            """
    }

    /// Where the case stands: actualised and staffed or not, and the decisions to adjust a plan.
    private static func state(_ events: CaseEvents) -> HTML {
        let actualised = events.staffing.map { "Aktualiserad \($0.actualisedOn)" } ?? "Inte aktualiserad"
        let staffed = events.staffing.map { $0.staffedOn.map { "Bemannad \($0)" } ?? "Väntar på bemanning" } ?? "–"
        let decisions: HTML = events.adjustments.isEmpty
            ? "Inga"
            : "\(events.adjustments.map { "\(name($0.kind)) \($0.decidedOn)" }.joined(separator: ", "))"
        return """
            <table><caption>Läget i ärendet</caption><tbody>
            <tr><th scope="row">Aktualisering</th><td>\(actualised)</td></tr>
            <tr><th scope="row">Bemanning</th><td>\(staffed)</td></tr>
            <tr><th scope="row">Beslut om justering av plan</th><td>\(decisions)</td></tr>
            </tbody></table>
            """
    }

    /// The case's absences, each not yet told to the officer with its form.
    private static func absences(
        _ id: Int64, _ absences: [Absence], today: LocalDate, context: AppRequestContext, error: FieldError?, entered: Entered
    ) -> HTML {
        guard !absences.isEmpty else { return "<h2 id=\"franvaro\">Frånvaro</h2><p>Ingen frånvaro är registrerad.</p>" }
        let rows = absences.map { absence -> HTML in
            let absenceId = absence.id ?? 0
            let field = "franvaro-\(absenceId)"
            let period = absence.from == absence.to ? absence.from.description : "\(absence.from) – \(absence.to)"
            let told: HTML = absence.reportedOn.map { (day: LocalDate) -> HTML in "Anmäld \(day.description)" } ?? """
                <form method="post" action="/insatser/\(id)/franvaro/\(absenceId)/anmald">\(Layout.csrfField(context))
                \(input(field, name: "datum", label: "Anmäld till handläggaren den", type: "date", value: entered.absence == absenceId ? entered.absenceReported ?? "" : today.description, help: "ÅÅÅÅ-MM-DD.", error: error))
                <button type="submit">Registrera anmälan<span class="visually-hidden"> av frånvaron \(period)</span></button></form>
                """
            return "<tr><td>\(period)</td><td>\(cause(absence.cause))</td><td>\(told)</td></tr>"
        }
        return """
            <h2 id="franvaro">Frånvaro</h2>
            <p class="muted">Ogiltig frånvaro ska anmälas till handläggaren samma dag eller dagen efter.</p>
            <table><caption>Frånvaro i ärendet, äldst först</caption>
            <thead><tr><th scope="col">Dagar</th><th scope="col">Orsak</th><th scope="col">Anmälan</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    /// The Swedish name of a cause of absence.
    static func cause(_ cause: AbsenceCause) -> String {
        switch cause {
        case .sick: "Sjuk"
        case .careOfChild: "Vård av barn"
        case .leave: "Ledighet"
        case .invalid: "Ogiltig frånvaro"
        }
    }

    /// The incidents of the actor's organisations, a report form on those not reported, and the
    /// form to register one.
    static func incidents(
        _ list: [(String, AppDatabase.DeadlineIncident)], organisations: [(Int64, String)], today: LocalDate,
        context: AppRequestContext, error: FieldError?, entered: Entered
    ) -> HTML {
        let rows = list.map { organisation, incident -> HTML in
            let id = incident.id
            let again = entered.incident == id
            let reported: HTML = incident.reportedAt.map { (at: String) -> HTML in "Anmäld \(at)" } ?? """
                <form method="post" action="/incidenter/\(id)/anmald">\(Layout.csrfField(context))
                \(input("anmald-datum-\(id)", name: "datum", label: "Anmäld den", type: "date", value: again ? entered.reportedDate ?? "" : today.description, help: "ÅÅÅÅ-MM-DD.", error: error))
                \(input("anmald-tid-\(id)", name: "tid", label: "Klockan", type: "time", value: again ? entered.reportedTime ?? "" : "", help: "TT:MM.", error: error))
                <button type="submit">Registrera anmälan<span class="visually-hidden"> av incidenten upptäckt \(incident.discoveredAt)</span></button></form>
                """
            return "<tr><td>\(incident.discoveredAt)</td><td>\(organisation)</td><td>\(incident.description)</td><td>\(reported)</td></tr>"
        }
        let table: HTML = rows.isEmpty
            ? "<p>Det finns inga registrerade incidenter.</p>"
            : """
            <table><caption>Incidenter i dina organisationer, äldst först</caption>
            <thead><tr><th scope="col">Upptäckt</th><th scope="col">Organisation</th><th scope="col">Vad hände</th><th scope="col">Anmälan</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        let options = organisations.map { id, name -> HTML in
            let selected: HTML = String(id) == entered.organisation ? " selected" : ""
            return "<option value=\"\(id)\"\(selected)>\(name)</option>"
        }
        let described = error?.field == "beskrivning"
        let descriptionError: HTML = described ? "<p class=\"field-error\" id=\"beskrivning-fel\">\(error?.message ?? "")</p>" : .empty
        let descriptionInvalid: HTML = described
            ? HTML(unsafeRaw: " aria-invalid=\"true\" aria-describedby=\"beskrivning-hjalp beskrivning-fel\"")
            : HTML(unsafeRaw: " aria-describedby=\"beskrivning-hjalp\"")
        return """
            <h1>Personuppgiftsincidenter</h1>
            \(summary(error))
            <p class="muted">En personuppgiftsincident ska anmälas inom 72 timmar från att den upptäcktes.</p>
            \(table)
            <h2 id="registrera">Registrera en incident</h2>
            <form method="post" action="/incidenter">\(Layout.csrfField(context))
            <label for="organisation">Organisation</label>
            <select id="organisation" name="organisation">\(options)</select>
            \(input("datum", name: "datum", label: "Upptäckt den", type: "date", value: entered.discoveredDate ?? today.description, help: "ÅÅÅÅ-MM-DD.", error: error))
            \(input("tid", name: "tid", label: "Klockan", type: "time", value: entered.discoveredTime ?? "", help: "TT:MM.", error: error))
            <label for="beskrivning">Vad hände?</label>
            <p class="muted" id="beskrivning-hjalp">Högst \(String(Incident.maximumDescription)) tecken, utan namn eller andra personuppgifter.</p>
            \(descriptionError)
            <textarea id="beskrivning" name="beskrivning" maxlength="\(String(Incident.maximumDescription))"\(descriptionInvalid)>\(entered.description ?? "")</textarea>
            <p><button type="submit">Registrera incidenten</button></p>
            </form>
            """
    }
}
