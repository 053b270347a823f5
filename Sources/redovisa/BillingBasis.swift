import Foundation

/// The invoicing basis a billing agreement returns (`basis` of scripts/agreements/…), as the
/// `billing` command decodes it: the lines paid in the run and the items held back. Amounts are
/// integers in öre, so every total is exact.
struct BillingBasis: Decodable {
    /// The run's month, `YYYY-MM`.
    var month: String
    /// The day the data stood at, `YYYY-MM-DD`.
    var asOf: String
    /// The last day of approval this run pays for.
    var cutoff: String
    /// True when `asOf` is before the cut-off: more may be approved in time.
    var preliminary: Bool
    var lines: [Line]
    var held: [Line]

    enum CodingKeys: String, CodingKey {
        case month, cutoff, preliminary, lines, held
        case asOf = "as_of"
    }

    /// One month of one customer's intervention.
    struct Line: Decodable {
        /// The provider's id, code and name (the code and name empty when there is none).
        var provider: Int64?
        var providerCode: String
        var providerName: String
        /// The customer (the person's id in Redovisa: never a name or a personnummer).
        var customer: Int64
        var enrolment: Int64
        var programme: String
        var choice: String
        /// The month the days belong to (earlier than the run's when approved late).
        var month: String
        var days: Int
        var fullMonth: Bool
        var monthlyAmount: Int64?
        var amount: Int64?
        var approvedOn: String?
        var note: String?
        /// Why a held item is not paid in this run.
        var reason: String?

        enum CodingKeys: String, CodingKey {
            case provider, customer, enrolment, programme, choice, month, days, amount, note, reason
            case providerCode = "provider_code", providerName = "provider_name", fullMonth = "full_month"
            case monthlyAmount = "monthly_amount", approvedOn = "approved_on"
        }
    }

    /// The paid lines of each provider, by provider code.
    var byProvider: [(code: String, name: String, lines: [Line], total: Int64)] {
        var order: [String] = []
        var groups: [String: [Line]] = [:]
        for line in lines {
            if groups[line.providerCode] == nil { order.append(line.providerCode) }
            groups[line.providerCode, default: []].append(line)
        }
        return order.sorted().map { code in
            let group = groups[code]!
            return (code, group[0].providerName, group, group.reduce(0) { $0 + ($1.amount ?? 0) })
        }
    }

    /// The sum of every paid line, in öre.
    var total: Int64 { lines.reduce(0) { $0 + ($1.amount ?? 0) } }
}

/// Öre as Swedish kronor: `816000` → `8 160,00`; with `grouping: false`, `8160,00`.
func kronor(_ ore: Int64, grouping: Bool = true) -> String {
    let sign = ore < 0 ? "-" : ""
    let whole = String(abs(ore) / 100)
    let cents = abs(ore) % 100
    var grouped = ""
    for (index, digit) in whole.enumerated() {
        if grouping, index > 0, (whole.count - index) % 3 == 0 { grouped.append(" ") }
        grouped.append(digit)
    }
    return sign + grouped + "," + (cents < 10 ? "0" : "") + String(cents)
}
