import LuaHost

extension DomainModules {
    /// `billing`: what a local agreement on payment reads (scripts/agreements/), as the run's
    /// user may see it. Reports come without their answers: only their status, and the days they
    /// were first submitted and approved.
    ///
    /// - `billing.programmes()` → { Programme, … }: the customer-choice programmes with their
    ///   monthly amounts in öre per year
    /// - `billing.providers{choice = "FAI"}` → { Organisation, … }: providers with their
    ///   authorisations, all or those authorised for one customer choice
    /// - `billing.enrolments{active_from=, active_to=, approved_from=, approved_to=, as_of=,
    ///   templates=}` → { {enrolment = Enrolment, reports = { BillingReport, … }}, … }
    ///
    /// `billing.enrolments` is audited (`list`, the enrolments and the reports); the register
    /// reads are not personal data and are not.
    public static var billing: LuaModule {
        var module = LuaModule("billing")
        module.function("programmes") { call in
            try perform(call) { domain throws(RedovisaError) in try domain.database.customerChoiceProgrammes() }
        }
        module.function("providers") { call in
            let options = try LuaOptions(call, allowed: ["choice"])
            let choice = try options.string("choice")
            return try perform(call) { domain throws(RedovisaError) in try domain.database.providers(choice: choice) }
        }
        module.function("enrolments") { call in
            let options = try LuaOptions(
                call, allowed: ["active_from", "active_to", "approved_from", "approved_to", "as_of", "templates"])
            let today = LocalDate(call.context.clock.today) ?? .today()
            let query = AppDatabase.BillingQuery(
                activeFrom: try options.required(try options.date("active_from"), "active_from"),
                activeTo: try options.required(try options.date("active_to"), "active_to"),
                approvedFrom: try options.required(try options.date("approved_from"), "approved_from"),
                approvedTo: try options.required(try options.date("approved_to"), "approved_to"),
                asOf: try options.date("as_of") ?? today,
                templates: try templates(options))
            return try perform(call) { domain throws(RedovisaError) in
                try domain.database.billingEnrolments(query, as: domain.actor)
            }
        }
        return module
    }

    /// Option `templates`: a non-empty list of template ids.
    private static func templates(_ options: LuaOptions) throws(LuaError) -> [String] {
        guard case .table(let list) = options.table["templates"], list.hash.isEmpty, !list.array.isEmpty else {
            throw options.problem("templates", "a list of template ids expected, got \(options.table["templates"].typeName)")
        }
        var ids: [String] = []
        for value in list.array {
            guard let id = value.stringValue else {
                throw options.problem("templates", "template ids are strings, got \(value.typeName)")
            }
            ids.append(id)
        }
        return ids
    }
}
