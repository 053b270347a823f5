import Foundation
import LuaHost
import Redovisa
import Testing

/// The set-based questions reminder rules ask (`reports.returned`, `enrolments.list`,
/// `enrolments.active` by start date), and the recipients the runner finds for `message`: run for
/// a user of the ``World``, under that user's access rules, one audit line each.
struct ReminderTargetsLuaTests {
    let domain = DomainLuaTests()

    @Test func reportsReturnedGivesTheReportsStillReturnedByTheDayOfTheirLatestReturn() throws {
        // Given Anna's September report submitted and returned on 3 October (12:00 in Stockholm)
        let world = try World()
        let draft = try world.draft()
        _ = try world.database.submit(id: draft.id!, as: world.contactPerson)
        _ = try world.database.returnForCompletion(id: draft.id!, comment: "Komplettera", as: world.officerNorth)
        // When the officer of the north office asks for returns on the 3rd, and on the 4th only
        let results = try domain.run(world, as: world.officerNorth, """
            local third = reports.returned{ from = "2025-09-28", to = "2025-10-03" }
            local fourth = reports.returned{ from = "2025-10-04", to = "2025-10-10" }
            return #third, third[1].id, third[1].returnedOn, third[1].returnedAt, third[1].status, #fourth
            """)
        // Then the report comes back with the day and instant of its return; not on the 4th
        #expect(Array(results) == [1, .integer(draft.id!), "2025-10-03", "2025-10-03T10:00:00Z", "returned", 0])
        // And the officer of the south office, who may not see it, gets nothing
        let south = try domain.run(world, as: world.officerSouth, "return #reports.returned{ from = '2025-10-01' }")
        #expect(south == [0])
        // And one audit line lists it, as the script
        let log = try world.database.auditLog(limit: 50, entity: "report", as: world.administrator)
        let lines = log.filter { $0.via == "script:\(DomainLuaTests.script)" && $0.detail == "återremitterade" }
        #expect(lines.count == 3)
        #expect(lines.contains { $0.actorId == world.officerNorth.userId && $0.entityIds == [draft.id!] })
    }

    @Test func reportsReturnedLeavesOutAResubmittedReport() throws {
        let world = try World()
        let draft = try world.draft()
        _ = try world.database.submit(id: draft.id!, as: world.contactPerson)
        _ = try world.database.returnForCompletion(id: draft.id!, comment: "Komplettera", as: world.officerNorth)
        _ = try world.database.submit(id: draft.id!, as: world.contactPerson)
        let results = try domain.run(world, as: world.officerNorth, "return #reports.returned{ from = '2025-10-01' }")
        #expect(results == [0])
        let error = domain.failure(world, as: world.officerNorth, "return reports.returned{}")
        #expect(error?.message == "\(DomainLuaTests.script):1: bad argument #1 to 'reports.returned' (option 'from' is required)")
    }

    @Test func awaitingReviewCountsCountsEveryWaitingReportByOfficeAndResponsibleOfficer() throws {
        // Given Anna's report (her enrolment names the north officer) and one about the hidden
        // person (no responsible officer), both submitted for September, and a draft
        let world = try World()
        let annas = try world.draft()
        _ = try world.database.submit(id: annas.id!, as: world.contactPerson)
        let hiddens = try world.database.createDraft(
            .init(templateId: "lss-kontaktperson", templateVersion: 1, period: Period("2025-09"), personId: world.hidden.id!,
                  enrolmentId: world.hiddenEnrolment.id, answers: .object(["ar": .integer(2025)])), as: world.administrator)
        _ = try world.database.submit(id: hiddens.id!, as: world.administrator)
        _ = try world.draft()
        // When the north officer counts September's
        let results = try domain.run(world, as: world.officerNorth, """
            local groups = reports.awaiting_review_counts{ period = "2025-09" }
            return #groups, groups[1].officeId, groups[1].officerId, groups[1].count, groups[2].officerId, groups[2].count,
                   #reports.awaiting_review_counts{ period = "2025-08" }
            """)
        // Then the newest (the hidden person's, without an officer) comes first, each counted once
        #expect(Array(results) == [2, .integer(world.north.id!), .nil, 1, .integer(world.officerNorth.userId!), 1, 0])
        // And the south officer, who may see neither, counts nothing
        #expect(try domain.run(world, as: world.officerSouth, "return #reports.awaiting_review_counts{ period = '2025-09' }") == [0])
        let log = try world.database.auditLog(limit: 20, entity: "report", as: world.administrator)
        #expect(log.first { $0.detail == "att granska 2025-09" && $0.actorId == world.officerNorth.userId }?.entityIds == [hiddens.id!, annas.id!])
    }

    @Test func enrolmentsListGivesTheVisibleOnesOfManyIdsInOneAuditLine() throws {
        let world = try World()
        let results = try domain.run(world, as: world.officerSouth, """
            return #enrolments.list{ \(world.annaEnrolment.id!), \(world.hiddenEnrolment.id!) }
            """)
        #expect(results == [0], "the south office sees neither")
        let north = try domain.run(world, as: world.officerNorth, """
            local list = enrolments.list{ \(world.hiddenEnrolment.id!), 9999, \(world.annaEnrolment.id!) }
            return #list, list[1].id, list[1].officerId, list[2].id
            """)
        #expect(north == [2, .integer(world.annaEnrolment.id!), .integer(world.officerNorth.userId!), .integer(world.hiddenEnrolment.id!)])
        let log = try world.database.auditLog(limit: 20, entity: "enrolment", as: world.administrator)
        #expect(log.first { $0.actorId == world.officerNorth.userId }?.entityIds == [world.annaEnrolment.id!, world.hiddenEnrolment.id!])
        let error = domain.failure(world, as: world.officerNorth, "return enrolments.list{ 'x' }")
        #expect(error?.message.hasSuffix("bad argument #1 to 'enrolments.list' (item 1: integer expected, got string)") == true)
    }

    @Test func enrolmentsActiveByStartDateAndAListOfProgrammes() throws {
        // Anna started on 1 September, the hidden person on 15 August
        let world = try World()
        let results = try domain.run(world, as: world.officerNorth, """
            local september = enrolments.active{ started_from = "2025-09-01" }
            local august = enrolments.active{ programme = { "AMI2", "FAI1" }, started_from = "2025-08-01", started_to = "2025-08-31" }
            local none = enrolments.active{ programme = { "AMI2" } }
            return #september, september[1].id, #august, august[1].id, #none
            """)
        #expect(Array(results) == [1, .integer(world.annaEnrolment.id!), 1, .integer(world.hiddenEnrolment.id!), 0])
    }

    @Test func recipientsAreFoundAtOnceAndAProtectedIdentityIsGreetedWithoutAName() throws {
        // Given a user who is Anna, a user whose person has a protected identity, and a person without a login
        let world = try World()
        let annaUser = try world.database.add(
            User(username: "anna", displayName: "Anna Åberg", roles: [.reporter], personId: world.anna.id), as: world.system)
        let hiddenUser = try world.database.add(
            User(username: "hemlig", displayName: "Hemlig Person", roles: [.reporter], personId: world.hidden.id), as: world.system)
        let system = Actor.system(via: "remind").throughScript("scripts/reminders/x.lua")
        // When the runner finds them
        let found = try world.database.recipients(
            [.user(annaUser.id!), .user(hiddenUser.id!), .person(world.anna.id!), .user(9999)], as: system)
        // Then each has their login and person, and `who` names only the one who may be named
        #expect(found[.user(annaUser.id!)]?.person?.id == world.anna.id)
        #expect(found[.person(world.anna.id!)]?.user?.id == annaUser.id, "a person's login is found too")
        #expect(found[.user(annaUser.id!)]?.who(for: system) == ["firstName": "Anna", "isMasked": false] as LuaValue)
        #expect(found[.user(hiddenUser.id!)]?.who(for: system) == ["isMasked": true] as LuaValue)
        #expect(found[.user(9999)]?.who(for: system) == ["isMasked": false] as LuaValue)
        // And one audit line lists the persons read
        let log = try world.database.auditLog(limit: 5, entity: "person", as: world.administrator)
        #expect(log.filter { $0.detail == "påminnelse: mottagare" }.map(\.entityIds) == [[world.anna.id!, world.hidden.id!].sorted()])
    }
}
