import Foundation

/// How `redovisa serve` runs: where it listens, whether the demo login is on, and which identity
/// provider logs people in.
public struct ServerConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The development login that lists the demo users (`--demo` only).
    public var demoLogin: Bool
    /// OpenID Connect, when configured (from the environment).
    public var oidc: OIDCConfiguration?
    /// Requests allowed to the login endpoints per client address and minute.
    public var loginAttemptsPerMinute: Int

    public init(
        host: String = "127.0.0.1", port: Int = 8080, demoLogin: Bool = false, oidc: OIDCConfiguration? = nil,
        loginAttemptsPerMinute: Int = 10
    ) {
        self.host = host
        self.port = port
        self.demoLogin = demoLogin
        self.oidc = oidc
        self.loginAttemptsPerMinute = loginAttemptsPerMinute
    }

    /// Whether the server listens on loopback only: then cookies may go without `Secure`
    /// (browsers treat http://localhost as a secure context anyway); anywhere else they are
    /// `Secure`, and the server is meant to sit behind TLS.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}
