import Hummingbird

/// A plain answer that the server is up, for load balancers and monitoring — and the reference
/// route of the web benchmark (`make bench`): the same middleware as every page, nothing else.
///
/// | route | what |
/// |---|---|
/// | `GET /healthz` | `ok` as text, no session |
public struct HealthController: Sendable {
    /// The path of the route.
    public static let path = "/healthz"

    /// Registers the route on `router`.
    public func addRoutes(to router: some RouterMethods<AppRequestContext>) {
        router.get(RouterPath(Self.path), use: health)
    }

    /// `GET /healthz`.
    @Sendable func health(_ request: Request, context: AppRequestContext) async throws -> Response {
        Response(
            status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
    }
}
