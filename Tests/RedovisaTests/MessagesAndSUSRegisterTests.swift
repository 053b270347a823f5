import Foundation
import Testing
@testable import Redovisa

@Suite("Messages with the case officer; the SUS register's order")
struct MessagesAndSUSRegisterTests {
    @Test func aConversationFollowsTheReportsAccessAndCountsWhatIsUnread() throws {
        // Given Anna's report by her contact person
        let world = try World()
        let report = try world.draft()
        // When the contact person writes, the officer of the office has one unread message
        _ = try world.database.writeMessage(report: report.id!, body: "  Hej, en fråga om mötena.  ", as: world.contactPerson)
        #expect(try world.database.unreadMessageCount(as: world.officerNorth) == 1)
        #expect(try world.database.unreadMessageCount(as: world.contactPerson) == 0)
        let list = try world.database.conversations(as: world.officerNorth)
        #expect(list.map(\.reportId) == [report.id!] && list.first?.unread == 1 && list.first?.messageCount == 1)
        // Reading marks it read; the text is trimmed, the author named
        let read = try world.database.conversation(report: report.id!, as: world.officerNorth)
        #expect(read.messages.map(\.body) == ["Hej, en fråga om mötena."])
        #expect(read.messages.first?.authorName == "Kalle" && read.messages.first?.mine == false)
        #expect(try world.database.unreadMessageCount(as: world.officerNorth) == 0)
        // Another office's officer is refused with the SUS message, sees no conversation, and is audited
        #expect(throws: RedovisaError.noAssignment) {
            try world.database.writeMessage(report: report.id!, body: "Hej", as: world.officerSouth)
        }
        #expect(try world.database.conversations(as: world.officerSouth).isEmpty)
        let denied = try world.database.auditLog(entity: "report", as: world.system)
            .filter { $0.action == "denied" && $0.actorId == world.officerSouth.userId }
        #expect(denied.count == 1)
        // Empty and too long messages name the field and write nothing
        for body in ["  \n ", String(repeating: "a", count: AppDatabase.messageMaximumLength + 1)] {
            #expect(throws: RedovisaError.self) { try world.database.writeMessage(report: report.id!, body: body, as: world.officerNorth) }
        }
        #expect(try world.database.conversation(report: report.id!, as: world.officerNorth).messages.count == 1)
    }

    @Test func aboutAProtectedPersonTheTextIsWithheldFromThoseWithoutThePermission() throws {
        let world = try World()
        let report = try world.database.createDraft(
            .init(templateId: "lss-kontaktperson", templateVersion: 1, period: Period("2025-09"), personId: world.hidden.id!,
                  enrolmentId: world.hiddenEnrolment.id), as: world.officerNorth)
        _ = try world.database.writeMessage(report: report.id!, body: "Ny adress", as: world.providerStaff)
        // The author of the report (the officer) reads it; the provider's staff wrote it; the administrator may not see it
        #expect(try world.database.conversation(report: report.id!, as: world.officerNorth).messages.first?.body == "Ny adress")
        #expect(try world.database.conversation(report: report.id!, as: world.providerStaff).messages.first?.body == "Ny adress")
        let admin = try world.database.conversation(report: report.id!, as: world.administrator)
        #expect(admin.messages.count == 1 && admin.messages.first?.body == nil)
    }

    @Test func theJointMappingIsRegisteredInOrderAndNeverInTheFuture() throws {
        let world = try World()
        let database = world.database, officer = world.officerNorth, anna = world.anna.id!
        func register(_ step: SUSStep, _ date: String, _ transition: SUSTransition? = nil, office: Int64? = nil) throws -> SUSRegistration {
            try database.registerSUSStep(person: anna, step: step, transition: transition, date: LocalDate(date)!, officeId: office, as: officer)
        }
        func field(_ body: () throws -> SUSRegistration) -> String? {
            do { _ = try body(); return nil } catch let error as RedovisaError { return error.field } catch { return "?" }
        }
        // Out of order, without an office, in the future, through this path for an active start
        #expect(field { try register(.mappingStarted, "2025-09-10", office: world.north.id) } == "step")
        #expect(field { try register(.mappingRequested, "2025-09-01") } == "office")
        #expect(field { try register(.mappingRequested, "2025-12-01", office: world.north.id) } == "date")
        #expect(field { try register(.activeInterventionStarted, "2025-09-01", .workOriented, office: world.north.id) } == "step")
        // In order, the office carried over
        let request = try register(.mappingRequested, "2025-09-01", office: world.north.id)
        #expect(field { try register(.mappingRequested, "2025-09-02") } == "step")
        #expect(field { try register(.mappingStarted, "2025-08-30") } == "date")
        #expect(try register(.mappingStarted, "2025-09-10").officeId == world.north.id)
        #expect(field { try register(.mappingEnded, "2025-09-30") } == "transition")
        #expect(try register(.mappingEnded, "2025-09-30", .workOriented).transition == .workOriented)
        let records = try database.susRecords(person: anna, as: officer)
        #expect(records.map(\.step) == [.mappingRequested, .mappingStarted, .mappingEnded])
        #expect(records.map(\.office) == ["Nacka norr", "Nacka norr", "Nacka norr"])
        // Another office's officer may neither see nor delete them; the officer may delete
        #expect(throws: RedovisaError.noAssignment) { try database.deleteSUSRegistration(id: request.id!, as: world.officerSouth) }
        #expect(throws: RedovisaError.noAssignment) { try database.susRecords(person: anna, as: world.officerSouth) }
        #expect(try database.deleteSUSRegistration(id: request.id!, as: officer).step == .mappingRequested)
        #expect(try database.susRecords(person: anna, as: officer).count == 2)
        // A municipality's officer has no assignment in an agency: the SUS page refuses them
        #expect(throws: RedovisaError.noAssignment) { try database.requireSUSAssignment(as: officer) }
    }
}
