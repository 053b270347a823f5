import LuaHost

extension DomainModules {
    /// `deadlines`: what the deadline rules (scripts/deadlines/) read, as the run's user may see
    /// it.
    ///
    /// - `deadlines.enrolments{organisation=, active_from=, active_to=, as_of=}` →
    ///   { {enrolment, programme, customerChoice, reports, plans, absences}, … }: the
    ///   organisation's enrolments (responsible or providing) active on some day of the range,
    ///   with their reports (no answers), plan versions and absences as at the end of `as_of`.
    ///
    /// Audited: one `list` line for the enrolments, one for the reports.
    public static var deadlines: LuaModule {
        var module = LuaModule("deadlines")
        module.function("enrolments") { call in
            let options = try LuaOptions(call, allowed: ["organisation", "active_from", "active_to", "as_of"])
            let domain = try domain(call)
            let organisation = try options.required(try options.organisation("organisation", in: domain), "organisation")
            let today = LocalDate(call.context.clock.today) ?? .today()
            let asOf = try options.date("as_of") ?? today
            let from = try options.required(try options.date("active_from"), "active_from")
            let to = try options.date("active_to") ?? asOf
            return try perform(domain) { domain throws(RedovisaError) in
                try domain.database.deadlineEnrolments(
                    organisation: organisation, activeFrom: from, activeTo: to, asOf: asOf, as: domain.actor)
            }
        }
        return module
    }
}
