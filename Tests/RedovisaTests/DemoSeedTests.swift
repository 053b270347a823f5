import Foundation
import Redovisa
import Testing

/// The demo `redovisa demo` seeds: what it holds, that it was made through the real lifecycle,
/// that it is the same every time, and how it goes into a database that is not empty.
struct DemoSeedTests {
    /// One demo for the tests that only look at it (building takes about a second).
    static let demo = Result { () throws(RedovisaError) in try DemoSeed.build() }

    static var system: Actor { .system(via: "test") }
    /// An administrator with the permission to see protected identities: reads every answer.
    static var permittedAdministrator: Actor {
        Actor(user: User(username: "test-admin", displayName: "Test", roles: [.administrator], mayViewProtected: true),
              assignments: [], via: "test")
    }

    @Test func holdsTheOrganisationsStaffAndPeopleItPromises() throws {
        // Given the demo
        let contents = try Self.demo.get().contents()
        // Then it has Nacka (two offices), Af (two), FK (one), three providers and ten programmes
        #expect(contents.organisations == 6)
        #expect(contents.offices == 5)
        #expect(contents.programmes == 10)
        // And 200 people, about 5 % of them protected in all three ways, some with samordningsnummer
        #expect(contents.people == 200)
        #expect(contents.protectedPeople == 10)
        #expect(Set(contents.protectedByKind.keys) == Set(ProtectedIdentity.allCases))
        #expect(contents.samordningsnummer >= 5)
        // And staff in every role, with 40 participants and 10 contact persons who log in
        #expect(contents.users == 61)
        let logins = try DemoSeed.logins(in: Self.demo.get())
        #expect(Set(logins.map(\.role)) == Set(Role.allCases))
        #expect(logins.filter(\.mayViewProtected).map(\.username) == ["handlaggare-skyddad"])
    }

    @Test func everyServiceHasEnrolmentsPlansAndEvents() throws {
        let contents = try Self.demo.get().contents()
        // Then each of the five services has people enrolled, in each of Nacka's six interventions
        for code in ["etablering", "lss-kontaktperson", "rom", "sus", "FAI1", "FAI2", "AMI1", "AMI2", "ISA1", "ISA2"] {
            #expect(contents.enrolmentsByProgramme[code, default: 0] > 0, "no enrolment in \(code)")
        }
        #expect(contents.enrolmentsByProgramme["etablering"] == 44)
        #expect(contents.enrolmentsByProgramme["lss-kontaktperson"] == 26)
        // And some ended, some extended; every kind of plan; absences, deviations, results, SUS
        #expect(contents.endedEnrolments > 10)
        #expect(contents.extendedEnrolments > 5)
        #expect(Set(contents.plansByKind.keys) == Set(PlanKind.allCases))
        #expect(contents.absences > 10)
        #expect(contents.deviations > 10)
        #expect(contents.resultReports > 5)
        #expect(contents.susRegistrations > 50)
    }

    @Test func everyReportStatusIsPresentForEveryTemplate() throws {
        let contents = try Self.demo.get().contents()
        // Then every status occurs
        for status in ReportStatus.allCases {
            #expect(contents.reportsByStatus[status, default: 0] > 0, "no report is \(status)")
        }
        // And every template has reports, for each of the three months
        #expect(Set(contents.reportsByTemplate.keys) == [
            "af-aktivitetsrapport", "lss-kontaktperson", "nacka-manadsrapport", "nacka-slutrapport", "rom-periodisk-rapport",
        ])
        let reports = try Self.demo.get().reports(.init(limit: 10_000), as: Self.system)
        for template in ["af-aktivitetsrapport", "lss-kontaktperson", "nacka-manadsrapport", "rom-periodisk-rapport"] {
            let periods = Set(reports.filter { $0.templateId == template }.compactMap(\.period?.description))
            #expect(periods == ["2025-08", "2025-09", "2025-10"], "\(template): \(periods)")
        }
    }

    @Test func reportsHaveTheHistoryOfTheRealLifecycle() throws {
        // Given the reports that were approved after a return
        let database = try Self.demo.get()
        let approved = try database.reports(.init(statuses: [.approved], limit: 10_000), as: Self.system)
        let histories = try approved.map { try database.history(report: $0.id!, as: Self.system) }
        let afterReturn = histories.filter { $0.map(\.status) == [.draft, .submitted, .returned, .resubmitted, .approved] }
        // Then there are some, the return carries an officer's comment, and every step has a user
        #expect(afterReturn.count > 5)
        for history in afterReturn {
            #expect(history[2].comment?.isEmpty == false)
            #expect(history.allSatisfy { $0.byUserId != nil })
            #expect(zip(history, history.dropFirst()).allSatisfy { $0.at < $1.at })
        }
        // And every submitted report has a case number and a receipt hash of its answers
        for report in approved {
            #expect(report.caseNumber?.hasPrefix("2025-") == true)
            #expect(report.receiptHash != nil)
        }
        // And nothing happened after the demo's "today"
        let today = DemoSeed.asOf
        #expect(approved.allSatisfy { LocalDate.today(at: $0.updatedAt) <= today })
    }

    @Test func lssReportsUseExactlyTheAnswerIdsOfTheEService() throws {
        let ids: Set<String> = [
            "klient_fornamn", "klient_efternamn", "ar", "manad", "alla_tillfallen", "aktiviteter", "anledning",
            "fortydligande", "personnummer", "fornamn", "efternamn", "epost", "mobil", "notifiering", "bekraftelse",
        ]
        let reports = try Self.demo.get().reports(.init(templateId: "lss-kontaktperson", limit: 10_000), as: Self.permittedAdministrator)
        #expect(reports.count > 50)
        for report in reports {
            guard case .object(let answers) = report.answers else {
                Issue.record("answers are not an object")
                continue
            }
            #expect(Set(answers.keys).isSubset(of: ids))
            #expect([JSONValue.string("ja_alla"), .string("nej_nagra"), .string("nej")].contains(answers["alla_tillfallen"] ?? .null))
            // Activities are required unless "Nej"; the reason unless "Ja, alla"
            #expect((answers["alla_tillfallen"] == .string("nej")) == (answers["aktiviteter"] == nil))
            #expect((answers["alla_tillfallen"] == .string("ja_alla")) == (answers["anledning"] == nil))
            if report.status != .draft && report.status != .withdrawn {
                #expect(answers["bekraftelse"] == .bool(true))
                #expect(answers["personnummer"].map { if case .string(let s) = $0 { s.count == 12 } else { false } } == true)
            }
        }
    }

    @Test func protectedPeopleAreMaskedForAnOfficerWithoutThePermission() throws {
        let database = try Self.demo.get()
        // Given an officer of one office, and the officer who may view protected identities
        let officer = try database.actor(username: "handlaggare-norr", via: "test")
        let permitted = try database.actor(username: "handlaggare-skyddad", via: "test")
        // When the officer lists the people they may see
        let seen = try database.people(as: officer)
        let hidden = seen.filter(\.isProtected)
        // Then the protected ones among them are masked: no name, personnummer or contact details
        #expect(!hidden.isEmpty)
        for view in hidden {
            #expect(view.isMasked)
            #expect(view.firstName == PersonView.maskedName)
            #expect(view.personnummer == PersonView.maskedPersonnummer)
            #expect(view.email == nil && view.mobile == nil && view.district == nil)
            // And the officer with the permission sees the same person in full
            let full = try database.person(id: view.id, as: permitted)
            #expect(!full.isMasked)
            #expect(full.firstName != PersonView.maskedName)
        }
        // And people the officer has no assignment for are refused with the SUS message
        let all = try database.people(as: Self.system)
        let outside = all.first { candidate in !seen.contains { $0.id == candidate.id } }!
        let error = #expect(throws: RedovisaError.self) { try database.person(id: outside.id, as: officer) }
        #expect(error?.message == RedovisaError.noAssignmentMessage)
    }

    @Test func theDemoLoginsHaveSomethingToDo() throws {
        let database = try Self.demo.get()
        // The participant: August approved, September returned with a comment, October in progress
        let participant = try database.actor(username: "deltagare", via: "test")
        let own = try database.reports(.init(templateId: "af-aktivitetsrapport"), as: participant)
            .filter { $0.authorId == participant.userId && $0.status != .withdrawn }
            .sorted { $0.period! < $1.period! }
        #expect(own.map(\.status) == [.approved, .returned, .draft])
        // The contact person reports for three people
        let contact = try database.actor(username: "kontaktperson", via: "test")
        let theirs = try database.reports(.init(templateId: "lss-kontaktperson"), as: contact)
        #expect(Set(theirs.map(\.personId)).count == 3)
        #expect(theirs.contains { $0.status == .withdrawn })
        // Officers in Nacka norr and at Af have reports waiting for review
        for (username, office) in [("handlaggare-norr", ("norr", "nacka")), ("handlaggare-af", ("nacka-varmdo", "af"))] {
            let officer = try database.actor(username: username, via: "test")
            let organisation = try #require(try database.organisation(code: office.1))
            let found = try #require(try database.office(code: office.0, organisationId: organisation.id!))
            #expect(try !database.awaitingReview(office: found.id!, as: officer).isEmpty, "\(username) has nothing to review")
        }
    }

    @Test func twoSeedsGiveTheSameDataAndAnotherSeedOtherData() throws {
        // When the demo is built twice into fresh databases in memory
        let first = try DemoSeed.build()
        let second = try DemoSeed.build()
        // Then they hold the same data, row for row
        #expect(try first.contentDigest() == second.contentDigest())
        #expect(try first.people(as: Self.system) == second.people(as: Self.system))
        // And another seed makes another demo of the same shape
        let other = try DemoSeed.build(seed: 7)
        #expect(try other.contentDigest() != first.contentDigest())
        #expect(try other.contents().people == 200)
    }

    @Test func installFillsAnEmptyDatabaseAndLeavesTheDemoAsItIs() throws {
        // Given a demo of its own (others read the shared one, and reading writes audit lines)
        // and an empty database file (WAL, a pool of connections)
        let demo = try DemoSeed.build()
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("demo-\(UUID().uuidString).sqlite").path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let target = try AppDatabase.open(path: path)
        // When the demo is installed, and installed again
        let first = try DemoSeed.install(demo, into: target)
        let again = try DemoSeed.install(demo, into: target)
        // Then it was seeded, then found already present, and the file holds what the demo holds
        #expect(first == .seeded)
        #expect(again == .alreadyPresent)
        #expect(try DemoSeed.check(target, reset: false) == .alreadyPresent)
        #expect(try AppDatabase.open(path: path).contentDigest() == demo.contentDigest())
        // And the copy is a working database: the next submission gets the next case number
        let contact = try target.actor(username: "kontaktperson", via: "test")
        let draft = try #require(try target.reports(.init(statuses: [.draft], templateId: "lss-kontaktperson"), as: contact).first)
        let highest = try target.reports(.init(limit: 10_000), as: Self.system).compactMap(\.caseNumber).max()!
        #expect(try target.submit(id: draft.id!, as: contact).caseNumber > highest)
    }

    @Test func installRefusesADatabaseWithOtherDataUnlessReset() throws {
        // Given a demo of its own, and a database with someone else's data
        let demo = try DemoSeed.build()
        let world = try World()
        let before = try world.database.contentDigest()
        // When the demo is installed without reset
        let error = #expect(throws: RedovisaError.self) { try DemoSeed.install(demo, into: world.database) }
        // Then it is refused and nothing changed
        #expect(error?.code == .conflict)
        #expect(try world.database.contentDigest() == before)
        // When it is installed with reset, everything is replaced by the demo
        let outcome = try DemoSeed.install(demo, into: world.database, reset: true)
        guard case .replaced(let previous) = outcome else {
            Issue.record("expected .replaced, got \(outcome)")
            return
        }
        #expect(previous.people == 2)
        #expect(try world.database.contentDigest() == demo.contentDigest())
    }
}
