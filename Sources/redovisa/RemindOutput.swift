import Foundation
import Redovisa

/// What `redovisa remind` prints for the administrator: a table of the reminders (rule, step,
/// period, recipient by key and name, channels, subject) and a summary. Names are shown here,
/// on the administrator's terminal, and never in a log.
enum RemindOutput {
    static func text(_ report: ReminderRunReport, dryRun: Bool) -> String {
        let when = "\(report.moment.today) \(String(format: "%02d:%02d", report.moment.minuteOfDay / 60, report.moment.minuteOfDay % 60))"
        var out = dryRun ? "Torrkörning \(when): inget skickas och inget sparas.\n" : "Påminnelser \(when):\n"
        var rows: [[String]] = [["REGEL", "STEG", "PERIOD", "MOTTAGARE", "KANALER", "MEDDELANDE"]]
        for rule in report.rules {
            for planned in rule.reminders {
                let r = planned.reminder
                rows.append([
                    r.rule, r.step, r.period, "\(r.recipient) \(planned.recipientName)",
                    planned.channels.isEmpty ? "(ingen)" : planned.channels.map(\.rawValue).joined(separator: ","), r.subject,
                ])
            }
        }
        if rows.count > 1 { out += table(rows) }
        for rule in report.rules {
            let state: String
            if rule.error != nil {
                state = "misslyckades (se standard error)"
            } else if let occasion = rule.occasion {
                let count = rule.reminders.count
                state = "\(occasion.step): \(count) \(count == 1 ? "påminnelse" : "påminnelser")"
                    + (rule.alreadySent > 0 ? ", \(rule.alreadySent) redan skickade" : "")
            } else {
                state = "inte aktuell nu"
            }
            out += "\(rule.rule): \(state)\n"
        }
        let reminders = report.rules.reduce(0) { $0 + $1.reminders.count }
        let messages = report.rules.reduce(0) { $0 + $1.reminders.reduce(0) { $0 + $1.channels.count } }
        out += "\(reminders) \(reminders == 1 ? "påminnelse" : "påminnelser"), \(messages) \(messages == 1 ? "meddelande" : "meddelanden")"
        out += dryRun ? " skulle skickas.\n" : " i utkorgen.\n"
        return out
    }

    static func delivery(_ report: DeliveryReport) -> String {
        let parts = [DeliveryChannel.inApp, .email, .sms].map { "\(report.sent[$0] ?? 0) \($0.rawValue)" }
        return "Levererade \(report.sentCount) (\(parts.joined(separator: ", "))); \(report.retrying) försöks igen, \(report.failed) misslyckades."
    }

    /// Rows as columns separated by two spaces (the last column not padded).
    static func table(_ rows: [[String]]) -> String {
        let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
