/// A file of organisations and offices: `kod;namn;typ`, and optionally `organisation;kundval`.
/// One row per organisation or office:
///
/// - `typ`: `kommun`, `myndighet`, `anordnare` (provider) or `kontor` (an office).
/// - `kod`: the code imports and scripts refer to; unique among organisations, and among the
///   offices of one organisation.
/// - `namn`: required, at most 200 characters.
/// - `organisation`: for an office, the code of its organisation — in the same file or already
///   in the register; empty for the other kinds.
/// - `kundval`: for a provider, its authorisations: customer choice and date of authorisation,
///   `FAI:2023-01-15 AMI:2024-03-01` (several separated by spaces); empty for the other kinds.
struct OrganisationImport: CSVImport {
    static let kind = ImportKind.organisations
    static let columns = ImportColumns(required: ["kod", "namn", "typ"], optional: ["organisation", "kundval"])

    /// An office row with a valid code and organisation code; `name` is nil when the row has
    /// other problems (it is still checked against the register, so that all of them are reported).
    private struct OfficeRow {
        var line: Int
        var organisationCode: String
        var code: String
        var name: String?
    }

    private var organisations: [Organisation] = []
    /// The line of each organisation code in the file.
    private var organisationLine: [String: Int] = [:]
    private var officeRows: [OfficeRow] = []
    private(set) var problems: [RedovisaError] = []

    init(rows: [ImportRow], today: LocalDate, progress: inout ProgressCounter) {
        var officeLine: [String: Int] = [:]
        var offices: [(row: ImportRow, parent: String?, code: String?, name: String?)] = []
        for var row in rows {
            let code = row.code("kod", required: true)
            let name = row.name("namn", required: true, maxLength: 200)
            let type = row.required("typ")?.lowercased()
            let isOffice = type == "kontor"
            let kind = type.flatMap(OrganisationKind.init(rawValue:))
            if type != nil, kind == nil, !isOffice {
                row.fail("typ", "ska vara kommun, myndighet, anordnare eller kontor")
            }
            let parent = row.code("organisation", required: isOffice)
            if let type, !isOffice, parent != nil {
                row.fail("organisation", "ska vara tom för typ \(type): bara ett kontor hör till en organisation")
            }
            var authorisations: [Authorisation] = []
            if let text = row.text("kundval") {
                if kind == .provider {
                    if let parsed = Self.authorisations(text) {
                        authorisations = parsed
                    } else {
                        row.fail("kundval", "ska vara KUNDVAL:ÅÅÅÅ-MM-DD, flera åtskilda med mellanslag (FAI:2023-01-15 AMI:2024-03-01)")
                    }
                } else if kind != nil || isOffice {
                    row.fail("kundval", "ska vara tom: bara en anordnare har kundval")
                }
            }
            if isOffice {
                if let parent, let code {
                    let key = parent + "\u{0}" + code
                    if let earlier = officeLine[key] {
                        row.fail("kod", "finns redan på rad \(earlier)", code: .conflict)
                    } else {
                        officeLine[key] = row.line
                    }
                }
                offices.append((row, parent, code, name))
            } else {
                if let code {
                    if let earlier = organisationLine[code] {
                        row.fail("kod", "finns redan på rad \(earlier)", code: .conflict)
                    } else {
                        organisationLine[code] = row.line
                    }
                }
                if row.isValid, let code, let name, let kind {
                    organisations.append(Organisation(code: code, name: name, kind: kind, authorisations: authorisations))
                }
                problems += row.problems
            }
            progress.advance()
        }
        // An office's organisation may come later in the file, so offices are finished last.
        for (row, parent, code, name) in offices {
            problems += row.problems
            if let parent, let code, row.problems.allSatisfy({ $0.code != .conflict }) {
                officeRows.append(OfficeRow(line: row.line, organisationCode: parent, code: code, name: row.isValid ? name : nil))
            }
        }
    }

    func batch(in register: ImportRegister, problems: inout [RedovisaError], progress: inout ProgressCounter) throws
        -> ImportBatch
    {
        for (code, line) in organisationLine.sorted(by: { $0.value < $1.value }) {
            if try register.organisation(code: code) != nil {
                problems.append(RedovisaError(.conflict, "finns redan", field: "kod", line: line))
            }
            progress.advance()
        }
        var registered: [String: Organisation?] = [:]
        var batch = ImportBatch(organisations: organisations)
        for row in officeRows {
            defer { progress.advance() }
            // Looked up even when the organisation is in the file too: the file's row is then
            // itself a duplicate, and the office may be one as well.
            if registered[row.organisationCode] == nil {
                registered[row.organisationCode] = .some(try register.organisation(code: row.organisationCode))
            }
            if let organisation = registered[row.organisationCode] ?? nil, let id = organisation.id {
                if try register.office(code: row.code, organisationId: id) != nil {
                    problems.append(RedovisaError(.conflict, "finns redan", field: "kod", line: row.line))
                    continue
                }
            } else if organisationLine[row.organisationCode] == nil {
                problems.append(RedovisaError(
                    .invalidInput, "ingen organisation med koden \"\(row.organisationCode)\" i filen eller i registret",
                    field: "organisation", line: row.line))
                continue
            }
            if let name = row.name {
                batch.offices.append((row.organisationCode, Office(organisationId: 0, code: row.code, name: name)))
            }
        }
        return batch
    }

    /// `FAI:2023-01-15 AMI:2024-03-01` → authorisations; nil when malformed or a choice is repeated.
    static func authorisations(_ text: String) -> [Authorisation]? {
        var result: [Authorisation] = []
        for pair in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            let parts = pair.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2, ImportRow.isCode(String(parts[0])), let since = LocalDate(String(parts[1])),
                !result.contains(where: { $0.choice == parts[0] })
            else { return nil }
            result.append(Authorisation(choice: String(parts[0]), since: since))
        }
        return result.isEmpty ? nil : result
    }
}
