import ArgumentParser
import Foundation
import LuaHost
import Redovisa

/// `redovisa forval --choice FAI --on DATE`: the default provider of a customer choice on a day,
/// by the default provider list in Lua (scripts/agreements/forvalslista.lua).
struct ForvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forval",
        abstract: "Name the default provider (förvalsanordnare) of a customer choice on a day.",
        discussion: """
            Every provider authorised for the customer choice is the default provider for two \
            weeks in turn, in the order of their authorisation dates; newly authorised providers \
            are appended. The two-week periods run from Monday 2024-01-01. The rules are Lua, in \
            scripts/agreements/forvalslista.lua (run from the repository root); see \
            scripts/agreements/README.md.
            """
    )

    @Option(help: ArgumentHelp("The customer choice: FAI, AMI or ISA.", valueName: "FAI|AMI|ISA"))
    var choice: String

    @Option(help: ArgumentHelp("The day, YYYY-MM-DD (default: today).", valueName: "DATE"))
    var on: String?

    @Flag(help: "Print the answer as JSON.")
    var json = false

    @Option(help: "The default provider list to run.")
    var agreement = "scripts/agreements/forvalslista.lua"

    @OptionGroup var databaseOptions: DatabaseOptions

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        guard ["FAI", "AMI", "ISA"].contains(choice) else {
            throw ValidationError("--choice ska vara FAI, AMI eller ISA, inte '\(choice)'")
        }
        if let on, LocalDate(on) == nil {
            throw ValidationError("--on ska vara ett datum ÅÅÅÅ-MM-DD, inte '\(on)'")
        }
    }

    private struct Request: Encodable {
        var choice: String
        var on: String
    }

    /// What `forvalslista.on` returns.
    struct Answer: Codable {
        struct Provider: Codable {
            var code: String
            var name: String
            var since: String
        }
        struct Period: Codable {
            var number: Int
            var first: String
            var last: String
        }
        var choice: String
        var on: String
        var period: Period
        var provider: Provider?
        var position: Int?
        var list: [Provider]
    }

    func run() throws {
        CommandLog.bootstrap()
        let clock = on.flatMap { LuaClock(asOf: $0) } ?? LuaClock()
        let runner = BillingAgreement(path: agreement, databaseOptions: databaseOptions, user: nil, limits: limitOptions.limits)
        let answer: Answer
        do {
            answer = try runner.call("on", with: Request(choice: choice, on: on ?? clock.today), clock: clock, returning: Answer.self)
        } catch {
            CommandLog.printError(error)
            throw ExitCode.failure
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(answer), as: UTF8.self))
        } else if let provider = answer.provider {
            print("\(answer.on): \(provider.name) (\(provider.code)) är förvalsanordnare för \(answer.choice), perioden \(answer.period.first)–\(answer.period.last).")
            print("Förvalslistan för \(answer.choice) i den perioden:")
            let width = answer.list.map(\.name.count).max() ?? 0
            for (index, entry) in answer.list.enumerated() {
                let marker = index + 1 == answer.position ? "→" : " "
                let name = entry.name.padding(toLength: width, withPad: " ", startingAt: 0)
                print("  \(marker) \(index + 1). \(name)  \(entry.code), auktoriserad \(entry.since)")
            }
        }
        if answer.provider == nil {
            if !json {
                CommandLog.writeToStandardError("Ingen anordnare är auktoriserad för \(answer.choice) \(answer.on).\n")
            }
            throw ExitCode.failure
        }
    }
}
