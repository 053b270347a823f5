/// Plausible answers for each report template, and the activities of each kind of plan.
///
/// The answer ids are the ones the templates in `templates/` are to define; `lss-kontaktperson` uses
/// exactly the ids of the e-service in seed 001: `klient_fornamn`, `klient_efternamn`, `ar`,
/// `manad`, `alla_tillfallen`, `aktiviteter`, `anledning`, `fortydligande` (step 1) and
/// `personnummer`, `fornamn`, `efternamn`, `epost`, `mobil`, `notifiering`, `bekraftelse` (step 2).
extension DemoBuilder {
    // MARK: Establishment programme (seed 000)

    /// A participant's activity report: the jobs applied for and the other activities of the
    /// month, in and outside the plan, added during the month.
    func establishmentAnswers(period: Period, opens: LocalDate) -> Answers {
        var activities: [(LocalDate, JSONValue)] = []
        let last = period.lastDay
        func day() -> LocalDate {
            let span = max(0, opens.days(until: last))
            return opens.adding(days: random.int(0...span))
        }
        func activity(_ type: String, _ date: LocalDate, _ fields: [String: JSONValue]) {
            var object = fields
            object["typ"] = .string(type)
            object["datum"] = .string(date.description)
            activities.append((date, .object(object)))
        }
        if random.chance(0.85) {
            activity("sfi", opens, [
                "beskrivning": .string("Sfi kurs \(random.pick(["B", "C", "C", "D"])) på Nacka Komvux"),
                "timmar": .integer(Int64(random.int(24...60))), "i_planering": .bool(true),
            ])
        }
        if random.chance(0.4) {
            activity("samhallsorientering", day(), [
                "beskrivning": .string("Samhällsorientering, modul \(random.int(1...10))"),
                "timmar": .integer(Int64(random.int(3...12))), "i_planering": .bool(true),
            ])
        }
        for _ in 0..<random.int(2...6) {
            activity("sokt_jobb", day(), [
                "arbetsgivare": .string(random.pick(DemoNames.workplaces)),
                "yrke": .string(random.pick(DemoNames.occupations)),
                "via_jobbforslag": .bool(random.chance(0.3)), "i_planering": .bool(random.chance(0.5)),
            ])
        }
        if random.chance(0.25) {
            activity("jobbintervju", day(), [
                "arbetsgivare": .string(random.pick(DemoNames.workplaces)), "i_planering": .bool(false),
            ])
        }
        if random.chance(0.2) {
            activity("rekryteringstraff", day(), [
                "beskrivning": .string("Rekryteringsträff \(random.pick(["lager och logistik", "vård och omsorg", "restaurang", "bygg"])), Arbetsförmedlingen"),
                "i_planering": .bool(true),
            ])
        }
        if random.chance(0.2) {
            activity("arbetspraktik", day(), [
                "arbetsgivare": .string(random.pick(DemoNames.workplaces)),
                "status": .string(random.pick(["sokt", "pagaende"])), "i_planering": .bool(true),
            ])
        }
        if random.chance(0.1) {
            activity("arbetsmarknadsutbildning", day(), [
                "beskrivning": .string(random.pick(DemoNames.courses)), "i_planering": .bool(true),
            ])
        }
        if random.chance(0.15) {
            activity("sokt_utbildning", day(), [
                "beskrivning": .string(random.pick(DemoNames.courses)), "i_planering": .bool(false),
            ])
        }
        let sorted = activities.sorted { $0.0 < $1.0 }.map(\.1)
        func answers(_ list: ArraySlice<JSONValue>, _ extra: [String: JSONValue] = [:]) -> JSONValue {
            var object: [String: JSONValue] = [
                "ar": .integer(Int64(period.year)), "manad": .integer(Int64(period.month)), "aktiviteter": .array(Array(list)),
            ]
            object.merge(extra) { $1 }
            return .object(object)
        }
        let third = max(1, sorted.count / 3)
        var completedList = sorted
        completedList.append(.object([
            "typ": .string("sokt_jobb"), "datum": .string(last.adding(days: -2).description),
            "arbetsgivare": .string(random.pick(DemoNames.workplaces)), "yrke": .string(random.pick(DemoNames.occupations)),
            "via_jobbforslag": .bool(true), "i_planering": .bool(true),
        ]))
        return Answers(
            stages: [answers(sorted.prefix(third)), answers(sorted.prefix(2 * third)), answers(sorted[...])],
            completed: answers(completedList[...], ["ovrigt": .string("Kompletterat enligt handläggarens kommentar.")]),
            returnComment: random.pick(DemoNames.returnComments["af-aktivitetsrapport"]!))
    }

    // MARK: LSS contact person (seed 001)

    /// A contact person's monthly report about `client`, against `sessions` agreed sessions.
    func lssAnswers(period: Period, client: Person, contact: Person, sessions: Int) -> Answers {
        let all = random.weighted([("ja_alla", 70), ("nej_nagra", 22), ("nej", 8)])
        var step1: [String: JSONValue] = [
            "klient_fornamn": .string(client.firstName), "klient_efternamn": .string(client.lastName),
            "ar": .integer(Int64(period.year)), "manad": .integer(Int64(period.month)),
            "alla_tillfallen": .string(all),
        ]
        if all != "nej" {
            let done = all == "ja_alla" ? sessions : random.int(1...max(1, sessions - 1))
            step1["aktiviteter"] = .string(random.sample(DemoNames.lssActivities, count: min(done, 4)).joined(separator: " "))
        }
        if all != "ja_alla" { step1["anledning"] = .string(random.pick(DemoNames.lssReasons)) }
        if random.chance(0.25) { step1["fortydligande"] = .string(random.pick(DemoNames.lssClarifications)) }
        var step2 = step1
        step2["personnummer"] = .string(contact.personnummer.digits)
        step2["fornamn"] = .string(contact.firstName)
        step2["efternamn"] = .string(contact.lastName)
        if let email = contact.email { step2["epost"] = .string(email) }
        if let mobile = contact.mobile { step2["mobil"] = .string(mobile) }
        step2["notifiering"] = .array(contact.notify.map(\.rawValue).sorted().map(JSONValue.string))
        step2["bekraftelse"] = .bool(true)
        var completed = step2
        completed["fortydligande"] = .string("Kompletterat efter handläggarens fråga. " + random.pick(DemoNames.lssClarifications))
        if all != "nej" && completed["aktiviteter"] == nil { completed["aktiviteter"] = .string(random.pick(DemoNames.lssActivities)) }
        return Answers(
            stages: [.object(step1), .object(step2)], completed: .object(completed),
            returnComment: random.pick(DemoNames.returnComments["lss-kontaktperson"]!))
    }

    // MARK: Nacka customer choice (seed 004)

    /// A provider's monthly report for a customer in `code` (FAI1 … ISA2): progression,
    /// adjustments, need of other interventions, and every absence with dates and cause.
    func customerChoiceAnswers(period: Period, code: String, absences: [Absence]) -> Answers {
        let workplace = random.pick(DemoNames.workplaces)
        let progression: String
        switch code.prefix(3) {
        case "FAI":
            progression = random.pick([
                "Arbetsprövning på \(workplace.lowercasedFirst): kunden klarar nu \(random.int(3...5)) timmar per dag, tre dagar i veckan. Arbetsförmågan bedöms öka.",
                "Kunden deltar i gruppaktiviteterna och har kommit i tid till \(random.int(70...100)) procent av tillfällena.",
            ])
        case "AMI":
            progression = random.pick([
                "Kunden har sökt \(random.int(6...20)) jobb och varit på \(random.int(0...3)) intervjuer. CV och personligt brev är klara.",
                "Arbetsträning på \(workplace.lowercasedFirst) fyra dagar i veckan; handledaren beskriver god utveckling.",
            ])
        default:
            progression = "Kunden läser sfi kurs \(random.pick(["B", "C", "D"])) och har språkpraktik på \(workplace.lowercasedFirst) två dagar i veckan. Förstår arbetsinstruktioner bättre."
        }
        let adjustments = random.chance(0.75)
            ? "Ej aktuellt – genomförandeplanen gäller oförändrad."
            : "Fler timmar arbetsträning från nästa månad, enligt uppföljningsmötet."
        let otherNeeds = random.chance(0.85)
            ? "Ej aktuellt – inga nya behov har framkommit."
            : "Kunden behöver stöd i kontakten med vården; karriärvägledaren är informerad."
        let absenceRows: [JSONValue] = absences.map { absence in
            var row: [String: JSONValue] = [
                "fran": .string(absence.from.description), "till": .string(absence.to.description),
                "orsak": .string(absence.cause.rawValue),
            ]
            if absence.cause == .sick || absence.cause == .careOfChild, absence.days >= 8 {
                row["intyg"] = .bool(absence.certificateReceived)
            }
            if !absence.contactAttempts.isEmpty {
                // One row per attempt, as the template's group `kontaktforsok` has them.
                row["kontaktforsok"] = .array(absence.contactAttempts.map { .object(["datum": .string($0.description)]) })
            }
            return .object(row)
        }
        let month = DemoCalendar.monthName(period)
        let base: [String: JSONValue] = [
            "ar": .integer(Int64(period.year)), "manad": .integer(Int64(period.month)), "insats": .string(code),
            "franvaro": .array(absenceRows),
        ]
        var draft = base
        draft["rubrik"] = .string("Månadsrapport, \(month)")
        draft["kundmoten"] = .integer(Int64(random.int(4...5)))
        var ready = draft
        ready["rubrik"] = .string("Månadsrapport, \(month), KLAR")
        ready["progression"] = .string(progression)
        ready["justeringar"] = .string(adjustments)
        ready["behov_annan_insats"] = .string(otherNeeds)
        var completed = ready
        completed["progression"] = .string(progression + " Komplettering: delmålen för månaden är uppnådda.")
        return Answers(
            stages: [.object(draft), .object(ready)], completed: .object(completed),
            returnComment: random.pick(DemoNames.returnComments["nacka-manadsrapport"]!))
    }

    /// A final report (slutrapport) when a customer-choice intervention ends: how far the goal was
    /// reached and the suitable next step.
    func finalReportAnswers(code: String, end: LocalDate, reason: EndReason) -> Answers {
        let reached = reason == .completed ? random.pick(["uppnått", "delvis uppnått"]) : random.pick(["delvis uppnått", "ej uppnått"])
        let next = random.pick([
            "AMI 2 hos samma anordnare", "Arbete som \(random.pick(DemoNames.occupations))", "Studier på Komvux",
            "Insats via Arbetsförmedlingen", "FAI 1 för att specificera arbetsförmågan",
        ])
        let answers: [String: JSONValue] = [
            "insats": .string(code), "slutdatum": .string(end.description), "avslutsorsak": .string(reason.rawValue),
            "maluppfyllelse": .string(reached),
            "sammanfattning": .string("Kunden har deltagit i insatsen enligt genomförandeplanen; se månadsrapporterna."),
        ]
        var complete = answers
        complete["nasta_steg"] = .string(next)
        return Answers(
            stages: [.object(complete)], completed: .object(complete),
            returnComment: random.pick(DemoNames.returnComments["nacka-slutrapport"]!))
    }

    // MARK: Rusta och matcha (seed 002)

    /// A provider's periodic report: the month's hours for every activity of the joint planning;
    /// a planned activity that did not happen is reported as 0 hours. In KA-Webb, since 1 July
    /// 2022, the hours go in the comment and one hour on the first calendar day.
    func rustaOchMatchaAnswers(period: Period, activities: [PlanActivity], system: String, weeks: Double) -> Answers {
        var missed = random.chance(0.2) ? random.int(0...activities.count - 1) : nil
        func rows(_ missedIndex: Int?) -> [JSONValue] {
            activities.enumerated().map { index, activity in
                let hours = index == missedIndex ? 0 : Int((activity.hoursPerWeek * weeks).rounded())
                var row: [String: JSONValue] = [
                    "aktivitet": .string(activity.name), "obligatorisk": .bool(activity.mandatory),
                    "timmar": .integer(Int64(hours)),
                ]
                if index == missedIndex { row["kommentar"] = .string("Genomfördes inte: deltagaren var sjuk.") }
                if system == "KA-Webb" { row["kommentar"] = .string("Sammanlagt \(hours) timmar under månaden.") }
                return .object(row)
            }
        }
        var answers: [String: JSONValue] = [
            "ar": .integer(Int64(period.year)), "manad": .integer(Int64(period.month)), "system": .string(system),
            "aktiviteter": .array(rows(missed)),
        ]
        if system == "KA-Webb" {
            answers["kalender"] = .array([.object(["datum": .string(period.firstDay.description), "timmar": .integer(1)])])
        }
        var completed = answers
        if missed == nil { missed = 0 }
        completed["aktiviteter"] = .array(rows(missed))
        completed["kommentar"] = .string("Timmarna är kontrollerade mot den gemensamma planeringen.")
        return Answers(
            stages: [.object(answers)], completed: .object(completed),
            returnComment: random.pick(DemoNames.returnComments["rom-periodisk-rapport"]!))
    }

    // MARK: Plans

    /// The individual development plan: the participant's whole availability with goals that can
    /// be followed up (full time is 8 hours a day, 40 a week).
    func developmentPlan(fullTime: Bool) -> [PlanActivity] {
        let occupation = random.pick(DemoNames.occupations)
        let scale = fullTime ? 1.0 : 0.5
        return [
            PlanActivity(name: "Eget arbetssökande", mandatory: true, hoursPerWeek: 16 * scale,
                         goal: "Söka minst \(fullTime ? 8 : 4) jobb per vecka som \(occupation)"),
            PlanActivity(name: "Individuella samtal och vägledning", mandatory: true, hoursPerWeek: 2 * scale,
                         goal: "Ett tydligt yrkesmål och en plan för att nå det"),
            PlanActivity(name: "Arbetsmarknadskunskap", mandatory: false, hoursPerWeek: 6 * scale,
                         goal: "Känna till arbetsmarknaden för \(occupation)"),
            PlanActivity(name: "Digital kompetens", mandatory: false, hoursPerWeek: 4 * scale,
                         goal: "Kunna söka jobb och ha kontakt med arbetsgivare digitalt"),
            PlanActivity(name: "Studier eller sfi", mandatory: false, hoursPerWeek: 12 * scale,
                         goal: "Klara nästa kurs"),
        ]
    }

    /// The joint planning: the two mandatory activities and at least one optional one (MSFA);
    /// intensified before the decision on period 2.
    func jointPlanning(intensified: Bool) -> [PlanActivity] {
        var activities = [
            PlanActivity(name: "Individuella samtal och vägledning", mandatory: true, hoursPerWeek: intensified ? 3 : 2),
            PlanActivity(name: "Stöd i arbetssökande och matchning", mandatory: true, hoursPerWeek: intensified ? 8 : 5),
        ]
        let optional = ["Studie- och yrkesvägledning", "Arbetsmarknadskunskap", "Digital kompetens", "Praktik och arbetsplatsbesök", "Svenska i arbetslivet"]
        for name in random.sample(optional, count: intensified ? random.int(2...3) : random.int(1...2)) {
            activities.append(PlanActivity(name: name, mandatory: false, hoursPerWeek: Double(random.int(2...4))))
        }
        return activities
    }

    /// The implementation plan (genomförandeplan) of a customer-choice intervention, with goals.
    func implementationPlan(code: String, revised: Bool) -> [PlanActivity] {
        let extra = revised ? 4.0 : 0
        switch code.prefix(3) {
        case "FAI":
            return [
                PlanActivity(name: code == "FAI1" ? "Arbetsprövning på arbetsplats" : "Arbetsnärmande gruppaktiviteter",
                             mandatory: true, hoursPerWeek: 12 + extra, goal: "Klargöra arbetsförmågan"),
                PlanActivity(name: "Individuella samtal", mandatory: true, hoursPerWeek: 2, goal: "Följa upp progression varje vecka"),
                PlanActivity(name: "Friskvård och vardagsstruktur", mandatory: false, hoursPerWeek: 4, goal: "Fasta rutiner under veckan"),
            ]
        case "AMI":
            return [
                PlanActivity(name: code == "AMI1" ? "Vägledning och matchning till arbete" : "Arbetsträning",
                             mandatory: true, hoursPerWeek: 24 + extra, goal: "Egen försörjning genom arbete eller studier"),
                PlanActivity(name: "Arbetsmarknadskunskap", mandatory: true, hoursPerWeek: 4, goal: "Känna till yrken med efterfrågan"),
                PlanActivity(name: "Jobbsökning med coach", mandatory: true, hoursPerWeek: 8, goal: "Minst fem ansökningar per vecka"),
                PlanActivity(name: "Kundmöte", mandatory: true, hoursPerWeek: 1, goal: "Kontakt minst en gång per vecka"),
            ]
        default:
            return [
                PlanActivity(name: "Sfi", mandatory: true, hoursPerWeek: 15, goal: "Klara nästa sfi-kurs"),
                PlanActivity(name: "Språkträning på arbetsplats", mandatory: true, hoursPerWeek: 16 + extra,
                             goal: "Förstå och följa arbetsinstruktioner på svenska"),
                PlanActivity(name: "Språktränande aktiviteter", mandatory: false, hoursPerWeek: 4, goal: "Tala svenska i vardagen"),
                PlanActivity(name: "Kundmöte", mandatory: true, hoursPerWeek: 1, goal: "Kontakt minst en gång per vecka"),
            ]
        }
    }
}

extension String {
    /// The text with its first letter in lower case: "Lager i Jordbro" → "lager i Jordbro".
    fileprivate var lowercasedFirst: String {
        guard let first else { return self }
        return first.lowercased() + dropFirst()
    }
}
