import Hummingbird
import Logging

/// One log line per request: the method, the route's pattern (`/rapporter/{id}`, never the
/// concrete path or its query, which could carry a login code), the status and the time taken.
/// No cookie, no body, no client address: nothing personal reaches the log.
public struct RequestLogMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The middleware.
    public init() {}

    /// Times the request and logs one line.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = ContinuousClock.now - start
        let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1000
        context.logger.info(
            "\(request.method) \(context.endpointPath ?? "?") \(response.status.code)",
            metadata: ["ms": "\(Int(milliseconds.rounded()))"])
        return response
    }
}
