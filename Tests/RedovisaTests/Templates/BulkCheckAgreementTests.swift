import Foundation
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
