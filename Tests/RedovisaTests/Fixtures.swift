import Foundation
import Redovisa

/// A small world for tests: Nacka kommun with two offices, a provider, Arbetsförmedlingen, an
/// officer in each office, a provider's staff member, an administrator, a contact person who
/// reports, and people enrolled — one of them with a protected identity.
struct World {
    let database: AppDatabase
    let system = Actor.system(via: "test")
    var nacka: Organisation
    var af: Organisation
    var provider: Organisation
    var north: Office
    var south: Office
    var programme: Programme
    var officerNorth: Actor
    var officerSouth: Actor
    var providerStaff: Actor
    var administrator: Actor
    var contactPerson: Actor
    var anna: Person
    var hidden: Person
    var annaEnrolment: Enrolment
    var hiddenEnrolment: Enrolment

    /// A fixed "now" for reproducible case numbers and history: 2025-10-03 10:00 UTC.
    static let now = Date(timeIntervalSince1970: 1_759_485_600)

    init(database: AppDatabase? = nil, clock: @escaping @Sendable () -> Date = { World.now }) throws {
        let database = try database ?? AppDatabase.inMemory(clock: clock)
        self.database = database
        let system = Actor.system(via: "test")
        nacka = try database.add(Organisation(code: "nacka", name: "Nacka kommun", kind: .municipality), as: system)
        af = try database.add(Organisation(code: "af", name: "Arbetsförmedlingen", kind: .agency), as: system)
        provider = try database.add(
            Organisation(code: "jobbexpert", name: "Jobbexpert AB", kind: .provider,
                         authorisations: [Authorisation(choice: "FAI", since: LocalDate("2023-01-15")!)]), as: system)
        north = try database.add(Office(organisationId: nacka.id!, code: "norr", name: "Nacka norr"), as: system)
        south = try database.add(Office(organisationId: nacka.id!, code: "syd", name: "Nacka syd"), as: system)
        programme = try database.add(
            Programme(code: "FAI1", name: "Förberedande arbetsinriktad insats 1", customerChoice: "FAI", maximumMonths: 3,
                      monthlyAmounts: [2024: 816_000]), as: system)

        func user(_ name: String, _ roles: Set<Role>, assignedTo org: Organisation?, office: Office? = nil,
                  mayViewProtected: Bool = false) throws -> Actor {
            let user = try database.add(User(username: name, displayName: name.capitalized, roles: roles,
                                             mayViewProtected: mayViewProtected), as: system)
            if let org {
                _ = try database.add(Assignment(userId: user.id!, organisationId: org.id!, officeId: office?.id), as: system)
            }
            return try database.actor(username: name, via: "test")
        }
        officerNorth = try user("karin", [.officer], assignedTo: nacka, office: north)
        officerSouth = try user("sven", [.officer], assignedTo: nacka, office: south)
        providerStaff = try user("pia", [.providerStaff], assignedTo: provider)
        administrator = try user("admin", [.administrator], assignedTo: nil)
        contactPerson = try user("kalle", [.reporter], assignedTo: nil)

        anna = try database.add(Person(personnummer: Personnummer.make(birthDate: LocalDate("1990-05-17")!, serial: 234),
                                       firstName: "Anna", lastName: "Åberg", municipality: "Nacka"), as: system)
        hidden = try database.add(Person(personnummer: Personnummer.make(birthDate: LocalDate("1988-11-02")!, serial: 567),
                                         firstName: "Hemlig", lastName: "Person", municipality: "Nacka",
                                         protection: .protectedRegistration, email: "h@example.se"), as: system)
        annaEnrolment = try database.add(Enrolment(personId: anna.id!, programmeId: programme.id!,
                                                   responsibleOrganisationId: nacka.id!, officeId: north.id,
                                                   providerId: provider.id, officerId: officerNorth.userId,
                                                   reporterId: contactPerson.userId, start: LocalDate("2025-09-01")!),
                                         as: system)
        hiddenEnrolment = try database.add(Enrolment(personId: hidden.id!, programmeId: programme.id!,
                                                     responsibleOrganisationId: nacka.id!, officeId: north.id,
                                                     providerId: provider.id, start: LocalDate("2025-08-15")!), as: system)
    }

    /// A world in a database file of its own (a pool of connections, as the server has) in a
    /// new temporary folder, which the caller removes.
    static func inFile(named name: String) throws -> (World, URL) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let database = try AppDatabase.open(path: folder.appendingPathComponent("test.sqlite").path, clock: { World.now })
        return (try World(database: database), folder)
    }

    /// A September draft about Anna by her contact person.
    func draft(answers: JSONValue = .object(["ar": .integer(2025)])) throws -> Report {
        try database.createDraft(
            .init(templateId: "lss-kontaktperson", templateVersion: 1, period: Period("2025-09"), personId: anna.id!,
                  enrolmentId: annaEnrolment.id, answers: answers), as: contactPerson)
    }
}
