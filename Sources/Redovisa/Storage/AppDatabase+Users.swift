import GRDB

/// A user as scripts and listings see them: no username, no contact details; the display name
/// of a reporter with a protected identity masked like the person.
public struct UserView: Sendable, Hashable, Codable {
    public var id: Int64
    public var displayName: String
    public var roles: [Role]
    /// The person the user is, for reporters (absent for staff, and when masked).
    public var personId: Int64?
    public var isMasked: Bool
}

extension AppDatabase {
    /// User `id` as `actor` may see them: the actor themself, a user who shares an organisation
    /// with them, or anyone for the system and administrators. Audited.
    /// - Throws: ``RedovisaError/Code/notFound``, or ``RedovisaError/Code/accessDenied``.
    public func user(id: Int64, as actor: Actor) throws(RedovisaError) -> UserView {
        let result: Result<UserView, RedovisaError> = try audited { db, lines in
            guard let user = try User.fetchOne(db, key: id) else { return .failure(RedovisaError(.notFound, "användaren finns inte")) }
            let theirs = Set(try Int64.fetchAll(db, sql: "SELECT organisationId FROM assignment WHERE userId = ?", arguments: [id]))
            let mine = Set(actor.assignments.map(\.organisationId))
            guard actor.seesEveryone || actor.userId == id || !theirs.isDisjoint(with: mine) else {
                audit(lines, actor, "denied", "user", [id])
                return .failure(RedovisaError(.accessDenied, "Du får inte se den användaren."))
            }
            audit(lines, actor, "read", "user", [id])
            return .success(try view(of: user, for: actor, in: db))
        }
        return try result.get()
    }

    /// The users with an assignment in organisation `organisationId` — or, with `officeId`, in
    /// that office itself (not organisation-wide) — optionally with `role`, ordered by id. The
    /// actor must have an assignment in the organisation, or be the system or an administrator.
    /// - Throws: ``RedovisaError/Code/accessDenied``, ``RedovisaError/Code/notFound`` for an
    ///   unknown office.
    public func users(
        organisation organisationId: Int64?, office officeId: Int64? = nil, role: Role? = nil, as actor: Actor
    ) throws(RedovisaError) -> [UserView] {
        let result: Result<[UserView], RedovisaError> = try audited { db, lines in
            var organisation = organisationId
            if let officeId {
                guard let office = try Office.fetchOne(db, key: officeId) else { return .failure(RedovisaError(.notFound, "kontoret finns inte")) }
                organisation = office.organisationId
            }
            guard let organisation else { return .failure(RedovisaError(.invalidInput, "ange organisation eller kontor")) }
            guard actor.seesEveryone || actor.assignments.contains(where: { $0.organisationId == organisation }) else {
                audit(lines, actor, "denied", "organisation", [organisation])
                return .failure(RedovisaError(.accessDenied, "Du har inget uppdrag i den organisationen."))
            }
            let place: SQL = officeId.map { "a.officeId = \($0)" } ?? "a.organisationId = \(organisation)"
            let users = try User.fetchAll(db, SQLRequest<User>("""
                SELECT DISTINCT u.* FROM user u JOIN assignment a ON a.userId = u.id WHERE \(place) ORDER BY u.id
                """))
            let chosen = users.filter { role == nil || $0.has(role!) }
            let views = try chosen.map { user in try view(of: user, for: actor, in: db) }
            audit(lines, actor, "list", "user", views.map(\.id))
            return .success(views)
        }
        return try result.get()
    }

    private func view(of user: User, for actor: Actor, in db: Database) throws -> UserView {
        var masked = false
        if let personId = user.personId, let person = try Person.fetchOne(db, key: personId) {
            masked = person.view(for: actor).isMasked
        }
        return UserView(
            id: user.id!, displayName: masked ? PersonView.maskedName : user.displayName,
            roles: user.roles.sorted { $0.rawValue < $1.rawValue }, personId: masked ? nil : user.personId, isMasked: masked)
    }
}
