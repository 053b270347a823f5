import Foundation
import Hummingbird
import Redovisa

/// The JSON API for integrations, under `/api/v1` (described by ``OpenAPIDocument`` at
/// `/api/v1/openapi.json`).
///
/// Authentication is the same session as the pages: log in in the browser (or through the
/// identity provider), then send the session cookie; every call that changes something also
/// sends the session's CSRF token (from `GET /api/v1/session`) in `X-CSRF-Token`. An integration
/// sends an API token instead (`Authorization: Bearer rdv_…`, ``BearerTokenMiddleware``), and
/// no CSRF token. Errors are
/// `{"error": {"code": …, "message": …, "field": …}}` with the status of the domain error.
///
/// Reports are started, saved and submitted through ``Reporting``, as the pages do: a draft
/// starts from its template's initial answers, every save answers with the template's verdict
/// (`check`), and a submission with problems is refused with 422 and every problem in
/// `problems` (`[{field, message}]`).
public struct APIController: Sendable {
    let database: AppDatabase
    let reporting: Reporting
    let descriptions: TemplateDescriptions

    /// The path prefix of every API route.
    public static let prefix = "/api/v1"

    /// Registers the API routes under ``prefix`` on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        let api = router.group(RouterPath(Self.prefix))
        api.get("/openapi.json", use: openAPI)
        api.get("/session", use: session)
        api.get("/reports", use: list)
        api.post("/reports", use: create)
        api.get("/reports/:id", use: get)
        api.put("/reports/:id", use: save)
        api.get("/reports/:id/history", use: history)
        api.post("/reports/:id/submit", use: submit)
        api.post("/reports/:id/return", use: returnReport)
        api.post("/reports/:id/approve", use: approve)
        api.get("/templates", use: templates)
        api.get("/templates/:id", use: template)
        addMessageRoutes(to: api)
        addSUSRoutes(to: api)
    }

    /// `GET /openapi.json`: the OpenAPI document (no login needed).
    @Sendable func openAPI(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: OpenAPIDocument.json)))
    }

    /// What `GET /session` answers.
    struct SessionInfo: Encodable {
        var username: String
        var displayName: String
        var roles: [String]
        /// Absent for a caller with a bearer token (it needs none).
        var csrfToken: String?
    }

    /// `GET /session`: who is logged in and the CSRF token for changes (for a session cookie).
    @Sendable func session(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        guard let user = actor.user, context.session != nil || context.apiTokenId != nil else { throw HTTPError(.unauthorized) }
        return try Self.json(SessionInfo(
            username: user.username, displayName: user.displayName, roles: user.roles.map(\.rawValue).sorted(),
            csrfToken: context.session?.csrfToken))
    }

    /// `{"reports": [...]}`.
    struct ReportList: Encodable { var reports: [Report] }

    /// `GET /reports`: the reports the caller may see, filtered by the query.
    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let query = request.uri.queryParameters
        func value(_ name: String) -> String? { query[name[...]].map(String.init).flatMap { $0.isEmpty ? nil : $0 } }
        var reportQuery = AppDatabase.ReportQuery(limit: 200)
        if let text = value("period") {
            guard let period = Period(text) else { throw RedovisaError(.invalidInput, "perioden ska skrivas ÅÅÅÅ-MM", field: "period") }
            reportQuery.period = period
        }
        if let text = value("status") {
            reportQuery.statuses = try text.split(separator: ",").map { name in
                guard let status = ReportStatus(rawValue: String(name)) else {
                    throw RedovisaError(.invalidInput, "okänd status", field: "status")
                }
                return status
            }
        }
        reportQuery.templateId = value("template")
        if let text = value("provider") {
            guard let id = Int64(text) else { throw RedovisaError(.invalidInput, "ska vara ett id", field: "provider") }
            reportQuery.providerId = id
        }
        if let text = value("limit") {
            guard let limit = Int(text), (1...1000).contains(limit) else {
                throw RedovisaError(.invalidInput, "ska vara 1–1000", field: "limit")
            }
            reportQuery.limit = limit
        }
        return try Self.json(ReportList(reports: try database.reports(reportQuery, as: actor)))
    }

    /// The body of `POST /reports`.
    struct NewDraft: Decodable {
        var templateId: String
        /// The version the caller expects; a draft always starts on the newest published one.
        var templateVersion: Int?
        var period: String?
        var eventDate: String?
        var personId: Int64
        var enrolmentId: Int64?
        /// Start from last month's answers of the same template and enrolment.
        var copyPrevious: Bool?
        /// Answers laid over the template's initial ones, saved at once.
        var answers: JSONValue?
    }

    /// `POST /reports`: starts a draft on the newest published version of the template, from its
    /// initial answers with `answers` laid over them; 201 with the report, its location and the
    /// template's verdict.
    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let body = try await request.decode(as: NewDraft.self, context: context)
        var period: Period?
        if let text = body.period {
            guard let parsed = Period(text) else { throw RedovisaError(.invalidInput, "perioden ska skrivas ÅÅÅÅ-MM", field: "period") }
            period = parsed
        }
        var eventDate: LocalDate?
        if let text = body.eventDate {
            guard let parsed = LocalDate(text) else { throw RedovisaError(.invalidInput, "datumet ska skrivas ÅÅÅÅ-MM-DD", field: "eventDate") }
            eventDate = parsed
        }
        if let version = body.templateVersion {
            let newest = try descriptions.description(of: body.templateId, version: nil, as: actor)
            guard newest.version == version else {
                throw RedovisaError(
                    .invalidInput, "\(body.templateId) har version \(newest.version): nya rapporter skrivs på den.",
                    field: "templateVersion")
            }
        }
        if let answers = body.answers, answers.objectValue == nil {
            throw RedovisaError(.invalidInput, "svaren ska vara ett JSON-objekt", field: "answers")
        }
        let draft = try reporting.startDraft(
            .init(
                template: body.templateId, period: period, eventDate: eventDate, personId: body.personId,
                enrolmentId: body.enrolmentId, copyPrevious: body.copyPrevious ?? false),
            as: actor)
        let checked: Reporting.Checked
        if let given = body.answers?.objectValue, !given.isEmpty {
            var answers = draft.answers.objectValue ?? [:]
            for (key, value) in given { answers[key] = value }
            checked = try reporting.save(id: draft.id!, answers: .object(answers), expectedRevision: draft.revision, as: actor)
        } else {
            checked = try reporting.checked(id: draft.id!, as: actor)
        }
        var response = try Self.json(CheckedReport(checked), status: .created)
        response.headers[.location] = "\(Self.prefix)/reports/\(draft.id ?? 0)"
        return response
    }

    /// `GET /reports/{id}`: one report.
    @Sendable func get(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        return try Self.json(try database.report(id: try context.parameters.require("id", as: Int64.self), as: actor))
    }

    /// The body of `PUT /reports/{id}`.
    struct Save: Decodable {
        var answers: JSONValue
        var expectedRevision: Int
    }

    /// `PUT /reports/{id}`: saves the answers at `expectedRevision`; the report with the
    /// template's verdict on them (problems never block a save).
    @Sendable func save(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let body = try await request.decode(as: Save.self, context: context)
        guard body.answers.objectValue != nil else {
            throw RedovisaError(.invalidInput, "svaren ska vara ett JSON-objekt", field: "answers")
        }
        let checked = try reporting.save(id: id, answers: body.answers, expectedRevision: body.expectedRevision, as: actor)
        return try Self.json(CheckedReport(checked))
    }

    /// `{"history": [...]}`.
    struct History: Encodable { var history: [StatusChange] }

    /// `GET /reports/{id}/history`: the status history.
    @Sendable func history(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        return try Self.json(History(history: try database.history(report: try context.parameters.require("id", as: Int64.self), as: actor)))
    }

    /// The optional body of `POST /reports/{id}/submit`.
    struct Submit: Decodable { var expectedRevision: Int? }

    /// `POST /reports/{id}/submit`: submits through the template (its window, then every rule)
    /// and answers with the receipt and the template's receipt text; a refusal is 422 with every
    /// problem. Submitting again gives the same receipt.
    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let body = buffer.readableBytes == 0 ? Submit() : try JSONDecoder().decode(Submit.self, from: Data(buffer: buffer))
        let submitted = try reporting.submit(id: id, expectedRevision: body.expectedRevision, as: actor)
        return try Self.json(SubmittedReceipt(receipt: submitted.receipt, text: submitted.text))
    }

    /// The body of the review calls: an optional comment.
    struct Review: Decodable { var comment: String? }

    /// `POST /reports/{id}/return`: returns for completion with a comment.
    @Sendable func returnReport(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        let body = try await request.decode(as: Review.self, context: context)
        return try Self.json(try database.returnForCompletion(id: id, comment: body.comment ?? "", as: actor))
    }

    /// `POST /reports/{id}/approve`: approves, with an optional comment.
    @Sendable func approve(_ request: Request, context: AppRequestContext) async throws -> Response {
        let actor = try context.requireActor()
        let id = try context.parameters.require("id", as: Int64.self)
        // The body is optional here: no body, no comment.
        let buffer = try await request.body.collect(upTo: context.maxUploadSize)
        let body = buffer.readableBytes == 0 ? Review(comment: nil) : try JSONDecoder().decode(Review.self, from: Data(buffer: buffer))
        return try Self.json(try database.approve(id: id, comment: body.comment, as: actor))
    }

    /// `value` as JSON: ISO 8601 dates, sorted keys.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
