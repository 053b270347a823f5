import Foundation

/// Plans and tells the demo's story in one database: the register first (one clock tick per
/// record, on 2 January 2025), then every enrolment, plan, event and report on its own date,
/// through the same ``AppDatabase`` methods the web pages use.
final class DemoBuilder {
    var random: DemoRandom
    let database: AppDatabase
    let clock: DemoClock
    let system: Actor
    let world: DemoWorld
    var timeline: DemoTimeline

    private var usedPersonnummer: Set<String> = []
    private var usedMailboxes: Set<String> = []
    private var mobiles = 0
    private var keys = 0

    /// Participants in the establishment programme who log in with e-ID (four more report on paper).
    static let participantLogins = 40
    /// LSS contact persons, who log in to report.
    static let contactPersons = 10

    /// The first day anything but the register happens.
    static let storyStart = LocalDate(year: 2025, month: 1, day: 3)!

    init(seed: UInt64, database: AppDatabase, clock: DemoClock) throws(RedovisaError) {
        var random = DemoRandom(seed: seed)
        let system = Actor.system(via: DemoSeed.via)
        world = try DemoWorld.make(database: database, system: system, clock: clock, random: &random)
        self.random = random
        self.database = database
        self.clock = clock
        self.system = system
        timeline = DemoTimeline(end: DemoCalendar.at(DemoSeed.asOf, 17))
    }

    /// Plans every service, then takes every step in time order.
    func build() throws(RedovisaError) {
        let contactPersons = try makeContactPersons()
        try planLSS(contactPersons: contactPersons)
        let establishment = try planEstablishment()
        try planRustaOchMatcha()
        try planSUS()
        try planCustomerChoice(establishment: establishment)
        planIncidents()
        _ = try timeline.run(clock: clock)
    }

    /// A new key for something planned now and made later.
    func nextKey() -> Int {
        keys += 1
        return keys
    }

    // MARK: People

    /// Where a person lives: home municipality, district (in Nacka), and the Nacka office that
    /// serves the district.
    struct Home {
        var municipality: String
        var district: String?
        var north: Bool
    }

    /// A home in Nacka, north or south as asked or by chance.
    func nackaHome(north: Bool? = nil) -> Home {
        let isNorth = north ?? random.chance(0.5)
        return Home(municipality: "Nacka", district: random.pick(isNorth ? DemoNames.nackaNorth : DemoNames.nackaSouth), north: isNorth)
    }

    /// A home for someone Arbetsförmedlingen serves: mostly Nacka, some Värmdö or Stockholm.
    func afHome(south: Bool) -> Home {
        if south { return Home(municipality: "Stockholm", district: nil, north: false) }
        return random.chance(0.8) ? nackaHome() : Home(municipality: "Värmdö", district: nil, north: true)
    }

    /// Adds one person with a realistic name, a valid personnummer (or samordningsnummer) for a
    /// birth year in `born`, contact details and notification choices.
    func makePerson(
        newcomer: Double, born: ClosedRange<Int>, home: Home, protection: ProtectedIdentity? = nil,
        samordningsnummer: Bool = false
    ) throws(RedovisaError) -> Person {
        let female = random.chance(0.5)
        let isNewcomer = random.chance(newcomer)
        let first = random.pick(
            isNewcomer ? (female ? DemoNames.newcomerWomen : DemoNames.newcomerMen)
                : (female ? DemoNames.swedishWomen : DemoNames.swedishMen))
        let last = random.pick(isNewcomer ? DemoNames.newcomerLastNames : DemoNames.swedishLastNames)
        let year = random.int(born)
        let month = random.int(1...12)
        let birth = LocalDate(year: year, month: month, day: random.int(1...LocalDate.daysIn(year: year, month: month)))!
        var number: Personnummer
        repeat {
            // The ninth digit is even for women and odd for men.
            let serial = random.int(0...99) * 10 + random.int(0...4) * 2 + (female ? 0 : 1)
            number = Personnummer.make(birthDate: birth, serial: serial, samordningsnummer: samordningsnummer)
        } while !usedPersonnummer.insert(number.digits).inserted

        var email: String?
        if random.chance(isNewcomer ? 0.7 : 0.9) {
            var mailbox = DemoNames.mailbox(first, last)
            var n = 1
            while !usedMailboxes.insert(mailbox).inserted {
                n += 1
                mailbox = DemoNames.mailbox(first, last) + String(n)
            }
            // example.com is reserved (RFC 2606): no demo e-mail can reach anyone.
            email = mailbox + "@example.com"
        }
        var mobile: String?
        if random.chance(0.9) {
            mobile = DemoNames.mobile(mobiles)
            mobiles += 1
        }
        var notify: Set<NotificationChannel> = []
        switch (email != nil, mobile != nil) {
        case (true, true):
            notify = random.weighted([([.email], 35), ([.sms], 25), ([.email, .sms], 25), ([], 15)])
        case (true, false): notify = random.chance(0.7) ? [.email] : []
        case (false, true): notify = random.chance(0.7) ? [.sms] : []
        case (false, false): break
        }
        clock.advance()
        return try database.add(
            Person(
                personnummer: number, firstName: first, lastName: last, municipality: home.municipality,
                district: home.district, protection: protection, email: email, mobile: mobile, notify: notify),
            as: system)
    }

    /// A user who reports: a participant with e-ID, or a contact person; always a person too.
    func makeReporter(username: String, person: Person) throws(RedovisaError) -> Actor {
        clock.advance()
        _ = try database.add(
            User(username: username, displayName: person.fullName, roles: [.reporter], personId: person.id), as: system)
        return try database.actor(username: username, via: system.via)
    }

    /// The demo username of the `index`th (0-based) reporter of a kind: `deltagare`, `deltagare02`, …
    static func username(_ base: String, _ index: Int) -> String {
        index == 0 ? base : base + (index < 9 ? "0" : "") + String(index + 1)
    }

    // MARK: Enrolments

    /// Plans the registration of `enrolment` a few working days before it starts (an officer
    /// registers the intervention; here the system does it for them). Returns its key.
    func register(_ enrolment: Enrolment) -> Int {
        let key = nextKey()
        var day = enrolment.start.adding(days: -random.int(2...6))
        while !DemoCalendar.isWorkingDay(day) { day = day.adding(days: -1) }
        // An enrolment decided to start after "today" is registered by "today".
        day = min(max(day, Self.storyStart), DemoSeed.asOf)
        let database = database, system = system
        timeline.add(at: DemoCalendar.at(day, random.int(8...11), random.int(0...59))) { state throws(RedovisaError) in
            state.enrolmentIds[key] = try database.add(enrolment, as: system).id!
        }
        return key
    }

    /// Plans adding a record (an absence, a deviation, a result report, a SUS registration) on
    /// `day` at office hours.
    func record<R: IdentifiedRecord & Identifiable & Sendable>(
        on day: LocalDate, _ make: @escaping (DemoState) throws(RedovisaError) -> R
    ) where R.ID == Int64? {
        let database = database, system = system
        let at = DemoCalendar.at(DemoCalendar.workingDay(onOrAfter: day), random.int(9...15), random.int(0...59))
        timeline.add(at: at) { state throws(RedovisaError) in
            _ = try database.add(try make(state), as: system)
        }
    }

    /// Plans a version of the enrolment's plan, written by `author` on `day`.
    func plan(
        _ kind: PlanKind, enrolment key: Int, on day: LocalDate, activities: [PlanActivity], by author: Actor
    ) {
        let database = database
        let at = DemoCalendar.at(day, random.int(9...15), random.int(0...59))
        timeline.add(at: at) { state throws(RedovisaError) in
            _ = try database.addPlanVersion(
                enrolment: try state.enrolmentId(key), kind: kind, activities: activities, on: day, as: author)
        }
    }

    /// A day in `range` of days after `start`.
    func day(after start: LocalDate, _ range: ClosedRange<Int>) -> LocalDate {
        start.adding(days: random.int(range))
    }

    /// A start date between `from` and `to`, on a working day.
    func startDate(from: String, to: String) -> LocalDate {
        let first = LocalDate(from)!, last = LocalDate(to)!
        return DemoCalendar.workingDay(onOrAfter: first.adding(days: random.int(0...first.days(until: last))))
    }
}
