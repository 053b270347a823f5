import Foundation
import Hummingbird
import Redovisa

/// The published templates, for an integration that fills in reports: which there are, and each
/// one's steps and fields (`GET /templates/{id}`, the template engine's own description — the
/// keys are those of `form.describe` in docs/scripting.md, such as `staff_may_register`).
extension APIController {
    /// One template in the list.
    struct TemplateSummary: Encodable {
        var id: String
        var version: Int
        var title: String
        var description: String?
        var role: String
        var about: String
        var period: String
        var hasWindow: Bool
        var staffMayRegister: Bool

        init(_ template: TemplateDescription) {
            id = template.id
            version = template.version
            title = template.title
            description = template.description
            role = template.role.rawValue
            about = template.about
            period = template.period.rawValue
            hasWindow = template.hasWindow
            staffMayRegister = template.staffMayRegister
        }
    }

    /// `{"templates": [...]}`.
    struct TemplateList: Encodable { var templates: [TemplateSummary] }

    /// `GET /templates`: the newest published version of every template.
    @Sendable func templates(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        return try Self.json(TemplateList(templates: try descriptions.published(as: actor).map(TemplateSummary.init)))
    }

    /// `GET /templates/{id}?version=N`: the description of the newest published version (or of
    /// version N): steps, fields, types, labels, help, options, whether required.
    @Sendable func template(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id")
        var version: Int?
        if let text = request.uri.queryParameters["version"] {
            guard let number = Int(text), number > 0 else {
                throw RedovisaError(.invalidInput, "versionen ska vara ett heltal från 1", field: "version")
            }
            version = number
        }
        return try Self.json(try descriptions.description(of: id, version: version, as: actor))
    }
}

/// A report with its template's verdict on its answers: the report's own keys and `check`.
struct CheckedReport: Encodable {
    var report: Report
    var check: CheckSummary

    init(_ checked: Reporting.Checked) {
        report = checked.report
        check = CheckSummary(checked.check)
    }

    enum Key: String, CodingKey { case check }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(check, forKey: .check)
    }
}

/// What a template says of a report's answers: `valid` (nothing blocks a submission), the
/// `errors` and `warnings` field by field, the paths of the fields shown for these answers.
struct CheckSummary: Encodable {
    var valid: Bool
    var errors: [FieldProblem]
    var warnings: [FieldProblem]
    var visible: [String]

    init(_ check: TemplateCheck) {
        valid = check.valid
        errors = check.errors
        warnings = check.warnings
        visible = check.visible
    }
}

/// The receipt of a submission with the template's receipt text: the receipt's own keys and `text`.
struct SubmittedReceipt: Encodable {
    var receipt: Receipt
    var text: String

    enum Key: String, CodingKey { case text }

    func encode(to encoder: any Encoder) throws {
        try receipt.encode(to: encoder)
        var container = encoder.container(keyedBy: Key.self)
        try container.encode(text, forKey: .text)
    }
}
