import Foundation
import Redovisa
import Testing

/// `redovisa script run FILE --as USERNAME --db PATH`: a script that reaches the domain as a user,
/// through the command's full output.
struct ScriptRunDomainTests {
    /// A folder with a database holding Nacka with offices north and south, an officer in each, a
    /// contact person, and Anna enrolled at the north office with the contact person reporting.
    struct Setup {
        let folder: URL
        let database: AppDatabase
        let anna: Person
        let enrolment: Enrolment

        init(scripts: [String: String]) throws {
            folder = try CommandRunner.folder(withScripts: scripts)
            database = try AppDatabase.open(path: folder.appendingPathComponent("redovisa.sqlite").path)
            let system = Actor.system(via: "test")
            let nacka = try database.add(Organisation(code: "nacka", name: "Nacka kommun", kind: .municipality), as: system)
            let north = try database.add(Office(organisationId: nacka.id!, code: "norr", name: "Nacka norr"), as: system)
            let south = try database.add(Office(organisationId: nacka.id!, code: "syd", name: "Nacka syd"), as: system)
            let programme = try database.add(Programme(code: "lss-kontaktperson", name: "Kontaktperson LSS"), as: system)
            for (name, office) in [("karin", north), ("sven", south)] {
                let officer = try database.add(User(username: name, displayName: name.capitalized, roles: [.officer]), as: system)
                _ = try database.add(Assignment(userId: officer.id!, organisationId: nacka.id!, officeId: office.id), as: system)
            }
            let kalle = try database.add(User(username: "kalle", displayName: "Kalle", roles: [.reporter]), as: system)
            anna = try database.add(
                Person(personnummer: Personnummer.make(birthDate: LocalDate("1990-05-17")!, serial: 234),
                       firstName: "Anna", lastName: "Åberg"), as: system)
            enrolment = try database.add(
                Enrolment(personId: anna.id!, programmeId: programme.id!, responsibleOrganisationId: nacka.id!,
                          officeId: north.id, reporterId: kalle.id, start: LocalDate("2025-09-01")!), as: system)
        }

        /// Writes a script into the folder.
        func write(_ path: String, _ source: String) throws {
            try source.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8)
        }

        func run(_ arguments: [String]) throws -> CommandRunner.Output {
            try CommandRunner.run(arguments, in: folder)
        }

        /// The audit lines written through scripts.
        func scriptAudit() throws -> [AuditEntry] {
            try database.auditLog(limit: 1000, as: .system(via: "test")).filter { $0.via.hasPrefix("script:") }
        }
    }

    @Test func aScriptRunsAsTheUserAndIsAuditedAsTheScript() throws {
        // Given a database and a script that lists the people the user may see
        let setup = try Setup(scripts: [
            "scripts/who.lua": """
                local list = people.list()
                return #list, list[1].firstName, enrolments.active()[1].start
                """
        ])
        // When the north officer runs it
        let output = try setup.run(
            ["script", "run", "scripts/who.lua", "--as", "karin", "--db", "redovisa.sqlite", "--as-of", "2025-10-14"])
        // Then it sees Anna, and the reads are audited as karin through the script
        #expect(output.standardError == "")
        #expect(output.status == 0)
        #expect(output.standardOutput == "1\n\"Anna\"\n\"2025-09-01\"\n")
        let audit = try setup.scriptAudit()
        #expect(audit.map(\.via) == ["script:scripts/who.lua", "script:scripts/who.lua"])
        #expect(Set(audit.map(\.entity)) == ["person", "enrolment"])
    }

    @Test func theOfficerOfTheOtherOfficeGetsTheSUSMessageAtTheScriptsLine() throws {
        let setup = try Setup(scripts: [:])
        try setup.write("anna.lua", "local id = \(setup.anna.id!)\nreturn people.get(id)")
        let output = try setup.run(["script", "run", "anna.lua", "--as", "sven", "--db", "redovisa.sqlite"])
        #expect(output.status == 1)
        #expect(output.standardOutput == "")
        #expect(output.standardError.hasPrefix("anna.lua:2: \(RedovisaError.noAssignmentMessage)\nstack traceback:\n"))
        #expect(try setup.scriptAudit().map(\.action) == ["denied"])
    }

    @Test func withWriteAScriptDraftsAndSubmitsAndGetsTheReceipt() throws {
        let setup = try Setup(scripts: [:])
        let template = try TemplateSource.file(
            named: "lss-kontaktperson", in: ShippedLuaTests.repositoryRoot.appendingPathComponent("templates").path)
        try setup.database.publishTemplate(
            id: "lss-kontaktperson", version: 1, title: "LSS", source: template.text, as: .system(via: "test"))
        try setup.write("report.lua", """
            local draft = reports.create_draft{ template = "lss-kontaktperson", period = "2025-09",
                                                enrolment = \(setup.enrolment.id!), answers = { ar = 2025, manad = 9 } }
            local ok, refused = pcall(reports.submit, draft.id)
            assert(not ok and refused:find("Rapporten kan inte skickas in: 7 uppgifter behöver rättas.", 1, true), refused)
            draft = reports.save{ id = draft.id, revision = draft.revision, answers = {
              klient_fornamn = "Anna", klient_efternamn = "Andersson", ar = 2025, manad = 9, alla_tillfallen = "ja_alla",
              aktiviteter = "Bio", personnummer = "198112189876", fornamn = "Kalle", efternamn = "Kontakt",
              bekraftelse = true } }
            local receipt = reports.submit(draft.id)
            return { case = receipt.caseNumber, by = receipt.submittedBy }
            """)
        // When the contact person runs it without --write, it is refused and nothing is written
        let readOnly = try setup.run(["script", "run", "report.lua", "--as", "kalle", "--db", "redovisa.sqlite"])
        #expect(readOnly.status == 1)
        #expect(readOnly.standardError.hasPrefix("report.lua:1: reports.create_draft: this run is read-only and may not change data\n"))
        #expect(try setup.database.reports(.init(), as: .system(via: "test")).isEmpty)
        // And with --write, the draft is made and submitted, with the case number in the receipt
        let output = try setup.run(["script", "run", "report.lua", "--as", "kalle", "--db", "redovisa.sqlite", "--write", "--json"])
        #expect(output.standardError == "")
        #expect(output.status == 0)
        // The database records real time (--as-of sets only the script's clock): this year's first case
        let year = LocalDate.today().year
        #expect(output.standardOutput == "{\n  \"by\": \"Kalle\",\n  \"case\": \"\(year)-000001\"\n}\n")
        let history = try setup.database.history(report: 1, as: .system(via: "test"))
        #expect(history.map(\.onBehalfOf) == ["script:report.lua", "script:report.lua"])
    }

    @Test func withoutAsThereAreNoDomainModules() throws {
        let setup = try Setup(scripts: ["x.lua": "return people.list()"])
        let output = try setup.run(["script", "run", "x.lua"])
        #expect(output.status == 1)
        #expect(output.standardError.hasPrefix("x.lua:1: attempt to index a nil value (global 'people')\n"))
    }

    @Test func dbAndWriteNeedAs() throws {
        let setup = try Setup(scripts: ["x.lua": "return 1"])
        let db = try setup.run(["script", "run", "x.lua", "--db", "redovisa.sqlite"])
        #expect(db.status == 2)
        #expect(db.standardError.contains("--db is used only with --as USERNAME"))
        let write = try setup.run(["script", "run", "x.lua", "--write"])
        #expect(write.status == 2)
        #expect(write.standardError.contains("--write needs --as USERNAME"))
    }

    @Test func anUnknownUserOrAMissingDatabaseIsAnErrorAndNoFileIsMade() throws {
        let setup = try Setup(scripts: ["x.lua": "return 1"])
        let nobody = try setup.run(["script", "run", "x.lua", "--as", "nobody", "--db", "redovisa.sqlite"])
        #expect(nobody.status == 1)
        #expect(nobody.standardError == "error: ingen användare 'nobody'\n")
        let missing = try setup.run(["script", "run", "x.lua", "--as", "karin", "--db", "typo.sqlite"])
        #expect(missing.status == 1)
        #expect(missing.standardError == "error: databasen typo.sqlite finns inte (skapa den med redovisa init)\n")
        #expect(!FileManager.default.fileExists(atPath: setup.folder.appendingPathComponent("typo.sqlite").path))
    }
}
