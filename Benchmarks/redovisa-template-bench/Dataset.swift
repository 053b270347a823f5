import Foundation
@_spi(Bulk) import Redovisa

/// 100 000 stored `lss-kontaktperson` reports with realistic answers — most complete, some with
/// the mistakes people make (no reason, a wrong check digit, no confirmation) — cached in a
/// database file so that runs after the first only read it.
enum Dataset {
    static let reports = 100_000
    static let contacts = 2_000

    /// Opens the cached database in `directory`, building it first when it is missing.
    static func open(in directory: String, log: (String) -> Void) throws -> AppDatabase {
        let path = directory + "/lss-\(reports).sqlite"
        if FileManager.default.fileExists(atPath: path) { return try AppDatabase.open(path: path) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        log("building the data set (\(reports) reports) in \(path)…")
        let building = path + ".building"
        try? FileManager.default.removeItem(atPath: building)
        let database = try AppDatabase.open(path: building)
        try fill(database)
        try database.checkpoint()
        try FileManager.default.moveItem(atPath: building, toPath: path)
        return try AppDatabase.open(path: path)
    }

    static func fill(_ database: AppDatabase) throws {
        var random = SplitMix(seed: 20251003)
        let now = Date(timeIntervalSince1970: 1_759_485_600)
        try database.bulkInsert { bulk in
            let kommun = try bulk.insert(Organisation(code: "skelleftea", name: "Skellefteå kommun", kind: .municipality))
            let programme = try bulk.insert(Programme(code: "lss-kontaktperson", name: "Kontaktperson enligt LSS"))
            var enrolments: [(Enrolment, Person, Int64)] = []
            for i in 0..<contacts {
                let client = try bulk.insert(Person(
                    personnummer: Personnummer.make(birthDate: LocalDate(year: 1950 + i % 60, month: 1 + i % 12, day: 1 + i % 28)!, serial: 100 + i % 800),
                    firstName: names[i % names.count], lastName: surnames[(i / 7) % surnames.count]))
                let contact = try bulk.insert(User(username: "kp\(i)", displayName: "Kontaktperson \(i)", roles: [.reporter]))
                let enrolment = try bulk.insert(Enrolment(
                    personId: client.id!, programmeId: programme.id!, responsibleOrganisationId: kommun.id!,
                    reporterId: contact.id, start: LocalDate("2020-01-01")!))
                enrolments.append((enrolment, client, contact.id!))
            }
            for n in 0..<reports {
                let (enrolment, client, contact) = enrolments[n % contacts]
                let month = n / contacts  // 50 months per contact person
                let period = Period(year: 2021 + month / 12, month: 1 + month % 12)!
                let answers = Self.answers(client: client, contact: n % contacts, period: period, random: &random)
                _ = try bulk.insert(
                    Report(templateId: "lss-kontaktperson", templateVersion: 1, period: period, personId: client.id!,
                           enrolmentId: enrolment.id, authorId: contact, status: .submitted, createdAt: now, updatedAt: now,
                           responsibleOrganisationId: kommun.id),
                    answersJSON: answers.canonicalText)
            }
        }
    }

    /// One month's answers, as a contact person gives them.
    static func answers(client: Person, contact: Int, period: Period, random: inout SplitMix) -> JSONValue {
        let all = random.pick([("ja_alla", 70), ("nej_nagra", 22), ("nej", 8)])
        var a: [String: JSONValue] = [
            "klient_fornamn": .string(client.firstName), "klient_efternamn": .string(client.lastName),
            "ar": .integer(Int64(period.year)), "manad": .integer(Int64(period.month)), "alla_tillfallen": .string(all),
            "personnummer": .string(Personnummer.make(birthDate: LocalDate(year: 1960 + contact % 40, month: 1 + contact % 12, day: 1 + contact % 28)!, serial: 200 + contact % 700).digits),
            "fornamn": .string(names[(contact * 3) % names.count]), "efternamn": .string(surnames[contact % surnames.count]),
            "bekraftelse": .bool(true),
        ]
        if all != "nej" { a["aktiviteter"] = .string(activities[random.next(activities.count)]) }
        if all != "ja_alla" { a["anledning"] = .string("Personen var sjuk en vecka och vi fick ställa in ett av tillfällena.") }
        if random.next(4) == 0 { a["fortydligande"] = .string("Vi har flyttat träffarna till torsdagar.") }
        switch random.next(3) {
        case 0:
            a["epost"] = .string("kp\(contact)@example.se")
            a["notifiering"] = .array([.string("epost")])
        case 1:
            a["mobil"] = .string("070-\(100 + contact % 900) \(10 + contact % 90) \(10 + contact % 89)")
            a["notifiering"] = .array([.string("sms")])
        default:
            a["epost"] = .string("kp\(contact)@example.se")
        }
        // About one report in ten has a mistake the template must find.
        switch random.next(30) {
        case 0: a["anledning"] = nil; a["alla_tillfallen"] = .string("nej")
        case 1: a["personnummer"] = .string("198112189877")
        case 2: a["bekraftelse"] = .bool(false)
        default: break
        }
        return .object(a)
    }

    static let names = ["Anna", "Erik", "Fatima", "Johan", "Leila", "Mohammed", "Sara", "Oskar", "Amira", "Lars", "Elin", "Yusuf"]
    static let surnames = ["Andersson", "Berg", "Hassan", "Lindqvist", "Nilsson", "Öberg", "Svensson", "Åström", "Karlsson"]
    static let activities = [
        "Bio och fika på stan.", "Promenad längs älven och handlade kläder.", "Bowling och middag.",
        "Vi lagade mat tillsammans och spelade kort.", "Simhallen och biblioteket.",
    ]
}

/// A small deterministic random generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func nextUInt64() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(_ bound: Int) -> Int { Int(nextUInt64() % UInt64(bound)) }
    mutating func pick(_ weighted: [(String, Int)]) -> String {
        var n = next(weighted.reduce(0) { $0 + $1.1 })
        for (value, weight) in weighted {
            if n < weight { return value }
            n -= weight
        }
        return weighted[0].0
    }
}
