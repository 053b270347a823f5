import Foundation
import Redovisa

/// The markup of the reminder and outbox pages.
enum RemindersPages {
    /// The dry-run form and the rules.
    static func form(files: [String], date: String, time: String, scheduler: ReminderScheduler?, context: AppRequestContext) -> HTML {
        let state: HTML = scheduler.map { "<p>Servern kör påminnelserna själv var \(Int($0.interval.components.seconds)):e sekund och levererar utkorgen.</p>" }
            ?? "<p>Servern kör inte påminnelserna själv (startad med --no-reminders eller --demo): kör <code>redovisa remind</code> regelbundet.</p>"
        return """
            <h1>Påminnelser</h1>
            \(state)
            <h2>Torrkörning</h2>
            <p class="muted">Visar vad som skulle skickas vid en vald tidpunkt, som <code>redovisa remind --dry-run</code>. Inget sparas och inget skickas; mottagarna du ser loggas i granskningsloggen.</p>
            <form method="post" action="/admin/paminnelser/torrkorning" class="filters">\(Layout.csrfField(context))
            <div><label for="datum">Datum</label><input id="datum" name="datum" type="date" value="\(date)" required></div>
            <div><label for="tid">Tid</label><input id="tid" name="tid" type="time" value="\(time)" required></div>
            <div><button type="submit">Torrkör</button></div></form>
            <h2>Regler (\(files.count))</h2>
            <ul>\(files.map { "<li><code>\($0)</code></li>" as HTML })</ul>
            """
    }

    /// The dry run's table: rule, step, period, recipient, channels, subject; then each rule's state.
    static func dryRun(_ report: ReminderRunReport, shown: (String) -> String) -> HTML {
        let moment = "\(report.moment.today) \(String(format: "%02d:%02d", report.moment.minuteOfDay / 60, report.moment.minuteOfDay % 60))"
        let rows = report.rules.flatMap { rule in
            rule.reminders.map { planned -> HTML in
                let r = planned.reminder
                let channels = planned.channels.isEmpty ? "(ingen)" : planned.channels.map(channel).joined(separator: ", ")
                return """
                    <tr><td>\(r.rule)</td><td>\(r.step)</td><td>\(r.period)</td><td>\(planned.recipientName) <span class="muted">(\(r.recipient.description))</span></td>
                    <td>\(channels)</td><td>\(r.subject)</td></tr>
                    """
            }
        }
        let states = report.rules.map { rule -> HTML in
            if let error = rule.error { return "<li><strong>\(rule.rule)</strong>: misslyckades – <code>\(shown(error))</code></li>" }
            guard let occasion = rule.occasion else { return "<li><strong>\(rule.rule)</strong>: inte aktuell</li>" }
            let already: HTML = rule.alreadySent > 0 ? ", \(rule.alreadySent) redan skickade" : .empty
            return "<li><strong>\(rule.rule)</strong>: \(occasion.step): \(rule.reminders.count) påminnelser\(already)</li>"
        }
        let reminders = report.rules.reduce(0) { $0 + $1.reminders.count }
        let messages = report.rules.reduce(0) { $0 + $1.reminders.reduce(0) { $0 + $1.channels.count } }
        let table: HTML = rows.isEmpty ? "<p>Inga påminnelser skulle skickas.</p>" : """
            <table><caption>Påminnelser som skulle skickas</caption>
            <thead><tr><th scope="col">Regel</th><th scope="col">Steg</th><th scope="col">Period</th><th scope="col">Mottagare</th><th scope="col">Kanaler</th><th scope="col">Meddelande</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
        return """
            <h1>Torrkörning \(moment)</h1>
            <p class="notice" role="status">\(reminders) påminnelser, \(messages) meddelanden skulle skickas. Inget sparades och inget skickades.</p>
            \(table)
            <h2>Regler</h2><ul>\(states)</ul>
            <p><a href="/admin/paminnelser">Ny torrkörning</a></p>
            """
    }

    /// The outbox: counts, a status filter, and the messages with retry buttons.
    static func outbox(
        _ messages: [OutboxMessage], counts: [DeliveryStatus: Int], status: DeliveryStatus?, canDeliver: Bool,
        context: AppRequestContext
    ) -> HTML {
        let options = ([nil] + DeliveryStatus.allCases).map { s -> HTML in
            let selected: HTML = s == status ? HTML(unsafeRaw: " selected") : .empty
            return "<option value=\"\(s?.rawValue ?? "")\"\(selected)>\(s.map(label) ?? "Alla")</option>"
        }
        let rows = messages.map { m -> HTML in
            let recipient = m.recipientUserId.map { "user:\($0)" } ?? m.recipientPersonId.map { "person:\($0)" } ?? "–"
            let next = m.status == .pending ? (m.nextAttemptAt.map { LocalDate.stockholmTime($0) } ?? "nu") : "–"
            let button: HTML = m.status == .sent ? .empty : """
                <form method="post" action="/admin/utkorg/\(m.id ?? 0)/forsok-igen">\(Layout.csrfField(context))<button type="submit" class="secondary" aria-label="Försök igen med meddelande \(m.id ?? 0)">Försök igen</button></form>
                """
            return """
                <tr><td>\(m.id ?? 0)</td><td>\(channel(m.channel))</td><td>\(label(m.status))</td><td>\(m.attempts)</td><td>\(next)</td>
                <td>\(recipient)</td><td>\(m.rule ?? "–")</td><td>\(Formatting.dateTime(m.createdAt))</td><td>\(m.lastError ?? "")</td><td>\(button)</td></tr>
                """
        }
        let deliver: HTML = canDeliver ? """
            <form method="post" action="/admin/utkorg/leverera">\(Layout.csrfField(context))<button type="submit">Leverera nu</button></form>
            """ : "<p class=\"muted\">Leverans är inte konfigurerad i den här servern: kör <code>redovisa outbox deliver</code>.</p>"
        return """
            <h1>Utkorgen</h1>
            <p>\(counts[.pending] ?? 0) väntar, \(counts[.sent] ?? 0) skickade, \(counts[.failed] ?? 0) misslyckade.</p>
            \(deliver)
            <form method="get" action="/admin/utkorg" class="filters">
            <div><label for="status">Status</label><select id="status" name="status">\(options)</select></div>
            <div><button type="submit">Visa</button></div></form>
            <table><caption>De senaste \(messages.count) meddelandena</caption>
            <thead><tr><th scope="col">Id</th><th scope="col">Kanal</th><th scope="col">Status</th><th scope="col">Försök</th><th scope="col">Nästa försök</th>
            <th scope="col">Mottagare</th><th scope="col">Regel</th><th scope="col">Skapad</th><th scope="col">Senaste fel</th><th scope="col">Åtgärd</th></tr></thead>
            <tbody>\(rows)</tbody></table>
            """
    }

    /// A channel in Swedish.
    static func channel(_ channel: DeliveryChannel) -> String {
        switch channel {
        case .inApp: "i appen"
        case .email: "e-post"
        case .sms: "sms"
        }
    }

    /// A delivery status in Swedish.
    static func label(_ status: DeliveryStatus) -> String {
        switch status {
        case .pending: "väntar"
        case .sent: "skickad"
        case .failed: "misslyckad"
        }
    }
}
