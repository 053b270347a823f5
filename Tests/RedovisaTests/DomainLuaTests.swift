import Foundation
import LuaHost
import Redovisa
import Testing

/// The domain as scripts see it: `people`, `enrolments`, `reports` and `plans`, run in a real
/// sandbox for a user of the ``World``, under that user's access rules and audited as the script.
struct DomainLuaTests {
    static let script = "scripts/check.lua"

    /// Runs `source` as `scripts/check.lua` for `actor`, on 2025-10-03 (the world's "now").
    func run(_ world: World, as actor: Actor, changes: Bool = false, _ source: String) throws -> [LuaValue] {
        let sandbox = try LuaSandbox(.init(modules: DomainModules.all))
        var context = LuaRunContext(clock: LuaClock(asOf: "2025-10-03")!)
        context.domain = LuaDomainContext(
            database: world.database, actor: actor, script: Self.script, allowsChanges: changes)
        return try sandbox.runSource(source, chunkName: Self.script, context: context)
    }

    /// The error a script stops with.
    func failure(_ world: World, as actor: Actor, changes: Bool = false, _ source: String) -> LuaError? {
        #expect(throws: LuaError.self) { _ = try run(world, as: actor, changes: changes, source) }
    }

    // MARK: people

    @Test func peopleGetAndFindGiveThePersonWithTheModelsFieldNames() throws {
        let world = try World()
        // When the officer of the north office looks Anna up by id and by personnummer
        let results = try run(world, as: world.officerNorth, """
            local byId = people.get(\(world.anna.id!))
            local byNumber = people.find{ personnummer = "\(world.anna.personnummer.formatted)" }
            return byId, byNumber.id
            """)
        // Then she comes back as a table with the model's camelCase fields
        let anna = results[0]
        #expect(anna["id"] == .integer(world.anna.id!))
        #expect(anna["firstName"] == "Anna")
        #expect(anna["lastName"] == "Åberg")
        #expect(anna["personnummer"] == .string(world.anna.personnummer.formatted))
        #expect(anna["municipality"] == "Nacka")
        #expect(anna["isProtected"] == false)
        #expect(anna["isMasked"] == false)
        #expect(results[1] == .integer(world.anna.id!))
    }

    @Test func peopleFindRefusesAMalformedPersonnummerWithTheSwedishMessage() throws {
        let world = try World()
        let results = try run(world, as: world.officerNorth, """
            local ok, message = pcall(people.find, { personnummer = "19900517-2346" })
            local ok2, message2 = pcall(people.find, { personnummer = "19900101-0017" })
            return ok, message, ok2, message2
            """)
        #expect(results[0] == false)
        #expect(results[1].stringValue?.hasSuffix("personnummer: fel kontrollsiffra") == true)
        #expect(results[2] == false)
        #expect(results[3].stringValue?.hasSuffix("personnummer: ingen person med det personnumret") == true)
    }

    @Test func peopleListMasksTheProtectedPersonUnlessTheUserMayViewProtected() throws {
        let world = try World()
        // Given an officer of the north office, and one with the permission to see protected identities
        let cleared = try world.database.add(
            User(username: "maja", displayName: "Maja", roles: [.officer], mayViewProtected: true), as: world.system)
        _ = try world.database.add(
            Assignment(userId: cleared.id!, organisationId: world.nacka.id!, officeId: world.north.id), as: world.system)
        let maja = try world.database.actor(username: "maja", via: "test")
        let source = """
            local list = people.list{ limit = 10 }
            local byId = {}
            for _, person in ipairs(list) do byId[person.id] = person end
            return #list, byId[\(world.hidden.id!)], byId[\(world.anna.id!)].firstName
            """
        // When both list the people they may see
        let masked = try run(world, as: world.officerNorth, source)
        let clear = try run(world, as: maja, source)
        // Then the protected person is masked for the first: no name, personnummer or contact details
        #expect(masked[0] == 2)
        #expect(masked[1]["firstName"] == .string(PersonView.maskedName))
        #expect(masked[1]["personnummer"] == .string(PersonView.maskedPersonnummer))
        #expect(masked[1]["lastName"] == "")
        #expect(masked[1]["email"] == .nil)
        #expect(masked[1]["municipality"] == .nil)
        #expect(masked[1]["isProtected"] == true)
        #expect(masked[1]["isMasked"] == true)
        #expect(masked[2] == "Anna")
        // And shown to the one with the permission
        #expect(clear[1]["firstName"] == "Hemlig")
        #expect(clear[1]["email"] == "h@example.se")
        #expect(clear[1]["isMasked"] == false)
    }

    @Test func peopleListPagesWithLimitAndOffset() throws {
        let world = try World()
        let results = try run(world, as: world.administrator, """
            local first = people.list{ limit = 1 }
            local second = people.list{ limit = 1, offset = 1 }
            return #first, first[1].id, second[1].id, #people.list()
            """)
        #expect(results == [1, .integer(world.anna.id!), .integer(world.hidden.id!), 2])
    }

    // MARK: access

    @Test func anOfficerOfTheOtherOfficeGetsTheSUSMessageWhichPcallCatches() throws {
        let world = try World()
        let report = try world.draft()
        // When the officer of the south office asks for Anna, her enrolment and her report
        let results = try run(world, as: world.officerSouth, """
            local ok1, person = pcall(people.get, \(world.anna.id!))
            local ok2, enrolment = pcall(function()
              return enrolments.get(\(world.annaEnrolment.id!))
            end)
            local ok3, report = pcall(reports.get, \(report.id!))
            return ok1, person, ok2, enrolment, ok3, report, #people.list()
            """)
        // Then each is refused with the SUS message, caught by pcall; the list shows no one
        #expect(results[0] == false)
        #expect(results[1].stringValue?.hasSuffix(RedovisaError.noAssignmentMessage) == true)
        #expect(results[2] == false)
        #expect(results[3] == .string("\(Self.script):3: \(RedovisaError.noAssignmentMessage)"))
        #expect(results[4] == false)
        #expect(results[5].stringValue?.hasSuffix(RedovisaError.noAssignmentMessage) == true)
        #expect(results[6] == 0)
    }

    @Test func anUncaughtRefusalStopsTheScriptAtItsLine() throws {
        let world = try World()
        let error = failure(world, as: world.officerSouth, "local id = \(world.anna.id!)\nreturn people.get(id)")
        #expect(error?.message == "\(Self.script):2: \(RedovisaError.noAssignmentMessage)")
        #expect(error?.line == 2)
    }

    @Test func everyReadAndRefusalIsAuditedAsTheUserThroughTheScript() throws {
        let world = try World()
        // When the north officer reads Anna and the south officer is refused
        _ = try run(world, as: world.officerNorth, "return people.get(\(world.anna.id!))")
        _ = try run(world, as: world.officerSouth, "return pcall(people.get, \(world.anna.id!))")
        // Then both are in the audit log with the user and `script:scripts/check.lua`
        let log = try world.database.auditLog(limit: 20, entity: "person", as: world.administrator)
        let scripted = log.filter { $0.via == "script:\(Self.script)" }
        #expect(scripted.count == 2)
        #expect(scripted.contains { $0.action == "read" && $0.actorId == world.officerNorth.userId && $0.entityIds == [world.anna.id!] })
        #expect(scripted.contains { $0.action == "denied" && $0.actorId == world.officerSouth.userId })
    }

    // MARK: enrolments

    @Test func enrolmentsGetAndActiveDefaultToTheRunsToday() throws {
        let world = try World()
        let results = try run(world, as: world.officerNorth, """
            local e = enrolments.get(\(world.annaEnrolment.id!))
            local today = enrolments.active()
            local august = enrolments.active{ on = "2025-08-20" }
            local fai = enrolments.active{ programme = "FAI1" }
            local other = enrolments.active{ programme = "AMI2" }
            return e, #today, #august, august[1].personId, #fai, #other
            """)
        let enrolment = results[0]
        #expect(enrolment["personId"] == .integer(world.anna.id!))
        #expect(enrolment["start"] == "2025-09-01")
        #expect(enrolment["officeId"] == .integer(world.north.id!))
        #expect(enrolment["reporterId"] == .integer(world.contactPerson.userId!))
        #expect(enrolment["actualEnd"] == .nil)
        #expect(Array(results.dropFirst()) == [2, 1, .integer(world.hidden.id!), 2, 0])
    }

    // MARK: reports

    @Test func reportsGetFindAndHistory() throws {
        let world = try World()
        let draft = try world.draft()
        _ = try world.database.submit(id: draft.id!, as: world.contactPerson)
        let results = try run(world, as: world.officerNorth, """
            local r = reports.get(\(draft.id!))
            local submitted = reports.find{ period = "2025-09", status = { "submitted", "resubmitted" },
                                            template = "lss-kontaktperson", office = "nacka/norr", provider = "jobbexpert" }
            local drafts = reports.find{ status = "draft" }
            local history = reports.history(\(draft.id!))
            return r, #submitted, #drafts, history
            """)
        let report = results[0]
        #expect(report["status"] == "submitted")
        #expect(report["period"] == "2025-09")
        #expect(report["templateId"] == "lss-kontaktperson")
        #expect(report["caseNumber"] == "2025-000001")
        #expect(report["answers"]["ar"] == 2025)
        #expect(report["submittedAt"] == "2025-10-03T10:00:00Z")
        #expect(results[1] == 1)
        #expect(results[2] == 0)
        let history = results[3]
        #expect(history[1]["status"] == "draft")
        #expect(history[2]["status"] == "submitted")
        #expect(history[2]["byUserId"] == .integer(world.contactPerson.userId!))
    }

    @Test func reportsMissingAndAwaitingReview() throws {
        let world = try World()
        // Given Anna's September report submitted, and no report for the hidden person
        let draft = try world.draft()
        _ = try world.database.submit(id: draft.id!, as: world.contactPerson)
        let results = try run(world, as: world.officerNorth, """
            local missing = reports.missing{ period = "2025-09", template = "lss-kontaktperson" }
            local august = reports.missing{ period = "2025-08", template = "lss-kontaktperson", programme = "FAI1" }
            local queue = reports.awaiting_review()
            local byCode = reports.awaiting_review{ office = "nacka/norr" }
            local south = reports.awaiting_review{ office = \(world.south.id!) }
            return #missing, missing[1].personId, #august, #queue, queue[1].id, #byCode, #south
            """)
        // Then the hidden person's enrolment is missing September; only the hidden one was active in August
        #expect(results[0] == 1)
        #expect(results[1] == .integer(world.hidden.id!))
        #expect(results[2] == 1)
        // And the queue of the officer's only office holds the submitted report
        #expect(results[3] == 1)
        #expect(results[4] == .integer(draft.id!))
        #expect(results[5] == 1)
        #expect(results[6] == 0)
    }

    @Test func awaitingReviewWithoutAnOfficeNeedsOneForAUserWithoutASingleOffice() throws {
        let world = try World()
        let error = failure(world, as: world.administrator, "return reports.awaiting_review()")
        #expect(error?.message.contains("bad argument #1 to 'reports.awaiting_review' (option 'office' is required") == true)
    }

    // MARK: plans

    @Test func plansCurrentGivesTheNewestVersionOrNil() throws {
        let world = try World()
        let enrolment = world.annaEnrolment.id!
        let day = LocalDate("2025-09-05")!
        _ = try world.database.addPlanVersion(
            enrolment: enrolment, kind: .jointPlanning, activities: [PlanActivity(name: "Sfi", mandatory: true, hoursPerWeek: 10)],
            on: day, as: world.system)
        _ = try world.database.addPlanVersion(
            enrolment: enrolment, kind: .jointPlanning,
            activities: [PlanActivity(name: "Sfi", mandatory: true, hoursPerWeek: 10),
                         PlanActivity(name: "Praktik", mandatory: false, hoursPerWeek: 12.5, goal: "Anställning")],
            on: day.adding(days: 7), as: world.system)
        let results = try run(world, as: world.officerNorth, """
            local plan = plans.current(\(enrolment))
            return plan, plans.current(\(enrolment), "gemensam_planering").version, plans.current(\(enrolment), "iup")
            """)
        let plan = results[0]
        #expect(plan["version"] == 2)
        #expect(plan["kind"] == "gemensam_planering")
        #expect(plan["createdAt"] == "2025-09-12")
        #expect(plan["activities"][2]["hoursPerWeek"] == 12.5)
        #expect(plan["activities"][2]["goal"] == "Anställning")
        #expect(results[1] == 2)
        #expect(results[2] == .nil)
        let error = failure(world, as: world.officerNorth, "return plans.current(\(enrolment), 'plan')")
        #expect(error?.message.hasPrefix(
            "\(Self.script):1: bad argument #2 to 'plans.current' (unknown plan kind \"plan\"") == true)
    }

    // MARK: bad arguments

    @Test func badArgumentsNameTheFunctionAndTheOption() throws {
        let world = try World()
        func message(_ source: String) -> String? { failure(world, as: world.officerNorth, source)?.message }
        #expect(message("return people.get('x')") == "\(Self.script):1: bad argument #1 to 'people.get' (integer expected, got string)")
        #expect(message("return people.get()") == "\(Self.script):1: bad argument #1 to 'people.get' (integer expected, got nil)")
        #expect(message("return reports.find{ peroid = '2025-09' }")
            == "\(Self.script):1: bad argument #1 to 'reports.find' (unknown option 'peroid' (expected period, status, template, enrolment, office, provider, person, limit))")
        #expect(message("return reports.find{ period = '2025-9' }")
            == "\(Self.script):1: bad argument #1 to 'reports.find' (option 'period': \"YYYY-MM\" expected, got \"2025-9\")")
        #expect(message("return reports.find{ status = 'sent' }")?.contains("option 'status': unknown status \"sent\" (one of draft, submitted") == true)
        #expect(message("return reports.find{ office = 'norr' }")?.contains("option 'office': an office id or \"ORGANISATION/OFFICE\" expected") == true)
        #expect(message("return reports.find{ limit = 0 }")?.hasSuffix("(option 'limit': must be 1 to 10000, got 0)") == true)
        #expect(message("return reports.find('2025-09')") == "\(Self.script):1: bad argument #1 to 'reports.find' (table of options expected, got string)")
        #expect(message("return reports.missing{ template = 'x' }") == "\(Self.script):1: bad argument #1 to 'reports.missing' (option 'period' is required)")
        #expect(message("return enrolments.active{ on = '3 okt' }")?.hasSuffix("(option 'on': \"YYYY-MM-DD\" expected, got \"3 okt\")") == true)
    }

    @Test func susRegistrationsAreThePersonsStepsForThoseWithAnAssignment() throws {
        let world = try World()
        for (step, date) in [(SUSStep.mappingRequested, "2025-08-01"), (.mappingStarted, "2025-08-11")] {
            _ = try world.database.add(
                SUSRegistration(personId: world.anna.id!, officeId: world.north.id!, step: step, date: LocalDate(date)!,
                                registeredBy: world.officerNorth.userId!), as: world.system)
        }
        // The north officer sees Anna's steps, oldest first, with the office's name
        let steps = try run(world, as: world.officerNorth, "return sus.registrations(\(world.anna.id!))")
        #expect(steps[0][1]["step"] == "begaran_kartlaggning")
        #expect(steps[0][2]["date"] == "2025-08-11")
        #expect(steps[0][2]["kontor"] == "Nacka norr")
        // The south officer gets the SUS message
        let refused = failure(world, as: world.officerSouth, "return sus.registrations(\(world.anna.id!))")
        #expect(refused?.message.contains(RedovisaError.noAssignmentMessage) == true)
    }

    @Test func jobSuggestionsAreSentByOfficersAndReadByTheParticipantsTemplate() throws {
        let world = try World()
        // Given an officer who sends Anna a suggestion, and a reporter who may not send one
        _ = try world.database.send(
            JobSuggestion(personId: world.anna.id!, title: "Lagerarbetare", employer: "Lager i Jordbro AB",
                          lastApplicationDay: LocalDate("2025-10-20"), sentAt: World.now), as: world.officerNorth)
        #expect(throws: RedovisaError.self) {
            try world.database.send(JobSuggestion(personId: world.anna.id!, title: "x", employer: "y", sentAt: World.now),
                                    as: world.contactPerson)
        }
        // Then a template reads them through ctx.job_suggestions
        let source = TemplateSource(text: """
            return form.template { id = "af", version = 1, title = "AF", role = "reporter", period = "month",
              steps = { form.step { title = "Steg", form.info { id = "forslag", text = function(answers, ctx)
                local s = ctx.job_suggestions[1]
                return s.titel .. ", " .. s.arbetsgivare .. ", senast " .. s.sista_ansokningsdag end } } } }
            """, chunkName: "templates/af.lua")
        try world.database.publishTemplate(id: "af", version: 1, title: "AF", source: source.text, as: world.administrator)
        let check = try Reporting(database: world.database).check(
            template: "af", answers: .object([:]),
            context: TemplateContext(today: LocalDate("2025-10-03")!, period: Period("2025-09"), personId: world.anna.id!),
            as: world.officerNorth)
        #expect(check.texts["forslag"] == "Lagerarbetare, Lager i Jordbro AB, senast 2025-10-20")
        // And the south officer gets the SUS message
        let refused = failure(world, as: world.officerSouth, "return people.job_suggestions(\(world.anna.id!))")
        #expect(refused?.message.contains(RedovisaError.noAssignmentMessage) == true)
    }

    @Test func aRunWithoutADatabaseSaysSo() throws {
        let sandbox = try LuaSandbox(.init(modules: DomainModules.all))
        let error = #expect(throws: LuaError.self) {
            _ = try sandbox.runSource("return people.list()", chunkName: "x.lua")
        }
        #expect(error?.message.hasPrefix("x.lua:1: people.list: this run has no database") == true)
    }

    // MARK: changes

    @Test func aDraftIsCreatedSavedAndSubmittedThroughTheNamedOperations() throws {
        let world = try World()
        try world.publish("lss-kontaktperson")
        // When the contact person's script drafts, saves on a stale revision, saves, and submits
        let results = try run(world, as: world.contactPerson, changes: true, """
            local draft = reports.create_draft{ template = "lss-kontaktperson", period = "2025-09",
                                                enrolment = \(world.annaEnrolment.id!), answers = { ar = 2025 } }
            local saved = reports.save{ id = draft.id, revision = draft.revision, answers = {
              klient_fornamn = "Anna", klient_efternamn = "Åberg", ar = 2025, manad = 9, alla_tillfallen = "ja_alla",
              aktiviteter = "Bio och fika.", personnummer = "198112189876", fornamn = "Kalle", efternamn = "Kontakt",
              epost = "kalle@example.se", notifiering = { "epost" }, bekraftelse = true } }
            local ok, stale = pcall(reports.save, { id = draft.id, revision = draft.revision, answers = { ar = 1999 } })
            local receipt = reports.submit(draft.id)
            return draft, saved.revision, ok, stale, receipt
            """)
        // Then the draft is Anna's, the stale save was refused with the Swedish message, and the receipt has a case number
        let draft = results[0]
        #expect(draft["status"] == "draft")
        #expect(draft["personId"] == .integer(world.anna.id!))
        #expect(draft["templateVersion"] == 1)
        #expect(draft["revision"] == 1)
        #expect(results[1] == 2)
        #expect(results[2] == false)
        #expect(results[3].stringValue?.contains("Rapporten har sparats av någon annan") == true)
        let receipt = results[4]
        #expect(receipt["caseNumber"] == "2025-000001")
        #expect(receipt["submittedBy"] == "Kalle")
        #expect(receipt["templateId"] == "lss-kontaktperson")
        // And the database holds the answers of the good save, with the script in the history
        let id = draft["id"].integerValue!
        let stored = try world.database.report(id: id, as: world.officerNorth)
        #expect(stored.answers == World.completeLSSAnswers)
        #expect(receipt["hash"] == .string(AppDatabase.hash(stored.answers)))
        let history = try world.database.history(report: id, as: world.officerNorth)
        #expect(history.map(\.status) == [.draft, .submitted])
        #expect(history.allSatisfy { $0.onBehalfOf == "script:\(Self.script)" && $0.byUserId == world.contactPerson.userId })
        let log = try world.database.auditLog(limit: 50, entity: "report", as: world.administrator)
        #expect(Set(log.filter { $0.via == "script:\(Self.script)" }.map(\.action)).isSuperset(of: ["create", "update", "submit"]))
    }

    @Test func anOfficerReturnsAndApprovesThroughTheNamedOperations() throws {
        let world = try World()
        let draft = try world.draft()
        _ = try world.database.submit(id: draft.id!, as: world.contactPerson)
        // When the south officer tries, and the north officer returns it without and with a comment
        let south = try run(world, as: world.officerSouth, changes: true, "return pcall(reports.approve, \(draft.id!))")
        let results = try run(world, as: world.officerNorth, changes: true, """
            local ok, empty = pcall(reports.return_for_completion, \(draft.id!), "  ")
            local returned = reports.return_for_completion(\(draft.id!), "Ange aktiviteter.")
            return ok, empty, returned.status
            """)
        #expect(south[0] == false)
        #expect(south[1].stringValue?.hasSuffix(RedovisaError.noAssignmentMessage) == true)
        #expect(results[0] == false)
        #expect(results[1].stringValue?.hasSuffix("comment: Skriv vad som behöver kompletteras.") == true)
        #expect(results[2] == "returned")
        // And after resubmission it is approved with a comment
        _ = try world.database.submit(id: draft.id!, as: world.contactPerson)
        let approved = try run(world, as: world.officerNorth, changes: true, "return reports.approve(\(draft.id!), 'Bra.')")
        #expect(approved[0]["status"] == "approved")
        let history = try world.database.history(report: draft.id!, as: world.officerNorth)
        #expect(history.last?.comment == "Bra.")
        #expect(history.last?.onBehalfOf == "script:\(Self.script)")
    }

    @Test func aRunIsReadOnlyUnlessTheHostAllowsChanges() throws {
        let world = try World()
        let draft = try world.draft()
        // When a read-only run tries every named operation
        let results = try run(world, as: world.contactPerson, """
            local messages = {}
            local calls = {
              function() return reports.create_draft{ template = "t", person = \(world.anna.id!) } end,
              function() return reports.save{ id = \(draft.id!), revision = 1, answers = {} } end,
              function() return reports.submit(\(draft.id!)) end,
              function() return reports.approve(\(draft.id!)) end,
              function() return reports.return_for_completion(\(draft.id!), "x") end,
            }
            for i, call in ipairs(calls) do
              local ok, message = pcall(call)
              messages[i] = ok and "changed" or message
            end
            return messages
            """)
        // Then each is refused and nothing changed
        let names = ["create_draft", "save", "submit", "approve", "return_for_completion"]
        for (index, name) in names.enumerated() {
            #expect(results[0][index + 1].stringValue?.hasSuffix("reports.\(name): this run is read-only and may not change data") == true)
        }
        let stored = try world.database.report(id: draft.id!, as: world.contactPerson)
        #expect(stored.status == .draft && stored.revision == 1)
        #expect(try world.database.reports(.init(), as: world.administrator).count == 1)
    }

    @Test func thereIsNoWayToWriteButTheNamedOperations() throws {
        let world = try World()
        let draft = try world.draft()
        // When a script changes the tables it was given and looks for anything else to write with
        let results = try run(world, as: world.contactPerson, changes: true, """
            local r = reports.get(\(draft.id!))
            r.status = "approved"; r.answers.ar = 1999; r.revision = 99
            local again = reports.get(\(draft.id!))
            local names = {}
            for _, module in ipairs{ "people", "enrolments", "reports", "plans" } do
              for name in pairs(_G[module]) do names[#names + 1] = module .. "." .. name end
            end
            table.sort(names)
            return again.status, again.answers.ar, again.revision, names,
                   db == nil and sql == nil and database == nil and io == nil and os == nil and package == nil
            """)
        // Then the database is untouched: the tables were copies
        #expect(Array(results[0...2]) == ["draft", 2025, 1])
        // And the modules hold only the documented functions: reads, and the five named changes
        #expect(results[3] == LuaValue.table(LuaTable(array: [
            "enrolments.active", "enrolments.get", "enrolments.list",
            "people.find", "people.get", "people.job_suggestions", "people.list",
            "plans.current",
            "reports.approve", "reports.awaiting_review", "reports.awaiting_review_counts", "reports.create_draft", "reports.find", "reports.get",
            "reports.history", "reports.missing", "reports.return_for_completion", "reports.returned", "reports.save",
            "reports.submit",
        ])))
        #expect(results[4] == true)
        #expect(try world.database.report(id: draft.id!, as: world.contactPerson).status == .draft)
    }

    @Test func answersThatCannotBeJSONAreRefusedWithTheirPlace() throws {
        let world = try World()
        let draft = try world.draft()
        let error = failure(world, as: world.contactPerson, changes: true, """
            return reports.save{ id = \(draft.id!), revision = 1, answers = { rows = { { f = print } } } }
            """)
        #expect(error?.message == "\(Self.script):1: bad argument #1 to 'reports.save' (answers.rows[1].f: a function has no JSON form)")
    }

    // MARK: the reference

    @Test func everyDomainFunctionIsInTheReferenceAndTheEditorStubs() throws {
        // Given the script author's reference and the LuaLS stubs
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let reference = try String(contentsOf: root.appendingPathComponent("docs/scripting.md"), encoding: .utf8)
        let stubs = try String(contentsOf: root.appendingPathComponent("docs/lua/redovisa.lua"), encoding: .utf8)
        // Then each function the host registers has its section and its annotated declaration
        for module in DomainModules.all {
            #expect(reference.contains("### \(module.name)\n"), "docs/scripting.md has no section for \(module.name)")
            #expect(stubs.contains("\n\(module.name) = {}\n"), "docs/lua/redovisa.lua does not declare \(module.name)")
            for function in module.functions {
                let name = "\(module.name).\(function.name)"
                #expect(reference.contains("#### \(name) {#\(name)}"), "docs/scripting.md has no section for \(name)")
                #expect(stubs.contains("\nfunction \(name)("), "docs/lua/redovisa.lua does not declare \(name)")
            }
        }
        for record in ["Person", "Enrolment", "Report", "StatusChange", "Receipt", "Plan"] {
            #expect(stubs.contains("---@class redovisa.\(record)\n"))
            #expect(reference.contains("#### \(record)\n"))
        }
    }
}
