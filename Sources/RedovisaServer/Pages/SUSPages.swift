import Foundation
import Redovisa

/// The markup of ``SUSController``'s pages: the search by personnummer, and a participant's
/// registrations with the form to register and the forms to delete.
enum SUSPages {
    /// What was entered in the registration form, to show it again with the errors.
    struct Entered {
        var step: String?
        var transition: String?
        var date: String?
        var office: String?
    }

    /// The Swedish name of a step.
    static func name(_ step: SUSStep) -> String {
        switch step {
        case .mappingRequested: "Begäran om gemensam kartläggning"
        case .mappingStarted: "Start av gemensam kartläggning"
        case .mappingEnded: "Avslut av gemensam kartläggning"
        case .activeInterventionStarted: "Start av aktiv insats"
        }
    }

    /// The Swedish name of a kind of intervention.
    static func name(_ transition: SUSTransition?) -> String {
        switch transition {
        case .workPreparatory: "Arbetsförberedande"
        case .workOriented: "Arbetslivsinriktad"
        case nil: "–"
        }
    }

    /// The text of a string answer.
    private static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    /// The search form.
    static func search(context: AppRequestContext, error: String?, value: String) -> HTML {
        let errorText: HTML = error.map { "<p class=\"field-error\" id=\"personnummer-fel\">\($0)</p>" } ?? .empty
        let invalid: HTML = error == nil ? .empty : HTML(unsafeRaw: " aria-invalid=\"true\"")
        let describedBy: HTML = error == nil ? "personnummer-hjalp" : "personnummer-hjalp personnummer-fel"
        return """
            <h1>Registrera medverkan</h1>
            \(ErrorSummary.html(error.map { [ErrorSummary.Item(message: $0, href: "#personnummer")] } ?? []))
            <p>Af/FK-samarbete (SUS): sök deltagaren för att se och registrera begäran om, start och avslut av gemensam kartläggning och start av aktiva insatser.</p>
            <form method="post" action="/sus/sok">\(Layout.csrfField(context))
            <label for="personnummer">Personnummer</label>
            <p class="muted" id="personnummer-hjalp">12 siffror, ÅÅÅÅMMDDXXXX.</p>
            \(errorText)
            <input id="personnummer" name="personnummer" autocomplete="off" inputmode="numeric" value="\(value)" aria-describedby="\(describedBy)"\(invalid)>
            <p><button type="submit">Sök</button></p>
            </form>
            """
    }

    /// A participant's registrations and the forms.
    static func participant(
        _ overview: Reporting.SUSOverview, offices: [(Int64, String)], today: LocalDate, context: AppRequestContext,
        problems: [ErrorSummary.Item], entered: Entered
    ) -> HTML {
        let person = overview.person
        let id = person.id
        let details: HTML = """
            <table><caption>Deltagare</caption><tbody>
            <tr><th scope="row">Namn</th><td>\(Formatting.name(person))</td></tr>
            <tr><th scope="row">Folkbokföringskommun</th><td>\(person.municipality ?? "–")</td></tr>
            <tr><th scope="row">Stadsdel</th><td>\(person.district ?? "–")</td></tr>
            </tbody></table>
            """
        let rows = overview.register.map { record -> HTML in
            """
            <tr><td>\(record.date.description)</td><td>\(name(record.step))</td><td>\(name(record.transition))</td>
            <td>\(record.office)</td><td>\(record.registeredByName)</td>
            <td><form method="post" action="/sus/deltagare/\(id)/radera/\(record.id)">\(Layout.csrfField(context))
            <button type="submit" class="secondary">Radera<span class="visually-hidden"> \(name(record.step)) \(record.date.description)</span></button></form></td></tr>
            """
        }
        let starts = overview.activeStarts.map { report -> HTML in
            let answers = report.answers.objectValue ?? [:]
            let kind = text(answers["overgang_till"]).flatMap(SUSTransition.init(rawValue:))
            let date = text(answers["datum"]) ?? report.eventDate?.description ?? "–"
            let reportId = report.id ?? 0
            return """
                <tr><td>\(date)</td><td>\(name(.activeInterventionStarted))</td><td>\(name(kind))</td>
                <td>\(text(answers["kontor"]) ?? "–")</td><td><a href="/rapporter/\(reportId)">\(report.caseNumber ?? "Rapport")</a></td>
                <td><form method="post" action="/sus/deltagare/\(id)/radera-insats/\(reportId)">\(Layout.csrfField(context))
                <label for="anledning-\(reportId)">Varför raderas den?</label>
                <input id="anledning-\(reportId)" name="anledning" required>
                <button type="submit" class="secondary">Radera<span class="visually-hidden"> start av aktiv insats \(date)</span></button></form></td></tr>
                """
        }
        let list: HTML = rows.isEmpty && starts.isEmpty
            ? "<p>Deltagaren har inga registreringar i SUS.</p>"
            : """
            <table><caption>Registreringar, äldst först</caption>
            <thead><tr><th scope="col">Datum</th><th scope="col">Registrering</th><th scope="col">Övergång till / planerad</th><th scope="col">Kontor</th><th scope="col">Registrerad av / ärende</th><th scope="col"><span class="visually-hidden">Åtgärd</span></th></tr></thead>
            <tbody>\(rows)\(starts)</tbody></table>
            <p class="muted">En registrering kan inte ändras: radera den felaktiga och registrera sedan rätt.</p>
            """
        return """
            <h1>Registrera medverkan</h1>
            \(ErrorSummary.html(problems))
            \(details)
            <h2 id="registreringar">Registreringar</h2>
            \(list)
            <h2 id="registrera">Registrera</h2>
            \(form(id, overview: overview, offices: offices, today: today, context: context, entered: entered))
            <p><a href="/sus">Sök en annan deltagare</a></p>
            """
    }

    private static func form(
        _ id: Int64, overview: Reporting.SUSOverview, offices: [(Int64, String)], today: LocalDate,
        context: AppRequestContext, entered: Entered
    ) -> HTML {
        let chosenStep = entered.step ?? (overview.register.isEmpty ? SUSStep.mappingRequested.rawValue : SUSStep.activeInterventionStarted.rawValue)
        let steps = SUSStep.allCases.map { step -> HTML in
            let selected: HTML = step.rawValue == chosenStep ? " selected" : ""
            return "<option value=\"\(step.rawValue)\"\(selected)>\(name(step))</option>"
        }
        let kinds = [("", "Välj")] + SUSTransition.allCases.map { ($0.rawValue, name($0)) }
        let transitions = kinds.map { value, label -> HTML in
            let selected: HTML = value == (entered.transition ?? "") ? " selected" : ""
            return "<option value=\"\(value)\"\(selected)>\(label)</option>"
        }
        let office: HTML
        if overview.register.isEmpty, !offices.isEmpty {
            let options = offices.map { officeId, officeName -> HTML in
                let selected: HTML = String(officeId) == entered.office ? " selected" : ""
                return "<option value=\"\(officeId)\"\(selected)>\(officeName)</option>"
            }
            office = """
                <label for="kontor">Arbetsförmedling och kontor</label>
                <select id="kontor" name="kontor">\(options)</select>
                """
        } else {
            let current = overview.register.last?.office ?? "–"
            office = "<p>Arbetsförmedling och kontor: \(current) (från den tidigare registreringen; ett byte av kontor registreras för sig).</p>"
        }
        return """
            <form method="post" action="/sus/deltagare/\(id)/registrera">\(Layout.csrfField(context))
            <label for="steg">Registrering</label>
            <select id="steg" name="steg">\(steps)</select>
            <label for="overgang">Övergång till</label>
            <p class="muted" id="overgang-hjalp">Vid start av aktiv insats: insatsen som startar. Vid avslut av gemensam kartläggning: den planerade insatsen.</p>
            <select id="overgang" name="overgang" aria-describedby="overgang-hjalp">\(transitions)</select>
            <label for="datum">Datum för övergång</label>
            <p class="muted" id="datum-hjalp">ÅÅÅÅ-MM-DD, till exempel \(today.description).</p>
            <input id="datum" name="datum" type="date" value="\(entered.date ?? today.description)" aria-describedby="datum-hjalp">
            \(office)
            <p><button type="submit">Spara</button></p>
            </form>
            """
    }
}
