import Foundation
import Redovisa
import Testing

/// `redovisa forval`: the default provider list run over a real register, through the binary.
struct ForvalCommandTests {
    /// The billing world's providers (Jobbexpert, FAI since 2023-01-15; Framsteg, AMI since
    /// 2023-03-01) and two more for FAI: Arbetslinjen since 2022-11-01, and Steget, authorised on
    /// 2024-02-05.
    static func world() throws -> BillingWorld {
        let world = try BillingWorld()
        for (code, name, since) in [("arbetslinjen", "Arbetslinjen AB", "2022-11-01"), ("steget", "Steget ek. för.", "2024-02-05")] {
            _ = try world.database.add(Organisation(
                code: code, name: name, kind: .provider,
                authorisations: [Authorisation(choice: "FAI", since: LocalDate(since)!)]), as: world.system)
        }
        return world
    }

    func forval(_ world: BillingWorld, _ arguments: [String]) throws -> CommandRunner.Output {
        try CommandRunner.run(["forval"] + arguments + ["--db", world.path], in: ShippedLuaTests.repositoryRoot)
    }

    @Test func theDefaultProviderTakesTurnsEveryTwoWeeks() throws {
        let world = try Self.world()
        // When the day moves forward over the first periods of 2024
        var seen: [String] = []
        for day in ["2024-01-01", "2024-01-15", "2024-01-29", "2024-02-12", "2024-02-26", "2024-03-11"] {
            let output = try forval(world, ["--choice", "FAI", "--on", day])
            #expect(output.status == 0)
            seen.append(String(output.standardOutput.prefix { $0 != "(" }))
        }
        // Then the turn goes down the list by authorisation date, and Steget, authorised on 5
        // February, is appended and has its turn when the list comes round
        #expect(seen == [
            "2024-01-01: Arbetslinjen AB ", "2024-01-15: Jobbexpert AB ", "2024-01-29: Arbetslinjen AB ",
            "2024-02-12: Jobbexpert AB ", "2024-02-26: Steget ek. för. ", "2024-03-11: Arbetslinjen AB ",
        ])
    }

    @Test func theAnswerNamesThePeriodAndShowsTheList() throws {
        let world = try Self.world()
        let output = try forval(world, ["--choice", "FAI", "--on", "2025-10-14"])
        #expect(output.status == 0)
        #expect(output.standardError == "")
        // 14 October 2025 is in period 46 (6–19 October). Period 3 (from 12 February 2024) was
        // Jobbexpert's, second of three; 43 turns later (43 = 14 × 3 + 1) it is third: Steget
        #expect(output.standardOutput == """
            2025-10-14: Steget ek. för. (steget) är förvalsanordnare för FAI, perioden 2025-10-06–2025-10-19.
            Förvalslistan för FAI i den perioden:
                1. Arbetslinjen AB  arbetslinjen, auktoriserad 2022-11-01
                2. Jobbexpert AB    jobbexpert, auktoriserad 2023-01-15
              → 3. Steget ek. för.  steget, auktoriserad 2024-02-05

            """)
        let json = try forval(world, ["--choice", "AMI", "--on", "2025-10-14", "--json"])
        let answer = try JSONDecoder().decode(ForvalAnswer.self, from: Data(json.standardOutput.utf8))
        #expect(answer.provider?.code == "framsteg")
        #expect(answer.period.first == "2025-10-06")
        #expect(answer.list.map(\.code) == ["framsteg"])
    }

    struct ForvalAnswer: Decodable {
        struct Provider: Decodable { var code: String }
        struct Period: Decodable { var first: String }
        var provider: Provider?
        var period: Period
        var list: [Provider]
    }

    @Test func noProviderAWrongChoiceAndADayBeforeTheList() throws {
        let world = try Self.world()
        let none = try forval(world, ["--choice", "ISA", "--on", "2025-10-14"])
        #expect(none.status == 1)
        #expect(none.standardOutput == "")
        #expect(none.standardError == "Ingen anordnare är auktoriserad för ISA 2025-10-14.\n")
        let wrong = try forval(world, ["--choice", "XYZ", "--on", "2025-10-14"])
        #expect(wrong.status == 2)
        #expect(wrong.standardError.hasPrefix("Error: --choice ska vara FAI, AMI eller ISA, inte 'XYZ'\n"))
        let early = try forval(world, ["--choice", "FAI", "--on", "2023-12-31"])
        #expect(early.status == 1)
        #expect(early.standardError.contains("förvalslistan börjar 2024-01-01; 2023-12-31 är före"))
    }
}
