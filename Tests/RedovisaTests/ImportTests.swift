import Foundation
import GRDB
@testable import Redovisa
import Testing

/// Importing people, organisations, programmes and enrolments from CSV: all or nothing, with
/// every problem reported by line and column, and no personal data in any message.
struct ImportTests {
    // MARK: Helpers

    private static func pnr(_ date: String, _ serial: Int) -> Personnummer {
        Personnummer.make(birthDate: LocalDate(date)!, serial: serial)
    }

    /// The same number with a wrong check digit.
    private static func badCheckDigit(_ number: Personnummer) -> String {
        let last = Int(String(number.digits.last!))!
        return String(number.digits.dropLast()) + String((last + 1) % 10)
    }

    private func rows(_ table: String, in database: AppDatabase) throws -> Int {
        try database.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 }
    }

    /// Every table's row count, to show that a failed import changed nothing.
    private func counts(_ database: AppDatabase) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for table in ["person", "organisation", "office", "programme", "enrolment", "auditEntry"] {
            counts[table] = try rows(table, in: database)
        }
        return counts
    }

    private func importing(
        _ kind: ImportKind, _ text: String, into database: AppDatabase, as actor: Actor = .system(via: "import")
    ) -> Result<ImportSummary, ImportFailure> {
        Result { () throws(ImportFailure) in try database.importCSV(kind, from: Data(text.utf8), source: "test.csv", as: actor) }
    }

    private func problems(_ result: Result<ImportSummary, ImportFailure>) -> [String] {
        if case .failure(let failure) = result { return failure.lines }
        return ["(imported: \(try! result.get()))"]
    }

    // MARK: People

    @Test func peopleAreImportedInOneTransactionWithOneAuditLine() throws {
        // Given an empty register and a file with the 12-digit, hyphenated and 10-digit forms
        let database = try AppDatabase.inMemory(clock: { World.now })
        let anna = Self.pnr("1990-05-17", 234), bo = Self.pnr("1985-01-31", 111), hidden = Self.pnr("2001-07-04", 42)
        let ten = String(hidden.digits.dropFirst(2).prefix(6)) + "-" + hidden.digits.suffix(4)
        let file = """
            personnummer;fornamn;efternamn;kommun;skyddad
            \(anna.digits);Anna;Åberg;Nacka;nej
            \(bo.formatted);Bo;Ek;;NEJ
            \(ten);Hemlig;Person;Nacka;ja
            """
        // When it is imported
        let summary = try importing(.people, file, into: database).get()
        // Then three people are in the register, the protected one marked
        #expect(summary.description == "Importerade 3 personer.")
        let system = Actor.system(via: "test")
        let people = try database.people(as: system)
        #expect(people.map(\.personnummer) == [anna.formatted, bo.formatted, PersonView.maskedPersonnummer])
        #expect(people.map(\.isProtected) == [false, false, true])
        #expect(people[1].municipality == nil)
        // And one audit line records the import, by the system via import, with ids and no personal data
        let audit = try database.auditLog(entity: "person", as: system).last!
        #expect(audit.action == "import")
        #expect(audit.via == "import")
        #expect(audit.actorId == nil)
        #expect(audit.entityIds == people.map(\.id))
        #expect(audit.detail == "fil test.csv: 3 personer")
    }

    @Test func oneBadRowMeansNothingIsImportedAndEveryBadRowIsReported() throws {
        // Given a register with Anna, and a file of eight rows of which six are wrong
        let world = try World()
        let database = world.database
        let ok1 = Self.pnr("1970-02-03", 101), ok2 = Self.pnr("1971-03-04", 202), dup = Self.pnr("1972-04-05", 303)
        let file = """
            personnummer;fornamn;efternamn;kommun;skyddad;epost;mobil
            \(ok1.digits);Ove;Ok;Nacka;nej;;
            \(Self.badCheckDigit(Self.pnr("1980-01-01", 123)));Fel;Siffra;Nacka;nej;;
            \(dup.digits);Dubbel;Ett;Nacka;nej;;
            \(ok2.digits);Kim;Kanske;Nacka;kanske;;
            \(dup.digits);Dubbel;Två;Nacka;nej;;
            \(world.anna.personnummer.digits);Anna;Igen;Nacka;nej;;
            12345;;Utan;Nacka;;inte-en-adress;12
            \(Self.pnr("1999-12-31", 5).digits);Lång;\(String(repeating: "x", count: 101));Nacka;nej;;
            """
        let before = try counts(database)
        // When it is imported
        let result = importing(.people, file, into: database)
        // Then every problem is reported, by line and column, in Swedish
        #expect(problems(result) == [
            "rad 3: personnummer: ogiltigt personnummer: fel kontrollsiffra",
            "rad 5: skyddad: ska vara ja eller nej",
            "rad 6: personnummer: finns redan på rad 4",
            "rad 7: personnummer: finns redan",
            "rad 8: personnummer: ogiltigt personnummer: ska vara 12 siffror (ÅÅÅÅMMDDXXXX) eller 10 siffror med - eller + (ÅÅMMDD-XXXX)",
            "rad 8: fornamn: saknas",
            "rad 8: skyddad: ska vara ja eller nej",
            "rad 8: epost: ogiltig e-postadress",
            "rad 8: mobil: ogiltigt mobilnummer",
            "rad 9: efternamn: får vara högst 100 tecken",
        ])
        // And nothing was written, not even an audit line
        #expect(try counts(database) == before)
        // And no message repeats a name or a personnummer from the file
        let text = problems(result).joined(separator: "\n")
        for secret in ["Ove", "Dubbel", "Kanske", "Anna", "Utan", ok1.digits, dup.digits, world.anna.personnummer.digits, "12345"] {
            #expect(!text.contains(secret))
        }
    }

    @Test func theHeaderMustNameEveryRequiredColumn() throws {
        let database = try AppDatabase.inMemory(clock: { World.now })
        let row = "\(Self.pnr("1990-01-01", 1).digits);Anna;Åberg;Nacka"
        // A missing column is one error that says what the header should be
        #expect(problems(importing(.people, "personnummer;fornamn;efternamn;kommun\n\(row)\n", into: database)) == [
            "rad 1: kolumnen skyddad saknas i rubrikraden (den ska vara personnummer;fornamn;efternamn;kommun;skyddad)"
        ])
        // An unknown or repeated column is named by its position, not its text
        #expect(problems(importing(.people, "personnummer;fornamn;efternamn;kommun;skyddad;skonummer;Förnamn\n", into: database)) == [
            "rad 1: kolumn 6 har en okänd rubrik (kolumnerna är personnummer;fornamn;efternamn;kommun;skyddad;stadsdel;epost;mobil)",
            "rad 1: kolumn 7 har samma rubrik som kolumn 2",
        ])
        // A file without a header is told so, without echoing the first person
        #expect(problems(importing(.people, "\(row);nej\n", into: database)) == [
            "rad 1: första raden ska vara rubrikraden personnummer;fornamn;efternamn;kommun;skyddad (valfria kolumner: stadsdel;epost;mobil)"
        ])
    }

    @Test func columnNamesIgnoreCaseAccentsAndOrder() throws {
        let database = try AppDatabase.inMemory(clock: { World.now })
        let number = Self.pnr("1990-01-01", 1)
        let file = "Skyddad;Efternamn;FÖRNAMN;Kommun;Personnummer;E-post\nnej;Åberg;Anna;Nacka;\(number.digits);anna@example.se\n"
        #expect(try importing(.people, file, into: database).get().people == 1)
        #expect(try database.person(personnummer: number, as: .system(via: "test")).email == "anna@example.se")
    }

    @Test func emptyFilesAndHeaderOnlyFilesAreClearErrors() throws {
        let database = try AppDatabase.inMemory(clock: { World.now })
        #expect(problems(importing(.people, "", into: database)) == ["filen är tom: den ska börja med en rubrikrad"])
        #expect(problems(importing(.people, "personnummer;fornamn;efternamn;kommun;skyddad\n\n", into: database)) == [
            "filen har bara en rubrikrad: inga rader att importera"
        ])
    }

    @Test func aRowWithTheWrongNumberOfFieldsIsReportedNotGuessed() throws {
        let database = try AppDatabase.inMemory(clock: { World.now })
        let file = """
            personnummer;fornamn;efternamn;kommun;skyddad
            \(Self.pnr("1990-01-01", 1).digits);Anna;Åberg;Nacka;Sund;nej
            \(Self.pnr("1990-01-01", 2).digits);Bo;Ek;nej
            """
        #expect(problems(importing(.people, file, into: database)) == [
            "rad 2: 6 fält, men rubrikraden har 5 (ett fält som innehåller ; ska stå inom citattecken)",
            "rad 3: 4 fält, men rubrikraden har 5 (ett fält som innehåller ; ska stå inom citattecken)",
        ])
        #expect(try rows("person", in: database) == 0)
    }

    @Test func commaSeparatedQuotedBOMAndCRLFFilesImport() throws {
        // Given what a spreadsheet writes with a comma separator: a BOM, CRLF, quoted values
        let database = try AppDatabase.inMemory(clock: { World.now })
        let number = Self.pnr("1960-06-06", 606)
        let text = "personnummer,fornamn,efternamn,kommun,skyddad\r\n\(number.formatted),\"Anna \"\"Annie\"\"\",\"Sund, d.y.\",Värmdö,nej\r\n"
        let summary = try database.importCSV(.people, from: Data([0xEF, 0xBB, 0xBF]) + Data(text.utf8))
        // Then the quotes and the comma are part of the names
        #expect(summary.people == 1)
        let person = try database.person(personnummer: number, as: .system(via: "test"))
        #expect(person.firstName == "Anna \"Annie\"")
        #expect(person.lastName == "Sund, d.y.")
        #expect(person.municipality == "Värmdö")
    }

    @Test func aFileThatIsNotUTF8WritesNothing() throws {
        let database = try AppDatabase.inMemory(clock: { World.now })
        let latin1 = Data("personnummer;fornamn;efternamn;kommun;skyddad\n\(Self.pnr("1990-01-01", 1).digits);K".utf8)
            + Data([0xE5]) + Data("re;Ek;Nacka;nej\n".utf8)
        #expect(throws: ImportFailure(RedovisaError(.invalidInput, "filen är inte UTF-8-text (spara den som CSV UTF-8)", line: 2))) {
            try database.importCSV(.people, from: latin1)
        }
        #expect(try rows("person", in: database) == 0)
    }

    @Test func onlyTheSystemAndAdministratorsImport() throws {
        let world = try World()
        let file = "personnummer;fornamn;efternamn;kommun;skyddad\n\(Self.pnr("1990-01-01", 1).digits);Anna;Ek;Nacka;nej\n"
        let before = try rows("person", in: world.database)
        #expect(problems(importing(.people, file, into: world.database, as: world.officerNorth)) == [
            "Endast administratörer får importera."
        ])
        #expect(try rows("person", in: world.database) == before)
        #expect(try importing(.people, file, into: world.database, as: world.administrator).get().people == 1)
    }

    @Test func progressIsReportedWhileCheckingAndSaving() throws {
        // Given 2 000 people
        let database = try AppDatabase.inMemory(clock: { World.now })
        var file = "personnummer;fornamn;efternamn;kommun;skyddad\n"
        for i in 0..<2_000 {
            let number = Personnummer.make(birthDate: LocalDate(dayNumber: 3_650 + i / 900), serial: i % 900 + 100)
            file += "\(number.digits);F\(i);E;Nacka;nej\n"
        }
        // When they are imported with a progress handler
        var seen: [ImportProgress] = []
        let summary = try database.importCSV(.people, from: Data(file.utf8), progress: { seen.append($0) })
        // Then checking runs to its end before saving starts, which runs to the end too
        #expect(summary.description == "Importerade 2 000 personer.")
        let phases = seen.map(\.phase)
        #expect(phases.first == .checking)
        #expect(phases.last == .saving)
        let firstSaving = try #require(phases.firstIndex(of: .saving))
        #expect(!phases[firstSaving...].contains(.checking))
        #expect(seen.last(where: { $0.phase == .checking }) == ImportProgress(phase: .checking, done: 2_000, total: 2_000))
        #expect(seen.last == ImportProgress(phase: .saving, done: 2_000, total: 2_000))
        #expect(seen.count <= 2_002)
        #expect(try rows("person", in: database) == 2_000)
    }

    // MARK: Organisations and programmes

    @Test func organisationsOfficesAndAuthorisationsAreImported() throws {
        // Given a register with Nacka, and a file with an office listed before its new
        // municipality, an office of Nacka, and a provider with two authorisations
        let world = try World()
        let file = """
            kod;namn;typ;organisation;kundval
            norr;Värmdö norr;kontor;varmdo;
            varmdo;Värmdö kommun;kommun;;
            centrum;Nacka centrum;Kontor;nacka;
            lev-ab;Leverantören AB;anordnare;;FAI:2024-01-01 ISA:2024-06-01
            """
        // When it is imported
        let summary = try importing(.organisations, file, into: world.database).get()
        // Then the organisations and offices are in the register, each office in its organisation
        #expect(summary.description == "Importerade 2 organisationer och 2 kontor.")
        let varmdo = try #require(try world.database.organisation(code: "varmdo"))
        #expect(varmdo.kind == .municipality)
        #expect(try world.database.office(code: "norr", organisationId: varmdo.id!)?.name == "Värmdö norr")
        #expect(try world.database.office(code: "centrum", organisationId: world.nacka.id!)?.name == "Nacka centrum")
        #expect(try world.database.organisation(code: "lev-ab")?.authorisations == [
            Authorisation(choice: "FAI", since: LocalDate("2024-01-01")!),
            Authorisation(choice: "ISA", since: LocalDate("2024-06-01")!),
        ])
    }

    @Test func badOrganisationRowsAreAllReportedAndNothingIsWritten() throws {
        let world = try World()
        let file = """
            kod;namn;typ;organisation;kundval
            nacka;Nacka igen;kommun;;
            ny;Ny;förening;;
            k1;Kontor;kontor;;
            k2;Kontor;kontor;saknas;
            norr;Nacka norr igen;kontor;nacka;
            x y;X;kommun;nacka;FAI:2024-01-01
            lev;Lev;anordnare;;FAI 2024-01-01
            lev;Lev igen;anordnare;;
            """
        let before = try counts(world.database)
        #expect(problems(importing(.organisations, file, into: world.database)) == [
            "rad 2: kod: finns redan",
            "rad 3: typ: ska vara kommun, myndighet, anordnare eller kontor",
            "rad 4: organisation: saknas",
            "rad 5: organisation: ingen organisation med koden \"saknas\" i filen eller i registret",
            "rad 6: kod: finns redan",
            "rad 7: kod: en kod får bara ha bokstäverna a–z, siffror, - _ och . (högst 50 tecken)",
            "rad 7: organisation: ska vara tom för typ kommun: bara ett kontor hör till en organisation",
            "rad 7: kundval: ska vara tom: bara en anordnare har kundval",
            "rad 8: kundval: ska vara KUNDVAL:ÅÅÅÅ-MM-DD, flera åtskilda med mellanslag (FAI:2023-01-15 AMI:2024-03-01)",
            "rad 9: kod: finns redan på rad 8",
        ])
        #expect(try counts(world.database) == before)
    }

    @Test func programmesAreImportedWithAmountsInOre() throws {
        let world = try World()
        let file = """
            kod;namn;kundval;max_manader;manadsbelopp
            AMI2;Arbetsmarknadsinsats 2;AMI;12;2024:3876 2025:3950,50
            lss-kontaktperson;Kontaktperson enligt LSS;;;
            """
        #expect(try importing(.programmes, file, into: world.database).get().description == "Importerade 2 program.")
        let ami = try #require(try world.database.programme(code: "AMI2"))
        #expect(ami == Programme(id: ami.id, code: "AMI2", name: "Arbetsmarknadsinsats 2", customerChoice: "AMI",
                                 maximumMonths: 12, monthlyAmounts: [2024: 387_600, 2025: 395_050]))
        // And a second file with mistakes writes nothing
        let bad = """
            kod;namn;kundval;max_manader;manadsbelopp
            FAI1;Finns redan;FAI;3;
            ISA1;Introduktionsinsats 1;ISA;noll;2024=6324
            """
        #expect(problems(importing(.programmes, bad, into: world.database)) == [
            "rad 2: kod: finns redan",
            "rad 3: max_manader: ska vara ett antal månader, 1–120",
            "rad 3: manadsbelopp: ska vara ÅR:KRONOR, flera åtskilda med mellanslag (2024:8160 2025:8400,50)",
        ])
        #expect(try world.database.programme(code: "ISA1") == nil)
    }

    // MARK: Enrolments

    @Test func enrolmentsReferToTheRegisterByCodeAndUsername() throws {
        // Given the world's register and a file enrolling the protected person through an office,
        // a provider, an officer and a contact person with an agreement, and Anna in an old, ended one
        let world = try World()
        let file = """
            personnummer;program;ansvarig;kontor;anordnare;handlaggare;rapportor;start;planerat_slut;slut;slutorsak;avtal.sessions_per_month;Avtal.kommentar
            \(world.hidden.personnummer.formatted);FAI1;nacka;syd;jobbexpert;sven;kalle;2025-10-01;2025-12-31;;;4;Ring först
            \(world.anna.personnummer.digits);FAI1;af;;;;;2024-01-10;2024-04-10;2024-03-01;avbruten;;
            """
        // When it is imported
        let summary = try importing(.enrolments, file, into: world.database).get()
        // Then both enrolments are there, every code resolved to its record
        #expect(summary.description == "Importerade 2 insatser.")
        let system = Actor.system(via: "test")
        let ids = try world.database.auditLog(entity: "enrolment", as: system).first { $0.action == "import" }!.entityIds
        #expect(ids.count == 2)
        #expect(try world.database.enrolment(id: ids[0], as: system) == Enrolment(
            id: ids[0], personId: world.hidden.id!, programmeId: world.programme.id!,
            responsibleOrganisationId: world.nacka.id!, officeId: world.south.id, providerId: world.provider.id,
            officerId: world.officerSouth.userId, reporterId: world.contactPerson.userId, start: LocalDate("2025-10-01")!,
            plannedEnd: LocalDate("2025-12-31"),
            agreement: ["sessions_per_month": .integer(4), "kommentar": .string("Ring först")]))
        #expect(try world.database.enrolment(id: ids[1], as: system) == Enrolment(
            id: ids[1], personId: world.anna.id!, programmeId: world.programme.id!, responsibleOrganisationId: world.af.id!,
            start: LocalDate("2024-01-10")!, plannedEnd: LocalDate("2024-04-10"), actualEnd: LocalDate("2024-03-01"),
            endReason: .interrupted))
        // And the officer of the south office now sees the protected person's enrolment
        #expect(try world.database.enrolment(id: ids[0], as: world.officerSouth).personId == world.hidden.id)
    }

    @Test func badEnrolmentRowsAreAllReportedAndNothingIsWritten() throws {
        let world = try World()
        let anna = world.anna.personnummer.digits, hidden = world.hidden.personnummer.digits
        let stranger = Self.pnr("1955-05-05", 555).digits
        let file = """
            personnummer;program;ansvarig;kontor;anordnare;handlaggare;rapportor;start;planerat_slut;slut;slutorsak
            \(stranger);FAI1;nacka;norr;jobbexpert;karin;;2025-10-01;;;
            \(anna);FAI9;nacka;;;;;2025-10-01;;;
            \(anna);FAI1;jobbexpert;;;;;2025-10-01;;;
            \(anna);FAI1;nacka;vaster;nacka;pia;okänd.person;2025-10-02;;;
            \(anna);FAI1;nacka;norr;jobbexpert;;;2022-12-01;2023-06-01;;
            \(anna);FAI1;nacka;norr;jobbexpert;;;2025-09-01;;;
            \(hidden);FAI1;nacka;;;;;2025-10-01;2025-09-01;2025-10-15;
            \(hidden);FAI1;nacka;;;;;2025-10-01;;;
            \(hidden);FAI1;nacka;;;;;2025-13-01;;;avslutad
            """
        let before = try counts(world.database)
        let result = importing(.enrolments, file, into: world.database)
        #expect(problems(result) == [
            "rad 2: personnummer: ingen person med det personnumret i registret (importera personerna först)",
            "rad 3: program: inget program med koden \"FAI9\"",
            "rad 4: ansvarig: \"jobbexpert\" är en anordnare: ansvarig ska vara en kommun eller myndighet",
            "rad 5: kontor: inget kontor med koden \"vaster\" i organisationen \"nacka\"",
            "rad 5: anordnare: \"nacka\" är inte en anordnare",
            "rad 5: handlaggare: användaren är inte handläggare",
            "rad 5: rapportor: ingen användare med det användarnamnet",
            "rad 6: anordnare: auktoriserad för kundval FAI först från 2023-01-15",
            "rad 6: planerat_slut: längre än programmets längsta tid (3 månader)",
            "rad 7: start: personen har redan en insats i programmet med samma start",
            "rad 8: planerat_slut: ligger före start",
            "rad 8: slutorsak: saknas: när slut är ifyllt ska slutorsak vara avslutad, avslutad_i_fortid eller avbruten",
            "rad 9: start: samma person, program och start som på rad 8",
            "rad 10: start: datumet finns inte",
            "rad 10: slutorsak: ska vara tom när slut är tomt",
        ])
        #expect(try counts(world.database) == before)
        let text = problems(result).joined(separator: "\n")
        for secret in [anna, hidden, stranger, "okänd.person", "pia"] { #expect(!text.contains(secret)) }
    }

    @Test func anAgreementColumnMustBeASimpleName() throws {
        let world = try World()
        #expect(problems(importing(.enrolments, "personnummer;program;ansvarig;start;avtal.möten/månad\n", into: world.database)) == [
            "rad 1: kolumn 5 har en okänd rubrik (kolumnerna är personnummer;program;ansvarig;start;kontor;anordnare;handlaggare;rapportor;planerat_slut;slut;slutorsak;avtal.NAMN)"
        ])
    }
}
