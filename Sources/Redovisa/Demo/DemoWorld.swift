import Foundation

/// The demo's register: organisations and their offices, programmes and staff, made first so that
/// the people, enrolments and reports can refer to them.
struct DemoWorld {
    let nacka: Organisation
    let af: Organisation
    let fk: Organisation
    /// The three providers, in the order of their first authorisation.
    let providers: [Organisation]
    let nackaNorth: Office
    let nackaSouth: Office
    let afNacka: Office
    let afSouth: Office
    let fkStockholm: Office
    /// Programmes by code.
    let programmes: [String: Programme]
    /// Staff who log in, by username, acting through the demo.
    let staff: [String: Actor]

    /// Nacka's customer-choice interventions (DOMAIN.md §5): code, name, customer choice and
    /// maximum length in months.
    ///
    /// The 2024 monthly amounts are given per kind of customer choice in DOMAIN.md §5 (Billing),
    /// and seed 004 §2 names the three choices: arbetsmarknadsinsatser (AMI), introduktionsinsatser
    /// sfi och arbete (ISA) and förberedande arbetsinriktade insatser (FAI). Both interventions of a
    /// choice are paid the amount of their kind:
    /// AMI 1/2 → arbetsmarknadsinsats 3 876 kr, ISA 1/2 → introduktionsinsats 6 324 kr,
    /// FAI 1/2 → förberedande arbetsinriktad insats 8 160 kr (in öre below).
    ///
    /// The demo's interventions run in 2025, for which the sources give no amounts: the demo
    /// carries the 2024 amounts into 2025 (``demoAmountYears``) so that `redovisa billing` has
    /// something to pay. A municipality imports its real amounts per year (`manadsbelopp`).
    /// The years the demo pays the 2024 amounts for: 2024 from the sources, 2025 assumed.
    static let demoAmountYears = [2024, 2025]

    static let customerChoiceProgrammes: [(code: String, name: String, choice: String, months: Int, amount: Int64)] = [
        ("FAI1", "FAI 1 – Arbetsprövning för specificering av arbetsförmåga", "FAI", 3, 816_000),
        ("FAI2", "FAI 2 – Arbetsnärmande förstegsaktiviteter", "FAI", 6, 816_000),
        ("AMI1", "AMI 1 – Vägledning, arbetsmarknadsaktiviteter och matchning till arbete eller studier", "AMI", 3, 387_600),
        ("AMI2", "AMI 2 – Arbetsträning, arbetsmarknadsaktiviteter och vägledning till arbete och studier", "AMI", 12, 387_600),
        ("ISA1", "ISA 1 – Språkträning på arbetsplats för etableringskunder", "ISA", 9, 632_400),
        ("ISA2", "ISA 2 – Språkträning på arbetsplats (utanför etableringsprogrammet)", "ISA", 12, 632_400),
    ]

    /// The staff the demo prints as its logins: username, role, where they work, and what to try.
    static let logins: [(username: String, role: Role, place: String, note: String)] = [
        ("deltagare", .reporter, "–", "participant, establishment programme (Af)"),
        ("kontaktperson", .reporter, "–", "LSS contact person for three people"),
        ("anordnare", .providerStaff, "Nästa Steg Nacka AB", "FAI and AMI, Rusta och matcha"),
        ("anordnare-framtid", .providerStaff, "Framtidsvägen Kompetens AB", "AMI and ISA, Rusta och matcha"),
        ("anordnare-nyckeln", .providerStaff, "Nyckeln Arbetsintegrering ek. för.", "ISA and FAI, Rusta och matcha"),
        ("handlaggare-norr", .officer, "Nacka kommun, Nacka norr", "one office only"),
        ("handlaggare-syd", .officer, "Nacka kommun, Nacka syd", "one office only"),
        ("handlaggare-nacka", .officer, "Nacka kommun, all offices", "the whole organisation"),
        ("handlaggare-skyddad", .officer, "Nacka kommun, all offices", "may view protected identities"),
        ("handlaggare-af", .officer, "Arbetsförmedlingen, Nacka-Värmdö", "one office only"),
        ("handlaggare-af-soder", .officer, "Arbetsförmedlingen, Stockholm Södermalm", "one office only"),
        ("handlaggare-fk", .officer, "Försäkringskassan, all offices", "SUS joint mapping"),
        ("admin", .administrator, "–", "systemspecialist, no assignment"),
    ]

    /// Makes the register, one record per clock tick.
    static func make(
        database: AppDatabase, system: Actor, clock: DemoClock, random: inout DemoRandom
    ) throws(RedovisaError) -> DemoWorld {
        func add<R: IdentifiedRecord & Identifiable>(_ record: R) throws(RedovisaError) -> R where R.ID == Int64? {
            clock.advance()
            return try database.add(record, as: system)
        }
        let nacka = try add(Organisation(code: "nacka", name: "Nacka kommun", kind: .municipality))
        let af = try add(Organisation(code: "af", name: "Arbetsförmedlingen", kind: .agency))
        let fk = try add(Organisation(code: "fk", name: "Försäkringskassan", kind: .agency))
        // Authorised on different dates; Nyckeln's FAI authorisation of 2025 puts it last in the
        // FAI default-provider list (DOMAIN.md §5, förvalslista).
        func date(_ text: String) -> LocalDate { LocalDate(text)! }
        let providers = [
            try add(Organisation(
                code: "lev-nastasteg", name: "Nästa Steg Nacka AB", kind: .provider,
                authorisations: [Authorisation(choice: "FAI", since: date("2023-01-16")),
                                 Authorisation(choice: "AMI", since: date("2023-01-16"))])),
            try add(Organisation(
                code: "lev-framtidsvagen", name: "Framtidsvägen Kompetens AB", kind: .provider,
                authorisations: [Authorisation(choice: "AMI", since: date("2023-08-21")),
                                 Authorisation(choice: "ISA", since: date("2023-08-21"))])),
            try add(Organisation(
                code: "lev-nyckeln", name: "Nyckeln Arbetsintegrering ek. för.", kind: .provider,
                authorisations: [Authorisation(choice: "ISA", since: date("2024-03-04")),
                                 Authorisation(choice: "FAI", since: date("2025-04-07"))])),
        ]
        let nackaNorth = try add(Office(organisationId: nacka.id!, code: "norr", name: "Nacka norr"))
        let nackaSouth = try add(Office(organisationId: nacka.id!, code: "syd", name: "Nacka syd"))
        let afNacka = try add(Office(organisationId: af.id!, code: "nacka-varmdo", name: "Arbetsförmedlingen Nacka-Värmdö"))
        let afSouth = try add(Office(organisationId: af.id!, code: "sodermalm", name: "Arbetsförmedlingen Stockholm Södermalm"))
        let fkStockholm = try add(Office(organisationId: fk.id!, code: "stockholm", name: "Försäkringskassan Stockholm"))

        var programmes: [String: Programme] = [:]
        for programme in [
            Programme(code: "etablering", name: "Etableringsprogrammet", maximumMonths: 24),
            Programme(code: "lss-kontaktperson", name: "Kontaktperson enligt LSS"),
            Programme(code: "rom", name: "Rusta och matcha"),
            Programme(code: "sus", name: "SUS – aktiva insatser i samverkan Af/FK"),
        ] {
            programmes[programme.code] = try add(programme)
        }
        for p in customerChoiceProgrammes {
            programmes[p.code] = try add(Programme(
                code: p.code, name: p.name, customerChoice: p.choice, maximumMonths: p.months,
                monthlyAmounts: Dictionary(uniqueKeysWithValues: Self.demoAmountYears.map { ($0, p.amount) })))
        }

        var staff: [String: Actor] = [:]
        var usedNames: Set<String> = []
        func staffName() -> String {
            while true {
                let female = random.chance(0.6)
                let first = random.pick(female ? DemoNames.swedishWomen : DemoNames.swedishMen)
                let name = first + " " + random.pick(DemoNames.swedishLastNames)
                if usedNames.insert(name).inserted { return name }
            }
        }
        func member(
            _ username: String, _ role: Role, _ places: [(Organisation, Office?)], mayViewProtected: Bool = false
        ) throws(RedovisaError) {
            let user = try add(User(
                username: username, displayName: staffName(), roles: [role], mayViewProtected: mayViewProtected))
            for (organisation, office) in places {
                _ = try add(Assignment(userId: user.id!, organisationId: organisation.id!, officeId: office?.id))
            }
            staff[username] = try database.actor(username: username, via: system.via)
        }
        try member("admin", .administrator, [])
        try member("handlaggare-norr", .officer, [(nacka, nackaNorth)])
        try member("handlaggare-syd", .officer, [(nacka, nackaSouth)])
        try member("handlaggare-nacka", .officer, [(nacka, nil)])
        try member("handlaggare-skyddad", .officer, [(nacka, nil)], mayViewProtected: true)
        try member("handlaggare-af", .officer, [(af, afNacka)])
        try member("handlaggare-af-soder", .officer, [(af, afSouth)])
        try member("handlaggare-fk", .officer, [(fk, nil)])
        try member("anordnare", .providerStaff, [(providers[0], nil)])
        try member("anordnare-framtid", .providerStaff, [(providers[1], nil)])
        try member("anordnare-nyckeln", .providerStaff, [(providers[2], nil)])

        return DemoWorld(
            nacka: nacka, af: af, fk: fk, providers: providers, nackaNorth: nackaNorth, nackaSouth: nackaSouth,
            afNacka: afNacka, afSouth: afSouth, fkStockholm: fkStockholm, programmes: programmes, staff: staff)
    }

    /// The provider staff member of `provider`.
    func staff(of provider: Organisation) -> Actor {
        switch provider.code {
        case "lev-nastasteg": staff["anordnare"]!
        case "lev-framtidsvagen": staff["anordnare-framtid"]!
        default: staff["anordnare-nyckeln"]!
        }
    }

    /// The officer of a Nacka office: mostly the office's own, sometimes the one for the whole
    /// organisation.
    func nackaOfficer(for office: Office, random: inout DemoRandom) -> Actor {
        if random.chance(0.2) { return staff["handlaggare-nacka"]! }
        return office.id == nackaNorth.id ? staff["handlaggare-norr"]! : staff["handlaggare-syd"]!
    }

    /// The officer of an Arbetsförmedlingen office.
    func afOfficer(for office: Office) -> Actor {
        office.id == afNacka.id ? staff["handlaggare-af"]! : staff["handlaggare-af-soder"]!
    }
}
