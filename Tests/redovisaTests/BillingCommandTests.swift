import Foundation
import Redovisa
import Testing

/// `redovisa billing`: Nacka's billing agreement run over a real database, through the binary,
/// with the clock moved forward over the cut-off.
struct BillingCommandTests {
    /// Anna (FAI 1 from 12 September 2024, open), Bo (AMI 2, interrupted on 10 October, final
    /// report in time) and a customer with a protected identity (FAI 1 from 1 September), with
    /// their reports submitted and approved on the days given.
    static func world() throws -> (BillingWorld, anna: Enrolment, bo: Enrolment, hidden: Enrolment) {
        let world = try BillingWorld()
        let anna = try world.customer("Anna", world.fai1, world.jobbexpert, start: "2024-09-12")
        let bo = try world.customer("Bo", world.ami2, world.framsteg, start: "2024-08-01", end: "2024-10-10", reason: .interrupted)
        let hidden = try world.customer("Hemlig", world.fai1, world.jobbexpert, start: "2024-09-01", protection: .protectedRegistration)
        try world.report(anna, period: "2024-09", submitted: "2024-10-03", approved: "2024-10-10")
        try world.report(anna, period: "2024-10", submitted: "2024-11-05", approved: "2024-11-20")
        try world.report(bo, period: "2024-09", submitted: "2024-10-02", approved: "2024-10-08")
        try world.report(bo, period: "2024-10", submitted: "2024-11-04", approved: "2024-11-12")
        try world.report(bo, submitted: "2024-10-20", approved: "2024-11-13")
        try world.report(hidden, period: "2024-09", submitted: "2024-10-04", approved: "2024-10-14")
        return (world, anna, bo, hidden)
    }

    @Test func septembersRunBeforeAndAfterTheCutOff() throws {
        let (world, anna, bo, hidden) = try Self.world()
        // (Customers are shown by id: Anna is customer 1 with enrolment 1, Bo 2, the protected one 3)
        #expect([anna.personId, anna.id, bo.personId, bo.id, hidden.personId, hidden.id] == [1, 1, 2, 2, 3, 3])
        // When September is run on 9 October, only Bo's report is approved: the basis is preliminary
        let early = try world.billing(["--month", "2024-09", "--as-of", "2024-10-09"])
        #expect(early.status == 0)
        #expect(early.standardError == "")
        #expect(early.standardOutput == """
            Faktureringsunderlag 2024-09, kundval arbete och etablering
            Godkänt till och med brytdatum 2024-10-15; underlaget per 2024-10-09.
            Preliminärt: brytdatum har inte passerats, och det som godkänns till och med 2024-10-15 kommer med.

            Framsteg AB (framsteg)
              kund  insats  program  månad    dagar  månadsbelopp    belopp  godkänd
                 2       2  AMI2     2024-09  hel        3 876,00  3 876,00  2024-10-08
              Summa Framsteg AB: 3 876,00 kr

            Totalt: 3 876,00 kr (1 rad)

            Betalas inte i denna körning (2):
              jobbexpert, kund 1, insats 1 (FAI1 2024-09): månadsrapporten för 2024-09 är inte godkänd
              jobbexpert, kund 3, insats 3 (FAI1 2024-09): månadsrapporten för 2024-09 är inte godkänd

            """)
        // When it is run again after the cut-off, Anna's 19 days of 30 and the whole month of the
        // protected customer are in: 5 168,00 + 8 160,00 for Jobbexpert, 17 204,00 in all
        let final = try world.billing(["--month", "2024-09", "--as-of", "2024-10-16"])
        #expect(final.status == 0)
        #expect(final.standardOutput == """
            Faktureringsunderlag 2024-09, kundval arbete och etablering
            Godkänt till och med brytdatum 2024-10-15; underlaget per 2024-10-16.

            Framsteg AB (framsteg)
              kund  insats  program  månad    dagar  månadsbelopp    belopp  godkänd
                 2       2  AMI2     2024-09  hel        3 876,00  3 876,00  2024-10-08
              Summa Framsteg AB: 3 876,00 kr

            Jobbexpert AB (jobbexpert)
              kund  insats  program  månad    dagar  månadsbelopp    belopp  godkänd
                 1       1  FAI1     2024-09  19/30      8 160,00  5 168,00  2024-10-10
                 3       3  FAI1     2024-09  hel        8 160,00  8 160,00  2024-10-14
              Summa Jobbexpert AB: 13 328,00 kr

            Totalt: 17 204,00 kr (3 rader)

            """)
    }

    @Test func aReportApprovedAfterTheCutOffIsPaidInTheNextRun() throws {
        let (world, anna, bo, _) = try Self.world()
        // October's run: Bo's last month pays 10 days and 14 days for the final report (24/30);
        // Anna's October was approved on 20 November, after the cut-off
        let october = try world.billing(["--month", "2024-10", "--as-of", "2024-11-21", "--format", "csv"])
        #expect(october.status == 0)
        let rows = october.standardOutput.split(separator: "\n").map(String.init)
        #expect(rows[0] == "typ;anordnare;anordnare_namn;kund;insats;program;kundval;manad;dagar;hel_manad;manadsbelopp_ore;belopp_ore;belopp_kr;godkand;anmarkning")
        #expect(rows[1] == "rad;framsteg;Framsteg AB;\(bo.personId);\(bo.id!);AMI2;AMI;2024-10;24;nej;387600;310080;3100,80;2024-11-13;avbruten 2024-10-10: 14 dagars ersättning för slutrapport")
        #expect(rows[2] == "summa;framsteg;Framsteg AB;;;;;2024-10;;;;310080;3100,80;;")
        #expect(rows[3] == "totalt;;;;;;;2024-10;;;;310080;3100,80;;")
        #expect(rows.contains("vantar;jobbexpert;Jobbexpert AB;\(anna.personId);\(anna.id!);FAI1;FAI;2024-10;31;ja;816000;;;2024-11-20;godkänd 2024-11-20, efter brytdatum 2024-11-15: betalas i körningen för 2024-11"))
        // November's run pays Anna's October, a month late
        let november = try world.billing(["--month", "2024-11", "--as-of", "2024-12-16", "--format", "json"])
        #expect(november.status == 0)
        let json = try #require(JSONSerialization.jsonObject(with: Data(november.standardOutput.utf8)) as? [String: Any])
        #expect(json["month"] as? String == "2024-11")
        #expect(json["preliminary"] as? Bool == false)
        #expect(json["totalOre"] as? Int == 816_000)
        let providers = try #require(json["providers"] as? [[String: Any]])
        #expect(providers.map { $0["code"] as? String } == ["jobbexpert"])
        let lines = try #require(providers[0]["lines"] as? [[String: Any]])
        #expect(lines.count == 1)
        #expect(lines[0]["enrolment"] as? Int == Int(anna.id!))
        #expect(lines[0]["month"] as? String == "2024-10")
        #expect(lines[0]["amountOre"] as? Int == 816_000)
        #expect(lines[0]["approvedOn"] as? String == "2024-11-20")
    }

    @Test func theBasisNamesNoOneAndTheRunIsAuditedAsTheAgreement() throws {
        let (world, _, _, _) = try Self.world()
        let before = try world.database.auditLog(limit: 10_000, as: world.system).count
        let output = try world.billing(["--month", "2024-09", "--as-of", "2024-10-16", "--format", "csv"])
        #expect(output.status == 0)
        // Customers are ids: no name, no personnummer, in any format
        for text in ["Anna", "Hemlig", "Bo", "Kund", "19850314"] {
            #expect(!output.standardOutput.contains(text), "\(text)")
        }
        #expect(output.standardError == "")
        let audit = try world.database.auditLog(limit: 10_000, as: world.system).dropLast(before)
            .filter { $0.via.hasPrefix("script:") }
        #expect(Set(audit.map(\.via)) == ["script:scripts/agreements/nacka_billing.lua"])
        #expect(Set(audit.map(\.entity)) == ["enrolment", "report"])
        #expect(audit.allSatisfy { $0.action == "list" && $0.actorId == nil })
    }

    @Test func aProvidersStaffSeesOnlyTheirOwnCustomers() throws {
        let (world, _, _, _) = try Self.world()
        let output = try world.billing(["--month", "2024-09", "--as-of", "2024-10-16", "--as", "per", "--format", "csv"])
        #expect(output.status == 0)
        let providers = Set(output.standardOutput.split(separator: "\n").dropFirst().map { $0.split(separator: ";", omittingEmptySubsequences: false)[1] })
        #expect(providers == ["framsteg", ""])
        #expect(output.standardOutput.contains("totalt;;;;;;;2024-09;;;;387600;3876,00;;"))
    }

    @Test func wrongInputIsRefusedClearly() throws {
        let world = try BillingWorld()
        let month = try world.billing(["--month", "2024-9"])
        #expect(month.status == 2)
        #expect(month.standardError.hasPrefix("Error: --month ska vara en månad ÅÅÅÅ-MM, inte '2024-9'\n"))
        let asOf = try world.billing(["--month", "2024-09", "--as-of", "16 okt"])
        #expect(asOf.status == 2)
        let missing = try CommandRunner.run(
            ["billing", "--month", "2024-09", "--db", world.folder.appendingPathComponent("nope.sqlite").path],
            in: ShippedLuaTests.repositoryRoot)
        #expect(missing.status == 1)
        #expect(missing.standardError.hasSuffix("nope.sqlite finns inte (skapa den med redovisa init)\n"))
        let unknown = try world.billing(["--month", "2024-09", "--as", "nobody"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError == "error: ingen användare 'nobody'\n")
    }
}
