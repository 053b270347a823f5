import LuaHost

extension DomainModules {
    /// `sus`: the SUS register of the Af/FK cooperation.
    ///
    /// - `sus.registrations(person)` → { {step, date, transition, kontor}, … }, oldest first
    public static var sus: LuaModule {
        var module = LuaModule("sus")
        module.function("registrations") { call in
            let person = try call.integer(1)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.susRegistrations(person: person, as: domain.actor)
            }
        }
        return module
    }
}
