import Foundation

/// What every service shares, and services 1 and 2 of DOMAIN.md: the establishment programme's
/// activity report (seed 000) and the LSS contact person's monthly report (seed 001). The other
/// three are in `DemoBuilder+RustaOchMatcha.swift`, `+SUS.swift` and `+CustomerChoice.swift`.
extension DemoBuilder {
    /// Whether `enrolment` needs a report for `period` (it was active in it, and the period has
    /// ended or is ending by the demo's "today").
    func reports(_ enrolment: Enrolment, in period: Period) -> Bool {
        enrolment.isActive(in: period) && enrolment.start <= DemoSeed.asOf
    }

    /// The subject of a monthly report for `period`.
    func monthly(
        _ templateId: String, period: Period, enrolment: Enrolment, key: Int, author: Actor, reviewer: Actor,
        lateAfterDay: Int?
    ) -> ReportSubject {
        ReportSubject(
            templateId: templateId, period: period, eventDate: nil, personId: enrolment.personId, enrolmentKey: key,
            author: author, reviewer: reviewer, opens: max(enrolment.start, period.firstDay), due: period.next.firstDay,
            lateAfter: lateAfterDay.map { period.next.firstDay.adding(days: $0 - 1) })
    }

    // MARK: 2. LSS contact person

    /// Ten contact persons, who are people in the register and log in to report.
    func makeContactPersons() throws(RedovisaError) -> [(person: Person, actor: Actor)] {
        var result: [(Person, Actor)] = []
        for index in 0..<Self.contactPersons {
            let person = try makePerson(newcomer: 0.1, born: 1958...1996, home: nackaHome())
            result.append((person, try makeReporter(username: Self.username("kontaktperson", index), person: person)))
        }
        return result
    }

    /// 26 people supported by a contact person, with the number of sessions agreed per month.
    func planLSS(contactPersons: [(person: Person, actor: Actor)]) throws(RedovisaError) {
        let clientsPerContact = [3, 3, 3, 3, 3, 3, 2, 2, 2, 2]
        assert(clientsPerContact.count == contactPersons.count)
        // The demo login `kontaktperson` shows every step of a report's life.
        let forced: [[Outcome]] = [
            [.approved, .approvedAfterReturn, .draft], [.approved, .approved, .submitted],
            [.approved, .resubmitted, .returned],
        ]
        let programme = world.programmes["lss-kontaktperson"]!
        let firstClient = clientsPerContact.reduce(into: [0]) { $0.append($0.last! + $1) }
        for (contactIndex, contact) in contactPersons.enumerated() {
            for n in 0..<clientsPerContact[contactIndex] {
                let clientIndex = firstClient[contactIndex] + n
                let home = nackaHome()
                let client = try makePerson(
                    newcomer: 0.15, born: 1962...2012, home: home,
                    protection: clientIndex == 14 ? .fictitiousIdentity : nil)
                let office = home.north ? world.nackaNorth : world.nackaSouth
                let officer = world.nackaOfficer(for: office, random: &random)
                let sessions = random.pick([2, 3, 4, 4, 4, 6, 8])
                let start = contactIndex == 0 ? startDate(from: "2025-01-07", to: "2025-06-30") : startDate(from: "2025-01-07", to: "2025-09-15")
                var enrolment = Enrolment(
                    personId: client.id!, programmeId: programme.id!, responsibleOrganisationId: world.nacka.id!,
                    officeId: office.id, officerId: officer.userId, reporterId: contact.actor.userId, start: start,
                    plannedEnd: DemoCalendar.adding(months: 12, to: start),
                    agreement: ["sessions_per_month": .integer(Int64(sessions))])
                if clientIndex == 8 || clientIndex == 20 {
                    // The person moved away (ended early), or the contact stopped (interrupted).
                    enrolment.actualEnd = max(start.adding(days: 40), startDate(from: "2025-08-20", to: "2025-10-20"))
                    enrolment.endReason = clientIndex == 8 ? .endedEarly : .interrupted
                }
                let key = register(enrolment)
                for (p, period) in Self.periods.enumerated() where reports(enrolment, in: period) {
                    let subject = monthly(
                        "lss-kontaktperson", period: period, enrolment: enrolment, key: key, author: contact.actor,
                        reviewer: officer, lateAfterDay: nil)
                    let answers = lssAnswers(period: period, client: client, contact: contact.person, sessions: sessions)
                    let outcome = contactIndex == 0 ? forced[n][p] : outcome(for: period)
                    if (contactIndex == 0 && n == 2 && p == 2) || random.chance(0.04) {
                        scheduleWithdrawnDraft(subject, answers: answers.stages[0], rhythm: .contactPerson)
                    }
                    scheduleReport(subject, answers: answers, outcome: outcome, rhythm: .contactPerson)
                }
            }
        }
    }

    // MARK: 1. Establishment programme

    /// 44 participants in Arbetsförmedlingen's establishment programme; 40 log in with e-ID, four
    /// report on paper and an officer registers their reports. Returns those in Nacka who may
    /// also get ISA 1 from the municipality.
    func planEstablishment() throws(RedovisaError) -> [(person: Person, home: Home, start: LocalDate)] {
        let programme = world.programmes["etablering"]!
        var nackaParticipants: [(Person, Home, LocalDate)] = []
        for index in 0..<44 {
            let south = index >= 36
            let home = afHome(south: south)
            let person = try makePerson(
                newcomer: 0.95, born: 1968...2005, home: home, protection: index == 41 ? .protectedRegistration : nil)
            let onPaper = index >= Self.participantLogins
            let participant = onPaper ? nil : try makeReporter(username: Self.username("deltagare", index), person: person)
            let office = south ? world.afSouth : world.afNacka
            let officer = world.afOfficer(for: office)
            let start = index == 0 ? LocalDate("2025-03-10")! : startDate(from: "2025-01-07", to: "2025-10-20")
            var enrolment = Enrolment(
                personId: person.id!, programmeId: programme.id!, responsibleOrganisationId: world.af.id!,
                officeId: office.id, officerId: officer.userId, reporterId: participant?.userId, start: start,
                plannedEnd: DemoCalendar.adding(months: 24, to: start))
            if [5, 17, 29, 23].contains(index) {
                // Got a job (ended early) or stopped taking part (interrupted).
                enrolment.actualEnd = min(DemoSeed.asOf.adding(days: -3), max(start.adding(days: 60), startDate(from: "2025-08-11", to: "2025-10-24")))
                enrolment.endReason = index == 23 ? .interrupted : .endedEarly
            }
            let key = register(enrolment)
            planJobSuggestions(person: person.id!, enrolment: enrolment, officer: officer)
            // The demo login `deltagare`: August approved, September returned, October in progress.
            let forced: [Outcome] = [.approved, .returned, .draft]
            for (p, period) in Self.periods.enumerated() where reports(enrolment, in: period) {
                let subject = monthly(
                    "af-aktivitetsrapport", period: period, enrolment: enrolment, key: key,
                    author: participant ?? officer, reviewer: officer, lateAfterDay: 14)
                let answers = establishmentAnswers(period: period, opens: subject.opens)
                let rhythm: Rhythm = onPaper ? .paper : .participant
                if !onPaper, random.chance(0.04) {
                    scheduleWithdrawnDraft(subject, answers: answers.stages[0], rhythm: rhythm)
                }
                scheduleReport(subject, answers: answers, outcome: index == 0 ? forced[p] : outcome(for: period), rhythm: rhythm)
            }
            if home.municipality == "Nacka", enrolment.actualEnd == nil, start <= LocalDate("2025-08-15")!, index > 0 {
                nackaParticipants.append((person, home, start))
            }
        }
        return nackaParticipants
    }
}
