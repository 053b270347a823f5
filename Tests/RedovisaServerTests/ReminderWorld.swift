import Foundation
import Redovisa
@testable import RedovisaServer

/// Participants the shipped rule `af-aktivitetsrapport` reminds at 10 October 2025, 08:00: each
/// enrolled in the establishment programme since 2025, none has handed in September's report,
/// each logs in and wants reminders by e-mail (every third by SMS too).
enum ReminderWorld {
    /// When the rule reminds them.
    static let moment = LuaClockMoment.at("2025-10-10T08:00")

    /// Adds `count` participants to `database` (the organisation and programme too, unless there);
    /// returns their users' ids.
    @discardableResult
    static func add(count: Int, to database: AppDatabase) throws -> [Int64] {
        let system = Actor.system(via: "test")
        let af = try database.organisation(code: "af") ?? database.add(Organisation(code: "af", name: "Arbetsförmedlingen", kind: .agency), as: system)
        let programme = try database.programme(code: "etablering")
            ?? database.add(Programme(code: "etablering", name: "Etableringsprogrammet"), as: system)
        var users: [Int64] = []
        for i in 0..<count {
            let number = Personnummer.make(birthDate: LocalDate("1931-02-03")!.adding(days: i / 40), serial: 950 + i % 40)
            let person = try database.add(Person(
                personnummer: number, firstName: "Deltagare\(i)", lastName: "Test", email: "d\(i)@example.com",
                mobile: "070-000 \(String(format: "%04d", i))", notify: i % 3 == 0 ? [.email, .sms] : [.email]), as: system)
            let user = try database.add(
                User(username: "paminns\(i)", displayName: "Deltagare\(i) Test", roles: [.reporter], personId: person.id), as: system)
            _ = try database.add(Enrolment(
                personId: person.id!, programmeId: programme.id!, responsibleOrganisationId: af.id!, reporterId: user.id,
                start: LocalDate("2025-01-01")!), as: system)
            users.append(user.id!)
        }
        return users
    }

    /// The administration over the repository's scripts, with `deliverer`.
    static func administration(deliverer: OutboxDeliverer?) -> Administration {
        Administration(templatesFolder: Project.templates, scriptsFolder: Project.scripts, deliverer: deliverer)
    }
}

/// A local time in Stockholm as an instant.
enum LuaClockMoment {
    static func at(_ text: String) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Redovisa.timeZone
        let parts = text.split(whereSeparator: { "-T:".contains($0) }).map { Int($0)! }
        return calendar.date(from: DateComponents(year: parts[0], month: parts[1], day: parts[2], hour: parts[3], minute: parts[4]))!
    }
}

/// A transport for tests that fails (for good, or to be retried) until told to work, and counts
/// what it sent.
final class SwitchTransport: OutboxTransport, @unchecked Sendable {
    // @unchecked Sendable: every field is read and written while holding `lock`.
    private let lock = NSLock()
    private var failure: DeliveryFailure?
    private var delivered: [OutboundMessage] = []

    init(failing failure: DeliveryFailure? = nil) { self.failure = failure }

    var name: String { "test" }

    /// Makes it fail with `failure`, or work (nil).
    func set(failing failure: DeliveryFailure?) { lock.withLock { self.failure = failure } }

    /// The messages it delivered, in order.
    var sent: [OutboundMessage] { lock.withLock { delivered } }

    func send(_ message: OutboundMessage) async throws(DeliveryFailure) {
        let failure: DeliveryFailure? = lock.withLock {
            if self.failure == nil { delivered.append(message) }
            return self.failure
        }
        if let failure { throw failure }
    }
}
