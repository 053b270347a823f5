import Foundation

/// Service 3 of DOMAIN.md: Rusta och matcha, documented by the provider (seed 002).
extension DemoBuilder {
    /// 36 participants in Rusta och matcha with a provider: IUP and joint planning (updated before
    /// period 2), deviations, result reports and monthly periodic reports.
    func planRustaOchMatcha() throws(RedovisaError) {
        let programme = world.programmes["rom"]!
        for index in 0..<36 {
            let south = index >= 28
            let protection: ProtectedIdentity? = index == 7 ? .confidentialityMark : index == 19 ? .protectedRegistration : nil
            let person = try makePerson(
                newcomer: 0.45, born: 1962...2004, home: afHome(south: south), protection: protection,
                samordningsnummer: index == 11 || index == 25)
            let office = south ? world.afSouth : world.afNacka
            let officer = world.afOfficer(for: office)
            let provider = world.providers[index % 3]
            let staff = world.staff(of: provider)
            let system = random.chance(0.2) ? "KA-Webb" : "MSFA"
            let fullTime = random.chance(0.75)
            let start = startDate(from: "2025-02-03", to: "2025-10-24")
            let periodOneEnd = DemoCalendar.adding(months: 6, to: start)
            var enrolment = Enrolment(
                personId: person.id!, programmeId: programme.id!, responsibleOrganisationId: world.af.id!,
                officeId: office.id, providerId: provider.id, officerId: officer.userId, start: start,
                plannedEnd: periodOneEnd, agreement: ["system": .string(system), "omfattning": .string(fullTime ? "heltid" : "deltid")])
            var periodTwoDecision: LocalDate?
            let ending = random.weighted([(EndReason?.none, 78), (.endedEarly, 15), (.interrupted, 7)])
            if let ending {
                let end = start.adding(days: random.int(40...150))
                if end < DemoSeed.asOf && end < periodOneEnd {
                    enrolment.actualEnd = end
                    enrolment.endReason = ending
                }
            }
            if enrolment.actualEnd == nil, periodOneEnd <= DemoSeed.asOf.adding(days: 20) {
                if random.chance(0.6) {
                    periodTwoDecision = DemoCalendar.workingDay(onOrAfter: periodOneEnd.adding(days: -random.int(10...20)))
                    enrolment.extensions = [Extension(decidedOn: periodTwoDecision!, newPlannedEnd: DemoCalendar.adding(months: 6, to: periodOneEnd))]
                } else if periodOneEnd < DemoSeed.asOf {
                    enrolment.actualEnd = periodOneEnd
                    enrolment.endReason = .completed
                }
            }
            let key = register(enrolment)

            // Plans: the IUP first, the joint planning within five working days of the start.
            let gpDay = DemoCalendar.adding(workingDays: random.int(2...5), to: start)
            plan(.iup, enrolment: key, on: DemoCalendar.adding(workingDays: random.int(1...2), to: start),
                 activities: developmentPlan(fullTime: fullTime), by: staff)
            var gp = jointPlanning(intensified: false)
            plan(.jointPlanning, enrolment: key, on: gpDay, activities: gp, by: staff)
            var gpChanges: [(LocalDate, [PlanActivity])] = [(gpDay, gp)]
            if let decision = periodTwoDecision {
                let day = DemoCalendar.workingDay(onOrAfter: decision.adding(days: -random.int(5...9)))
                gp = jointPlanning(intensified: true)
                plan(.jointPlanning, enrolment: key, on: day, activities: gp, by: staff)
                gpChanges.append((day, gp))
            }

            // Deviations, always reported, whether the cause is known or not.
            var month = start.period
            let lastDay = min(enrolment.actualEnd ?? DemoSeed.asOf, DemoSeed.asOf)
            while month.firstDay <= lastDay {
                if random.chance(0.18) {
                    let date = max(start, month.firstDay).adding(days: random.int(0...20))
                    if date <= lastDay {
                        let known = random.chance(0.6)
                        let text = known
                            ? random.pick(["Deltagaren meddelade sjukdom inför det individuella samtalet.", "Deltagaren hade läkarbesök under gruppaktiviteten.", "Deltagaren var hemma med sjukt barn."])
                            : random.pick(["Deltagaren kom inte till det planerade gruppmötet och har inte hört av sig.", "Deltagaren svarade inte på telefon inför det bokade samtalet."])
                        record(on: date.adding(days: 1)) { state throws(RedovisaError) in
                            Deviation(enrolmentId: try state.enrolmentId(key), date: date, causeKnown: known, description: text)
                        }
                    }
                }
                month = month.next
            }

            // Results: R1/R2 in KA-Webb (same reason), SOA before RR in MSFA.
            if enrolment.endReason == .endedEarly || (enrolment.actualEnd == nil && random.chance(0.12)),
                start.adding(days: 30) <= DemoSeed.asOf.adding(days: -5) {
                let reason: ResultReason = random.chance(0.75) ? .work : .studies
                // A month into the service at the earliest: the provider needs time to find a job with them.
                let latest = min(enrolment.actualEnd ?? DemoSeed.asOf.adding(days: -20), DemoSeed.asOf.adding(days: -5))
                let signal = max(latest.adding(days: -random.int(3...10)), start.adding(days: 30))
                let handled = DemoCalendar.adding(workingDays: random.int(2...5), to: signal)
                let firstKind: ResultKind = system == "KA-Webb" ? .r1 : .soa
                record(on: signal) { state throws(RedovisaError) in
                    ResultReport(enrolmentId: try state.enrolmentId(key), kind: firstKind, reason: reason, date: signal,
                                 handledOn: handled <= DemoSeed.asOf ? handled : nil)
                }
                let result = handled.adding(days: random.int(3...12))
                if enrolment.endReason == .endedEarly, handled < result, result <= DemoSeed.asOf {
                    record(on: result) { state throws(RedovisaError) in
                        ResultReport(enrolmentId: try state.enrolmentId(key), kind: firstKind == .r1 ? .r2 : .rr,
                                     reason: reason, date: result)
                    }
                }
            }

            // Periodic reports, monthly, on the activities of the joint planning in force.
            for period in Self.periods where reports(enrolment, in: period) {
                let activities = gpChanges.last { $0.0 <= period.lastDay }?.1 ?? gpChanges[0].1
                let first = max(enrolment.start, period.firstDay), last = min(enrolment.actualEnd ?? period.lastDay, period.lastDay)
                let weeks = Double(first.days(until: last) + 1) / 7
                let subject = monthly(
                    "rom-periodisk-rapport", period: period, enrolment: enrolment, key: key, author: staff,
                    reviewer: officer, lateAfterDay: nil)
                let answers = rustaOchMatchaAnswers(period: period, activities: activities, system: system, weeks: weeks)
                if random.chance(0.03) {
                    scheduleWithdrawnDraft(subject, answers: answers.stages[0], rhythm: .provider(window: 10))
                }
                scheduleReport(subject, answers: answers, outcome: outcome(for: period), rhythm: .provider(window: 10))
            }
        }
    }
}
