/// A file of enrolments of registered people in programmes, by code:
/// `personnummer;program;ansvarig;start`, and optionally `kontor;anordnare;handlaggare;rapportor;
/// planerat_slut;slut;slutorsak` and any number of `avtal.NAMN` columns.
///
/// Everything a row refers to must already be in the register: the person (import people
/// first), the programme (`redovisa import programmes`), the organisations and offices
/// (`redovisa import organisations`) and the users. Nothing is created on the way, so that a
/// mistyped code is an error rather than a new programme.
///
/// - `ansvarig`: the code of the responsible municipality or agency; `kontor`: the code of one of
///   its offices.
/// - `anordnare`: the code of the provider; when the programme belongs to a customer choice the
///   provider must be authorised for it from the start date at the latest.
/// - `handlaggare`: the username of the responsible officer (a user with the officer role);
///   `rapportor`: the username of the user who reports (the participant or a contact person).
/// - `start`, `planerat_slut`, `slut`: dates `ÅÅÅÅ-MM-DD`, the ends not before the start; the
///   planned end within the programme's maximum length.
/// - `slutorsak`: `avslutad`, `avslutad_i_fortid` or `avbruten`, exactly when `slut` is given.
/// - `avtal.NAMN`: a local agreement (`avtal.sessions_per_month` = `4`): a whole number, a
///   decimal number or text; empty cells are left out.
/// - One enrolment per person, programme and start date.
struct EnrolmentImport: CSVImport {
    static let kind = ImportKind.enrolments
    static let columns = ImportColumns(
        required: ["personnummer", "program", "ansvarig", "start"],
        optional: ["kontor", "anordnare", "handlaggare", "rapportor", "planerat_slut", "slut", "slutorsak"],
        prefix: "avtal")

    /// A row as far as it could be read; nil parts were missing or wrong.
    private struct Pending {
        var line: Int
        var isValid: Bool
        var personnummer: Personnummer?
        var programme: String?
        var responsible: String?
        var office: String?
        var provider: String?
        var officer: String?
        var reporter: String?
        var start: LocalDate?
        var plannedEnd: LocalDate?
        var actualEnd: LocalDate?
        var endReason: EndReason?
        var agreement: [String: JSONValue]
    }

    private var pending: [Pending] = []
    private(set) var problems: [RedovisaError] = []

    init(rows: [ImportRow], today: LocalDate, progress: inout ProgressCounter) {
        /// What makes an enrolment unique.
        struct Key: Hashable {
            var personnummer: Personnummer
            var programme: String
            var start: LocalDate
        }
        var firstLine: [Key: Int] = [:]
        pending.reserveCapacity(rows.count)
        for var row in rows {
            let personnummer = row.personnummer("personnummer", today: today)
            let programme = row.code("program", required: true)
            let responsible = row.code("ansvarig", required: true)
            let office = row.code("kontor", required: false)
            let provider = row.code("anordnare", required: false)
            let officer = row.name("handlaggare", required: false)
            let reporter = row.name("rapportor", required: false)
            let start = row.date("start", required: true)
            let plannedEnd = row.date("planerat_slut", required: false)
            let actualEnd = row.date("slut", required: false)
            if let start {
                if let plannedEnd, plannedEnd < start { row.fail("planerat_slut", "ligger före start") }
                if let actualEnd, actualEnd < start { row.fail("slut", "ligger före start") }
            }
            var endReason: EndReason?
            if let text = row.text("slutorsak") {
                endReason = Self.endReasons[ImportSheet.normalise(text)]
                if endReason == nil {
                    row.fail("slutorsak", "ska vara avslutad, avslutad_i_fortid eller avbruten")
                } else if actualEnd == nil, row.text("slut") == nil {
                    row.fail("slutorsak", "ska vara tom när slut är tomt")
                }
            } else if actualEnd != nil {
                row.fail("slutorsak", "saknas: när slut är ifyllt ska slutorsak vara avslutad, avslutad_i_fortid eller avbruten")
            }
            var agreement: [String: JSONValue] = [:]
            for (name, position) in row.sheet.prefixed {
                if let text = row.text(at: position, named: "avtal.\(name)") { agreement[name] = Self.agreementValue(text) }
            }
            if let personnummer, let programme, let start {
                let key = Key(personnummer: personnummer, programme: programme, start: start)
                if let earlier = firstLine[key] {
                    row.fail("start", "samma person, program och start som på rad \(earlier)", code: .conflict)
                } else {
                    firstLine[key] = row.line
                }
            }
            pending.append(Pending(
                line: row.line, isValid: row.isValid, personnummer: personnummer, programme: programme,
                responsible: responsible, office: office, provider: provider, officer: officer, reporter: reporter,
                start: start, plannedEnd: plannedEnd, actualEnd: actualEnd, endReason: endReason, agreement: agreement))
            problems += row.problems
            progress.advance()
        }
    }

    func batch(in register: ImportRegister, problems: inout [RedovisaError], progress: inout ProgressCounter) throws
        -> ImportBatch
    {
        var lookup = Lookup(register: register)
        var batch = ImportBatch()
        batch.enrolments.reserveCapacity(pending.count)
        for row in pending {
            defer { progress.advance() }
            var rowProblems: [RedovisaError] = []
            func fail(_ field: String?, _ message: String, _ code: RedovisaError.Code = .invalidInput) {
                rowProblems.append(RedovisaError(code, message, field: field, line: row.line))
            }
            let personId = try row.personnummer.flatMap { try register.personId($0) }
            if row.personnummer != nil, personId == nil {
                fail("personnummer", "ingen person med det personnumret i registret (importera personerna först)", .notFound)
            }
            let programme = try row.programme.flatMap { try lookup.programme($0) }
            if let code = row.programme, programme == nil {
                fail("program", "inget program med koden \"\(code)\"", .notFound)
            }
            let responsible = try row.responsible.flatMap { try lookup.organisation($0) }
            if let code = row.responsible {
                if let responsible {
                    if responsible.kind == .provider {
                        fail("ansvarig", "\"\(code)\" är en anordnare: ansvarig ska vara en kommun eller myndighet")
                    }
                } else {
                    fail("ansvarig", "ingen organisation med koden \"\(code)\"", .notFound)
                }
            }
            var office: Office?
            if let code = row.office, let responsible, let responsibleId = responsible.id {
                office = try lookup.office(code, organisationId: responsibleId)
                if office == nil {
                    fail("kontor", "inget kontor med koden \"\(code)\" i organisationen \"\(responsible.code)\"", .notFound)
                }
            }
            let provider = try row.provider.flatMap { try lookup.organisation($0) }
            if let code = row.provider {
                if let provider {
                    if provider.kind != .provider {
                        fail("anordnare", "\"\(code)\" är inte en anordnare")
                    } else if let choice = programme?.customerChoice, let start = row.start {
                        if let authorisation = provider.authorisations.first(where: { $0.choice == choice }) {
                            if authorisation.since > start {
                                fail("anordnare", "auktoriserad för kundval \(choice) först från \(authorisation.since)")
                            }
                        } else {
                            fail("anordnare", "saknar auktorisation för kundval \(choice)")
                        }
                    }
                } else {
                    fail("anordnare", "ingen organisation med koden \"\(code)\"", .notFound)
                }
            }
            let officer = try row.officer.flatMap { try lookup.user($0) }
            if row.officer != nil {
                if let officer {
                    if !officer.has(.officer) { fail("handlaggare", "användaren är inte handläggare") }
                } else {
                    fail("handlaggare", "ingen användare med det användarnamnet", .notFound)
                }
            }
            let reporter = try row.reporter.flatMap { try lookup.user($0) }
            if row.reporter != nil, reporter == nil {
                fail("rapportor", "ingen användare med det användarnamnet", .notFound)
            }
            if let programme, let months = programme.maximumMonths, let start = row.start, let plannedEnd = row.plannedEnd,
                plannedEnd > Self.adding(months: months, to: start)
            {
                fail("planerat_slut", "längre än programmets längsta tid (\(months) månader)")
            }
            if let personId, let programmeId = programme?.id, let start = row.start,
                try register.enrolmentExists(personId: personId, programmeId: programmeId, start: start)
            {
                fail("start", "personen har redan en insats i programmet med samma start", .conflict)
            }
            problems += rowProblems
            guard row.isValid, rowProblems.isEmpty, let personId, let programmeId = programme?.id,
                let responsibleId = responsible?.id, let start = row.start
            else { continue }
            batch.enrolments.append(Enrolment(
                personId: personId, programmeId: programmeId, responsibleOrganisationId: responsibleId,
                officeId: office?.id, providerId: provider?.id, officerId: officer?.id, reporterId: reporter?.id,
                start: start, plannedEnd: row.plannedEnd, actualEnd: row.actualEnd, endReason: row.endReason,
                agreement: row.agreement))
        }
        return batch
    }

    static let endReasons: [String: EndReason] = [
        "avslutad": .completed, "avslutad_i_fortid": .endedEarly, "avbruten": .interrupted,
    ]

    /// `4` → 4, `2,5` or `2.5` → 2.5, anything else as text.
    static func agreementValue(_ text: String) -> JSONValue {
        if let integer = Int64(text) { return .integer(integer) }
        let decimal = text.replacingOccurrences(of: ",", with: ".")
        if decimal.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), let number = Double(decimal),
            number.isFinite
        {
            return .number(number)
        }
        return .string(text)
    }

    /// The same day `months` months later (the last day of the month when it has fewer days).
    static func adding(months: Int, to date: LocalDate) -> LocalDate {
        let index = date.year * 12 + (date.month - 1) + months
        let year = index / 12, month = index % 12 + 1
        return LocalDate(year: year, month: month, day: min(date.day, LocalDate.daysIn(year: year, month: month)))!
    }

    /// The register's organisations, offices, programmes and users, each looked up once per import.
    private struct Lookup {
        let register: ImportRegister
        var organisations: [String: Organisation?] = [:]
        var offices: [String: Office?] = [:]
        var programmes: [String: Programme?] = [:]
        var users: [String: User?] = [:]

        mutating func organisation(_ code: String) throws -> Organisation? {
            if let found = organisations[code] { return found }
            let found = try register.organisation(code: code)
            organisations[code] = .some(found)
            return found
        }

        mutating func office(_ code: String, organisationId: Int64) throws -> Office? {
            let key = "\(organisationId) \(code)"
            if let found = offices[key] { return found }
            let found = try register.office(code: code, organisationId: organisationId)
            offices[key] = .some(found)
            return found
        }

        mutating func programme(_ code: String) throws -> Programme? {
            if let found = programmes[code] { return found }
            let found = try register.programme(code: code)
            programmes[code] = .some(found)
            return found
        }

        mutating func user(_ username: String) throws -> User? {
            if let found = users[username] { return found }
            let found = try register.user(username: username)
            users[username] = .some(found)
            return found
        }
    }
}
