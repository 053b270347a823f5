import Foundation
import GRDB
import LuaHost

/// A reminder's recipient as the runner found them, once per rule: their login and their person.
/// The rule's `message` gets ``who(for:)`` as `reminder.who`; the runner picks the channels from
/// the person's choices (``AppDatabase/plan(_:recipients:as:)``).
public struct ResolvedRecipient: Sendable, Hashable {
    public var user: User?
    public var person: Person?

    /// What `message(reminder, ctx)` gets as `reminder.who`: `{ firstName = "Karin", isMasked = false }`
    /// — the first word of the user's display name (of the person's first name for a person
    /// without a login); no name and `isMasked = true` for a protected identity the actor may not
    /// see. Nothing else about the person.
    public func who(for actor: Actor) -> LuaValue {
        var table = LuaTable()
        let masked = person.map { $0.view(for: actor).isMasked } ?? false
        table["isMasked"] = .boolean(masked)
        if !masked {
            let name = user.map { String($0.displayName.split(separator: " ").first ?? "") } ?? person?.firstName
            if let name, !name.isEmpty { table["firstName"] = .string(name) }
        }
        return .table(table)
    }

    /// The recipient's name for the administrator's terminal (masked for a protected identity;
    /// never written to a log).
    func terminalName(for actor: Actor) -> String {
        if let person {
            let view = person.view(for: actor)
            return view.isMasked ? PersonView.maskedName : "\(view.firstName) \(view.lastName)"
        }
        return user?.displayName ?? "(finns inte)"
    }
}

extension AppDatabase {
    /// Finds the users and persons of `recipients` in a few queries: a user's person, a person's
    /// first login (by id). A recipient that does not exist comes back with neither. One audit
    /// line for the persons read (`påminnelse: mottagare`).
    /// - Throws: ``RedovisaError/Code/storage``.
    public func recipients(_ recipients: [ReminderRecipient], as actor: Actor) throws(RedovisaError) -> [ReminderRecipient: ResolvedRecipient] {
        let unique = Array(Set(recipients))
        guard !unique.isEmpty else { return [:] }
        return try write { db in
            var userIds: [Int64] = [], personIds: [Int64] = []
            for recipient in unique {
                switch recipient {
                case .user(let id): userIds.append(id)
                case .person(let id): personIds.append(id)
                }
            }
            var users: [Int64: User] = [:]
            for user in try Self.fetch(User.self, db, column: "id", in: userIds) { users[user.id!] = user }
            var loginOf: [Int64: User] = [:]
            for user in try Self.fetch(User.self, db, column: "personId", in: personIds) where loginOf[user.personId!].map({ $0.id! > user.id! }) ?? true {
                loginOf[user.personId!] = user
            }
            var persons: [Int64: Person] = [:]
            let wanted = personIds + users.values.compactMap(\.personId)
            for person in try Self.fetch(Person.self, db, column: "id", in: wanted) { persons[person.id!] = person }
            var resolved: [ReminderRecipient: ResolvedRecipient] = [:]
            for recipient in unique {
                switch recipient {
                case .user(let id):
                    let user = users[id]
                    resolved[recipient] = ResolvedRecipient(user: user, person: user?.personId.flatMap { persons[$0] })
                case .person(let id):
                    resolved[recipient] = ResolvedRecipient(user: loginOf[id], person: persons[id])
                }
            }
            let read = Set(resolved.values.compactMap { $0.person?.id }).sorted()
            if !read.isEmpty { try audit(db, actor, "read", "person", read, detail: "påminnelse: mottagare") }
            return resolved
        }
    }

    /// The records whose `column` is among `values`, 500 values to a query.
    static func fetch<Record: FetchableRecord & TableRecord>(
        _ type: Record.Type, _ db: Database, column: String, in values: [Int64]
    ) throws -> [Record] {
        var found: [Record] = []
        let unique = Array(Set(values)).sorted()
        for start in stride(from: 0, to: unique.count, by: 500) {
            let part = unique[start..<min(start + 500, unique.count)]
            found += try Record.filter(part.contains(Column(column))).fetchAll(db)
        }
        return found
    }
}
