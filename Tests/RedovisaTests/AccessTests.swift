import Foundation
import Redovisa
import Testing

/// Access by assignment, masking of protected identities, and the audit trail of both.
struct AccessTests {
    @Test func anOfficerSeesParticipantsOfTheirOfficeAndNoOneElse() throws {
        let world = try World()
        // Given Anna, enrolled with Nacka's northern office
        // When the northern officer opens her
        let seen = try world.database.person(id: world.anna.id!, as: world.officerNorth)
        // Then he sees her in full
        #expect(seen.firstName == "Anna")
        #expect(seen.personnummer == world.anna.personnummer.formatted)
        // And the southern officer gets the SUS message instead
        let error = #expect(throws: RedovisaError.self) {
            _ = try world.database.person(id: world.anna.id!, as: world.officerSouth)
        }
        #expect(error?.code == .accessDenied)
        #expect(error?.message == RedovisaError.noAssignmentMessage)
    }

    @Test func providerStaffAndTheReportingContactPersonSeeThePersonTheyWorkFor() throws {
        let world = try World()
        #expect(try world.database.person(id: world.anna.id!, as: world.providerStaff).lastName == "Åberg")
        #expect(try world.database.person(id: world.anna.id!, as: world.contactPerson).lastName == "Åberg")
        // The contact person reports for Anna only, not for the other participant
        #expect(throws: RedovisaError.noAssignment) {
            _ = try world.database.person(id: world.hidden.id!, as: world.contactPerson)
        }
    }

    @Test func aProtectedIdentityIsMaskedInEveryListForThoseWithoutThePermission() throws {
        let world = try World()
        // Given the northern officer's list of participants
        let list = try world.database.people(as: world.officerNorth)
        // Then both are there, the protected one without name, number, address or contacts
        #expect(list.count == 2)
        let masked = try #require(list.first { $0.id == world.hidden.id })
        #expect(masked.isMasked && masked.isProtected)
        #expect(masked.firstName == PersonView.maskedName)
        #expect(masked.lastName.isEmpty)
        #expect(masked.personnummer == PersonView.maskedPersonnummer)
        #expect(masked.municipality == nil && masked.email == nil)
        // And the southern officer's list is empty
        #expect(try world.database.people(as: world.officerSouth).isEmpty)
        // And a user with the explicit permission sees the details
        let permitted = try world.database.add(
            User(username: "skydd", displayName: "Skydd", roles: [.officer], mayViewProtected: true), as: world.system)
        _ = try world.database.add(Assignment(userId: permitted.id!, organisationId: world.nacka.id!), as: world.system)
        let full = try world.database.person(id: world.hidden.id!, as: world.database.actor(username: "skydd", via: "test"))
        #expect(full.firstName == "Hemlig" && !full.isMasked && full.isProtected)
    }

    @Test func everyReadAndRefusalIsAuditedWithoutPersonalData() throws {
        let world = try World()
        _ = try world.database.person(id: world.anna.id!, as: world.officerNorth)
        _ = try? world.database.person(id: world.anna.id!, as: world.officerSouth)
        _ = try world.database.people(as: world.officerNorth)
        let log = try world.database.auditLog(limit: 10, entity: "person", as: world.administrator)
        // Newest first: the list, the refusal, the read (then the creations by the fixture)
        #expect(log.prefix(3).map(\.action) == ["list", "denied", "read"])
        #expect(log[0].actorId == world.officerNorth.userId)
        #expect(Set(log[0].entityIds) == [world.anna.id!, world.hidden.id!])
        #expect(log[1].actorId == world.officerSouth.userId && log[1].entityIds == [world.anna.id!])
        #expect(log[2].via == "test")
        for entry in log {
            let text = "\(entry.detail ?? "")"
            #expect(!text.contains("Anna") && !text.contains(world.anna.personnummer.digits))
        }
        // And only administrators may read the log
        #expect(throws: RedovisaError.self) { _ = try world.database.auditLog(as: world.officerNorth) }
    }

    @Test func reportQueuesFollowTheOfficeAndTheAccessRules() throws {
        let world = try World()
        let report = try world.draft()
        _ = try world.database.submit(id: report.id!, as: world.contactPerson)
        // The northern officer's queue has it; the southern officer cannot see it, even by asking for north
        #expect(try world.database.awaitingReview(office: world.north.id!, as: world.officerNorth).map(\.id) == [report.id])
        #expect(try world.database.awaitingReview(office: world.north.id!, as: world.officerSouth).isEmpty)
        #expect(throws: RedovisaError.noAssignment) { _ = try world.database.report(id: report.id!, as: world.officerSouth) }
        // When the enrolment moves to the southern office, the report moves to its queue
        try world.database.move(enrolment: world.annaEnrolment.id!, toOffice: world.south.id, as: world.system)
        #expect(try world.database.awaitingReview(office: world.south.id!, as: world.officerSouth).map(\.id) == [report.id])
        #expect(try world.database.awaitingReview(office: world.north.id!, as: world.officerNorth).isEmpty)
    }

    @Test func whoHasNotSubmittedCountsOnlyHandedInReports() throws {
        let world = try World()
        let september = Period("2025-09")!
        // Anna's draft does not count as handed in
        let report = try world.draft()
        var missing = try world.database.missingReports(period: september, templateId: "lss-kontaktperson", as: world.officerNorth)
        #expect(Set(missing.map(\.id)) == [world.annaEnrolment.id, world.hiddenEnrolment.id])
        // Once submitted, only the other participant is missing
        _ = try world.database.submit(id: report.id!, as: world.contactPerson)
        missing = try world.database.missingReports(period: september, templateId: "lss-kontaktperson", as: world.officerNorth)
        #expect(missing.map(\.id) == [world.hiddenEnrolment.id])
        // An enrolment that starts after the period is not asked for it
        missing = try world.database.missingReports(period: Period("2025-07")!, templateId: "lss-kontaktperson", as: world.officerNorth)
        #expect(missing.isEmpty)
    }

    @Test func onlyOfficersReviewAndOnlyTheAuthorWithdraws() throws {
        let world = try World()
        let report = try world.draft()
        #expect(throws: RedovisaError.self) { _ = try world.database.withdraw(id: report.id!, as: world.providerStaff) }
        _ = try world.database.submit(id: report.id!, as: world.contactPerson)
        let error = #expect(throws: RedovisaError.self) { _ = try world.database.approve(id: report.id!, as: world.providerStaff) }
        #expect(error?.message == "Endast handläggare kan granska rapporter.")
        let empty = #expect(throws: RedovisaError.self) {
            _ = try world.database.returnForCompletion(id: report.id!, comment: "  ", as: world.officerNorth)
        }
        #expect(empty?.field == "comment")
    }

    @Test func theAnswersOfAProtectedPersonsReportAreWithheldFromThoseWithoutThePermission() throws {
        let world = try World()
        // Given a report about the protected person, written by the provider's staff
        let report = try world.database.createDraft(
            .init(templateId: "nacka-manadsrapport", templateVersion: 1, period: Period("2025-09"),
                  personId: world.hidden.id!, enrolmentId: world.hiddenEnrolment.id,
                  answers: .object(["namn": .string("Hemlig Person")])), as: world.providerStaff)
        _ = try world.database.submit(id: report.id!, as: world.providerStaff)
        // When the northern officer (no permission) reads it, alone or in the queue
        let single = try world.database.report(id: report.id!, as: world.officerNorth)
        let queue = try world.database.awaitingReview(office: world.north.id!, as: world.officerNorth)
        // Then the case is visible but its answers are not
        #expect(single.caseNumber != nil && single.answers == .null)
        #expect(queue.map(\.answers) == [.null])
        // While its author still sees them, and approving does not wipe them
        #expect(try world.database.report(id: report.id!, as: world.providerStaff).answers["namn"] == .string("Hemlig Person"))
        _ = try world.database.approve(id: report.id!, as: world.officerNorth)
        #expect(try world.database.report(id: report.id!, as: world.providerStaff).answers["namn"] == .string("Hemlig Person"))
    }

    @Test func aProtectedPersonSeesThemself() throws {
        let world = try World()
        let user = try world.database.add(
            User(username: "hemlig", displayName: "H", roles: [.reporter], personId: world.hidden.id), as: world.system)
        let me = try world.database.person(id: world.hidden.id!, as: world.database.actor(username: user.username, via: "test"))
        #expect(!me.isMasked && me.firstName == "Hemlig")
    }
}

