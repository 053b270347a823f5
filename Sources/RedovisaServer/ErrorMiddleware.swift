import Foundation
import Hummingbird
import Logging
import NIOCore
import Redovisa

/// Turns every error into a response a person (a page in Swedish) or a program (JSON under
/// `/api/`) can use, and maps ``RedovisaError`` codes to HTTP statuses — the only place that does.
///
/// The log gets the status, the error's code and the route pattern, never the message (which
/// may name a field's value) and never the URL's query.
public struct ErrorMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext

    /// The middleware.
    public init() {}

    /// Passes the request on and turns what it throws into a response.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch {
            let api = request.uri.path.hasPrefix("/api/")
            let problem = Problem(error)
            if problem.status == .internalServerError {
                context.logger.error("request failed", metadata: ["code": "\(problem.code)", "type": "\(type(of: error))"])
            }
            if problem.code == "not_logged_in" && !api {
                return Layout.redirect(to: "/logga-in")
            }
            var response = api ? problem.json() : problem.page(context: context)
            if let retry = problem.retryAfter { response.headers[.retryAfter] = String(retry) }
            return response
        }
    }

    /// The HTTP status of a domain error.
    public static func status(_ code: RedovisaError.Code) -> HTTPResponse.Status {
        switch code {
        case .notFound: .notFound
        case .accessDenied: .forbidden
        case .invalidInput: .unprocessableContent
        case .staleRevision, .invalidTransition, .conflict: .conflict
        case .storage, .script: .internalServerError
        }
    }
}

/// An error as shown: status, a stable code, a Swedish message and the field it concerns.
struct Problem {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var field: String?
    /// Every problem, field by field, when a template refused a submission.
    var problems: [FieldProblem] = []
    var retryAfter: Int?

    /// What `error` means for the person or program that sent the request.
    init(_ error: any Error) {
        switch error {
        case let error as RedovisaError:
            status = ErrorMiddleware.status(error.code)
            code = error.code.rawValue
            // A storage or script failure's text is for the operator's eyes, not the visitor's.
            message = error.code == .storage || error.code == .script ? Self.technical : error.message
            field = error.field
            problems = error.problems
        case is CSRFRefusal:
            (status, code, message) = (.forbidden, "csrf", CSRFRefusal.message)
        case let error as LoginRefusal:
            (status, code, message, retryAfter) = (error.status, error.code, error.message, error.retryAfter)
        case is NIOTooManyBytesError:
            (status, code, message) = (.contentTooLarge, "too_large", "Det du skickade är för stort.")
        case let error as HTTPError where error.status == .unauthorized:
            (status, code, message) = (.unauthorized, "not_logged_in", "Du behöver logga in.")
        case let error as HTTPError:
            status = error.status
            code = "http_\(error.status.code)"
            message = error.body ?? Self.text(for: error.status)
        case is DecodingError:
            (status, code, message) = (.badRequest, "bad_request", "Begäran kunde inte läsas: kontrollera JSON-fälten.")
        default:
            (status, code, message) = (.internalServerError, "internal", Self.technical)
        }
    }

    /// The message instead of a technical failure's text.
    static let technical = "Ett tekniskt fel uppstod. Försök igen om en stund."

    /// A Swedish sentence for an HTTP status without a message of its own.
    static func text(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "Sidan finns inte."
        case .badRequest: "Begäran kunde inte läsas."
        case .forbidden: "Du har inte behörighet."
        case .methodNotAllowed: "Metoden är inte tillåten här."
        default: "Något gick fel (\(status.code))."
        }
    }

    /// The error as the API's JSON body.
    /// `{"error": {"code", "message", "field", "problems"}}`.
    struct Body: Encodable {
        struct Detail: Encodable {
            var code: String
            var message: String
            var field: String?
            var problems: [FieldProblem]?
        }
        var error: Detail
    }

    func json() -> Response {
        let detail = Body.Detail(code: code, message: message, field: field, problems: problems.isEmpty ? nil : problems)
        let body = (try? JSONEncoder().encode(Body(error: detail))) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    /// The error as a page in the layout.
    func page(context: AppRequestContext) -> Response {
        let title = status == .forbidden ? "Ingen behörighet" : status == .notFound ? "Hittades inte" : "Något gick fel"
        let items = problems.map { problem -> HTML in "<li>\(problem.message)</li>" }
        let list: HTML = items.isEmpty ? .empty : "<ul>\(items)</ul>"
        let main: HTML = """
            <h1>\(title)</h1>
            <p class="notice" role="alert">\(message)</p>
            \(list)
            <p><a href="/">Till startsidan</a></p>
            """
        return Layout.page(title: title, context: context, main: main, status: status)
    }
}
