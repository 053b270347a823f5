import ArgumentParser
import Foundation
import LuaHost
import Redovisa

/// `redovisa deadlines --org CODE [--within N] [--as-of DATE]`: what is overdue, or due within N
/// days, for an organisation, by the deadline rules in Lua (scripts/deadlines/).
struct DeadlinesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deadlines",
        abstract: "List what is overdue, or due within N days, for an organisation.",
        discussion: """
            Runs the deadline rules of scripts/deadlines/ (from the repository root) over the \
            enrolments the organisation is responsible for or provides: the AF activity report, \
            Nacka's monthly schedule, implementation plan, final report, planned end and \
            certificates, and the joint planning of Rusta och matcha. Deadlines not yet met are \
            listed by due date: first the overdue ones (fallen due in the last 62 days), then \
            those due today or within N days, each with who acts (deltagare, anordnare, \
            handläggare), the enrolment and the customer by id. See scripts/deadlines/README.md.
            """
    )

    @Option(help: ArgumentHelp("The organisation, by code: the municipality or agency responsible, or a provider.", valueName: "code"))
    var org: String

    @Option(help: ArgumentHelp("Also list what falls due within this many days (0: only overdue and due today).", valueName: "N"))
    var within = 7

    @Option(name: .customLong("as-of"), help: "As of this day, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Flag(help: "Print the answer as JSON.")
    var json = false

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Read as this user, seeing only what they may see (default: the system).", valueName: "username"))
    var user: String?

    @OptionGroup var databaseOptions: DatabaseOptions

    @OptionGroup var limitOptions: LimitOptions

    static let script = DeadlineQuery.script

    func validate() throws {
        guard (0...366).contains(within) else { throw ValidationError("--within ska vara 0 till 366 dagar, inte \(within)") }
        if let asOf, LocalDate(asOf) == nil {
            throw ValidationError("--as-of ska vara ett datum ÅÅÅÅ-MM-DD, inte '\(asOf)'")
        }
    }

    func run() throws {
        CommandLog.bootstrap()
        let runner = BillingAgreement(
            path: Self.script, databaseOptions: databaseOptions, user: user, limits: limitOptions.limits)
        let answer: DeadlineQuery.Answer
        let organisation: Organisation
        do {
            let database = try runner.database()
            guard let found = try database.organisation(code: org) else {
                throw RedovisaError(.notFound, "ingen organisation '\(org)'")
            }
            organisation = found
            let actor = try user.map { try database.actor(username: $0, via: "cli") } ?? .system(via: "cli")
            // The same query the officers' page Försenat runs (DeadlineQuery).
            answer = try DeadlineQuery(database: database, limits: limitOptions.limits)
                .due(organisation: found.id!, within: within, asOf: asOf.flatMap(LocalDate.init), as: actor)
        } catch {
            CommandLog.printError(error)
            throw ExitCode.failure
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(answer), as: UTF8.self))
            return
        }
        let span = within == 0 ? "i dag" : within == 1 ? "inom 1 dag" : "inom \(within) dagar"
        print("Frister för \(organisation.name) (\(organisation.code)) per \(answer.asOf): \(answer.overdue.count) förfallna, \(answer.upcoming.count) \(span).")
        for (heading, list) in [("Förfallna", answer.overdue), ("Förfaller \(span)", answer.upcoming)] where !list.isEmpty {
            print("\n\(heading)")
            var rows = [["frist", "", "vem", "insats", "kund", "program", "vad"]]
            for deadline in list {
                rows.append([
                    deadline.due, deadline.whenText, deadline.who, deadline.enrolment.map(String.init) ?? "–",
                    deadline.customer.map(String.init) ?? "–", deadline.programme ?? "–", deadline.title,
                ])
            }
            print(Self.table(rows, rightAligned: [3, 4]), terminator: "")
        }
    }

    /// `rows` as columns two spaces apart, indented by two; the columns in `rightAligned` to the right.
    static func table(_ rows: [[String]], rightAligned: Set<Int>) -> String {
        let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
        return rows.map { row in
            let cells = row.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned.contains(column) ? pad + cell : cell + pad
            }
            var line = "  " + cells.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }.joined(separator: "\n") + "\n"
    }
}
