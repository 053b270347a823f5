/// A file of people: `personnummer;fornamn;efternamn;kommun;skyddad`, and optionally
/// `stadsdel`, `epost` and `mobil`.
///
/// - `personnummer`: 12 digits, or 10 with `-`/`+` (the century follows from today); a
///   samordningsnummer too. Unique in the file and in the register.
/// - `fornamn`, `efternamn`: required, at most 100 characters.
/// - `kommun` (home municipality), `stadsdel` (district): may be empty.
/// - `skyddad`: `ja` (skyddad folkbokföring) or `nej`.
/// - `epost`: an e-mail address; `mobil`: a phone number (digits, spaces, `-`, a leading `+`).
struct PeopleImport: CSVImport {
    static let kind = ImportKind.people
    static let columns = ImportColumns(
        required: ["personnummer", "fornamn", "efternamn", "kommun", "skyddad"],
        optional: ["stadsdel", "epost", "mobil"])

    /// Every row whose personnummer is valid, and unique in the file, with its line.
    private var numbers: [(line: Int, personnummer: Personnummer)] = []
    /// The rows without any problem.
    private var people: [Person] = []
    private(set) var problems: [RedovisaError] = []

    init(rows: [ImportRow], today: LocalDate, progress: inout ProgressCounter) {
        var firstLine: [Personnummer: Int] = [:]
        firstLine.reserveCapacity(rows.count)
        numbers.reserveCapacity(rows.count)
        people.reserveCapacity(rows.count)
        for var row in rows {
            var personnummer = row.personnummer("personnummer", today: today)
            if let number = personnummer {
                if let earlier = firstLine[number] {
                    row.fail("personnummer", "finns redan på rad \(earlier)", code: .conflict)
                    personnummer = nil
                } else {
                    firstLine[number] = row.line
                    numbers.append((row.line, number))
                }
            }
            let firstName = row.name("fornamn", required: true)
            let lastName = row.name("efternamn", required: true)
            let municipality = row.name("kommun", required: false)
            let protected = row.yesNo("skyddad")
            let district = row.name("stadsdel", required: false)
            let email = row.text("epost")
            if let email, !Self.isEmail(email) { row.fail("epost", "ogiltig e-postadress") }
            let mobile = row.text("mobil")
            if let mobile, !Self.isPhoneNumber(mobile) { row.fail("mobil", "ogiltigt mobilnummer") }
            if row.isValid, let personnummer, let firstName, let lastName, let protected {
                people.append(Person(
                    personnummer: personnummer, firstName: firstName, lastName: lastName, municipality: municipality,
                    district: district, protection: protected ? .protectedRegistration : nil, email: email,
                    mobile: mobile))
            }
            problems += row.problems
            progress.advance()
        }
    }

    func batch(in register: ImportRegister, problems: inout [RedovisaError], progress: inout ProgressCounter) throws
        -> ImportBatch
    {
        for (line, personnummer) in numbers {
            if try register.personId(personnummer) != nil {
                problems.append(RedovisaError(.conflict, "finns redan", field: "personnummer", line: line))
            }
            progress.advance()
        }
        return ImportBatch(people: people)
    }

    /// `namn@exempel.se`: one `@`, something before it, a dot in the domain, no spaces.
    static func isEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, text.count <= 254 else { return false }
        let domain = parts[1]
        guard domain.contains("."), !domain.hasPrefix("."), !domain.hasSuffix(".") else { return false }
        return !text.contains { $0.isWhitespace }
    }

    /// `070-123 45 67`, `+46 70 123 45 67`: 7 to 15 digits, with spaces and hyphens, a leading `+`.
    static func isPhoneNumber(_ text: String) -> Bool {
        var digits = 0
        for (i, character) in text.enumerated() {
            if character.isASCII, character.isNumber { digits += 1 }
            else if character == " " || character == "-" { continue }
            else if character == "+", i == 0 { continue }
            else { return false }
        }
        return (7...15).contains(digits)
    }
}
