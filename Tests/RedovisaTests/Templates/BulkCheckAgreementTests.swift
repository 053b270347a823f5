import Foundation
import LuaHost
import Redovisa
import Testing

/// The bulk check (`redovisa template validate`: stored answers read from their JSON straight
/// onto the Lua stack, a page per `form.check_batch` call) and the single check a form runs
/// agree: for every stored report the administrator sees the same problems, in the same order,
/// whether the report is checked alone or with the others.
struct BulkCheckAgreementTests {
    /// A complete LSS report, and variants of it: each answer left out, each answer replaced by
    /// a value of every JSON kind, and the mistakes people make. (Answers that are no JSON
    /// object are refused by the single check and read as no answers by the bulk check.)
    static var variants: [JSONValue] {
        guard case .object(let base) = World.completeLSSAnswers else { return [] }
        var list: [JSONValue] = [.object(base), .object([:])]
        let wrong: [JSONValue] = [
            .integer(7), .integer(-1), .integer(Int64.max), .number(2025.0), .number(2.5), .number(1e300), .string(""),
            .string("   "), .string(" Anna "), .bool(false), .bool(true), .array([]), .array([.string("epost"), .null]),
            .object([:]), .object(["a": .integer(1)]), .null,
        ]
        for key in base.keys.sorted() {
            var without = base
            without[key] = nil
            list.append(.object(without))
            for value in wrong {
                var changed = base
                changed[key] = value
                list.append(.object(changed))
            }
        }
        let changes: [[String: JSONValue]] = [
            ["okant_falt": .string("x")],
            ["aktiviteter": .string("Rad ett\nrad två med \"citat\", \\ och \u{1F600} é\t.")],
            ["personnummer": .string("19811218-9876")], ["personnummer": .string("198112189877")],
            ["personnummer": .string("198113189876")], ["epost": .string("kalle@")], ["epost": .string(" kalle@example.se ")],
            ["notifiering": .array([.string("epost"), .string("sms")])], ["notifiering": .array([.string("fax")])],
            ["mobil": .string("070-123 45 67"), "notifiering": .array([.string("sms")])], ["mobil": .string("070-12")],
            ["alla_tillfallen": .string("nej")], ["alla_tillfallen": .string("nej"), "anledning": .string("Sjuk.")],
            ["alla_tillfallen": .string("nej_nagra")], ["alla_tillfallen": .string("kanske")],
            ["manad": .integer(10)], ["ar": .integer(2024)], ["manad": .integer(13)],
        ]
        for change in changes { list.append(.object(base.merging(change) { _, new in new })) }
        return list
    }

    /// A template with every kind of field and the keys that change how a field is checked.
    static let edgeTemplate = """
        return form.template { id = "kanter", version = 1, title = "Kanter", role = "reporter", period = "month",
          steps = { form.step { title = "Steg",
            form.text { id = "a", label = "A", visible = true, required = true },
            form.text { id = "b", label = "B", visible = false, required = true },
            form.integer { id = "c", label = "C", min = function() return 5 end, max = 9 },
            form.yes_no { id = "d", label = "D", required = "ja" },
            form.choice { id = "e", label = "E", options = { " ", "x" }, required = true },
            form.hours { id = "h", label = "H", increment = 0.5 },
            form.date { id = "f", label = "F", min = "2025-01-01" },
            form.date_range { id = "r", label = "R" },
            form.multi_choice { id = "m", label = "M", options = { "p", "q" }, min = 1 },
            form.multi_choice { id = "n", label = "N", options = { "p", "q" } },
            form.group { id = "g", label = "G", form.text { id = "x", label = "X", required = true } },
            form.text { id = "na", label = "NA", not_applicable = true, required = true },
            form.integer { id = "k", label = "K", compute = function() return 3 end },
            form.text { id = "w", label = "W", warning = function() return "varning" end },
            form.email { id = "epost", label = "E-post", constraint = function(v) if v == "x@y.se" then return "nej" end end },
            form.phone { id = "mobil", label = "Mobil" }, form.personnummer { id = "pnr", label = "Pnr" },
            form.confirmation { id = "ok", label = "OK", required = true },
            form.info { id = "i", text = "Info" },
          } },
          validate = function(answers) if answers.c == 7 then return { c = "sju", "allmänt" } end end }
        """

    @Test func theBulkCheckAgreesOnEveryKindOfField() throws {
        // Given a template with every kind of field and a test of answers right, wrong and missing
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("kanter-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Self.edgeTemplate.write(toFile: folder + "/kanter.lua", atomically: true, encoding: .utf8)
        try """
            local t = form.load("kanter")
            local answers = {
              {},
              { a = " ", c = 4, d = "x", e = " ", h = 0.3, f = "2024-12-31", r = { from = "2025-02-01", to = "2025-01-01" },
                m = {}, n = { "p", "p" }, g = { {} }, na = { ej_aktuellt = true }, epost = "x@", mobil = "12", pnr = "1", ok = false },
              { a = "ok", c = 10, d = false, e = "x", h = 1.5, f = "2025-02-30", m = { "q", "q" }, n = { "q" }, g = {}, na = "x",
                w = "y", zz = 1, [3] = true, epost = "x@y.se", mobil = "070-123 45 67", pnr = "19811218-9876", ok = true },
              { a = {}, c = 7, d = {}, e = "y", m = "p", n = { "z" }, g = "no", na = { ej_aktuellt = true, motivering = " ok " },
                r = { from = "2025-01-01", to = "2025-01-31" }, epost = " a@b.se ", pnr = "198112189876", ok = "ja" },
            }
            local cases = {}
            for i, a in ipairs(answers) do cases[i] = { name = "svar " .. i, period = "2025-09", today = "2025-10-03", answers = a } end
            return form.test(t, cases)
            """.write(toFile: folder + "/kanter_test.lua", atomically: true, encoding: .utf8)

        // When its test runs (form.test checks each case with the bulk checker too)
        let outcome = TemplateTestRunner.run(
            file: folder + "/kanter_test.lua", clock: LuaClock(now: Date(timeIntervalSince1970: 1_759_485_600)), roots: [folder])

        // Then the bulk check found what the single check found in every case
        #expect(outcome.passed, "\(outcome.failure ?? "")")
    }

    @Test func theBulkCheckFindsWhatTheSingleCheckFinds() throws {
        // Given the LSS template and a stored report for each variant of the answers
        let world = try World()
        try world.publish("lss-kontaktperson")
        let period = Period(year: 2025, month: 9)!
        var reports: [Report] = []
        for answers in Self.variants {
            reports.append(try world.database.createDraft(
                .init(templateId: "lss-kontaktperson", templateVersion: 1, period: period, personId: world.anna.id!,
                      enrolmentId: world.annaEnrolment.id, answers: answers),
                as: world.contactPerson))
        }

        // When the administrator checks them all in bulk, in pages of 16
        let outcome = try TemplateValidator(database: world.database, pageSize: 16)
            .validateStored(template: "lss-kontaktperson", as: world.administrator)
        let bulk = Dictionary(uniqueKeysWithValues: outcome.invalid.map { ($0.reportId, $0.errors) })

        // Then each report has the problems it has when checked alone, in the same context
        // (the bulk check knows no status and no user: deadlines are not judged again)
        #expect(outcome.checked == reports.count)
        let reporting = Reporting(database: world.database)
        let today = LocalDate.today(at: world.database.clock())
        var invalid = 0
        for report in reports {
            let context = TemplateContext(
                today: today, period: report.period, eventDate: report.eventDate, reportId: report.id,
                personId: report.personId, enrolmentId: report.enrolmentId)
            let single = try reporting.check(
                template: "lss-kontaktperson", version: 1, answers: report.answers, context: context, as: world.administrator)
            #expect(bulk[report.id!] == (single.valid ? nil : single.errors), "report \(report.id!): \(report.answers)")
            if !single.valid { invalid += 1 }
        }
        // And the variants did exercise the rules: most of them are refused, the complete one is not
        #expect(invalid > reports.count / 2)
        #expect(bulk[reports[0].id!] == nil)
    }
}
