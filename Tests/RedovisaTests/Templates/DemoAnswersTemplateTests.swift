import Foundation
import Redovisa
import Testing

/// The demo (`redovisa demo`) and the shipped templates agree: every report the demo has
/// submitted passes its template's rules, checked the way the lifecycle checks a submission —
/// through the published template, with the report's enrolment, plan and earlier reports from
/// the database, on the day it was submitted.
struct DemoAnswersTemplateTests {
    /// Sees every answer, protected identities included.
    static var administrator: Actor {
        Actor(user: User(username: "test-admin", displayName: "Test", roles: [.administrator], mayViewProtected: true),
              assignments: [], via: "test")
    }

    /// The templates the demo writes reports of.
    static let demoTemplates = [
        "af-aktivitetsrapport", "lss-kontaktperson", "nacka-manadsrapport", "nacka-slutrapport", "rom-periodisk-rapport",
    ]

    /// The demo with the shipped templates published.
    static func demoWithTemplates() throws -> AppDatabase {
        let database = try DemoSeed.build()
        for name in demoTemplates {
            let source = try ShippedTemplates.source(name)
            let description = try TemplateCatalog.describe(source)
            _ = try database.publishTemplate(
                id: description.id, version: description.version, title: description.title, source: source.text,
                as: .system(via: "test"))
        }
        return database
    }

    static let submittedStatuses: [ReportStatus] = [.submitted, .returned, .resubmitted, .approved]

    @Test func everySubmittedDemoReportPassesItsTemplate() throws {
        // Given the demo, with the shipped templates published
        let database = try Self.demoWithTemplates()
        // And every report that has been submitted: in for review, returned, resubmitted or approved
        let reports = try database.reports(
            .init(statuses: Self.submittedStatuses, limit: 100_000), as: Self.administrator)
        #expect(Set(reports.map(\.templateId)) == Set(Self.demoTemplates))

        // When each is checked by its template as on the day it was (last) submitted
        let reporting = Reporting(database: database)
        var failures: [String] = []
        var warned = 0
        for report in reports {
            #expect(report.answers != .null, "report \(report.id!) is withheld from the administrator")
            let submitted = LocalDate.today(at: try #require(report.submittedAt))
            let check = try reporting.check(
                template: report.templateId, version: report.templateVersion, answers: report.answers,
                context: TemplateContext(report: report, today: submitted), as: Self.administrator)
            if !check.valid {
                let problems = check.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
                failures.append("\(report.templateId) #\(report.id!) (\(report.status.rawValue)): \(problems)")
            }
            if !check.warnings.isEmpty { warned += 1 }
        }

        // Then none is refused
        #expect(failures.isEmpty, "\(failures.count) of \(reports.count) refused:\n\(failures.prefix(20).joined(separator: "\n"))")
        // And the rules did run: some reports get the templates' soft warnings (0 hours, certificates…)
        #expect(reports.count > 100)
        #expect(warned > 0)
    }

    @Test func everySubmittedDemoReportPassesBulkValidationLaterOn() throws {
        // Given the demo, with the shipped templates published
        let database = try Self.demoWithTemplates()
        // When an administrator validates the stored reports of each template, as of the demo's
        // "today" (no status, no day of submission: deadlines are not judged again)
        let validator = TemplateValidator(database: database)
        for name in Self.demoTemplates {
            let outcome = try validator.validateStored(template: name, statuses: Self.submittedStatuses, as: Self.administrator)
            // Then every report passes
            #expect(outcome.checked > 0, "\(name): nothing checked")
            let problems = outcome.invalid.prefix(10).map { invalid in
                "#\(invalid.reportId): " + invalid.errors.map { "\($0.field): \($0.message)" }.joined(separator: "; ")
            }
            #expect(outcome.invalid.isEmpty, "\(name): \(outcome.invalid.count) refused:\n\(problems.joined(separator: "\n"))")
        }
    }
}
