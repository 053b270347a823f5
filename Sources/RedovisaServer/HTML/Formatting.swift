import Foundation
import Redovisa

/// How the pages write statuses, dates and months in Swedish.
public enum Formatting {
    /// "Ej inskickad", "Inskickad", … — a status as a label in a list.
    public static func label(_ status: ReportStatus) -> String {
        switch status {
        case .draft: "Ej inskickad"
        case .submitted: "Inskickad"
        case .returned: "Återskickad för komplettering"
        case .resubmitted: "Inskickad igen"
        case .approved: "Godkänd"
        case .withdrawn: "Återkallad"
        }
    }

    /// The status as a badge: `<span class="status status-approved">Godkänd</span>`.
    public static func badge(_ status: ReportStatus) -> HTML {
        "<span class=\"status status-\(status.rawValue)\">\(label(status))</span>"
    }

    private static let monthNames = [
        "januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
        "november", "december",
    ]

    /// "september 2025".
    public static func period(_ period: Period?) -> String {
        guard let period else { return "–" }
        return "\(monthNames[period.month - 1]) \(period.year)"
    }

    /// "2025-10-14 09:30" in Europe/Stockholm.
    public static func dateTime(_ date: Date?) -> String {
        guard let date else { return "–" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Redovisa.timeZone
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { n.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(c.year ?? 0)-\(two(c.month))-\(two(c.day)) \(two(c.hour)):\(two(c.minute))"
    }

    /// "87 %".
    public static func percent(_ rate: Double?) -> String {
        guard let rate else { return "–" }
        return "\(Int((rate * 100).rounded())) %"
    }

    /// The person's name as a list shows it (the masked text for a protected identity).
    public static func name(_ person: PersonView?) -> String {
        guard let person else { return "–" }
        return [person.firstName, person.lastName].filter { !$0.isEmpty }.joined(separator: " ")
    }
}
