import LuaHost

extension DomainModules {
    /// `plans`: the plans of an enrolment (IUP, gemensam planering, genomförandeplan).
    ///
    /// - `plans.current(enrolment [, kind [, as_of]])` → Plan or nil: the newest version, of `kind`
    ///   (`"iup"`, `"gemensam_planering"`, `"genomforandeplan"`) or of any kind; with `as_of`
    ///   (`"YYYY-MM-DD"`), the newest made on or before that day.
    public static var plans: LuaModule {
        var module = LuaModule("plans")
        module.function("current") { call in
            let enrolment = try call.integer(1)
            var kind: PlanKind?
            if let text = try call.optionalString(2) {
                guard let parsed = PlanKind(rawValue: text) else {
                    let names = PlanKind.allCases.map(\.rawValue).joined(separator: ", ")
                    throw call.badArgument(2, "unknown plan kind \(LuaValue.string(text).luaLiteral) (one of \(names))")
                }
                kind = parsed
            }
            var asOf: LocalDate?
            if let text = try call.optionalString(3) {
                guard let date = LocalDate(text) else { throw call.badArgument(3, "\"YYYY-MM-DD\" expected, got \(LuaValue.string(text).luaLiteral)") }
                asOf = date
            }
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.currentPlan(enrolment: enrolment, kind: kind, asOf: asOf, as: domain.actor)
            }
        }
        return module
    }
}
