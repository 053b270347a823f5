import Foundation
import Redovisa
import Testing

/// `redovisa demo` as someone trying Redovisa runs it, through its full output.
struct DemoCommandTests {
    static let firstLine = "Seeded the demo into demo.sqlite, as of 2025-11-06."
    static let logins = [
        "deltagare", "kontaktperson", "anordnare", "anordnare-framtid", "anordnare-nyckeln", "handlaggare-norr",
        "handlaggare-syd", "handlaggare-nacka", "handlaggare-skyddad", "handlaggare-af", "handlaggare-af-soder",
        "handlaggare-fk", "admin",
    ]

    /// Standard output without its first line (which says what was done).
    static func body(_ output: CommandRunner.Output) -> Substring {
        output.standardOutput.drop { $0 != "\n" }
    }

    @Test func seedsAnEmptyDatabaseAndPrintsCountsAndLogins() throws {
        // Given an empty folder
        let dir = try CommandRunner.folder(with: [:])
        // When the demo is seeded into a new file
        let output = try CommandRunner.run(["demo", "--db", "demo.sqlite"], in: dir)
        // Then it succeeds quietly, says what it did, and prints the counts per kind
        #expect(output.status == 0)
        #expect(output.standardError == "")
        let lines = output.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.first == Self.firstLine)
        #expect(lines.contains("organisations         6  a municipality, two agencies, three providers"))
        #expect(lines.contains { $0.hasPrefix("people              200  10 with protected identity, ") })
        #expect(lines.contains { $0.hasPrefix("enrolments          204  etablering 44, LSS 26, Rusta och matcha 36, SUS 28") })
        let reports = try #require(lines.first { $0.hasPrefix("reports  ") })
        #expect(ReportStatus.allCases.allSatisfy { reports.contains(" \($0.rawValue) ") })
        // And the logins table lists every demo login with its role
        let table = try #require(lines.firstIndex(of: "Demo logins:"))
        #expect(lines[table + 1].hasPrefix("  USERNAME  "))
        for (offset, username) in Self.logins.enumerated() {
            #expect(lines[table + 2 + offset].hasPrefix("  \(username) "), "line \(table + 2 + offset): \(lines[table + 2 + offset])")
        }
        #expect(lines[table + 2].contains(" reporter "))
        #expect(lines[table + 4].contains(" provider_staff "))
        #expect(lines[table + 10].contains(" officer ") && lines[table + 10].contains("may view protected identities"))
        #expect(lines[table + 14].contains(" administrator "))
        #expect(lines[table + 15] == "  Also 39 more participants (deltagare02 … deltagare40) and 9 more contact persons (kontaktperson02 … kontaktperson10).")
    }

    @Test func aSecondRunLeavesTheDemoAsItIsAndListsTheLoginsAgain() throws {
        // Given a database with the demo
        let dir = try CommandRunner.folder(with: [:])
        let first = try CommandRunner.run(["demo", "--db", "demo.sqlite"], in: dir)
        let digest = try AppDatabase.open(path: dir.appendingPathComponent("demo.sqlite").path).contentDigest()
        // When the demo is run again
        let second = try CommandRunner.run(["demo", "--db", "demo.sqlite"], in: dir)
        // Then it succeeds, says nothing changed, prints the same counts and logins, and changed nothing
        #expect(second.status == 0)
        #expect(second.standardError == "")
        #expect(second.standardOutput.hasPrefix(
            "demo.sqlite already holds the demo; nothing was changed (add --reset to seed it anew).\n"))
        #expect(Self.body(second) == Self.body(first))
        #expect(try AppDatabase.open(path: dir.appendingPathComponent("demo.sqlite").path).contentDigest() == digest)
    }

    @Test func twoRunsMakeTheSameData() throws {
        // When two processes seed two files
        let dir = try CommandRunner.folder(with: [:])
        let one = try CommandRunner.run(["demo", "--db", "one.sqlite"], in: dir)
        let two = try CommandRunner.run(["demo", "--db", "two.sqlite"], in: dir)
        // Then they print the same and hold the same data, row for row
        #expect(one.status == 0 && two.status == 0)
        #expect(Self.body(one) == Self.body(two))
        let digests = try ["one.sqlite", "two.sqlite"].map {
            try AppDatabase.open(path: dir.appendingPathComponent($0).path).contentDigest()
        }
        #expect(digests[0] == digests[1])
    }

    @Test func aDatabaseWithOtherDataIsRefusedUnlessReset() throws {
        // Given a database that holds someone else's organisation
        let dir = try CommandRunner.folder(with: [:])
        let path = dir.appendingPathComponent("work.sqlite").path
        let existing = try AppDatabase.open(path: path)
        _ = try existing.add(Organisation(code: "vaxholm", name: "Vaxholms stad", kind: .municipality), as: .system(via: "test"))
        let before = try existing.contentDigest()
        // When the demo is run on it
        let refused = try CommandRunner.run(["demo", "--db", "work.sqlite"], in: dir)
        // Then it is refused with a clear message, exit status 1, and nothing changed
        #expect(refused.status == 1)
        #expect(refused.standardOutput == "")
        #expect(refused.standardError == """
            error: work.sqlite: the database already holds data (1 organisation) and the demo fills only an empty database.
            Nothing was changed. Give another file with --db PATH, or add --reset to replace everything in work.sqlite with the demo.

            """)
        #expect(try existing.contentDigest() == before)
        // When it is run with --reset, everything is replaced by the demo
        let reset = try CommandRunner.run(["demo", "--db", "work.sqlite", "--reset"], in: dir)
        #expect(reset.status == 0)
        #expect(reset.standardOutput.hasPrefix(
            "Replaced everything in work.sqlite (1 organisation) with the demo, as of 2025-11-06.\n"))
        #expect(try existing.organisation(code: "vaxholm") == nil)
        #expect(try existing.contents().people == 200)
    }

    @Test func aFileThatIsNotADatabaseIsLeftAsItWas() throws {
        // Given a file that is not a database
        let text = Data("Det här är inte en databas.\n".utf8)
        let dir = try CommandRunner.folder(with: ["notes.sqlite": text])
        // When the demo is run on it
        let output = try CommandRunner.run(["demo", "--db", "notes.sqlite"], in: dir)
        // Then it fails with a clear message and the file is as it was
        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix("error: the demo was not seeded: databasen notes.sqlite kan inte öppnas"))
        #expect(output.standardError.hasSuffix("notes.sqlite was not changed.\n"))
        #expect(try Data(contentsOf: dir.appendingPathComponent("notes.sqlite")) == text)
    }
}

/// `redovisa billing` over the demo: the demo's interventions run in 2025, so it must carry
/// amounts for 2025 or every month would be listed as unpaid for want of an amount.
struct DemoBillingTests {
    @Test func theDemoPaysItsOwnMonths() throws {
        // Given the demo
        let dir = try CommandRunner.folder(with: [:])
        #expect(try CommandRunner.run(["demo", "--db", "demo.sqlite"], in: dir).status == 0)
        // When September 2025 is billed after its cut-off (from the repository, where the agreement is)
        let output = try CommandRunner.run(
            ["billing", "--month", "2025-09", "--as-of", "2025-10-16", "--db", dir.appendingPathComponent("demo.sqlite").path],
            in: ShippedLuaTests.repositoryRoot)
        // Then every provider is paid something, and no month lacks its amount
        #expect(output.status == 0)
        let totals = output.standardOutput.split(separator: "\n").filter { $0.hasPrefix("  Summa ") }
        #expect(totals.count == 3, "\(output.standardOutput)")
        #expect(totals.allSatisfy { !$0.hasSuffix(": 0,00 kr") })
        #expect(!output.standardOutput.contains("inget månadsbelopp"))
    }
}
