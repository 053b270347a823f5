// redovisa-template-bench — validating 100 000 stored lss-kontaktperson reports through the
// template, end to end from the database, beside the same rules run by the standalone lua5.4
// over tables already in memory. `make bench` builds it in release mode and runs it. See the
// "Templates" section of docs/benchmarks.md.
import BenchSupport
import Foundation
@_spi(Bulk) import Redovisa

var repetitions = 5
var directory = ".build/redovisa-template-bench"
var standaloneReports = 20_000
var budget = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--reps": repetitions = Int(arguments.popFirst() ?? "") ?? repetitions
    case "--data": directory = arguments.popFirst() ?? directory
    case "--quick": repetitions = 1; standaloneReports = 2_000
    case "--budget": budget = true
    default:
        FileHandle.standardError.write(Data("usage: redovisa-template-bench [--reps N] [--data DIR] [--quick] [--budget]\n".utf8))
        exit(2)
    }
}

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

let database = try Dataset.open(in: directory, log: log)
let system = Actor.system(via: "bench")
let source = try TemplateSource.file(named: "lss-kontaktperson")
let description = try TemplateCatalog.describe(source)
try database.publishTemplate(id: description.id, version: description.version, title: description.title, source: source.text, as: system)
import LuaHost
var limits = TemplateValidator.bulkLimits
if budget { limits = .default }
let validator = TemplateValidator(database: database, limits: limits)

// Warm-up, and the verdicts both sides must agree on.
let first = try validator.validateStored(template: "lss-kontaktperson", as: system)
guard first.checked == Dataset.reports else { log("expected \(Dataset.reports) reports, checked \(first.checked)"); exit(1) }

// (a) The host, end to end: read pages from SQLite, parse the JSON, check in one sandbox run.
var rates: [Double] = [], cpuRates: [Double] = []
for _ in 0..<repetitions {
    let cpu = processCPUSeconds()
    let start = ContinuousClock.now
    let outcome = try validator.validateStored(template: "lss-kontaktperson", as: system)
    let seconds = (ContinuousClock.now - start).seconds
    precondition(outcome.invalid.count == first.invalid.count)
    rates.append(Double(outcome.checked) / seconds)
    cpuRates.append(Double(outcome.checked) / (processCPUSeconds() - cpu))
}
func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

// Where the host's time goes: reading the pages alone (the rest is pushing the answers and the check).
func pass(_ body: (StoredAnswersPage) throws -> Void) throws -> Double {
    let cpu = processCPUSeconds()
    var after: Int64 = 0, count = 0
    while true {
        let page = try database.storedAnswersPage(template: "lss-kontaktperson", version: 1, after: after, limit: 1000, as: system)
        guard let last = page.lastReportId else { break }
        try body(page)
        count += page.rows.count
        after = last
    }
    return (processCPUSeconds() - cpu) / Double(count)
}
let readOnly = try pass { _ in }

// (b) The standalone interpreter over the first reports, already Lua tables.
let page = try database.storedAnswers(template: "lss-kontaktperson", version: 1, limit: standaloneReports, as: system)
let answers = try page.map { (try JSONValue(parsing: $0.answersJSON), $0.period!) }
let invalidInPage = Set(first.invalid.map(\.reportId)).intersection(page.map(\.reportId)).count
let engine = try String(contentsOfFile: "Sources/Redovisa/Templates/form.lua", encoding: .utf8)
let program = Standalone.program(engine: engine, template: source.text, answers: answers, rounds: 5)
var standaloneRates: [Double] = []
var standaloneInvalid: Int?
for _ in 0..<max(3, repetitions) {
    guard let result = try Standalone.run(program) else { break }
    standaloneInvalid = result.invalid
    standaloneRates.append(Double(result.checked) / result.seconds)
}

var table = TextTable(header: ["figure", "reports/s", "µs/report", "target"], rightAligned: [1, 2])
let hostRate = median(rates)
table.add(["a  host: 100 000 stored reports, DB → check (wall)", grouped(Int(hostRate)), fixed(1e6 / hostRate, 2), "≥ 100 000/s"])
table.add(["a' the same, process CPU time", grouped(Int(median(cpuRates))), fixed(1e6 / median(cpuRates), 2), ""])
table.add(["a.1 of which: reading the pages (CPU)", grouped(Int(1 / readOnly)), fixed(1e6 * readOnly, 2), ""])
if standaloneRates.isEmpty {
    table.add(["b  lua5.4 standalone", "skipped (lua5.4 missing: make bench-deps)", "", ""])
} else {
    let luaRate = median(standaloneRates)
    table.add(["b  lua5.4, the same rules over tables in memory (os.clock)", grouped(Int(luaRate)), fixed(1e6 / luaRate, 2), ""])
    table.add(["a' / b (CPU time against CPU time)", fixed(median(cpuRates) / luaRate, 2) + "×", "", "≥ 0.30×"])
    table.add(["a / b (wall against CPU)", fixed(hostRate / luaRate, 2) + "×", "", ""])
}
print("Template validation: lss-kontaktperson, \(grouped(Dataset.reports)) stored reports, \(first.invalid.count) invalid")
print("machine: \(Machine.cpuModel), \(Machine.processors) processors, load \(Machine.loadAverage); \(repetitions) repetitions, median")
print(table.render())
if let standaloneInvalid, standaloneInvalid != invalidInPage {
    log("the host and lua5.4 disagree: \(invalidInPage) vs \(standaloneInvalid) invalid among the first \(page.count)")
    exit(1)
}
