/// A file of programmes: `kod;namn`, and optionally `kundval;max_manader;manadsbelopp`.
///
/// - `kod`: the code enrolments and templates refer to (`FAI1`, `lss-kontaktperson`); unique.
/// - `namn`: required, at most 200 characters.
/// - `kundval`: the customer choice the programme belongs to (`FAI`), a code.
/// - `max_manader`: the longest an enrolment may be planned for, 1–120 months.
/// - `manadsbelopp`: the monthly amount paid to a provider per year, in kronor:
///   `2024:8160 2025:8400,50` (year, colon, amount; several separated by spaces).
struct ProgrammeImport: CSVImport {
    static let kind = ImportKind.programmes
    static let columns = ImportColumns(
        required: ["kod", "namn"], optional: ["kundval", "max_manader", "manadsbelopp"])

    private var codes: [(line: Int, code: String)] = []
    private var programmes: [Programme] = []
    private(set) var problems: [RedovisaError] = []

    init(rows: [ImportRow], today: LocalDate, progress: inout ProgressCounter) {
        var firstLine: [String: Int] = [:]
        for var row in rows {
            var code = row.code("kod", required: true)
            if let found = code {
                if let earlier = firstLine[found] {
                    row.fail("kod", "finns redan på rad \(earlier)", code: .conflict)
                    code = nil
                } else {
                    firstLine[found] = row.line
                    codes.append((row.line, found))
                }
            }
            let name = row.name("namn", required: true, maxLength: 200)
            let choice = row.code("kundval", required: false)
            var maximumMonths: Int?
            if let text = row.text("max_manader") {
                maximumMonths = Int(text).flatMap { (1...120).contains($0) ? $0 : nil }
                if maximumMonths == nil { row.fail("max_manader", "ska vara ett antal månader, 1–120") }
            }
            var amounts: [Int: Int64] = [:]
            if let text = row.text("manadsbelopp") {
                if let parsed = Self.monthlyAmounts(text) {
                    amounts = parsed
                } else {
                    row.fail("manadsbelopp", "ska vara ÅR:KRONOR, flera åtskilda med mellanslag (2024:8160 2025:8400,50)")
                }
            }
            if row.isValid, let code, let name {
                programmes.append(Programme(
                    code: code, name: name, customerChoice: choice, maximumMonths: maximumMonths, monthlyAmounts: amounts))
            }
            problems += row.problems
            progress.advance()
        }
    }

    func batch(in register: ImportRegister, problems: inout [RedovisaError], progress: inout ProgressCounter) throws
        -> ImportBatch
    {
        for (line, code) in codes {
            if try register.programme(code: code) != nil {
                problems.append(RedovisaError(.conflict, "finns redan", field: "kod", line: line))
            }
            progress.advance()
        }
        return ImportBatch(programmes: programmes)
    }

    /// `2024:8160 2025:8400,50` → `[2024: 816_000, 2025: 840_050]` (öre); nil when malformed or
    /// a year is given twice.
    static func monthlyAmounts(_ text: String) -> [Int: Int64]? {
        var amounts: [Int: Int64] = [:]
        for pair in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].count == 4, let year = Int(parts[0]), (1900...2200).contains(year),
                amounts[year] == nil, let ore = öre(parts[1])
            else { return nil }
            amounts[year] = ore
        }
        return amounts.isEmpty ? nil : amounts
    }

    /// `8160`, `8160,5`, `8160.50` kronor in öre.
    static func öre(_ text: Substring) -> Int64? {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "," || $0 == "." })
        guard (1...2).contains(parts.count), (1...9).contains(parts[0].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let kronor = Int64(parts[0])
        else { return nil }
        guard parts.count == 2 else { return kronor * 100 }
        guard (1...2).contains(parts[1].count), let fraction = Int64(parts[1]) else { return nil }
        return kronor * 100 + (parts[1].count == 1 ? fraction * 10 : fraction)
    }
}
