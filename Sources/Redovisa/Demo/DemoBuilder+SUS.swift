import Foundation

/// Service 4 of DOMAIN.md: registering the start of active interventions in SUS (seed 003).
extension DemoBuilder {
    /// 28 participants in the Af/FK cooperation: Försäkringskassan registers the request for and
    /// the start and end of the joint mapping; Arbetsförmedlingen the start of active
    /// interventions, and a move between the two kinds.
    func planSUS() throws(RedovisaError) {
        let programme = world.programmes["sus"]!
        let fkOfficer = world.staff["handlaggare-fk"]!
        for index in 0..<28 {
            let south = index >= 22
            let protection: ProtectedIdentity? = index == 4 ? .fictitiousIdentity : index == 15 ? .confidentialityMark : nil
            let person = try makePerson(
                newcomer: 0.3, born: 1965...2001, home: afHome(south: south), protection: protection,
                samordningsnummer: index == 9)
            let afOffice = south ? world.afSouth : world.afNacka
            let afOfficer = world.afOfficer(for: afOffice)
            let requested = startDate(from: "2025-01-13", to: "2025-09-26")
            let mappingStart = DemoCalendar.workingDay(onOrAfter: requested.adding(days: random.int(7...21)))
            let mappingEnd = DemoCalendar.workingDay(onOrAfter: mappingStart.adding(days: random.int(28...60)))
            let planned: SUSTransition = random.chance(0.55) ? .workPreparatory : .workOriented
            let activeStart = DemoCalendar.workingDay(onOrAfter: mappingEnd.adding(days: random.int(7...30)))
            let active = activeStart <= DemoSeed.asOf
            // Until the active intervention starts, Försäkringskassan leads the joint mapping.
            var enrolment = Enrolment(
                personId: person.id!, programmeId: programme.id!,
                responsibleOrganisationId: active ? world.af.id! : world.fk.id!,
                officeId: active ? afOffice.id : world.fkStockholm.id, officerId: active ? afOfficer.userId : fkOfficer.userId,
                start: requested)
            if active, index % 9 == 3 {
                enrolment.actualEnd = min(DemoSeed.asOf.adding(days: -2), activeStart.adding(days: random.int(30...90)))
                enrolment.endReason = .endedEarly
            }
            _ = register(enrolment)
            let personId = person.id!, officeId = afOffice.id!
            func registerStep(_ step: SUSStep, _ transition: SUSTransition?, on date: LocalDate, by officer: Actor) {
                guard date <= DemoSeed.asOf else { return }
                record(on: date) { _ in
                    SUSRegistration(personId: personId, officeId: officeId, step: step, transition: transition,
                                    date: date, registeredBy: officer.userId!)
                }
            }
            registerStep(.mappingRequested, nil, on: requested, by: fkOfficer)
            registerStep(.mappingStarted, nil, on: mappingStart, by: fkOfficer)
            // Sometimes Försäkringskassan has not registered the end of the mapping, and the
            // officer at Arbetsförmedlingen registers the missing step themself.
            let fkMissedEnd = active && random.chance(0.12)
            registerStep(.mappingEnded, planned, on: fkMissedEnd ? activeStart : mappingEnd, by: fkMissedEnd ? afOfficer : fkOfficer)
            registerStep(.activeInterventionStarted, planned, on: activeStart, by: afOfficer)
            if active, enrolment.actualEnd == nil, random.chance(0.2) {
                let other: SUSTransition = planned == .workPreparatory ? .workOriented : .workPreparatory
                registerStep(.activeInterventionStarted, other, on: DemoCalendar.workingDay(onOrAfter: activeStart.adding(days: random.int(45...100))), by: afOfficer)
            }
        }
    }
}
