// redovisa-domain-bench — how fast the storage answers its two big questions on a realistic
// data set, and how fast 100 000 people are imported. `make bench` builds it in release mode and
// runs it after redovisa-bench. See the "Storage" section of docs/benchmarks.md.
import BenchSupport
import Foundation
import GRDB
@_spi(Bulk) import Redovisa

// MARK: Options

struct Options {
    var dataDirectory = ".build/redovisa-domain-bench"
    var repetitions = 15
    var explain = false
    var regenerate = false
    var redovisa: String?
    var skipImport = false
    var period = DataSet.latestPeriod

    static let usage = """
        usage: redovisa-domain-bench [--reps N] [--explain] [--regenerate] [--data DIR] [--redovisa PATH]
                                     [--no-import] [--period YYYY-MM]

          --reps N         warm repetitions of each query; the median is shown (default 15)
          --explain        also print the SQL each query ran and its EXPLAIN QUERY PLAN
          --regenerate     build the data set again even if it is cached
          --data DIR       where the data set is cached (default .build/redovisa-domain-bench)
          --redovisa PATH  the redovisa executable for the import (default: next to this one)
          --no-import      skip the import of 100 000 people
          --period P       the period of "who has not submitted" (default \(DataSet.latestPeriod), whose window is open)
        """

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var rest = arguments[...]
        func fail(_ message: String) -> Never {
            FileHandle.standardError.write(Data("redovisa-domain-bench: \(message)\n\(usage)\n".utf8))
            exit(2)
        }
        func value(_ flag: String) -> String {
            guard let v = rest.popFirst() else { fail("\(flag) needs a value") }
            return v
        }
        while let argument = rest.popFirst() {
            switch argument {
            case "--reps":
                guard let n = Int(value(argument)), n > 0 else { fail("--reps wants a positive integer") }
                options.repetitions = n
            case "--explain": options.explain = true
            case "--regenerate": options.regenerate = true
            case "--data": options.dataDirectory = value(argument)
            case "--redovisa": options.redovisa = value(argument)
            case "--no-import": options.skipImport = true
            case "--period":
                guard let p = Period(value(argument)) else { fail("--period wants YYYY-MM") }
                options.period = p
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument '\(argument)'")
            }
        }
        return options
    }
}

// MARK: The data set, cached

/// The cache key of the data set: the generator's version and the schema's migrations (a new
/// migration, such as an index, means a new data set rather than migrating a copy on every run).
func dataSetKey() throws -> String {
    let migrations = try AppDatabase.inMemory().appliedMigrations()
    var hash: UInt32 = 2_166_136_261
    for byte in migrations.joined(separator: ",").utf8 { hash = (hash ^ UInt32(byte)) &* 16_777_619 }
    return "v\(DataSet.version)-\(migrations.count)m-\(String(hash, radix: 16))"
}

/// The cached database of the current generator version and schema, built if missing.
func cachedDataSet(_ options: Options) throws -> (path: String, note: String) {
    let directory = options.dataDirectory
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    let path = "\(directory)/domain-\(try dataSetKey()).sqlite"
    let notePath = path + ".txt"
    if !options.regenerate, FileManager.default.fileExists(atPath: path) {
        let note = (try? String(contentsOfFile: notePath, encoding: .utf8)) ?? "cached"
        return (path, "cached: \(path) (\(note.trimmingCharacters(in: .whitespacesAndNewlines)))")
    }
    // Remove the data sets of other generator versions and schemas.
    for file in (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] where file.hasPrefix("domain-") {
        try? FileManager.default.removeItem(atPath: "\(directory)/\(file)")
    }
    let building = "\(directory)/building.sqlite"
    removeDatabase(building)
    print("building the data set (\(try dataSetKey())) in \(building)…")
    let (seconds, report) = try timed {
        let database = try AppDatabase.open(path: building)
        let report = try Generator.generate(into: database) { print($0) }
        try database.checkpoint()
        return report
    }
    // The database is closed here: the file alone holds everything.
    for file in [building + "-wal", building + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
    try FileManager.default.moveItem(atPath: building, toPath: path)
    let phases = (report.phases + [("checkpoint", seconds - report.seconds)]).map { "\($0.0) \(fixed($0.1, 1)) s" }
    let note = "generated in \(fixed(seconds, 1)) s: \(phases.joined(separator: ", "))"
    try note.write(toFile: notePath, atomically: true, encoding: .utf8)
    return (path, note)
}

/// Checks that the bulk path stores exactly what the model's own path would: one report of
/// each kind round-trips through the public API, and generated answers are canonical JSON.
func selfCheck() throws {
    let database = try AppDatabase.inMemory(clock: { DataSet.now })
    let system = Actor.system(via: "bench")
    let answers = #"{"aktiviteter":[{"datum":"2025-09-02","timmar":2.5,"typ":"bio"}],"ar":2025,"kommentar":"Älta – bra","manad":9}"#
    // Whole milliseconds take the bulk path's own formatting; the model's path uses GRDB's.
    let created = Date(timeIntervalSince1970: 1_759_300_000.5)
    let submitted = Date(timeIntervalSince1970: 1_759_400_000)
    let (fast, model) = try database.bulkInsert { bulk in
        let org = try bulk.insert(Organisation(code: "k", name: "K", kind: .municipality))
        let user = try bulk.insert(User(username: "u", displayName: "U", roles: [.reporter]))
        let person = try bulk.insert(Person(personnummer: Personnummer.make(birthDate: LocalDate("1990-01-02")!, serial: 1),
                                            firstName: "A", lastName: "B"))
        let programme = try bulk.insert(Programme(code: "p", name: "P"))
        let enrolment = try bulk.insert(Enrolment(personId: person.id!, programmeId: programme.id!,
                                                  responsibleOrganisationId: org.id!, reporterId: user.id, start: LocalDate("2025-01-01")!,
                                                  agreement: ["sessions_per_month": .integer(4)]))
        var report = Report(
            templateId: "t", templateVersion: 2, period: Period("2025-09"), personId: person.id!, enrolmentId: enrolment.id,
            authorId: user.id!, answers: try JSONValue(parsing: answers), status: .submitted, revision: 3,
            caseNumber: "2025-000041", receiptHash: AppDatabase.hash(canonicalAnswers: answers), submittedAt: submitted,
            submittedBy: user.id, late: true, createdAt: created, updatedAt: submitted, responsibleOrganisationId: org.id)
        let fast = try bulk.insert(report, answersJSON: answers)
        // The same report through the model's own Codable encoding (as every other write does).
        report.caseNumber = "2025-000042"
        return (fast, try bulk.insert(report).id!)
    }
    var stored = try database.report(id: fast, as: system)
    var expected = try database.report(id: model, as: system)
    (stored.id, stored.caseNumber) = (nil, nil)
    (expected.id, expected.caseNumber) = (nil, nil)
    guard stored == expected else { throw Failure("the bulk path stored \(stored), the model's path \(expected)") }
    guard AppDatabase.hash(canonicalAnswers: answers) == AppDatabase.hash(expected.answers) else {
        throw Failure("hash(canonicalAnswers:) differs from hash(_:)")
    }
    // The case number counter was raised past the bulk-loaded numbers.
    let reporter = try database.actor(username: "u", via: "bench")
    let draft = try database.createDraft(.init(templateId: "t", templateVersion: 2, period: Period("2025-09"),
                                               personId: expected.personId, enrolmentId: expected.enrolmentId), as: reporter)
    let receipt = try database.submit(id: draft.id!, as: reporter)
    guard receipt.caseNumber == "2025-000043" else { throw Failure("the next case number is \(receipt.caseNumber), not 2025-000043") }
    var r = Random(seed: 7)
    let p = DataSet.latestPeriod
    var samples = Catalogue.programmes.map { Answers.monthly(template: $0.template, period: p, programme: $0.code, agreed: 4, &r) }
    samples.append(Answers.deviation(on: DataSet.today, &r))
    for text in samples where try JSONValue(parsing: text).canonicalText != text {
        throw Failure("generated answers are not canonical JSON: \(text)")
    }
}

struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

// MARK: The queries

struct QueryCase {
    var figure: String
    var label: String
    var actorLabel: String
    var entity: String
    /// Runs the query through the public API and returns the ids it listed.
    var run: (AppDatabase, Actor) throws -> [Int64]
}

struct QueryResult {
    var query: QueryCase
    var cold: Double
    var coldResident: Double?
    var first: Double
    var warm: Timings
    var rows: Int
    var statements: [String]
    var stepOnly: Timings?
    var fetchOnly: Timings?
    var auditOnly: Timings
    var auditBytes: Int
}

let target = 0.050

func runQueries(_ options: Options, runPath: String, log: (String) -> Void) throws -> (results: [QueryResult], emptyWrite: Timings) {
    let system = Actor.system(via: "bench")
    let setup = try AppDatabase.open(path: runPath)
    let nacka = try setup.organisation(code: "nacka")!
    let office = try setup.office(code: DataSet.benchOfficeCode, organisationId: nacka.id!)!
    let actors: [(String, String)] = [
        ("officer, one office", DataSet.officeOfficer), ("officer, all of Nacka", DataSet.municipalityOfficer), ("system", ""),
    ]
    let period = options.period
    var cases: [QueryCase] = []
    for (i, (label, _)) in actors.enumerated() {
        cases.append(QueryCase(
            figure: "1.\(i + 1)", label: "who has not submitted for \(period)", actorLabel: label, entity: "enrolment"
        ) { db, actor in
            try db.missingReports(period: period, templateId: DataSet.missingTemplate, programme: DataSet.missingProgramme, as: actor)
                .map { $0.id! }
        })
    }
    for (i, (label, _)) in actors.enumerated() {
        cases.append(QueryCase(
            figure: "2.\(i + 1)", label: "waiting for review in \(office.name)", actorLabel: label, entity: "report"
        ) { db, actor in
            try db.awaitingReview(office: office.id!, as: actor).map { $0.id! }
        })
    }
    func actor(_ label: String, _ db: AppDatabase) throws -> Actor {
        let username = actors.first { $0.0 == label }!.1
        return username.isEmpty ? system : try db.actor(username: username, via: "bench")
    }
    let emptyWrite = try Timings.repeating(options.repetitions) { try setup.emptyWrite() }

    var results: [QueryResult] = []
    for query in cases {
        log("  \(query.figure) \(query.label), as \(query.actorLabel)…")
        // Cold: the file out of the page cache, a fresh connection pool, its first call.
        evictFromPageCache(runPath)
        let resident = residentFraction(runPath)
        let (cold, ids): (Double, [Int64]) = try {
            let database = try AppDatabase.open(path: runPath)
            let who = try actor(query.actorLabel, database)
            return try timed { try query.run(database, who) }
        }()
        // First call: a fresh connection pool again (as after a restart), the file still in the page cache.
        let database = try AppDatabase.open(path: runPath)
        let who = try actor(query.actorLabel, database)
        let first = try timed { try query.run(database, who) }.seconds
        // Warm: the median of repeated calls on the same database.
        let warm = try Timings.repeating(options.repetitions) { _ = try query.run(database, who) }
        // Its parts: the SQL it ran, that SQL alone (stepping the rows, decoding nothing), the
        // SQL with the rows decoded into records, and the audit line alone.
        let statements = try database.selectStatements { _ = try query.run(database, who) }
        let main = statements.max { $0.count < $1.count }
        var stepOnly: Timings?
        var fetchOnly: Timings?
        if let main {
            stepOnly = try Timings.repeating(options.repetitions) { _ = try database.stepRows(main) }
            fetchOnly = try Timings.repeating(options.repetitions) {
                if query.entity == "report" { _ = try database.fetchReports(main) } else { _ = try database.fetchEnrolments(main) }
            }
        }
        let auditOnly = try Timings.repeating(options.repetitions) {
            try database.writeAuditLine(listing: ids, entity: query.entity, as: who)
        }
        let auditBytes = (try? JSONEncoder().encode(ids).count) ?? 0
        results.append(QueryResult(
            query: query, cold: cold, coldResident: resident, first: first, warm: warm, rows: ids.count, statements: statements,
            stepOnly: stepOnly, fetchOnly: fetchOnly, auditOnly: auditOnly, auditBytes: auditBytes))
    }
    return (results, emptyWrite)
}

// MARK: The import

struct ImportResult {
    var seconds: Double?
    var people: Int?
    var problem: String?
}

/// The import file: the data set's 100 000 people as CSV, cached beside the database.
func importFile(_ options: Options) throws -> String {
    let path = "\(options.dataDirectory)/people-v\(DataSet.version).csv"
    if FileManager.default.fileExists(atPath: path) { return path }
    // The columns of `redovisa import people`: personnummer;fornamn;efternamn;kommun;skyddad, and
    // the optional stadsdel;epost;mobil.
    var text = "personnummer;fornamn;efternamn;kommun;skyddad;stadsdel;epost;mobil\n"
    func field(_ s: String?) -> String {
        guard let s else { return "" }
        return s.contains(";") || s.contains("\"") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }
    for person in Generator.people(seed: 2) {
        text += [person.personnummer.digits, person.firstName, person.lastName, person.municipality,
                 person.isProtected ? "ja" : "nej", person.district, person.email, person.mobile]
            .map(field).joined(separator: ";") + "\n"
    }
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
}

/// Runs `executable` with `arguments`; returns the wall-clock seconds, the exit status and
/// standard error.
func run(_ executable: String, _ arguments: [String]) throws -> (seconds: Double, status: Int32, errors: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    let (seconds, (status, text)) = try timed {
        try process.run()
        let data = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
    return (seconds, status, text)
}

/// `redovisa init --db NEW.sqlite` (untimed: the import wants the database to exist), then
/// `redovisa import people FILE.csv --db NEW.sqlite`, timed as a whole process.
func runImport(_ options: Options) throws -> ImportResult {
    let executable = options.redovisa
        ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("redovisa").path
    guard FileManager.default.isExecutableFile(atPath: executable) else {
        return ImportResult(problem: "no redovisa executable at \(executable)")
    }
    let csv = try importFile(options)
    let target = "\(options.dataDirectory)/import.sqlite"
    removeDatabase(target)
    defer { removeDatabase(target) }
    func problem(_ what: String, _ result: (seconds: Double, status: Int32, errors: String)) -> ImportResult {
        let first = result.errors.split(separator: "\n").first.map(String.init) ?? ""
        return ImportResult(problem: "\(what): exit status \(result.status)\(first.isEmpty ? "" : ": \(first)")")
    }
    let initialised = try run(executable, ["init", "--db", target])
    guard initialised.status == 0 else { return problem("redovisa init", initialised) }
    let imported = try run(executable, ["import", "people", csv, "--db", target])
    guard imported.status == 0 else { return problem("redovisa import people", imported) }
    let people = try AppDatabase.open(path: target).rowCounts()["person"] ?? 0
    return ImportResult(
        seconds: imported.seconds, people: people,
        problem: people == DataSet.peopleCount ? nil : "imported \(people) people, not \(DataSet.peopleCount)")
}

// MARK: Main

func main() throws {
    let options = Options.parse(Array(CommandLine.arguments.dropFirst()))
    let started = ContinuousClock.now
    print("redovisa-domain-bench: storage on \(DataSet.reportCount / 1000)k reports, \(options.repetitions) warm repetitions per figure, median shown")
    print("machine: \(Machine.cpuModel), \(Machine.processors) processors, load average \(Machine.loadAverage)")
    #if DEBUG
    print("WARNING: this is a debug build; the figures mean nothing (make bench builds with -c release)")
    #endif
    try selfCheck()

    let (cachePath, note) = try cachedDataSet(options)
    print("data set: \(note)")
    let runPath = "\(options.dataDirectory)/run.sqlite"
    removeDatabase(runPath)
    try FileManager.default.copyItem(atPath: cachePath, toPath: runPath)
    defer { removeDatabase(runPath) }
    let counts = try AppDatabase.open(path: runPath).rowCounts()
    print("  \(megabytes(fileSize(runPath))): " + ["organisation", "office", "user", "person", "enrolment", "report"]
        .map { "\(grouped(counts[$0] ?? 0)) \($0 == "person" ? "people" : $0 + "s")" }.joined(separator: ", "))
    print("")

    print("measuring the queries (copy at \(runPath))…")
    let (results, emptyWrite) = try runQueries(options, runPath: runPath) { print($0) }
    var importResult = ImportResult(problem: "skipped (--no-import)")
    if !options.skipImport {
        print("importing \(grouped(DataSet.peopleCount)) people with redovisa import people…")
        importResult = try runImport(options)
    }
    print("")
    report(results, emptyWrite: emptyWrite, importResult: importResult, options: options, runPath: runPath)
    print("took \(fixed((ContinuousClock.now - started).seconds, 1)) s")
}

func report(_ results: [QueryResult], emptyWrite: Timings, importResult: ImportResult, options: Options, runPath: String) {
    var table = TextTable(
        header: ["figure", "rows", "cold", "first call", "warm median", "best", "CPU", "spread", "target", ""],
        rightAligned: [1, 2, 3, 4, 5, 6, 7])
    var section = ""
    for result in results {
        let title = "(\(result.query.figure.prefix(1))) \(result.query.label)"
        if title != section {
            table.section(title + (result.query.entity == "enrolment" ? " (\(DataSet.missingTemplate))" : ", oldest first, limit 1000"))
            section = title
        }
        table.add(["\(result.query.figure) \(result.query.actorLabel)", grouped(result.rows), durationText(result.cold),
                   durationText(result.first), durationText(result.warm.median), durationText(result.warm.best),
                   durationText(result.warm.cpuMedian), "±" + fixed(result.warm.spread * 100, 0) + " %",
                   "< 50 ms", result.warm.median < target ? "met" : "MISSED"])
    }
    table.section("(3) import \(grouped(DataSet.peopleCount)) people: redovisa import people FILE.csv --db NEW.sqlite")
    if let seconds = importResult.seconds {
        table.add(["3   the whole process", grouped(importResult.people ?? 0), "", "", durationText(seconds), "", "", "",
                   "< 10 s", seconds < 10 && importResult.problem == nil ? "met" : "MISSED"])
    } else {
        table.add(["3   not available: \(importResult.problem ?? "?")", "", "", "", "", "", "", "", "< 10 s", ""])
    }
    print(table.render())
    print("""
        cold: the database file dropped from the page cache (posix_fadvise DONTNEED; at most \
        \(results.compactMap(\.coldResident).map { fixed($0 * 100, 0) + " %" }.max() ?? "?") of it resident after),
          a fresh connection pool, its first call. first call: a fresh pool, the file still in the page cache
          (a restarted server). warm: the median of \(options.repetitions) calls after that, wall clock; CPU: their median
          CPU time. The targets are judged on the warm median.

        """)

    // Where the time goes.
    var parts = TextTable(header: ["figure (warm medians)", "whole call", "SQL only", "SQL + decode", "audit line", "ids in the line"],
                          rightAligned: [1, 2, 3, 4, 5])
    for result in results {
        parts.add(["\(result.query.figure) \(result.query.actorLabel)", durationText(result.warm.median),
                   durationText(result.stepOnly?.median ?? .nan), durationText(result.fetchOnly?.median ?? .nan),
                   durationText(result.auditOnly.median), "\(grouped(result.rows)) (\(fixed(Double(result.auditBytes) / 1024, 1)) KiB)"])
    }
    print(parts.render())
    print("""
        SQL only: the SELECT the call ran (traced), every row stepped, nothing decoded, in a read transaction.
        SQL + decode: the same rows decoded into Report / Enrolment records (no access check, no audit line).
        audit line: one INSERT INTO auditEntry listing the returned ids, in a write transaction of its own
          (an empty write transaction costs \(durationText(emptyWrite.median))).
        """)

    if options.explain {
        let database = try? AppDatabase.open(path: runPath)
        for result in results {
            print("\n\(result.query.figure) \(result.query.label), as \(result.query.actorLabel):")
            for sql in result.statements {
                print("  " + sql.replacingOccurrences(of: "\n", with: "\n  "))
                for line in (try? database?.queryPlan(sql)) ?? ["(no plan)"] { print("    " + line) }
            }
        }
    }

    print("\ntargets (warm median; cold and first call for information):")
    for result in results {
        print("  \(result.query.figure) \(result.query.label), as \(result.query.actorLabel): "
            + "\(durationText(result.warm.median)) — \(result.warm.median < target ? "met" : "MISSED") (< 50 ms); "
            + "cold \(durationText(result.cold)), first call \(durationText(result.first))")
    }
    if let seconds = importResult.seconds, importResult.problem == nil {
        print("  3 import of \(grouped(DataSet.peopleCount)) people: \(durationText(seconds)) — \(seconds < 10 ? "met" : "MISSED") (< 10 s)")
    } else {
        print("  3 import of \(grouped(DataSet.peopleCount)) people: not available (\(importResult.problem ?? "?"))")
    }
}

do {
    try main()
} catch {
    FileHandle.standardError.write(Data("redovisa-domain-bench: \(error)\n".utf8))
    exit(1)
}
