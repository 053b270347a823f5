import Foundation
import Redovisa
import Testing

/// `redovisa deadlines`: the deadline rules run over a real database, through the binary, with
/// the day moved forward.
struct DeadlinesCommandTests {
    /// The billing world's customers and reports (Anna, Bo interrupted on 10 October 2024 with
    /// his final report on the 20th, and a protected customer), and Anna's implementation plan:
    /// submitted on Friday 20 September, approved on 1 October.
    static func world() throws -> BillingWorld {
        let (world, anna, _, _) = try BillingCommandTests.world()
        let plan = try world.database.addPlanVersion(
            enrolment: anna.id!, kind: .implementationPlan,
            activities: [PlanActivity(name: "Arbetsprövning", mandatory: true, hoursPerWeek: 20)],
            on: LocalDate("2024-09-20")!, as: world.jobbexpertStaff)
        _ = try world.database.submit(plan: plan.id!, on: LocalDate("2024-09-20")!, as: world.jobbexpertStaff)
        _ = try world.database.approve(plan: plan.id!, on: LocalDate("2024-10-01")!, as: world.officer)
        return world
    }

    func deadlines(_ world: BillingWorld, _ arguments: [String]) throws -> CommandRunner.Output {
        try CommandRunner.run(["deadlines"] + arguments + ["--db", world.path], in: ShippedLuaTests.repositoryRoot)
    }

    @Test func whatIsOverdueAsTheDaysGoBy() throws {
        let world = try Self.world()
        // 6 October, within 7 days: the plans of Bo and the protected customer were due long ago,
        // and Bo (from 1 August) has no report for August; the three September reports are in and
        // wait for review by the 12th
        let early = try deadlines(world, ["--org", "nacka", "--as-of", "2024-10-06", "--within", "7"])
        #expect(early.status == 0)
        #expect(early.standardError == "")
        #expect(early.standardOutput == """
            Frister för Nacka kommun (nacka) per 2024-10-06: 4 förfallna, 3 inom 7 dagar.

            Förfallna
              frist                     vem          insats  kund  program  vad
              2024-08-15  52 dagar sen  anordnare         2     2  AMI2     Genomförandeplan (14 dagar efter start)
              2024-09-07  29 dagar sen  anordnare         2     2  AMI2     Klarmarkera månadsrapporten för augusti 2024
              2024-09-15  21 dagar sen  handläggare       2     2  AMI2     Godkänn månadsrapporten för augusti 2024
              2024-09-15  21 dagar sen  anordnare         3     3  FAI1     Genomförandeplan (14 dagar efter start)

            Förfaller inom 7 dagar
              frist                   vem          insats  kund  program  vad
              2024-10-12  om 6 dagar  handläggare       1     1  FAI1     Granska månadsrapporten för september 2024
              2024-10-12  om 6 dagar  handläggare       2     2  AMI2     Granska månadsrapporten för september 2024
              2024-10-12  om 6 dagar  handläggare       3     3  FAI1     Granska månadsrapporten för september 2024

            """)
        // 13 October: Anna's and Bo's reports were approved; the protected customer's is a day late
        let later = try deadlines(world, ["--org", "nacka", "--as-of", "2024-10-13", "--within", "0"])
        #expect(later.standardOutput.hasPrefix("Frister för Nacka kommun (nacka) per 2024-10-13: 5 förfallna, 0 i dag.\n"))
        #expect(later.standardOutput.hasSuffix("  2024-10-12  1 dag sen     handläggare       3     3  FAI1     Granska månadsrapporten för september 2024\n"))
        // 16 October: approved on the 14th; Bo's final report is due on the 24th, two weeks after the interruption
        let json = try deadlines(world, ["--org", "nacka", "--as-of", "2024-10-16", "--within", "8", "--json"])
        let answer = try JSONDecoder().decode(DeadlinesAnswer.self, from: Data(json.standardOutput.utf8))
        #expect(answer.overdue.map { "\($0.due) \($0.enrolment) \($0.rule)" } == [
            "2024-08-15 2 nacka.genomforandeplan", "2024-09-07 2 nacka.manadsrapport.klar",
            "2024-09-15 2 nacka.manadsrapport.godkannande", "2024-09-15 3 nacka.genomforandeplan",
        ])
        #expect(answer.upcoming.map { "\($0.due) \($0.enrolment) \($0.rule)" } == ["2024-10-24 2 nacka.slutrapport"])
        // 25 October: the final report came on the 20th, and Bo's plan fell due more than 62 days ago
        let last = try deadlines(world, ["--org", "nacka", "--as-of", "2024-10-25", "--within", "0", "--json"])
        let after = try JSONDecoder().decode(DeadlinesAnswer.self, from: Data(last.standardOutput.utf8))
        #expect(after.overdue.map { "\($0.due) \($0.enrolment) \($0.rule)" } == [
            "2024-09-07 2 nacka.manadsrapport.klar", "2024-09-15 2 nacka.manadsrapport.godkannande",
            "2024-09-15 3 nacka.genomforandeplan",
        ])
        #expect(after.upcoming.isEmpty)
    }

    struct DeadlinesAnswer: Decodable {
        struct Deadline: Decodable {
            var rule: String
            var due: String
            var enrolment: Int
        }
        var overdue: [Deadline]
        var upcoming: [Deadline]
    }

    @Test func aProvidersStaffSeeTheirOwnAndTheRunIsAudited() throws {
        let world = try Self.world()
        let before = try world.database.auditLog(limit: 10_000, as: world.system).count
        let output = try deadlines(world, ["--org", "framsteg", "--as-of", "2024-10-06", "--within", "7", "--as", "per", "--json"])
        #expect(output.status == 0)
        let answer = try JSONDecoder().decode(DeadlinesAnswer.self, from: Data(output.standardOutput.utf8))
        #expect(Set(answer.overdue.map(\.enrolment) + answer.upcoming.map(\.enrolment)) == [2])
        let audit = try world.database.auditLog(limit: 10_000, as: world.system).dropLast(before)
            .filter { $0.via != "test" }
        #expect(Set(audit.map(\.via)) == ["script:scripts/deadlines/query.lua"])
        #expect(Set(audit.map(\.detail)) == ["frister"])
    }

    @Test func wrongInputIsRefused() throws {
        let world = try Self.world()
        let unknown = try deadlines(world, ["--org", "okand"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "error: ingen organisation 'okand'\n")
        let within = try deadlines(world, ["--org", "nacka", "--within", "-1"])
        #expect(within.status == 2)
        let asOf = try deadlines(world, ["--org", "nacka", "--as-of", "igår"])
        #expect(asOf.status == 2)
        #expect(asOf.standardError.hasPrefix("Error: --as-of ska vara ett datum ÅÅÅÅ-MM-DD, inte 'igår'\n"))
    }
}
