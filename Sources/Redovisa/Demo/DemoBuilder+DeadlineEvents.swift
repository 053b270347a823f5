import Foundation

/// The events four deadlines of seed 004 read (scripts/deadlines/README.md): a case actualised
/// and staffed, decisions to adjust a plan, and personal-data incidents. Chosen by the enrolment's
/// key and fixed days, never by chance, so that the rest of the demo stays as it was.
extension DemoBuilder {
    /// Plans the actualisation of a customer-choice case on the working day before its start (by
    /// "today" at the latest), by its officer, and its staffing by the provider: the same day for
    /// even keys, the next working day for odd ones, two working days later (late) for every fifth.
    /// A staffing after "today" is not taken, so a case actualised on the last day waits.
    func planStaffing(enrolment key: Int, start: LocalDate, officer: Actor, staff: Actor) {
        var day = start.adding(days: -1)
        while !DemoCalendar.isWorkingDay(day) { day = day.adding(days: -1) }
        let actualised = min(day, DemoSeed.asOf)
        let staffed = key % 5 == 0 ? DemoCalendar.adding(workingDays: 2, to: actualised)
            : key % 2 == 0 ? actualised : DemoCalendar.adding(workingDays: 1, to: actualised)
        let database = database
        timeline.add(at: DemoCalendar.at(actualised, 13, key % 50)) { state throws(RedovisaError) in
            _ = try database.recordActualisation(enrolment: try state.enrolmentId(key), on: actualised, as: officer)
        }
        timeline.add(at: DemoCalendar.at(staffed, staffed == actualised ? 16 : 10, key % 50)) { state throws(RedovisaError) in
            _ = try database.recordStaffing(enrolment: try state.enrolmentId(key), on: staffed, as: staff)
        }
    }

    /// Plans the officer's decision to adjust the implementation plan three working days before
    /// its revision on `revision`, at 10 o'clock.
    func planAdjustment(enrolment key: Int, revision: LocalDate, officer: Actor) {
        var day = revision
        var left = 3
        while left > 0 {
            day = day.adding(days: -1)
            if DemoCalendar.isWorkingDay(day) { left -= 1 }
        }
        let decided = day
        let database = database
        timeline.add(at: DemoCalendar.at(decided, 10, key % 50)) { state throws(RedovisaError) in
            _ = try database.requestPlanRevision(
                enrolment: try state.enrolmentId(key), kind: .implementationPlan, decidedOn: decided, as: officer)
        }
    }

    /// Plans, for a running intervention with a plan and no revision, every eleventh by key, a
    /// recent decision to adjust the plan that the provider has not acted on yet: 8 days before
    /// "today" (overdue) for keys divisible by three, else 2 days before (due next week); only
    /// after the plan's first version.
    func planOpenAdjustment(enrolment key: Int, planDay: LocalDate, officer: Actor) {
        guard key % 11 == 0 else { return }
        let decided = DemoCalendar.workingDay(onOrAfter: DemoSeed.asOf.adding(days: key % 3 == 0 ? -8 : -2))
        guard decided > planDay, decided <= DemoSeed.asOf else { return }
        let database = database
        timeline.add(at: DemoCalendar.at(decided, 11, key % 50)) { state throws(RedovisaError) in
            _ = try database.requestPlanRevision(
                enrolment: try state.enrolmentId(key), kind: .implementationPlan, decidedOn: decided, as: officer)
        }
    }

    /// Three personal-data incidents: one in Nacka reported within the 72 hours, one at a provider
    /// not yet reported a week after its discovery, and one in Nacka discovered the day before
    /// "today".
    func planIncidents() {
        let database = database, system = system
        let nacka = world.nacka.id!, provider = world.providers[0].id!
        let incidents: [(organisation: Int64, discovered: Date, reported: Date?, description: String)] = [
            (nacka, DemoCalendar.at(LocalDate("2025-09-18")!, 15, 40), DemoCalendar.at(LocalDate("2025-09-19")!, 11, 5),
             "E-post med månadsrapport skickad till fel mottagare"),
            (provider, DemoCalendar.at(DemoSeed.asOf.adding(days: -7), 9, 20), nil,
             "Utskrivna genomförandeplaner kvarglömda i mötesrum"),
            (nacka, DemoCalendar.at(DemoSeed.asOf.adding(days: -1), 16, 30), nil,
             "Obehörig åtkomst till delad mapp upptäckt"),
        ]
        for incident in incidents {
            timeline.add(at: incident.discovered.addingTimeInterval(1_800)) { _ throws(RedovisaError) in
                let made = try database.registerIncident(
                    organisation: incident.organisation, discoveredAt: incident.discovered,
                    description: incident.description, as: system)
                guard let reported = incident.reported else { return }
                _ = try database.recordIncidentReported(made.id!, at: reported, as: system)
            }
        }
    }
}
