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

    public init() {}

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
        case .storage: .internalServerError
        }
    }
}

/// An error as shown: status, a stable code, a Swedish message and the field it concerns.
struct Problem {
    var status: HTTPResponse.Status
    var code: String
    var message: String
    var field: String?
    var retryAfter: Int?

    init(_ error: any Error) {
        switch error {
        case let error as RedovisaError:
            status = ErrorMiddleware.status(error.code)
            code = error.code.rawValue
            // A storage failure's text is for the operator's eyes, not the visitor's.
            message = error.code == .storage ? Self.technical : error.message
            field = error.field
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

    static let technical = "Ett tekniskt fel uppstod. Försök igen om en stund."

    static func text(for status: HTTPResponse.Status) -> String {
        switch status {
        case .notFound: "Sidan finns inte."
        case .badRequest: "Begäran kunde inte läsas."
        case .forbidden: "Du har inte behörighet."
        case .methodNotAllowed: "Metoden är inte tillåten här."
        default: "Något gick fel (\(status.code))."
        }
    }

    func json() -> Response {
        var error: [String: String] = ["code": code, "message": message]
        if let field { error["field"] = field }
        let body = (try? JSONEncoder().encode(["error": error])) ?? Data()
        return Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    func page(context: AppRequestContext) -> Response {
        let title = status == .forbidden ? "Ingen behörighet" : status == .notFound ? "Hittades inte" : "Något gick fel"
        let main: HTML = """
            <h1>\(title)</h1>
            <p class="notice" role="alert">\(message)</p>
            <p><a href="/">Till startsidan</a></p>
            """
        return Layout.page(title: title, context: context, main: main, status: status)
    }
}
