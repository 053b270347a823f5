import Foundation

/// Service 5 of DOMAIN.md: Nacka's customer choice "arbete och etablering" (seed 004).
extension DemoBuilder {
    /// Nacka's six interventions: 56 new customers, 10 establishment-programme participants in
    /// ISA 1, and four who step up from FAI 1 to AMI 2 — with providers authorised for the choice,
    /// maximum lengths, extensions by decision, implementation plans, absences, monthly and final
    /// reports.
    func planCustomerChoice(establishment: [(person: Person, home: Home, start: LocalDate)]) throws(RedovisaError) {
        let counts: [(code: String, count: Int)] = [("FAI1", 10), ("FAI2", 9), ("AMI1", 12), ("AMI2", 12), ("ISA2", 13)]
        let protections: [Int: ProtectedIdentity] = [2: .protectedRegistration, 9: .protectedRegistration, 20: .confidentialityMark, 33: .fictitiousIdentity]
        let firstIndex = counts.reduce(into: [0]) { $0.append($0.last! + $1.count) }
        var stepUps = 0
        for (c, (code, count)) in counts.enumerated() {
            for n in 0..<count {
                let index = firstIndex[c] + n
                let protection = protections[index]
                let newcomer = code.hasPrefix("ISA") ? 0.95 : 0.3
                let home = nackaHome(north: protection != nil ? true : nil)
                let person = try makePerson(
                    newcomer: newcomer, born: code.hasPrefix("ISA") ? 1970...2004 : 1962...2006, home: home,
                    protection: protection, samordningsnummer: (code == "ISA2" && n < 3) || (code == "AMI1" && n < 2))
                // The last of FAI 2, AMI 1 and AMI 2 start after "today": decided, not yet started.
                let start = n == count - 1 && code != "FAI1" && code != "ISA2"
                    ? DemoCalendar.workingDay(onOrAfter: DemoSeed.asOf.adding(days: random.int(7...20)))
                    : startDate(from: "2025-01-07", to: "2025-10-27")
                let ended = try enrolInCustomerChoice(person: person, home: home, code: code, start: start)
                if code == "FAI1", let ended, ended.reason == .completed, stepUps < 4 {
                    let next = DemoCalendar.workingDay(onOrAfter: ended.day.adding(days: random.int(7...21)))
                    if next <= LocalDate("2025-10-27")! {
                        stepUps += 1
                        _ = try enrolInCustomerChoice(person: person, home: home, code: "AMI2", start: next)
                    }
                }
            }
        }
        for participant in establishment.prefix(10) {
            let start = DemoCalendar.workingDay(onOrAfter: max(participant.start.adding(days: random.int(14...60)), LocalDate("2025-02-03")!))
            _ = try enrolInCustomerChoice(person: participant.person, home: participant.home, code: "ISA1", start: start)
        }
    }

    /// One customer-choice enrolment with everything that follows from it. Returns how and when
    /// it ended, if it has.
    private func enrolInCustomerChoice(
        person: Person, home: Home, code: String, start: LocalDate
    ) throws(RedovisaError) -> (day: LocalDate, reason: EndReason)? {
        let programme = world.programmes[code]!
        let choice = programme.customerChoice!
        let office = home.north ? world.nackaNorth : world.nackaSouth
        let officer = person.isProtected ? world.staff["handlaggare-skyddad"]! : world.nackaOfficer(for: office, random: &random)
        let authorised = world.providers.filter { $0.authorisations.contains { $0.choice == choice && $0.since <= start } }
        let provider = random.pick(authorised)
        let staff = world.staff(of: provider)
        let plannedEnd = DemoCalendar.adding(months: programme.maximumMonths!, to: start)
        var enrolment = Enrolment(
            personId: person.id!, programmeId: programme.id!, responsibleOrganisationId: world.nacka.id!,
            officeId: office.id, providerId: provider.id, officerId: officer.userId, start: start, plannedEnd: plannedEnd)

        // Extensions by decision only, one month at a time, at most two (DOMAIN.md §5).
        var end = plannedEnd
        if plannedEnd <= DemoSeed.asOf.adding(days: 10), random.chance(0.45) {
            for _ in 0..<(random.chance(0.3) ? 2 : 1) {
                let decided = DemoCalendar.workingDay(onOrAfter: end.adding(days: -random.int(7...12)))
                end = DemoCalendar.adding(months: 1, to: end)
                enrolment.extensions.append(Extension(decidedOn: decided, newPlannedEnd: end))
            }
        }
        if end < DemoSeed.asOf {
            enrolment.actualEnd = end
            enrolment.endReason = .completed
        }
        if start < DemoSeed.asOf {
            let early = random.weighted([(EndReason?.none, 84), (.endedEarly, 10), (.interrupted, 6)])
            let day = start.adding(days: random.int(30...120))
            if let early, day < (enrolment.actualEnd ?? DemoSeed.asOf), day < DemoSeed.asOf {
                enrolment.actualEnd = day
                enrolment.endReason = early
                enrolment.extensions = enrolment.extensions.filter { $0.decidedOn < day }
            }
        }
        let key = register(enrolment)
        planStaffing(enrolment: key, start: start, officer: officer, staff: staff)

        // The implementation plan within 14 days of the start; a revision after a follow-up.
        let lastDay = min(enrolment.actualEnd ?? DemoSeed.asOf, DemoSeed.asOf)
        let planDay = DemoCalendar.workingDay(onOrAfter: start.adding(days: random.int(6...11)))
        if planDay <= lastDay {
            plan(.implementationPlan, enrolment: key, on: planDay, activities: implementationPlan(code: code, revised: false), by: staff)
            let revision = DemoCalendar.workingDay(onOrAfter: start.adding(days: random.int(40...100)))
            if random.chance(0.3), revision <= lastDay {
                planAdjustment(enrolment: key, revision: revision, officer: officer)
                plan(.implementationPlan, enrolment: key, on: revision, activities: implementationPlan(code: code, revised: true), by: staff)
            } else if enrolment.actualEnd == nil {
                planOpenAdjustment(enrolment: key, planDay: planDay, officer: officer)
            }
        }

        // Absences, reported with date and cause; then the monthly report that lists them.
        for period in Self.periods where reports(enrolment, in: period) {
            var absences: [Absence] = []
            let first = max(start, period.firstDay), last = min(lastDay, period.lastDay)
            if first <= last, random.chance(0.3) {
                let cause: AbsenceCause = code == "ISA1"
                    ? random.weighted([(.sick, 55), (.careOfChild, 25), (.invalid, 20)])
                    : random.weighted([(.sick, 45), (.careOfChild, 20), (.invalid, 20), (.leave, 15)])
                let length = switch cause {
                case .sick: random.int(1...12)
                case .careOfChild: random.int(1...3)
                case .invalid: random.int(1...3)
                case .leave: random.int(3...10)
                }
                let from = first.adding(days: random.int(0...max(0, first.days(until: last) - 1)))
                let to = min(from.adding(days: length - 1), last)
                let attempts = cause == .invalid ? (0..<3).map { from.adding(days: $0) } : []
                let absence = Absence(
                    enrolmentId: 0, from: from, to: to, cause: cause,
                    certificateReceived: (cause == .sick || cause == .careOfChild) && length >= 8 && random.chance(0.8),
                    contactAttempts: attempts,
                    reportedOn: Self.reportedOn(cause: cause, from: from, to: to))
                absences.append(absence)
                // Invalid absence is told the same or the next day; other absence when it ends.
                record(on: cause == .invalid ? from.adding(days: 1) : to.adding(days: 1)) { state throws(RedovisaError) in
                    var copy = absence
                    copy.enrolmentId = try state.enrolmentId(key)
                    return copy
                }
            }
            let subject = monthly(
                "nacka-manadsrapport", period: period, enrolment: enrolment, key: key, author: staff, reviewer: officer,
                lateAfterDay: 7)
            let answers = customerChoiceAnswers(period: period, code: code, absences: absences)
            if random.chance(0.03) {
                scheduleWithdrawnDraft(subject, answers: answers.stages[0], rhythm: .provider(window: 7))
            }
            scheduleReport(subject, answers: answers, outcome: outcome(for: period), rhythm: .provider(window: 7))
        }

        // The final report: before the planned end, or within two weeks of an early end.
        guard let endDay = enrolment.actualEnd, let reason = enrolment.endReason else { return nil }
        if endDay >= LocalDate("2025-07-15")! {
            let written = reason == .completed ? endDay.adding(days: -random.int(0...4)) : endDay.adding(days: random.int(1...10))
            let subject = ReportSubject(
                templateId: "nacka-slutrapport", period: nil, eventDate: endDay, personId: person.id!, enrolmentKey: key,
                author: staff, reviewer: officer, opens: max(written, start), due: max(written, start), lateAfter: endDay.adding(days: 14))
            let outcome = random.weighted([(Outcome.approved, 70), (.submitted, 18), (.approvedAfterReturn, 7), (.returned, 5)])
            scheduleReport(subject, answers: finalReportAnswers(code: code, end: endDay, reason: reason), outcome: outcome, rhythm: .provider(window: 5))
        }
        return (endDay, reason)
    }

    /// The day an absence was told to the officer: the day it is registered (invalid absence the
    /// working day after it began, so one that began before a weekend is told late; other absence
    /// the working day after it ended); an invalid absence beginning on a day number divisible by
    /// four is not told at all.
    static func reportedOn(cause: AbsenceCause, from: LocalDate, to: LocalDate) -> LocalDate? {
        guard cause == .invalid else { return DemoCalendar.workingDay(onOrAfter: to.adding(days: 1)) }
        return from.dayNumber % 4 == 0 ? nil : DemoCalendar.workingDay(onOrAfter: from.adding(days: 1))
    }
}
