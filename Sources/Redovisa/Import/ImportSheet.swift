/// The columns of one kind of import file, as its header names them.
struct ImportColumns: Sendable {
    /// Columns every file of the kind has, in the order the documentation gives them.
    var required: [String]
    /// Columns a file may have.
    var optional: [String] = []
    /// When set, any column `PREFIX.NAME` is accepted too (`avtal.sessions_per_month`).
    var prefix: String?

    /// The header as the documentation writes it: `personnummer;fornamn;…`.
    var requiredHeader: String { required.joined(separator: ";") }
}

/// A CSV table whose header has been matched against the columns of one kind of file.
///
/// Column names are matched without regard to case, å/ä/ö/é (`Förnamn` is `fornamn`), spaces,
/// hyphens and underscores (`Planerat slut` is `planerat_slut`, `E-post` is `epost`). Columns
/// with an empty name are ignored.
struct ImportSheet {
    let table: CSVTable
    /// Normalised column name → position.
    let index: [String: Int]
    /// The columns `PREFIX.NAME`: NAME (normalised) and position, in the order of the header.
    let prefixed: [(name: String, position: Int)]

    /// Matches the header of `table` against `columns`.
    /// - Throws: ``ImportFailure`` when a required column is missing, a column is unknown or
    ///   named twice. The header's own text is not repeated: a file without a header would
    ///   otherwise have its first person's details echoed.
    init(_ table: CSVTable, columns: ImportColumns) throws(ImportFailure) {
        self.table = table
        let line = table.header.line
        var known: [String: String] = [:]
        for column in columns.required + columns.optional { known[Self.matchKey(column)] = column }
        var index: [String: Int] = [:]
        var prefixed: [(name: String, position: Int)] = []
        var problems: [RedovisaError] = []
        let allColumns = (columns.required + columns.optional + (columns.prefix.map { ["\($0).NAMN"] } ?? []))
            .joined(separator: ";")
        for (position, raw) in table.header.fields.enumerated() {
            let name = Self.normalise(raw)
            if name.isEmpty { continue }
            if let column = known[Self.matchKey(name)] {
                if let earlier = index[column] {
                    problems.append(RedovisaError(
                        .invalidInput, "kolumn \(position + 1) har samma rubrik som kolumn \(earlier + 1)", line: line))
                } else {
                    index[column] = position
                }
            } else if let prefix = columns.prefix, name.hasPrefix(prefix + "."), name.count > prefix.count + 1,
                name.dropFirst(prefix.count + 1).allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
            {
                let key = String(name.dropFirst(prefix.count + 1))
                if let earlier = prefixed.first(where: { $0.name == key }) {
                    problems.append(RedovisaError(
                        .invalidInput, "kolumn \(position + 1) har samma rubrik som kolumn \(earlier.position + 1)",
                        line: line))
                } else {
                    prefixed.append((key, position))
                }
            } else {
                problems.append(RedovisaError(
                    .invalidInput, "kolumn \(position + 1) har en okänd rubrik (kolumnerna är \(allColumns))", line: line))
            }
        }
        let missing = columns.required.filter { index[$0] == nil }
        if missing.count == columns.required.count {
            throw ImportFailure(RedovisaError(
                .invalidInput, "första raden ska vara rubrikraden \(columns.requiredHeader)"
                    + (columns.optional.isEmpty ? "" : " (valfria kolumner: \(columns.optional.joined(separator: ";")))"),
                line: line))
        }
        if !missing.isEmpty {
            let names = missing.joined(separator: ", ")
            problems.insert(RedovisaError(
                .invalidInput,
                (missing.count == 1 ? "kolumnen \(names) saknas" : "kolumnerna \(names) saknas")
                    + " i rubrikraden (den ska vara \(columns.requiredHeader))",
                line: line), at: 0)
        }
        if !problems.isEmpty { throw ImportFailure(problems) }
        self.index = index
        self.prefixed = prefixed
    }

    /// What header names are compared by: `Planerat slut`, `planerat_slut` and `PlaneratSlut`
    /// all give `planeratslut`.
    static func matchKey(_ name: String) -> String {
        normalise(name).filter { $0 != "_" }
    }

    /// `Förnamn ` → `fornamn`, `Planerat slut` → `planerat_slut`, `Avslutad i förtid` →
    /// `avslutad_i_fortid`.
    static func normalise(_ name: String) -> String {
        var out = ""
        for character in name.trimmingSpaces.lowercased() {
            switch character {
            case "å", "ä", "á", "à": out.append("a")
            case "ö", "ó", "ø": out.append("o")
            case "é", "è": out.append("e")
            case "ü": out.append("u")
            case " ", "-": out.append("_")
            default: out.append(character)
            }
        }
        return out
    }

    /// The rows to check, with the problems of rows whose fields do not line up with the header
    /// (which are not checked further: their values would be in the wrong columns).
    func rows() -> (rows: [ImportRow], problems: [RedovisaError]) {
        let expected = table.header.fields.count
        var rows: [ImportRow] = []
        rows.reserveCapacity(table.rows.count)
        var problems = table.problems
        for row in table.rows {
            if row.fields.count != expected {
                problems.append(RedovisaError(
                    .invalidInput,
                    "\(row.fields.count) fält, men rubrikraden har \(expected) (ett fält som innehåller "
                        + "\(table.separator) ska stå inom citattecken)",
                    line: row.line))
            } else {
                rows.append(ImportRow(line: row.line, fields: row.fields, sheet: self))
            }
        }
        return (rows, problems)
    }
}

/// One row being checked: its values by column, and the problems found so far. Every accessor
/// records what is wrong with the value, naming the column, and returns nil for a bad value.
struct ImportRow {
    let line: Int
    let fields: [String]
    let sheet: ImportSheet
    private(set) var problems: [RedovisaError] = []

    init(line: Int, fields: [String], sheet: ImportSheet) {
        self.line = line
        self.fields = fields
        self.sheet = sheet
    }

    var isValid: Bool { problems.isEmpty }

    /// Records that `column` is wrong.
    mutating func fail(_ column: String, _ message: String, code: RedovisaError.Code = .invalidInput) {
        problems.append(RedovisaError(code, message, field: column, line: line))
    }

    /// The value of `column` without surrounding spaces; nil when empty or when the column is
    /// not in the file. Line breaks and other control characters are refused.
    mutating func text(_ column: String) -> String? {
        guard let position = sheet.index[column] else { return nil }
        return text(at: position, named: column)
    }

    mutating func text(at position: Int, named column: String) -> String? {
        let value = fields[position].trimmingSpaces
        if value.isEmpty { return nil }
        if value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            fail(column, "innehåller en radbrytning eller ett annat styrtecken")
            return nil
        }
        return value
    }

    /// A value that must be there.
    mutating func required(_ column: String) -> String? {
        guard let position = sheet.index[column] else { return nil }
        if fields[position].trimmingSpaces.isEmpty {
            fail(column, "saknas")
            return nil
        }
        return text(at: position, named: column)
    }

    /// A value of at most `maxLength` characters.
    mutating func name(_ column: String, required isRequired: Bool, maxLength: Int = 100) -> String? {
        guard let value = isRequired ? required(column) : text(column) else { return nil }
        guard value.count <= maxLength else {
            fail(column, "får vara högst \(maxLength) tecken")
            return nil
        }
        return value
    }

    /// A code that imports and scripts refer to: letters a–z, digits, `-`, `_`, `.`; at most 50.
    mutating func code(_ column: String, required isRequired: Bool) -> String? {
        guard let value = isRequired ? required(column) : text(column) else { return nil }
        guard Self.isCode(value) else {
            fail(column, "en kod får bara ha bokstäverna a–z, siffror, - _ och . (högst 50 tecken)")
            return nil
        }
        return value
    }

    static func isCode(_ value: String) -> Bool {
        !value.isEmpty && value.utf8.count <= 50
            && value.utf8.allSatisfy { b in
                (0x61...0x7A).contains(b) || (0x41...0x5A).contains(b) || (0x30...0x39).contains(b)
                    || b == UInt8(ascii: "-") || b == UInt8(ascii: "_") || b == UInt8(ascii: ".")
            }
    }

    /// A date `ÅÅÅÅ-MM-DD`.
    mutating func date(_ column: String, required isRequired: Bool) -> LocalDate? {
        guard let value = isRequired ? required(column) : text(column) else { return nil }
        if let date = LocalDate(value) { return date }
        fail(column, Self.looksLikeDate(value) ? "datumet finns inte" : "ska vara ett datum ÅÅÅÅ-MM-DD")
        return nil
    }

    /// `ja` or `nej`, in any case.
    mutating func yesNo(_ column: String) -> Bool? {
        let before = problems.count
        let value = text(column)?.lowercased()
        guard problems.count == before else { return nil }
        switch value {
        case "ja": return true
        case "nej": return false
        default:
            fail(column, "ska vara ja eller nej")
            return nil
        }
    }

    /// A personnummer or samordningsnummer in any accepted form; never repeated in a message.
    mutating func personnummer(_ column: String, today: LocalDate) -> Personnummer? {
        guard let value = required(column) else { return nil }
        do {
            return try Personnummer(value, today: today)
        } catch {
            fail(column, "ogiltigt personnummer: \(error.rawValue)")
            return nil
        }
    }

    /// Whether `text` has the shape `dddd-dd-dd`.
    static func looksLikeDate(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 10 else { return false }
        return bytes.enumerated().allSatisfy { i, b in
            i == 4 || i == 7 ? b == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b)
        }
    }
}
