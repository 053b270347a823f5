import Foundation
import Redovisa

/// A database file for `redovisa billing` tests: Nacka with one office and an officer; two
/// providers with a staff member each; FAI 1 and AMI 2 at their 2024 amounts; and customers whose
/// reports are submitted and approved on days the test chooses (the database's clock is moved to
/// 10:00 that day, Stockholm time, before each step).
final class BillingWorld: @unchecked Sendable {
    // @unchecked Sendable: `now` is only read and written while holding `lock`.
    private let lock = NSLock()
    private var now = Date(timeIntervalSince1970: 1_704_067_200)

    let folder: URL
    let path: String
    var database: AppDatabase!
    let system = Actor.system(via: "test")
    var nacka: Organisation!
    var jobbexpert: Organisation!
    var framsteg: Organisation!
    var fai1: Programme!
    var ami2: Programme!
    var officer: Actor!
    var jobbexpertStaff: Actor!
    var framstegStaff: Actor!
    private var office: Office!
    private var serial = 100

    init() throws {
        folder = try CommandRunner.folder(with: [:])
        path = folder.appendingPathComponent("redovisa.sqlite").path
        database = try AppDatabase.open(path: path, clock: { [unowned self] in self.lock.withLock { self.now } })
        nacka = try database.add(Organisation(code: "nacka", name: "Nacka kommun", kind: .municipality), as: system)
        office = try database.add(Office(organisationId: nacka.id!, code: "norr", name: "Nacka norr"), as: system)
        jobbexpert = try database.add(Organisation(
            code: "jobbexpert", name: "Jobbexpert AB", kind: .provider,
            authorisations: [Authorisation(choice: "FAI", since: LocalDate("2023-01-15")!)]), as: system)
        framsteg = try database.add(Organisation(
            code: "framsteg", name: "Framsteg AB", kind: .provider,
            authorisations: [Authorisation(choice: "AMI", since: LocalDate("2023-03-01")!)]), as: system)
        fai1 = try database.add(Programme(
            code: "FAI1", name: "FAI 1", customerChoice: "FAI", maximumMonths: 3, monthlyAmounts: [2024: 816_000]), as: system)
        ami2 = try database.add(Programme(
            code: "AMI2", name: "AMI 2", customerChoice: "AMI", maximumMonths: 12, monthlyAmounts: [2024: 387_600]), as: system)
        officer = try user("karin", .officer, nacka, office: office)
        jobbexpertStaff = try user("pia", .providerStaff, jobbexpert)
        framstegStaff = try user("per", .providerStaff, framsteg)
    }

    private func user(_ name: String, _ role: Role, _ organisation: Organisation, office: Office? = nil) throws -> Actor {
        let user = try database.add(User(username: name, displayName: name.capitalized, roles: [role]), as: system)
        _ = try database.add(Assignment(userId: user.id!, organisationId: organisation.id!, officeId: office?.id), as: system)
        return try database.actor(username: name, via: "test")
    }

    /// Moves the database's clock to 10:00 on `day`, Stockholm time.
    func set(_ day: String) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/Stockholm")!
        let date = LocalDate(day)!
        let instant = calendar.date(from: DateComponents(year: date.year, month: date.month, day: date.day, hour: 10))!
        lock.withLock { now = instant }
    }

    /// A customer called `firstName` enrolled in `programme` with `provider`.
    func customer(
        _ firstName: String, _ programme: Programme, _ provider: Organisation, start: String, end: String? = nil,
        reason: EndReason? = nil, protection: ProtectedIdentity? = nil
    ) throws -> Enrolment {
        serial += 1
        let person = try database.add(Person(
            personnummer: Personnummer.make(birthDate: LocalDate("1985-03-14")!, serial: serial), firstName: firstName,
            lastName: "Kund", municipality: "Nacka", protection: protection), as: system)
        return try database.add(Enrolment(
            personId: person.id!, programmeId: programme.id!, responsibleOrganisationId: nacka.id!, officeId: office.id,
            providerId: provider.id, officerId: officer.userId, start: LocalDate(start)!,
            actualEnd: end.flatMap(LocalDate.init), endReason: reason), as: system)
    }

    /// A monthly report (`period`) or, without one, a final report: submitted by the provider's
    /// staff on `submitted`, and approved by the officer on `approved` if given.
    func report(_ enrolment: Enrolment, period: String? = nil, submitted: String, approved: String? = nil) throws {
        let staff = enrolment.providerId == jobbexpert.id ? jobbexpertStaff! : framstegStaff!
        set(submitted)
        let draft = try database.createDraft(.init(
            templateId: period == nil ? "nacka-slutrapport" : "nacka-manadsrapport", templateVersion: 1,
            period: period.flatMap(Period.init), eventDate: period == nil ? enrolment.actualEnd : nil,
            personId: enrolment.personId, enrolmentId: enrolment.id, answers: .object(["klar": .bool(true)])), as: staff)
        _ = try database.submit(id: draft.id!, as: staff)
        if let approved {
            set(approved)
            _ = try database.approve(id: draft.id!, as: officer)
        }
    }

    /// `redovisa billing ARGUMENTS --db PATH`, from the repository root (where the agreement is).
    func billing(_ arguments: [String]) throws -> CommandRunner.Output {
        try CommandRunner.run(["billing"] + arguments + ["--db", path], in: ShippedLuaTests.repositoryRoot)
    }
}
