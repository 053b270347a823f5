import LuaHost

extension DomainModules {
    /// `deadlines`: what the deadline rules (scripts/deadlines/) read, as the run's user may see
    /// it.
    ///
    /// - `deadlines.enrolments{organisation=, active_from=, active_to=, as_of=}` →
    ///   { {enrolment, programme, customerChoice, reports, plans, absences, actualisedOn, staffedOn,
    ///   adjustments}, … }: the organisation's enrolments (responsible or providing) active on
    ///   some day of the range, with their reports (no answers), plan versions, absences (with
    ///   `reportedOn`), the days the case was actualised and staffed, and decisions to adjust a
    ///   plan ({kind, decidedOn}), as at the end of `as_of`.
    /// - `deadlines.incidents{organisation=, as_of=}` → { {id, organisation, organisationKind,
    ///   discoveredAt, reportedAt, description}, … }: the organisation's personal-data incidents
    ///   discovered by the end of `as_of` (times `YYYY-MM-DD HH:MM`, Stockholm), for someone with
    ///   an assignment in it; an empty list for anyone else.
    ///
    /// Audited: one `list` line for the enrolments, one for the reports; one for the incidents.
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
        module.function("incidents") { call in
            let options = try LuaOptions(call, allowed: ["organisation", "as_of"])
            let domain = try domain(call)
            let organisation = try options.required(try options.organisation("organisation", in: domain), "organisation")
            let today = LocalDate(call.context.clock.today) ?? .today()
            let asOf = try options.date("as_of") ?? today
            return try perform(domain) { domain throws(RedovisaError) in
                try domain.database.deadlineIncidents(organisation: organisation, asOf: asOf, as: domain.actor)
            }
        }
        return module
    }
}
