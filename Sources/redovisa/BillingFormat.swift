import ArgumentParser
import Foundation

/// How `redovisa billing` prints the invoicing basis.
enum BillingFormat: String, ExpressibleByArgument, CaseIterable {
    /// A table per provider with sums, for a person.
    case text
    /// One row per line, `;`-separated, with rows for the sums and the held items.
    case csv
    /// The whole basis as one JSON object.
    case json

    /// `basis` in this format, ending with a newline.
    func render(_ basis: BillingBasis) throws -> String {
        switch self {
        case .text: Self.text(basis)
        case .csv: Self.csv(basis)
        case .json: try Self.json(basis)
        }
    }

    // MARK: text

    private static func text(_ basis: BillingBasis) -> String {
        var out = "Faktureringsunderlag \(basis.month), kundval arbete och etablering\n"
        out += "Godkänt till och med brytdatum \(basis.cutoff); underlaget per \(basis.asOf).\n"
        if basis.preliminary {
            out += "Preliminärt: brytdatum har inte passerats, och det som godkänns till och med \(basis.cutoff) kommer med.\n"
        }
        for provider in basis.byProvider {
            out += "\n\(provider.name) (\(provider.code))\n"
            var rows = [["kund", "insats", "program", "månad", "dagar", "månadsbelopp", "belopp", "godkänd", ""]]
            for line in provider.lines {
                rows.append([
                    String(line.customer), String(line.enrolment), line.programme, line.month,
                    line.fullMonth ? "hel" : "\(line.days)/30", kronor(line.monthlyAmount ?? 0), kronor(line.amount ?? 0),
                    line.approvedOn ?? "", line.note ?? "",
                ])
            }
            out += table(rows, rightAligned: [0, 1, 5, 6])
            out += "  Summa \(provider.name): \(kronor(provider.total)) kr\n"
        }
        let count = basis.lines.count
        out += "\nTotalt: \(kronor(basis.total)) kr (\(count == 1 ? "1 rad" : "\(count) rader"))\n"
        if !basis.held.isEmpty {
            out += "\nBetalas inte i denna körning (\(basis.held.count)):\n"
            for line in basis.held {
                let provider = line.providerCode.isEmpty ? "–" : line.providerCode
                out += "  \(provider), kund \(line.customer), insats \(line.enrolment) (\(line.programme) \(line.month)): \(line.reason ?? "")\n"
            }
        }
        return out
    }

    /// `rows` as columns two spaces apart, indented by two; the columns in `rightAligned` to the right.
    private static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }
            return "  " + cells.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }

    // MARK: csv

    private static func csv(_ basis: BillingBasis) -> String {
        var rows = [[
            "typ", "anordnare", "anordnare_namn", "kund", "insats", "program", "kundval", "manad", "dagar", "hel_manad",
            "manadsbelopp_ore", "belopp_ore", "belopp_kr", "godkand", "anmarkning",
        ]]
        for provider in basis.byProvider {
            for line in provider.lines {
                rows.append(csvRow("rad", line, amount: line.amount, remark: line.note))
            }
            rows.append(["summa", provider.code, provider.name, "", "", "", "", basis.month, "", "", "",
                         String(provider.total), kronor(provider.total, grouping: false), "", ""])
        }
        rows.append(["totalt", "", "", "", "", "", "", basis.month, "", "", "", String(basis.total),
                     kronor(basis.total, grouping: false), "", ""])
        for line in basis.held {
            rows.append(csvRow("vantar", line, amount: nil, remark: line.reason))
        }
        return rows.map { $0.map(csvField).joined(separator: ";") }.joined(separator: "\n") + "\n"
    }

    private static func csvRow(_ kind: String, _ line: BillingBasis.Line, amount: Int64?, remark: String?) -> [String] {
        [
            kind, line.providerCode, line.providerName, String(line.customer), String(line.enrolment), line.programme,
            line.choice, line.month, String(line.days), line.fullMonth ? "ja" : "nej",
            line.monthlyAmount.map(String.init) ?? "", amount.map(String.init) ?? "",
            amount.map { kronor($0, grouping: false) } ?? "", line.approvedOn ?? "", remark ?? "",
        ]
    }

    /// A field quoted when it holds `;`, `"` or a line break.
    private static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == ";" || $0 == "\"" || $0.isNewline }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: json

    private struct JSONBasis: Encodable {
        struct Provider: Encodable {
            var code: String
            var name: String
            var lines: [JSONLine]
            var totalOre: Int64
        }
        struct JSONLine: Encodable {
            var customer: Int64
            var enrolment: Int64
            var programme: String
            var choice: String
            var month: String
            var days: Int
            var fullMonth: Bool
            var monthlyAmountOre: Int64?
            var amountOre: Int64?
            var approvedOn: String?
            var note: String?
            var provider: String?
            var reason: String?
        }
        var month: String
        var asOf: String
        var cutoff: String
        var preliminary: Bool
        var providers: [Provider]
        var totalOre: Int64
        var held: [JSONLine]
    }

    private static func json(_ basis: BillingBasis) throws -> String {
        func line(_ line: BillingBasis.Line, held: Bool) -> JSONBasis.JSONLine {
            JSONBasis.JSONLine(
                customer: line.customer, enrolment: line.enrolment, programme: line.programme, choice: line.choice,
                month: line.month, days: line.days, fullMonth: line.fullMonth, monthlyAmountOre: line.monthlyAmount,
                amountOre: held ? nil : line.amount, approvedOn: line.approvedOn, note: line.note,
                provider: held ? line.providerCode : nil, reason: line.reason)
        }
        let value = JSONBasis(
            month: basis.month, asOf: basis.asOf, cutoff: basis.cutoff, preliminary: basis.preliminary,
            providers: basis.byProvider.map { provider in
                JSONBasis.Provider(
                    code: provider.code, name: provider.name, lines: provider.lines.map { line($0, held: false) },
                    totalOre: provider.total)
            },
            totalOre: basis.total, held: basis.held.map { line($0, held: true) })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
