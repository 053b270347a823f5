import Foundation

/// One kind of import file: its columns, the checks of each row on its own and against the other
/// rows of the file, and then the checks against the register.
protocol CSVImport {
    static var kind: ImportKind { get }
    static var columns: ImportColumns { get }

    /// Checks every row on its own and against the other rows (duplicates), recording the
    /// problems in the rows. Advances `progress` by one per row.
    init(rows: [ImportRow], today: LocalDate, progress: inout ProgressCounter)

    /// The problems found by `init`.
    var problems: [RedovisaError] { get }

    /// Checks the rows against the register, adding to `problems`, and returns the records to
    /// write (which are not written when `problems` is not empty). Advances `progress` by one per row.
    func batch(in register: ImportRegister, problems: inout [RedovisaError], progress: inout ProgressCounter) throws
        -> ImportBatch
}

extension AppDatabase {
    /// Imports a CSV file of `kind`, all or nothing: when any row is wrong nothing is written, and
    /// every problem is reported with its line and column. What is written is one transaction with
    /// one audit line, action `import`, listing the ids created. System and administrators only.
    ///
    /// The columns of each kind are in `docs/import.md`. Personnummer in the 10-digit form get
    /// their century from the database clock's today.
    ///
    /// ```swift
    /// let summary = try database.importCSV(.people, from: Data(contentsOf: url), source: "personer.csv")
    /// print(summary)   // Importerade 3 personer.
    /// ```
    /// - Parameters:
    ///   - source: the file's name, for the audit line.
    ///   - progress: called as the rows are checked and written (at most 1 000 times a phase).
    /// - Throws: ``ImportFailure`` with every problem; nothing was written.
    public func importCSV(
        _ kind: ImportKind, from data: Data, source: String? = nil, as actor: Actor = .system(via: "import"),
        progress: ((ImportProgress) -> Void)? = nil
    ) throws(ImportFailure) -> ImportSummary {
        try checkMayImport(kind, as: actor)
        let table = try CSVReader.read(data)
        return switch kind {
        case .people: try importTable(table, PeopleImport.self, source: source, as: actor, progress: progress)
        case .organisations: try importTable(table, OrganisationImport.self, source: source, as: actor, progress: progress)
        case .programmes: try importTable(table, ProgrammeImport.self, source: source, as: actor, progress: progress)
        case .enrolments: try importTable(table, EnrolmentImport.self, source: source, as: actor, progress: progress)
        }
    }

    private func importTable<Import: CSVImport>(
        _ table: CSVTable, _: Import.Type, source: String?, as actor: Actor, progress: ((ImportProgress) -> Void)?
    ) throws(ImportFailure) -> ImportSummary {
        let sheet = try ImportSheet(table, columns: Import.columns)
        let (rows, layoutProblems) = sheet.rows()
        guard !rows.isEmpty || !layoutProblems.isEmpty else {
            throw ImportFailure(RedovisaError(.invalidInput, "filen har bara en rubrikrad: inga rader att importera"))
        }
        // Checking counts every row twice: once on its own, once against the register.
        var checking = ProgressCounter(phase: .checking, total: rows.count * 2, unitsPerRow: 2, report: progress)
        let checked = Import(rows: rows, today: LocalDate.today(at: clock()), progress: &checking)
        return try runImport(Import.kind, source: source, as: actor, progress: progress) { register in
            var problems = layoutProblems + checked.problems
            let batch = try checked.batch(in: register, problems: &problems, progress: &checking)
            checking.advance(by: checking.total - checking.done)
            if !problems.isEmpty { throw ImportFailure(problems) }
            return batch
        }
    }
}
