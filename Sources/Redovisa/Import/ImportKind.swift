/// What an import can read.
public enum ImportKind: String, Sendable, CaseIterable, Codable {
    /// People in the register (personer).
    case people
    /// Organisations and their offices (organisationer, kontor), with providers' authorisations.
    case organisations
    /// Programmes and interventions (program, insatser) with their customer choice and amounts.
    case programmes
    /// Enrolments of registered people in programmes (insatser).
    case enrolments

    /// The table whose rows the import creates (named in the audit line).
    var entity: String {
        switch self {
        case .people: "person"
        case .organisations: "organisation"
        case .programmes: "programme"
        case .enrolments: "enrolment"
        }
    }
}

/// How far an import has come, for a progress bar.
///
/// `done` and `total` count rows: while checking, the rows checked (each is checked on its own
/// and then against the register); while saving, the records written.
public struct ImportProgress: Sendable, Equatable {
    public enum Phase: String, Sendable, Equatable {
        /// Reading and checking the rows, in the file and against the register.
        case checking
        /// Writing them.
        case saving
    }

    public var phase: Phase
    public var done: Int
    public var total: Int

    public init(phase: Phase, done: Int, total: Int) {
        self.phase = phase
        self.done = done
        self.total = total
    }
}

/// What an import wrote.
public struct ImportSummary: Sendable, Equatable, CustomStringConvertible {
    public var kind: ImportKind
    public var people = 0
    public var organisations = 0
    public var offices = 0
    public var programmes = 0
    public var enrolments = 0

    public init(kind: ImportKind) { self.kind = kind }

    /// The line the command prints: `Importerade 100 000 personer.`
    public var description: String {
        switch kind {
        case .organisations:
            "Importerade \(Self.count(organisations, "organisation", "organisationer")) och \(Self.count(offices, "kontor", "kontor"))."
        default:
            "Importerade \(counts)."
        }
    }

    /// What was written, for the audit line: `3 personer`, `2 organisationer, 2 kontor`.
    var counts: String {
        switch kind {
        case .people: Self.count(people, "person", "personer")
        case .organisations:
            "\(Self.count(organisations, "organisation", "organisationer")), \(Self.count(offices, "kontor", "kontor"))"
        case .programmes: Self.count(programmes, "program", "program")
        case .enrolments: Self.count(enrolments, "insats", "insatser")
        }
    }

    /// `1 person`, `100 000 personer`: digits grouped by three with a space, as Swedish writes them.
    static func count(_ n: Int, _ one: String, _ many: String) -> String {
        "\(grouped(n)) \(n == 1 ? one : many)"
    }

    /// `100000` as `100 000`.
    public static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, digit) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(" ") }
            out.append(digit)
        }
        return n < 0 ? "-" + out : out
    }
}

/// Calls a progress handler as work advances, at most once per thousandth of the total.
struct ProgressCounter {
    let phase: ImportProgress.Phase
    /// Units of work in all.
    let total: Int
    let report: ((ImportProgress) -> Void)?
    /// Units of work per row: the handler hears of rows, not of units.
    let unitsPerRow: Int
    private(set) var done = 0
    private var reported = -1

    init(phase: ImportProgress.Phase, total: Int, unitsPerRow: Int = 1, report: ((ImportProgress) -> Void)?) {
        self.phase = phase
        self.total = total
        self.unitsPerRow = unitsPerRow
        self.report = report
        advance(by: 0)
    }

    mutating func advance(by units: Int = 1) {
        done += units
        guard let report, total > 0 else { return }
        let permille = done * 1000 / total
        if permille != reported {
            reported = permille
            report(ImportProgress(phase: phase, done: done / unitsPerRow, total: total / unitsPerRow))
        }
    }
}
