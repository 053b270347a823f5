import LuaHost

extension DomainModules {
    /// `users`: the people who log in — staff and reporters — as the run's user may see them,
    /// to find whom a reminder goes to (docs/scripting.md, "users"). No usernames, no contact
    /// details.
    ///
    /// - `users.get(id)` → User
    /// - `users.list{organisation=, office=, role=}` → { User, … }: the users with an assignment
    ///   in an organisation (any of its offices, or all of it), or in one office
    public static var users: LuaModule {
        var module = LuaModule("users")
        module.function("get") { call in
            let id = try call.integer(1)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.user(id: id, as: domain.actor)
            }
        }
        module.function("list") { call in
            let options = try LuaOptions(call, allowed: ["organisation", "office", "role"])
            let domain = try domain(call)
            let organisation = try options.organisation("organisation", in: domain)
            let office = try options.office("office", in: domain)
            guard organisation != nil || office != nil else { throw call.badArgument(1, "option 'organisation' or 'office' is required") }
            var role: Role?
            if let text = try options.string("role") {
                guard let parsed = Role(rawValue: text) else {
                    throw options.problem("role", "one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")) expected, got \(LuaValue.string(text).luaLiteral)")
                }
                role = parsed
            }
            return try perform(domain) { domain throws(RedovisaError) in
                try domain.database.users(organisation: organisation, office: office, role: role, as: domain.actor)
            }
        }
        return module
    }
}
