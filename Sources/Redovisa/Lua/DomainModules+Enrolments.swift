import LuaHost

extension DomainModules {
    /// `enrolments`: people's enrolments (insatser) in programmes, as the run's user may see them.
    ///
    /// - `enrolments.get(id)` → Enrolment
    /// - `enrolments.active{on = "2025-10-14", programme = "FAI1", started_from =, started_to =}` →
    ///   { Enrolment, … } by id; `on` defaults to the run's `clock.today()`, `programme` may be a
    ///   list of codes, `started_from`/`started_to` bound the start date. One audit line.
    /// - `enrolments.list(ids)` → { Enrolment, … } by id: those of `ids` the user may see (the
    ///   others left out), in one query and one audit line.
    public static var enrolments: LuaModule {
        var module = LuaModule("enrolments")
        module.function("get") { call in
            let id = try call.integer(1)
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.enrolment(id: id, as: domain.actor)
            }
        }
        module.function("active") { call in
            let options = try LuaOptions(call, allowed: ["on", "programme", "started_from", "started_to"])
            let date = try options.date("on") ?? LocalDate(call.context.clock.today) ?? .today()
            let programmes = try options.strings("programme")
            let from = try options.date("started_from"), to = try options.date("started_to")
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.activeEnrolments(on: date, programmes: programmes, startedFrom: from, startedTo: to, as: domain.actor)
            }
        }
        module.function("list") { call in
            guard case .table(let list) = call.argument(1), list.hash.isEmpty else {
                throw call.badArgument(1, "a list of enrolment ids expected, got \(call.argument(1).typeName)")
            }
            var ids: [Int64] = []
            for (index, item) in list.array.enumerated() {
                guard let id = item.integerValue else { throw call.badArgument(1, "item \(index + 1): integer expected, got \(item.typeName)") }
                ids.append(id)
            }
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.enrolments(ids: ids, as: domain.actor)
            }
        }
        return module
    }
}
