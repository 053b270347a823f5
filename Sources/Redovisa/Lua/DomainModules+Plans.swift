import LuaHost

extension DomainModules {
    /// `plans`: the plans of an enrolment (IUP, gemensam planering, genomförandeplan).
    ///
    /// - `plans.current(enrolment [, kind])` → Plan or nil: the newest version, of `kind`
    ///   (`"iup"`, `"gemensam_planering"`, `"genomforandeplan"`) or of any kind.
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
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.currentPlan(enrolment: enrolment, kind: kind, as: domain.actor)
            }
        }
        return module
    }
}
