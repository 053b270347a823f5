import BenchSupport
import Foundation
@_spi(Bulk) import Redovisa

/// The data set of the storage benchmark: Nacka kommun with 10 offices and Arbetsförmedlingen
/// with 8, 20 providers, 100 000 people, 100 000 enrolments in six programmes starting over two
/// years, and exactly 1 000 000 reports: monthly reports of 24 periods (2023-10 … 2025-09) in
/// every status, and event reports (deviations) to make up the million. "Now" is 2025-10-10, in
/// the submission window of September: many September reports are still missing or waiting
/// for review; older periods are nearly all approved.
///
/// Everything is drawn from a fixed seed: every run builds the same database.
enum DataSet {
    /// Bump whenever the generator changes what it builds: the cached database is keyed by it.
    static let version = 1

    static let peopleCount = 100_000
    static let enrolmentCount = 100_000
    static let reportCount = 1_000_000
    /// Reports exist for these periods; the last one's window is open.
    static let firstPeriod = Period(year: 2023, month: 10)!
    static let latestPeriod = Period(year: 2025, month: 9)!
    static let today = LocalDate(year: 2025, month: 10, day: 10)!
    /// 2025-10-10 12:00 UTC.
    static let now = Date(timeIntervalSince1970: Double(today.dayNumber) * 86_400 + 12 * 3600)

    /// Who and what the benchmark asks about.
    static let officeOfficer = "bench-kontor"
    static let municipalityOfficer = "bench-nacka"
    static let missingTemplate = "lss-kontaktperson"
    static let missingProgramme = "lss-kontaktperson"
    /// The code of the Nacka office the office officer works in: the largest one.
    static let benchOfficeCode = "nacka-fisksatra"
}

// MARK: The organisations and programmes

struct ProgrammeSpec {
    var code: String
    var name: String
    var customerChoice: String?
    var maximumMonths: Int?
    /// Share of the enrolments.
    var weight: Double
    /// Responsible: "nacka" or "af".
    var responsible: String
    var template: String
    /// "participant", "contact", "provider": who writes the monthly reports.
    var author: String
    /// Providers come from this customer choice ("ROM" for Rusta och matcha), nil: no provider.
    var providerChoice: String?
}

enum Catalogue {
    static let programmes: [ProgrammeSpec] = [
        ProgrammeSpec(code: "etablering", name: "Etableringsprogrammet", customerChoice: nil, maximumMonths: 24, weight: 0.30,
                      responsible: "af", template: "etablering-aktivitetsrapport", author: "participant", providerChoice: nil),
        ProgrammeSpec(code: "rom", name: "Rusta och matcha", customerChoice: nil, maximumMonths: 12, weight: 0.20,
                      responsible: "af", template: "rom-manadsrapport", author: "provider", providerChoice: "ROM"),
        ProgrammeSpec(code: "lss-kontaktperson", name: "Kontaktperson enligt LSS", customerChoice: nil, maximumMonths: nil,
                      weight: 0.25, responsible: "nacka", template: "lss-kontaktperson", author: "contact", providerChoice: nil),
        ProgrammeSpec(code: "FAI1", name: "Förberedande arbetsinriktad insats 1", customerChoice: "FAI", maximumMonths: 3,
                      weight: 0.10, responsible: "nacka", template: "kundval-manadsrapport", author: "provider", providerChoice: "FAI"),
        ProgrammeSpec(code: "AMI2", name: "Arbetsmarknadsinsats 2", customerChoice: "AMI", maximumMonths: 6, weight: 0.08,
                      responsible: "nacka", template: "kundval-manadsrapport", author: "provider", providerChoice: "AMI"),
        ProgrammeSpec(code: "ISA", name: "Individanpassat stöd till arbete", customerChoice: "ISA", maximumMonths: 12, weight: 0.07,
                      responsible: "nacka", template: "kundval-manadsrapport", author: "provider", providerChoice: "ISA"),
    ]

    /// Nacka's offices, largest first (their share of Nacka's participants follows the weights).
    static let nackaOffices: [(code: String, name: String, weight: Double)] = [
        ("nacka-fisksatra", "Fisksätra", 17), ("nacka-orminge", "Orminge", 14), ("nacka-sickla", "Sickla", 12),
        ("nacka-boo", "Boo", 11), ("nacka-alta", "Älta", 10), ("nacka-saltsjobaden", "Saltsjöbaden", 9),
        ("nacka-jarla", "Järla", 8), ("nacka-finntorp", "Finntorp", 7), ("nacka-nacka-strand", "Nacka strand", 6),
        ("nacka-forum", "Nacka forum", 6),
    ]
    static let afOffices: [(code: String, name: String, weight: Double)] = [
        ("af-nacka-varmdo", "Nacka/Värmdö", 20), ("af-sodertorn", "Södertörn", 18), ("af-stockholm-city", "Stockholm city", 16),
        ("af-huddinge", "Huddinge", 12), ("af-haninge", "Haninge", 11), ("af-tyreso", "Tyresö", 9),
        ("af-sodertalje", "Södertälje", 8), ("af-botkyrka", "Botkyrka", 6),
    ]

    static let providerNames = [
        "Jobbexpert AB", "Nackahjälpen AB", "Framåt Kompetens AB", "Arbetslinjen i Stockholm AB", "Vägen Vidare AB",
        "Karriärbron AB", "Steg för Steg Coaching AB", "Nya Möjligheter AB", "Matchning Öst AB", "Stockholms Jobbcenter AB",
        "Insikt Arbete AB", "Kompass Rehab AB", "Språkbron AB", "Arbetsglädje Nacka AB", "Öppna Dörrar AB",
        "Sickla Utbildning AB", "Mentorshuset AB", "Trappan Arbetsträning AB", "Värmdö Vägledning AB", "Brobyggarna AB",
    ]

    /// The customer choices each provider is authorised for (ROM = procured by Arbetsförmedlingen).
    static func choices(ofProvider index: Int) -> [String] {
        switch index % 5 {
        case 0: ["ROM", "FAI", "AMI"]
        case 1: ["ROM"]
        case 2: ["FAI", "AMI", "ISA"]
        case 3: ["ROM", "ISA"]
        default: ["FAI", "ISA", "ROM"]
        }
    }

    static let firstNames = [
        "Anna", "Eva", "Maria", "Karin", "Sara", "Lena", "Emma", "Elin", "Ida", "Hanna", "Johanna", "Amina", "Fatima",
        "Maryam", "Leyla", "Sofia", "Aisha", "Zahra", "Nour", "Hawa", "Lars", "Erik", "Anders", "Johan", "Karl",
        "Per", "Mikael", "Ali", "Mohammed", "Ahmed", "Omar", "Hassan", "Yusuf", "Abdi", "Daniel", "Oscar", "Elias",
        "Noah", "Liam", "Ibrahim", "Mustafa", "Samir", "Tesfay", "Dawit", "Olga", "Iryna", "Oleksandr", "Björn",
        "Åsa", "Märta",
    ]
    static let lastNames = [
        "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Svensson",
        "Gustafsson", "Pettersson", "Jonsson", "Jansson", "Hansson", "Bengtsson", "Mohammed", "Ali", "Hassan",
        "Ahmed", "Abdullahi", "Yilmaz", "Kaya", "Haile", "Tesfaye", "Kowalski", "Nowak", "Shevchenko",
        "Kovalenko", "Lindqvist", "Lindberg", "Åberg", "Öberg", "Ström", "Sjöberg", "Lundgren", "Berg",
        "Axelsson", "Hedlund", "Holm", "Sandberg",
    ]
    static let municipalities = ["Nacka", "Nacka", "Nacka", "Nacka", "Värmdö", "Stockholm", "Huddinge", "Haninge", "Tyresö", "Botkyrka"]
    static let nackaDistricts = ["Fisksätra", "Orminge", "Sickla", "Boo", "Älta", "Saltsjöbaden", "Järla", "Finntorp"]
}

// MARK: Answers (canonical JSON: sorted keys, no spaces)

enum Answers {
    static let lssActivities = ["promenad", "fika", "bio", "simhall", "bibliotek", "matlagning", "museum", "konsert", "fotboll", "shopping"]
    static let lssComments = [
        "Bra månad, vi hann med allt vi planerat.",
        "En träff ställdes in på grund av sjukdom.",
        "Vi har börjat planera en längre utflykt till våren.",
        "Trivs bra tillsammans, inga problem att rapportera.",
        "Träffarna flyttades till helger denna månad.",
    ]
    static let etableringCodes = [("SFI", "Svenska för invandrare"), ("SHL", "Samhällsorientering"),
                                  ("PRA", "Praktik"), ("ARB", "Arbetsträning"), ("UTB", "Yrkesutbildning"),
                                  ("VAL", "Validering"), ("HAL", "Hälsoinsats")]
    static let etableringNotes = ["", "Sjuk två dagar, intyg skickat.", "Praktikplatsen byttes mitt i månaden.",
                                  "Har fått ett sommarjobb från nästa månad.", "Barnet var sjukt en vecka."]
    static let romKinds = ["samtal", "cv", "sokaktivitet", "studiebesok", "gruppaktivitet", "matchning"]
    static let romAssessments = [
        "Deltagaren är aktiv och söker många tjänster inom lager och logistik.",
        "Fokus på svenska i arbetslivet; deltagaren behöver mer stöd i intervjusituationer.",
        "Två intervjuer genomförda, väntar på besked från en arbetsgivare i Nacka.",
        "Deltagaren har varit sjuk delar av månaden men är motiverad att fortsätta.",
    ]
    static let romNext = ["Fortsatt matchning mot lediga jobb.", "Praktik på ett lager i Sickla.", "Uppdatera CV och personligt brev.",
                          "Studiebesök hos en vårdgivare."]
    static let kvGoals = ["Arbete inom handel", "Studier på komvux", "Arbete inom vård och omsorg", "Körkort och arbete inom bygg",
                          "Praktik som leder till anställning"]
    static let kvForms = ["enskilt", "grupp", "digitalt", "telefon"]
    static let deviations = [
        ("franvaro", "Deltagaren uteblev från avtalad aktivitet utan att meddela."),
        ("sen_ankomst", "Deltagaren kom mer än en timme för sent."),
        ("avbrott", "Deltagaren avbröt aktiviteten i förtid."),
        ("ovrigt", "Deltagaren har inte svarat på kallelser under veckan."),
    ]

    /// A number of hours in half hours, as JSON writes it: 2, 2.5.
    static func halves(_ n: Int) -> String { n % 2 == 0 ? "\(n / 2)" : "\(n / 2).5" }

    /// `2025-09-03`: the text of every day of every period, made once (String(format:) is slow).
    nonisolated(unsafe) private static var days: [Int: [String]] = [:]

    static func day(_ p: Period, _ d: Int) -> String {
        let key = p.year * 12 + p.month
        if let month = days[key] { return month[min(d, month.count) - 1] }
        let count = LocalDate.daysIn(year: p.year, month: p.month)
        days[key] = (1...count).map { LocalDate(year: p.year, month: p.month, day: $0)!.description }
        return day(p, d)
    }

    static func monthly(template: String, period p: Period, programme: String, agreed: Int, _ r: inout Random) -> String {
        switch template {
        case "lss-kontaktperson":
            let held = max(0, agreed - (r.chance(0.2) ? r.int(1...2) : 0))
            var days = Set<Int>()
            while days.count < held { days.insert(r.int(1...28)) }
            let rows = days.sorted().map { d in
                #"{"datum":"\#(day(p, d))","timmar":\#(halves(r.int(2...8))),"typ":"\#(r.pick(lssActivities))"}"#
            }
            let comment = r.chance(0.6) ? #""kommentar":"\#(r.pick(lssComments))","# : ""
            return #"{"aktiviteter":[\#(rows.joined(separator: ","))],"ar":\#(p.year),\#(comment)"manad":\#(p.month),"#
                + #""traffar_genomforda":\#(held),"traffar_overenskomna":\#(agreed),"utlagg_kr":\#(r.int(0...40) * 10)}"#
        case "etablering-aktivitetsrapport":
            var codes = Set<Int>()
            let count = r.int(2...4)
            while codes.count < count { codes.insert(r.int(0..<etableringCodes.count)) }
            let rows = codes.sorted().map { i in
                #"{"kod":"\#(etableringCodes[i].0)","namn":"\#(etableringCodes[i].1)","timmar":\#(r.int(4...60))}"#
            }
            return #"{"aktiviteter":[\#(rows.joined(separator: ","))],"ar":\#(p.year),"franvaro_dagar":\#(r.chance(0.7) ? 0 : r.int(1...6)),"#
                + #""intygar":true,"manad":\#(p.month),"ovrigt":"\#(r.pick(etableringNotes))"}"#
        case "rom-manadsrapport":
            let rows = (0..<r.int(2...4)).map { _ in
                #"{"datum":"\#(day(p, r.int(1...28)))","minuter":\#(r.int(2...12) * 15),"typ":"\#(r.pick(romKinds))"}"#
            }
            return #"{"aktiviteter":[\#(rows.joined(separator: ","))],"ar":\#(p.year),"bedomning":"\#(r.pick(romAssessments))","#
                + #""manad":\#(p.month),"narvaro_procent":\#(r.int(40...100)),"nasta_steg":"\#(r.pick(romNext))"}"#
        default:  // kundval-manadsrapport
            let rows = (0..<r.int(2...4)).map { _ in
                #"{"datum":"\#(day(p, r.int(1...28)))","form":"\#(r.pick(kvForms))","minuter":\#(r.int(2...8) * 15)}"#
            }
            return #"{"ar":\#(p.year),"insats":"\#(programme)","mal":"\#(r.pick(kvGoals))","manad":\#(p.month),"#
                + #""moten":[\#(rows.joined(separator: ","))],"timmar_totalt":\#(halves(r.int(4...40)))}"#
        }
    }

    static func deviation(on date: LocalDate, _ r: inout Random) -> String {
        let (kind, text) = r.pick(deviations)
        return #"{"beskrivning":"\#(text)","datum":"\#(day(date.period, date.day))","orsak_kand":\#(r.chance(0.4)),"typ":"\#(kind)"}"#
    }
}

// MARK: The generator

/// One enrolment as generated, before and after it is inserted.
final class PlannedEnrolment {
    var enrolment: Enrolment
    let programme: Int
    /// The monthly reports' author for provider programmes is drawn from these users.
    let authors: [Int64]
    let agreed: Int

    init(enrolment: Enrolment, programme: Int, authors: [Int64], agreed: Int) {
        self.enrolment = enrolment
        self.programme = programme
        self.authors = authors
        self.agreed = agreed
    }
}

struct GenerationReport {
    var counts: [String: Int]
    var seconds: Double
    var phases: [(String, Double)]
    var eventReports: Int
}

enum Generator {
    /// Statuses of a monthly report by the age of its period (0: the latest, whose window is
    /// open), as cumulative thresholds over missing, draft, withdrawn, submitted, returned,
    /// resubmitted; the rest is approved.
    static let statusShares: [[Double]] = [
        [0.30, 0.12, 0.01, 0.30, 0.04, 0.02],
        [0.06, 0.03, 0.01, 0.05, 0.02, 0.02],
        [0.04, 0.015, 0.01, 0.015, 0.01, 0.005],
        [0.03, 0.01, 0.01, 0.002, 0.003, 0.001],
    ]
    static let shareStatuses: [ReportStatus?] = [nil, .draft, .withdrawn, .submitted, .returned, .resubmitted]

    static func status(age: Int, draw x: Double) -> ReportStatus? {
        var acc = 0.0
        for (share, status) in zip(statusShares[min(age, 3)], shareStatuses) {
            acc += share
            if x < acc { return status }
        }
        return .approved
    }

    static func date(_ day: LocalDate, seconds: Int) -> Date {
        Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 + Double(seconds))
    }

    static func periods() -> [Period] {
        var out: [Period] = []
        var p = DataSet.firstPeriod
        while p <= DataSet.latestPeriod {
            out.append(p)
            p = p.next
        }
        return out
    }

    static func isActive(_ e: Enrolment, in p: Period) -> Bool {
        e.start <= p.lastDay && e.start <= DataSet.today && (e.actualEnd.map { $0 >= p.firstDay } ?? true)
    }

    static func addMonths(_ d: LocalDate, _ months: Int) -> LocalDate {
        let total = d.year * 12 + (d.month - 1) + months
        let y = total / 12, m = total % 12 + 1
        return LocalDate(year: y, month: m, day: min(d.day, LocalDate.daysIn(year: y, month: m)))!
    }

    /// The people of the data set (also the rows of the import file), in insertion order.
    static func people(seed: UInt64 = 1) -> [Person] {
        var r = Random(seed: seed)
        var taken = Set<String>()
        var people: [Person] = []
        people.reserveCapacity(DataSet.peopleCount)
        let first = LocalDate(year: 1958, month: 1, day: 1)!.dayNumber
        let last = LocalDate(year: 2006, month: 12, day: 31)!.dayNumber
        while people.count < DataSet.peopleCount {
            let birth = LocalDate(dayNumber: r.int(first...last))
            let number = Personnummer.make(birthDate: birth, serial: r.int(0...999), samordningsnummer: r.chance(0.03))
            guard taken.insert(number.digits).inserted else { continue }
            let municipality = r.pick(Catalogue.municipalities)
            let firstName = r.pick(Catalogue.firstNames), lastName = r.pick(Catalogue.lastNames)
            let protection: ProtectedIdentity? = r.chance(0.004) ? r.pick(ProtectedIdentity.allCases) : nil
            let email = r.chance(0.8) ? "\(firstName).\(lastName).\(people.count)@example.se".lowercased() : nil
            let mobile = r.chance(0.85) ? String(format: "07%d-%03d %02d %02d", r.int(0...9), r.int(0...999), r.int(0...99), r.int(0...99)) : nil
            var notify: Set<NotificationChannel> = []
            if email != nil, r.chance(0.7) { notify.insert(.email) }
            if mobile != nil, r.chance(0.5) { notify.insert(.sms) }
            people.append(Person(
                personnummer: number, firstName: firstName, lastName: lastName, municipality: municipality,
                district: municipality == "Nacka" ? r.pick(Catalogue.nackaDistricts) : nil, protection: protection,
                email: email, mobile: mobile, notify: notify))
        }
        return people
    }

    /// Builds the whole data set into `database` (empty, freshly migrated) in one bulk load.
    static func generate(into database: AppDatabase, log: (String) -> Void) throws -> GenerationReport {
        let clock = ContinuousClock()
        let started = clock.now
        var phases: [(String, Double)] = []
        var mark = clock.now
        func phase(_ name: String) {
            let t = clock.now
            phases.append((name, (t - mark).seconds))
            mark = t
        }
        var r = Random(seed: 20251010)
        let people = Self.people()
        let periods = Self.periods()
        phase("people drawn")
        var eventReports = 0

        let counts = try database.bulkInsert { bulk in
            // Organisations, offices, providers, programmes.
            let nacka = try bulk.insert(Organisation(code: "nacka", name: "Nacka kommun", kind: .municipality))
            let af = try bulk.insert(Organisation(code: "af", name: "Arbetsförmedlingen", kind: .agency))
            let nackaOffices = try Catalogue.nackaOffices.map { try bulk.insert(Office(organisationId: nacka.id!, code: $0.code, name: "Nacka kommun \($0.name)")) }
            let afOffices = try Catalogue.afOffices.map { try bulk.insert(Office(organisationId: af.id!, code: $0.code, name: "Arbetsförmedlingen \($0.name)")) }
            var providers: [(org: Organisation, choices: [String])] = []
            for (i, name) in Catalogue.providerNames.enumerated() {
                let choices = Catalogue.choices(ofProvider: i)
                let since = LocalDate(year: 2019 + i % 5, month: 1 + i % 12, day: 1)!
                let org = try bulk.insert(Organisation(
                    code: String(format: "lev-%02d", i + 1), name: name, kind: .provider,
                    authorisations: choices.filter { $0 != "ROM" }.map { Authorisation(choice: $0, since: since) }))
                providers.append((org, choices))
            }
            let programmes = try Catalogue.programmes.map {
                try bulk.insert(Programme(code: $0.code, name: $0.name, customerChoice: $0.customerChoice, maximumMonths: $0.maximumMonths,
                                          monthlyAmounts: $0.customerChoice == nil ? [:] : [2024: 816_000, 2025: 842_000]))
            }

            // Staff: officers in every office, a few across Nacka, provider staff, administrators.
            var userNumber = 0
            func user(_ name: String?, _ roles: Set<Role>, personId: Int64? = nil) throws -> User {
                userNumber += 1
                let username = name ?? "u\(userNumber)"
                return try bulk.insert(User(username: username, displayName: username, roles: roles, personId: personId))
            }
            func assign(_ u: User, _ org: Organisation, _ office: Office?) throws {
                try bulk.insert(Assignment(userId: u.id!, organisationId: org.id!, officeId: office?.id))
            }
            var officersByOffice: [Int64: [Int64]] = [:]
            for office in nackaOffices {
                for i in 0..<8 {
                    let name = office.code == DataSet.benchOfficeCode && i == 0 ? DataSet.officeOfficer : nil
                    let u = try user(name, [.officer])
                    try assign(u, nacka, office)
                    officersByOffice[office.id!, default: []].append(u.id!)
                }
            }
            for office in afOffices {
                for _ in 0..<10 {
                    let u = try user(nil, [.officer])
                    try assign(u, af, office)
                    officersByOffice[office.id!, default: []].append(u.id!)
                }
            }
            for i in 0..<3 { try assign(try user(i == 0 ? DataSet.municipalityOfficer : nil, [.officer]), nacka, nil) }
            for _ in 0..<2 { _ = try user(nil, [.administrator]) }
            var staffByProvider: [Int64: [Int64]] = [:]
            for p in providers {
                for _ in 0..<5 {
                    let u = try user(nil, [.providerStaff])
                    try assign(u, p.org, nil)
                    staffByProvider[p.org.id!, default: []].append(u.id!)
                }
            }
            phase("registry")

            // People.
            var personIds: [Int64] = []
            personIds.reserveCapacity(people.count)
            for person in people { personIds.append(try bulk.insert(person).id!) }
            phase("100 000 people")

            // Enrolments: 92.5 % of the people have one, 7.5 % of them a second; inserted in
            // order of their start, as they were registered over the two years.
            var owners = Array(0..<Int(Double(people.count) * 0.925))
            for i in 0..<(DataSet.enrolmentCount - owners.count) { owners.append(owners[(i * 7919) % owners.count]) }
            let startDay = DataSet.firstPeriod.firstDay.dayNumber
            let endDay = DataSet.latestPeriod.lastDay.dayNumber
            var planned: [PlannedEnrolment] = []
            planned.reserveCapacity(DataSet.enrolmentCount)
            let programmeWeights = Catalogue.programmes.map(\.weight)
            let nackaOfficeWeights = Catalogue.nackaOffices.map(\.weight)
            let afOfficeWeights = Catalogue.afOffices.map(\.weight)
            var contactPersons: [Int64] = []
            var participantUsers: [Int: Int64] = [:]
            for owner in owners {
                let pi = r.weighted(programmeWeights)
                let spec = Catalogue.programmes[pi]
                let isNacka = spec.responsible == "nacka"
                let office = isNacka ? nackaOffices[r.weighted(nackaOfficeWeights)] : afOffices[r.weighted(afOfficeWeights)]
                var providerId: Int64?
                var authors: [Int64] = []
                if let choice = spec.providerChoice {
                    let eligible = providers.filter { $0.choices.contains(choice) }
                    let provider = eligible[r.weighted(zipfWeights(eligible.count))].org
                    providerId = provider.id
                    authors = staffByProvider[provider.id!]!
                }
                // 1 % are decided but start after today.
                let start = r.chance(0.01)
                    ? DataSet.today.adding(days: r.int(1...50))
                    : LocalDate(dayNumber: r.int(startDay...endDay))
                var months: Int? = spec.maximumMonths
                if spec.code == "lss-kontaktperson" { months = r.chance(0.4) ? nil : r.int(6...30) }
                let plannedEnd = months.map { addMonths(start, $0).adding(days: -1) }
                var extensions: [Extension] = []
                if let end = plannedEnd, ["FAI1", "rom"].contains(spec.code), r.chance(0.25) {
                    extensions.append(Extension(decidedOn: end.adding(days: -14), newPlannedEnd: addMonths(end, spec.code == "rom" ? 3 : 1)))
                }
                var actualEnd: LocalDate?
                var endReason: EndReason?
                let effectiveEnd = extensions.map(\.newPlannedEnd).max() ?? plannedEnd
                let early = r.unit()
                if early < (spec.code == "etablering" ? 0.25 : 0.10) {
                    let span = max(1, start.days(until: effectiveEnd ?? addMonths(start, 24)))
                    let end = start.adding(days: r.int(min(30, span)...span))
                    if end < DataSet.today {
                        actualEnd = end
                        endReason = early < 0.03 ? .interrupted : .endedEarly
                    }
                }
                if actualEnd == nil, let end = effectiveEnd, end < DataSet.today {
                    actualEnd = end
                    endReason = .completed
                }
                var reporterId: Int64?
                var agreement: [String: JSONValue] = [:]
                var agreed = 0
                switch spec.author {
                case "participant":
                    if let existing = participantUsers[owner] {
                        reporterId = existing
                    } else {
                        let u = try user(nil, [.reporter], personId: personIds[owner])
                        participantUsers[owner] = u.id!
                        reporterId = u.id
                    }
                case "contact":
                    if contactPersons.isEmpty || r.chance(0.6) {
                        contactPersons.append(try user(nil, [.reporter]).id!)
                    }
                    reporterId = r.chance(0.7) ? contactPersons.last! : r.pick(contactPersons)
                    agreed = r.int(2...8)
                    agreement = ["sessions_per_month": .integer(Int64(agreed))]
                default:
                    agreement = ["hours_per_week": .integer(Int64(r.int(4...20)))]
                }
                let enrolment = Enrolment(
                    personId: personIds[owner], programmeId: programmes[pi].id!, responsibleOrganisationId: isNacka ? nacka.id! : af.id!,
                    officeId: office.id, providerId: providerId, officerId: r.pick(officersByOffice[office.id!]!), reporterId: reporterId,
                    start: start, plannedEnd: plannedEnd, actualEnd: actualEnd, endReason: endReason, extensions: extensions,
                    agreement: agreement)
                planned.append(PlannedEnrolment(enrolment: enrolment, programme: pi, authors: authors, agreed: agreed))
            }
            planned.sort { $0.enrolment.start < $1.enrolment.start }
            for e in planned { e.enrolment = try bulk.insert(e.enrolment) }
            phase("100 000 enrolments (and \(contactPersons.count + participantUsers.count) reporters)")

            // Pass 1: how many monthly reports there will be, and how many enrolment-months of
            // provider programmes can carry a deviation: the deviations make up the million.
            var monthly = 0
            var eventSlots = 0
            for (pn, p) in periods.enumerated() {
                let age = periods.count - 1 - pn
                for (ei, e) in planned.enumerated() where isActive(e.enrolment, in: p) {
                    if status(age: age, draw: Random.unit(ei, pn, salt: 1)) != nil { monthly += 1 }
                    if Catalogue.programmes[e.programme].author == "provider" { eventSlots += 1 }
                }
            }
            var eventsNeeded = DataSet.reportCount - monthly
            precondition(eventsNeeded >= 0 && eventsNeeded <= eventSlots, "monthly reports \(monthly), slots \(eventSlots)")
            eventReports = eventsNeeded
            log("  \(monthly) monthly reports over \(periods.count) periods, \(eventsNeeded) deviations")

            // Pass 2: period by period, as they came in.
            var caseCounters: [Int: Int] = [:]
            var slotsLeft = eventSlots
            func insertReport(_ e: PlannedEnrolment, template: String, version: Int, period: Period?, eventDate: LocalDate?,
                              status: ReportStatus, answers: String, window: LocalDate) throws {
                let en = e.enrolment
                let author = e.authors.isEmpty ? en.reporterId! : e.authors[r.int(0..<e.authors.count)]
                // Drafts are started from the last days of the month; most are sent in the first week of the window.
                var created = date(window.adding(days: -r.int(0...4)), seconds: r.int(6 * 3600...21 * 3600))
                var submitted: Date?
                var updated = created
                var revision = r.int(1...3)
                var late = false
                if status != .draft && status != .withdrawn {
                    let day = r.chance(0.03) && window.adding(days: 20) < DataSet.today
                        ? r.int(14...24) : r.int(0...min(8, max(0, window.days(until: DataSet.today) - 1)))
                    late = day >= 14
                    submitted = date(window.adding(days: day), seconds: r.int(7 * 3600...22 * 3600))
                    revision += 1
                    if status == .returned || status == .resubmitted { revision += 1 }
                    if status == .resubmitted {
                        submitted = submitted! + Double(r.int(2...6) * 86_400)
                        revision += 1
                    }
                    if status == .approved { revision += 1 }
                    submitted = min(submitted!, DataSet.now - Double(r.int(600...86_400)))
                    updated = status == .submitted || status == .resubmitted
                        ? submitted! : min(DataSet.now, submitted! + Double(r.int(1...10) * 86_400))
                    created = min(created, submitted!)
                } else {
                    created = min(created, DataSet.now - 3600)
                    updated = min(DataSet.now, created + Double(r.int(0...5) * 86_400))
                }
                var caseNumber: String?
                var hash: String?
                if let submitted {
                    // The year in UTC: submissions are made between 07 and 22 UTC, never at New Year's midnight.
                    let year = LocalDate(dayNumber: Int(submitted.timeIntervalSince1970 / 86_400)).year
                    caseCounters[year, default: 0] += 1
                    let serial = String(caseCounters[year]!)
                    caseNumber = "\(year)-" + String(repeating: "0", count: max(0, 6 - serial.count)) + serial
                    hash = AppDatabase.hash(canonicalAnswers: answers)
                }
                let report = Report(
                    templateId: template, templateVersion: version, period: period, eventDate: eventDate, personId: en.personId,
                    enrolmentId: en.id, authorId: author, status: status, revision: revision, caseNumber: caseNumber,
                    receiptHash: hash, submittedAt: submitted, submittedBy: submitted == nil ? nil : author, late: late,
                    createdAt: created, updatedAt: updated, responsibleOrganisationId: en.responsibleOrganisationId,
                    officeId: en.officeId, providerId: en.providerId)
                try bulk.insert(report, answersJSON: answers)
            }
            for (pn, p) in periods.enumerated() {
                let age = periods.count - 1 - pn
                let version = p < Period(year: 2025, month: 1)! ? 1 : 2
                for (ei, e) in planned.enumerated() where isActive(e.enrolment, in: p) {
                    let spec = Catalogue.programmes[e.programme]
                    if let st = status(age: age, draw: Random.unit(ei, pn, salt: 1)) {
                        let answers = Answers.monthly(template: spec.template, period: p, programme: spec.code, agreed: e.agreed, &r)
                        try insertReport(e, template: spec.template, version: version, period: p, eventDate: nil, status: st,
                                         answers: answers, window: p.next.firstDay)
                    }
                    if spec.author == "provider" {
                        // Selection sampling: exactly `eventsNeeded` of the slots, spread evenly.
                        if r.unit() * Double(slotsLeft) < Double(eventsNeeded) {
                            let start = max(p.firstDay, e.enrolment.start)
                            let last = min(p.lastDay, DataSet.today.adding(days: -1))
                            let day = start.adding(days: r.int(0...max(0, start.days(until: last))))
                            let st: ReportStatus = age == 0 ? (r.chance(0.5) ? .submitted : .approved)
                                : (r.chance(0.02) ? .draft : .approved)
                            try insertReport(e, template: spec.code == "rom" ? "rom-avvikelse" : "kundval-avvikelse", version: 1,
                                             period: nil, eventDate: day, status: st, answers: Answers.deviation(on: day, &r),
                                             window: day.adding(days: 1))
                            eventsNeeded -= 1
                        }
                        slotsLeft -= 1
                    }
                }
            }
            phase("1 000 000 reports")
            return bulk.counts
        }
        phase("commit")
        return GenerationReport(counts: counts, seconds: (clock.now - started).seconds, phases: phases, eventReports: eventReports)
    }
}

