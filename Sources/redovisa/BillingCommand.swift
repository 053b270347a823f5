import ArgumentParser
import Foundation
import LuaHost
import Logging
import Redovisa

/// `redovisa billing --month YYYY-MM`: the invoicing basis of a month per provider and customer,
/// worked out by the local agreement in Lua (scripts/agreements/nacka_billing.lua).
struct BillingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "billing",
        abstract: "Print the invoicing basis of a month per provider and customer.",
        discussion: """
            Runs the billing agreement (default scripts/agreements/nacka_billing.lua, from the \
            repository root) with read access to the database, and prints what it pays in the \
            month's run: per provider, one line per customer and month with the days, the monthly \
            amount and the amount, the sums and the total, exact to the öre; then the month's \
            items that are not paid in this run, with the reason. Customers are named by their \
            ids in Redovisa (kund = person, insats = enrolment), never by name or personnummer. \
            The run reads as the system (or as --as USERNAME, seeing what that user may see), \
            audited as script:AGREEMENT.
            """
    )

    @Option(help: ArgumentHelp("The month of the run, YYYY-MM.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: "text (a table per provider), csv (;-separated rows) or json.")
    var format: BillingFormat = .text

    @Option(name: .customLong("as-of"), help: "The basis as it stood at the end of this day, YYYY-MM-DD (default: today).")
    var asOf: String?

    @Option(name: .customLong("as"), help: ArgumentHelp(
        "Read as this user, seeing only what they may see (default: the system, which sees everything).",
        valueName: "username"))
    var user: String?

    @Option(help: "The billing agreement to run.")
    var agreement = "scripts/agreements/nacka_billing.lua"

    @OptionGroup var databaseOptions: DatabaseOptions

    @OptionGroup var limitOptions: LimitOptions

    func validate() throws {
        guard Period(month) != nil else { throw ValidationError("--month ska vara en månad ÅÅÅÅ-MM, inte '\(month)'") }
        if let asOf, LocalDate(asOf) == nil {
            throw ValidationError("--as-of ska vara ett datum ÅÅÅÅ-MM-DD, inte '\(asOf)'")
        }
    }

    /// What the agreement's `basis` is called with.
    private struct Request: Encodable {
        var month: String
        var asOf: String
        enum CodingKeys: String, CodingKey { case month, asOf = "as_of" }
    }

    func run() throws {
        CommandLog.bootstrap()
        let clock = asOf.flatMap { LuaClock(asOf: $0) } ?? LuaClock()
        let runner = BillingAgreement(
            path: agreement, databaseOptions: databaseOptions, user: user, limits: limitOptions.limits)
        do {
            let basis = try runner.call(
                "basis", with: Request(month: month, asOf: asOf ?? clock.today), clock: clock, returning: BillingBasis.self)
            print(try format.render(basis), terminator: "")
        } catch {
            CommandLog.printError(error)
            throw ExitCode.failure
        }
    }
}
