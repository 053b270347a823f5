import Foundation
import Testing

/// `redovisa import` as an administrator runs it, through its full output.
struct ImportCommandTests {
    /// A folder with an initialised database `r.sqlite` and the given files.
    private func folder(with files: [String: String]) throws -> URL {
        let dir = try CommandRunner.folder(withScripts: files)
        let initialised = try CommandRunner.run(["init", "--db", "r.sqlite"], in: dir)
        #expect(initialised.status == 0)
        return dir
    }

    private static let header = "personnummer;fornamn;efternamn;kommun;skyddad\n"

    @Test func importsPeopleAndPrintsOneSummaryLine() throws {
        // Given a database and a file of two people (no terminal: no progress bar)
        let dir = try folder(with: [
            "personer.csv": Self.header + "199001012385;Anna;Åberg;Nacka;nej\n900102-2384;Bo;Ek;Nacka;ja\n"
        ])
        // When they are imported
        let output = try CommandRunner.run(["import", "people", "personer.csv", "--db", "r.sqlite"], in: dir)
        // Then one line says what was imported, and nothing else is printed
        #expect(output.status == 0)
        #expect(output.standardOutput == "Importerade 2 personer.\n")
        #expect(output.standardError == "")
        // And importing the same file again is refused, row by row, writing nothing
        let again = try CommandRunner.run(["import", "people", "personer.csv", "--db", "r.sqlite"], in: dir)
        #expect(again.status == 1)
        #expect(again.standardOutput == "")
        #expect(again.standardError == """
            rad 2: personnummer: finns redan
            rad 3: personnummer: finns redan
            Inget importerades: 2 fel.

            """)
    }

    @Test func aFileWithBadRowsImportsNothingAndReportsEveryRow() throws {
        let dir = try folder(with: [
            "personer.csv": Self.header + """
                199001012385;Anna;Åberg;Nacka;nej
                199001012386;Bo;Ek;Nacka;nej
                199001012385;Cia;Berg;Nacka;kanske
                900102-2384;;Ek;Nacka;nej

                """,
            "rättad.csv": Self.header + "199001012385;Anna;Åberg;Nacka;nej\n",
        ])
        let output = try CommandRunner.run(["import", "people", "personer.csv", "--db", "r.sqlite"], in: dir)
        #expect(output.status == 1)
        #expect(output.standardOutput == "")
        #expect(output.standardError == """
            rad 3: personnummer: ogiltigt personnummer: fel kontrollsiffra
            rad 4: personnummer: finns redan på rad 2
            rad 4: skyddad: ska vara ja eller nej
            rad 5: fornamn: saknas
            Inget importerades: 4 fel.

            """)
        // Anna was not imported with the failed file: importing her now succeeds
        let fixed = try CommandRunner.run(["import", "people", "rättad.csv", "--db", "r.sqlite"], in: dir)
        #expect(fixed.standardOutput == "Importerade 1 person.\n")
        #expect(fixed.status == 0)
    }

    @Test func theExampleFilesImportInOrder() throws {
        // Given the example files of docs/examples and a new database
        let examples = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/examples")
        let dir = try folder(with: [:])
        var printed: [String] = []
        // When they are imported in the documented order
        for (kind, file) in [("organisations", "organisationer"), ("programmes", "program"), ("people", "personer"), ("enrolments", "insatser")] {
            let output = try CommandRunner.run(
                ["import", kind, examples.appendingPathComponent("\(file).csv").path, "--db", "r.sqlite"], in: dir)
            #expect(output.standardError == "")
            #expect(output.status == 0)
            printed.append(output.standardOutput)
        }
        // Then each says what it imported
        #expect(printed == [
            "Importerade 4 organisationer och 3 kontor.\n", "Importerade 6 program.\n", "Importerade 5 personer.\n",
            "Importerade 5 insatser.\n",
        ])
    }

    @Test func aFileThatIsNotUTF8IsRefusedNamingTheLine() throws {
        let dir = try folder(with: [:])
        let latin1 = Data((Self.header + "199001012385;K").utf8) + Data([0xE5]) + Data("re;Ek;Nacka;nej\n".utf8)
        try latin1.write(to: dir.appendingPathComponent("latin1.csv"))
        let output = try CommandRunner.run(["import", "people", "latin1.csv", "--db", "r.sqlite"], in: dir)
        #expect(output.status == 1)
        #expect(output.standardError == """
            rad 2: filen är inte UTF-8-text (spara den som CSV UTF-8)
            Inget importerades: 1 fel.

            """)
    }

    @Test func aMissingHeaderColumnIsOneClearError() throws {
        let dir = try folder(with: ["p.csv": "personnummer;fornamn;efternamn;kommun\n199001012385;Anna;Åberg;Nacka\n"])
        let output = try CommandRunner.run(["import", "people", "p.csv", "--db", "r.sqlite"], in: dir)
        #expect(output.status == 1)
        #expect(output.standardError == """
            rad 1: kolumnen skyddad saknas i rubrikraden (den ska vara personnummer;fornamn;efternamn;kommun;skyddad)
            Inget importerades: 1 fel.

            """)
    }

    @Test func anEmptyFileAMissingFileAndAMissingDatabaseAreClearErrors() throws {
        let dir = try folder(with: ["tom.csv": ""])
        let empty = try CommandRunner.run(["import", "people", "tom.csv", "--db", "r.sqlite"], in: dir)
        #expect(empty.status == 1)
        #expect(empty.standardError == "filen är tom: den ska börja med en rubrikrad\nInget importerades: 1 fel.\n")
        let missing = try CommandRunner.run(["import", "people", "saknas.csv", "--db", "r.sqlite"], in: dir)
        #expect(missing.status == 1)
        #expect(missing.standardError == "saknas.csv: filen finns inte\n")
        let noDatabase = try CommandRunner.run(["import", "people", "tom.csv", "--db", "ny.sqlite"], in: dir)
        #expect(noDatabase.status == 1)
        #expect(noDatabase.standardError == "databasen ny.sqlite finns inte: skapa den med redovisa init --db ny.sqlite\n")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("ny.sqlite").path))
    }

    @Test func anUnknownKindIsAUsageError() throws {
        let dir = try folder(with: ["p.csv": Self.header])
        let output = try CommandRunner.run(["import", "personer", "p.csv", "--db", "r.sqlite"], in: dir)
        #expect(output.status == 2)
        #expect(output.standardError.hasPrefix(
            "Error: The value 'personer' is invalid for '<kind>'. Please provide one of 'people', 'organisations', 'programmes' or 'enrolments'.\n"))
    }
}
