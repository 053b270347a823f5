import Foundation
import Testing
@testable import Redovisa

@Suite("Messages: the others in the conversation are told through the outbox")
struct MessageNotificationTests {
    /// A reporter whose user is a person who chose e-mail, with a draft about a new participant.
    static func reporterWithEmail(in world: World) throws -> (Actor, Report) {
        let me = try world.database.add(
            Person(
                personnummer: Personnummer.make(birthDate: LocalDate("1975-03-04")!, serial: 321), firstName: "Kim",
                lastName: "Kontakt", municipality: "Nacka", email: "kim@example.se", notify: [.email]),
            as: world.system)
        let user = try world.database.add(
            User(username: "kim", displayName: "Kim Kontakt", roles: [.reporter], personId: me.id!), as: world.system)
        let bo = try world.database.add(
            Person(personnummer: Personnummer.make(birthDate: LocalDate("2001-07-08")!, serial: 654), firstName: "Bo", lastName: "Berg",
                   municipality: "Nacka"), as: world.system)
        let enrolment = try world.database.add(
            Enrolment(
                personId: bo.id!, programmeId: world.programme.id!, responsibleOrganisationId: world.nacka.id!,
                officeId: world.north.id, reporterId: user.id!, start: LocalDate("2025-09-01")!),
            as: world.system)
        let actor = try world.database.actor(username: "kim", via: "test")
        let report = try world.database.createDraft(
            .init(templateId: "lss-kontaktperson", templateVersion: 1, period: Period("2025-09"), personId: bo.id!,
                  enrolmentId: enrolment.id, answers: .object([:])), as: actor)
        return (actor, report)
    }

    @Test func theReporterIsToldInAppAndByEmailWithoutTheTextAndTheOfficerInApp() throws {
        // Given a reporter who chose e-mail and their report
        let world = try World()
        let (reporter, report) = try Self.reporterWithEmail(in: world)
        let outbox = { try world.database.outboxMessages(limit: 50).filter { $0.rule == "meddelande" } }
        // When the reporter writes first, then no one is told (the officers see it as unread)
        _ = try world.database.writeMessage(report: report.id!, body: "Hej! En fråga om intyget.", as: reporter)
        #expect(try outbox().isEmpty)
        #expect(try world.database.unreadMessageCount(as: world.officerNorth) == 1)

        // When the officer answers
        _ = try world.database.writeMessage(report: report.id!, body: "Hej Kim, skicka det till mig.", as: world.officerNorth)
        // Then the reporter is told in the app and by e-mail, with where to read it but not what was written
        let told = try outbox()
        #expect(told.map(\.channel).sorted { $0.rawValue < $1.rawValue } == [.email, .inApp])
        #expect(told.allSatisfy { $0.recipientUserId == reporter.userId && $0.status == .pending })
        #expect(told.allSatisfy { $0.link == "/rapporter/\(report.id!)/meddelanden" && $0.subject == "Nytt meddelande i Redovisa" })
        #expect(told.allSatisfy { $0.body == "Du har fått ett nytt meddelande om en rapport. Logga in i Redovisa för att läsa det." })
        #expect(told.first { $0.channel == .email }?.recipientPersonId == reporter.user?.personId)
        let audit = try world.database.auditLog(limit: 20, entity: "outboxMessage", as: world.system)
        #expect(audit.contains { $0.action == "create" && $0.actorId == world.officerNorth.userId && $0.detail == "meddelande: avisering"
            && Set($0.entityIds) == Set(told.compactMap(\.id)) })

        // When the officer writes again before those went out, then no second notification is queued
        _ = try world.database.writeMessage(report: report.id!, body: "Och glöm inte datumet.", as: world.officerNorth)
        #expect(try outbox().count == 2)

        // When the reporter answers, then the officer who wrote is told in the app only (no address of theirs is known)
        _ = try world.database.writeMessage(report: report.id!, body: "Tack!", as: reporter)
        let officer = try outbox().filter { $0.recipientUserId == world.officerNorth.userId }
        #expect(officer.map(\.channel) == [.inApp])
        // And the other office's officer, who never wrote and has no assignment, is told nothing
        #expect(try outbox().allSatisfy { $0.recipientUserId != world.officerSouth.userId })
    }

    @Test func aSubmittedReportsNotificationNamesItsCaseNumber() {
        #expect(AppDatabase.messageNotificationBody(caseNumber: "LSS-2025-000042")
            == "Du har fått ett nytt meddelande om ärende LSS-2025-000042. Logga in i Redovisa för att läsa det.")
    }
}
