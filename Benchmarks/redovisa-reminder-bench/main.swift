// redovisa-reminder-bench — a dry run of the shipped reminder rules (scripts/reminders) over the
// storage benchmark's data set: 100 000 people with 100 000 enrolments and 1 000 000 reports.
// `make bench` runs it after redovisa-domain-bench, which builds that data set. See the
// "Reminders" section of docs/benchmarks.md.
import BenchSupport
import Foundation
import Redovisa

var repetitions = 3
var source = ".build/redovisa-domain-bench"
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--reps": repetitions = Int(arguments.popFirst() ?? "") ?? repetitions
    case "--data": source = arguments.popFirst() ?? source
    default:
        FileHandle.standardError.write(Data("usage: redovisa-reminder-bench [--reps N] [--data DIR]\n".utf8))
        exit(2)
    }
}

func log(_ text: String) { FileHandle.standardError.write(Data((text + "\n").utf8)) }

// A copy of the storage benchmark's database (a dry run writes audit lines; the original stays
// as the storage benchmark measured it), brought up to the current migrations.
let files = (try? FileManager.default.contentsOfDirectory(atPath: source)) ?? []
guard let original = files.filter({ $0.hasPrefix("domain-") && $0.hasSuffix(".sqlite") }).sorted().last else {
    log("no data set in \(source): run .build/release/redovisa-domain-bench first (make bench does)")
    exit(1)
}
let copy = ".build/redovisa-reminder-bench/\(original)"
if !FileManager.default.fileExists(atPath: copy) {
    try FileManager.default.createDirectory(atPath: ".build/redovisa-reminder-bench", withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: source + "/" + original, toPath: copy)
}
let database = try AppDatabase.open(path: copy)
let runner = ReminderRunner(database: database)

/// 08:00 Swedish time on `day`.
func morning(_ day: String) -> ReminderMoment {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = Redovisa.timeZone
    let date = LocalDate(day)!
    let instant = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 8))!
    return ReminderMoment(instant)
}

var table = TextTable(header: ["dry run at", "rules due", "reminders", "seconds (median)", "best", "target"], rightAligned: [1, 2, 3, 4])
for day in ["2025-11-10", "2025-11-13"] {
    let moment = morning(day)
    var seconds: [Double] = []
    var due = 0, reminders = 0
    for _ in 0..<repetitions {
        let start = ContinuousClock.now
        let report = try runner.run(at: moment, dryRun: true)
        seconds.append((ContinuousClock.now - start).seconds)
        due = report.rules.filter { $0.occasion != nil }.count
        reminders = report.rules.reduce(0) { $0 + $1.reminders.count }
        if let failed = report.failedRules.first { log("\(failed.file): \(failed.error ?? "")") }
    }
    let median = seconds.sorted()[seconds.count / 2]
    table.add([day + " 08:00", String(due), grouped(reminders), fixed(median, 2), fixed(seconds.min()!, 2), "< 3 s"])
}
print("Reminders: a dry run of scripts/reminders over \(original) (100 000 enrolments)")
print("machine: \(Machine.cpuModel), \(Machine.processors) processors, load \(Machine.loadAverage); \(repetitions) repetitions")
print(table.render())
