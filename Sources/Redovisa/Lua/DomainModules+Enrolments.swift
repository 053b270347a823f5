import LuaHost

extension DomainModules {
    /// `enrolments`: people's enrolments (insatser) in programmes, as the run's user may see them.
    ///
    /// - `enrolments.get(id)` → Enrolment
    /// - `enrolments.active{on = "2025-10-14", programme = "FAI1"}` → { Enrolment, … }; `on`
    ///   defaults to the run's `clock.today()`.
    public static var enrolments: LuaModule {
        var module = LuaModule("enrolments")
        module.function("get") { call in
            let id = try call.integer(1)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.enrolment(id: id, as: domain.actor)
            }
        }
        module.function("active") { call in
            let options = try LuaOptions(call, allowed: ["on", "programme"])
            let date = try options.date("on") ?? LocalDate(call.context.clock.today) ?? .today()
            let programme = try options.string("programme")
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.activeEnrolments(on: date, programme: programme, as: domain.actor)
            }
        }
        return module
    }
}
