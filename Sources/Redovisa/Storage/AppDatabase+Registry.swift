import Foundation
import GRDB

/// The register: organisations, offices, staff, people, programmes, enrolments and plans.
extension AppDatabase {
    /// Adds any registry record (organisation, office, user, assignment, programme); system and
    /// administrators only. Audited.
    /// - Throws: ``RedovisaError/Code/accessDenied``, ``RedovisaError/Code/conflict`` for a taken code.
    public func add<R: Codable & FetchableRecord & MutablePersistableRecord & Identifiable>(
        _ record: R, as actor: Actor
    ) throws(RedovisaError) -> R where R.ID == Int64? {
        guard actor.seesEveryone else {
            throw RedovisaError(.accessDenied, "Endast administratörer får ändra registret.")
        }
        return try write { db in
            var copy = record
            try copy.insert(db)
            try audit(db, actor, "create", R.databaseTableName, [copy.id ?? 0])
            return copy
        }
    }

    /// Adds a person after checking the personnummer is free. Audited.
    public func add(_ person: Person, as actor: Actor) throws(RedovisaError) -> Person {
        guard actor.seesEveryone || actor.has(.officer) else {
            throw RedovisaError(.accessDenied, "Du får inte lägga till personer.")
        }
        return try write { db in
            if try Person.filter(Column("personnummer") == person.personnummer).fetchCount(db) > 0 {
                throw RedovisaError(.conflict, "personnumret finns redan", field: "personnummer")
            }
            var copy = person
            try copy.insert(db)
            try audit(db, actor, "create", "person", [copy.id!])
            return copy
        }
    }

    /// Adds an enrolment: the system, administrators, or an officer with an assignment in the
    /// responsible organisation. Audited.
    public func add(_ enrolment: Enrolment, as actor: Actor) throws(RedovisaError) -> Enrolment {
        try write { db in
            if !actor.seesEveryone {
                let assigned = try Assignment.filter(Column("userId") == actor.userId && Column("organisationId") == enrolment.responsibleOrganisationId).fetchCount(db) > 0
                guard actor.has(.officer), assigned else { throw RedovisaError.noAssignment }
            }
            var copy = enrolment
            try copy.insert(db)
            try audit(db, actor, "create", "enrolment", [copy.id!], detail: "person \(enrolment.personId)")
            return copy
        }
    }

    /// The user called `username` with their assignments, acting through `via`.
    /// - Throws: ``RedovisaError/Code/notFound``.
    public func actor(username: String, via: String) throws(RedovisaError) -> Actor {
        try read { db in
            guard let user = try User.filter(Column("username") == username).fetchOne(db) else {
                throw RedovisaError(.notFound, "ingen användare '\(username)'")
            }
            let assignments = try Assignment.filter(Column("userId") == user.id).fetchAll(db)
            return Actor(user: user, assignments: assignments, via: via)
        }
    }

    /// The organisation with `code`, or nil.
    public func organisation(code: String) throws(RedovisaError) -> Organisation? {
        try read { db in try Organisation.filter(Column("code") == code).fetchOne(db) }
    }

    /// Every organisation, by code.
    public func organisations() throws(RedovisaError) -> [Organisation] {
        try read { db in try Organisation.order(Column("code")).fetchAll(db) }
    }

    /// The office `code` of organisation `organisationId`, or nil.
    public func office(code: String, organisationId: Int64) throws(RedovisaError) -> Office? {
        try read { db in try Office.filter(Column("code") == code && Column("organisationId") == organisationId).fetchOne(db) }
    }

    /// The programme with `code`, or nil.
    public func programme(code: String) throws(RedovisaError) -> Programme? {
        try read { db in try Programme.filter(Column("code") == code).fetchOne(db) }
    }

    // MARK: People

    /// Person `id` as `actor` may see them. Audited, refusals too.
    /// - Throws: ``RedovisaError/Code/notFound``, or ``RedovisaError/Code/accessDenied`` with the
    ///   SUS message when the actor has no assignment for the person.
    public func person(id: Int64, as actor: Actor) throws(RedovisaError) -> PersonView {
        let result: Result<PersonView, RedovisaError> = try audited { db, lines in
            guard let person = try Person.fetchOne(db, key: id) else {
                return .failure(RedovisaError(.notFound, "personen finns inte"))
            }
            guard try AccessFilter.maySee(person: id, actor, in: db) else {
                audit(lines, actor, "denied", "person", [id])
                return .failure(RedovisaError.noAssignment)
            }
            audit(lines, actor, "read", "person", [id])
            return .success(person.view(for: actor))
        }
        return try result.get()
    }

    /// The person with personnummer `personnummer`, as `actor` may see them (the SUS lookup).
    public func person(personnummer: Personnummer, as actor: Actor) throws(RedovisaError) -> PersonView {
        let id = try read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM person WHERE personnummer = ?", arguments: [personnummer])
        }
        guard let id else { throw RedovisaError(.notFound, "ingen person med det personnumret", field: "personnummer") }
        return try person(id: id, as: actor)
    }

    /// Every person `actor` may see, masked as needed, ordered by id. One audit line lists them.
    public func people(as actor: Actor, limit: Int = 1000, offset: Int = 0) throws(RedovisaError) -> [PersonView] {
        try audited { db, lines in
            let condition = AccessFilter.enrolment("e", actor)
            let request: SQLRequest<Person> = """
                SELECT * FROM person p
                WHERE \(actor.seesEveryone) OR p.id = \(actor.user?.personId ?? -1)
                   OR EXISTS (SELECT 1 FROM enrolment e WHERE e.personId = p.id AND \(condition))
                ORDER BY p.id LIMIT \(limit) OFFSET \(offset)
                """
            let people = try request.fetchAll(db)
            audit(lines, actor, "list", "person", people.compactMap(\.id))
            return people.map { $0.view(for: actor) }
        }
    }

    // MARK: Enrolments

    /// Enrolment `id`, if `actor` may see it. Audited.
    public func enrolment(id: Int64, as actor: Actor) throws(RedovisaError) -> Enrolment {
        let result: Result<Enrolment, RedovisaError> = try audited { db, lines in
            guard let enrolment = try Enrolment.fetchOne(db, key: id) else {
                return .failure(RedovisaError(.notFound, "insatsen finns inte"))
            }
            let condition = AccessFilter.enrolment("e", actor)
            let visible: SQLRequest<Bool> = "SELECT EXISTS (SELECT 1 FROM enrolment e WHERE e.id = \(id) AND \(condition))"
            guard try visible.fetchOne(db) ?? false else {
                audit(lines, actor, "denied", "enrolment", [id])
                return .failure(RedovisaError.noAssignment)
            }
            audit(lines, actor, "read", "enrolment", [id])
            return .success(enrolment)
        }
        return try result.get()
    }

    /// Enrolments active on `date` that `actor` may see, optionally of one programme (by code).
    public func activeEnrolments(on date: LocalDate, programme: String? = nil, as actor: Actor) throws(RedovisaError) -> [Enrolment] {
        try audited { db, lines in
            let condition = AccessFilter.enrolment("e", actor)
            let programmeFilter: SQL = programme.map { "AND e.programmeId = (SELECT id FROM programme WHERE code = \($0))" } ?? ""
            let request: SQLRequest<Enrolment> = """
                SELECT e.* FROM enrolment e
                WHERE e.start <= \(date) AND (e.actualEnd IS NULL OR e.actualEnd >= \(date))
                \(programmeFilter) AND \(condition)
                ORDER BY e.id
                """
            let enrolments = try request.fetchAll(db)
            audit(lines, actor, "list", "enrolment", enrolments.compactMap(\.id))
            return enrolments
        }
    }

    /// Moves an enrolment to another office (a change of office is its own registration): its
    /// reports follow, so that the new office's queue shows them.
    public func move(enrolment id: Int64, toOffice officeId: Int64?, as actor: Actor) throws(RedovisaError) {
        _ = try enrolment(id: id, as: actor)
        try write { db in
            try db.execute(sql: "UPDATE enrolment SET officeId = ? WHERE id = ?", arguments: [officeId, id])
            try db.execute(sql: "UPDATE report SET officeId = ? WHERE enrolmentId = ?", arguments: [officeId, id])
            try audit(db, actor, "update", "enrolment", [id], detail: "kontor")
        }
    }

    // MARK: Plans

    /// Adds the next version of the enrolment's plan of `kind`. Audited.
    public func addPlanVersion(
        enrolment enrolmentId: Int64, kind: PlanKind, activities: [PlanActivity], on date: LocalDate, as actor: Actor
    ) throws(RedovisaError) -> Plan {
        _ = try enrolment(id: enrolmentId, as: actor)
        return try write { db in
            let last = try Int.fetchOne(db, sql: "SELECT MAX(version) FROM plan WHERE enrolmentId = ? AND kind = ?", arguments: [enrolmentId, kind]) ?? 0
            var plan = Plan(enrolmentId: enrolmentId, kind: kind, version: last + 1, activities: activities, createdAt: date)
            try plan.insert(db)
            try audit(db, actor, "create", "plan", [plan.id!], detail: "insats \(enrolmentId)")
            return plan
        }
    }

    /// The newest version of the enrolment's plan (of `kind`, or of any kind), or nil; with
    /// `asOf`, the newest made on or before that day (the plan in force then).
    public func currentPlan(
        enrolment enrolmentId: Int64, kind: PlanKind? = nil, asOf: LocalDate? = nil, as actor: Actor
    ) throws(RedovisaError) -> Plan? {
        _ = try enrolment(id: enrolmentId, as: actor)
        return try read { db in
            var request = Plan.filter(Column("enrolmentId") == enrolmentId)
            if let kind { request = request.filter(Column("kind") == kind) }
            if let asOf { request = request.filter(Column("createdAt") <= asOf) }
            return try request.order(Column("version").desc, Column("id").desc).fetchOne(db)
        }
    }
}
