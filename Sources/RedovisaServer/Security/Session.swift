import Crypto
import Foundation

/// One visitor's session: an opaque random id in a cookie, and on the server who is logged in,
/// the CSRF token of their forms, a one-time message for the next page and, while an
/// e-legitimation login is under way, its state.
public struct Session: Sendable, Equatable {
    /// The cookie value: 32 random bytes, base64url. Never logged, never in a URL.
    public var id: String
    /// The token every form carries (session-bound synchronizer token).
    public var csrfToken: String
    /// The username of who is logged in; nil before login.
    public var username: String?
    /// How they logged in: `demo`, `oidc`.
    public var loginMethod: String?
    public var createdAt: Date
    public var lastSeen: Date
    /// A message shown once on the next page ("Rapporten är godkänd.").
    public var flash: String?
    /// The login at the identity provider that this browser started, until it comes back.
    public var pendingLogin: PendingLogin?

    /// Whether someone is logged in.
    public var isAuthenticated: Bool { username != nil }

    /// A new anonymous session with fresh random id and token.
    public static func fresh(at now: Date) -> Session {
        Session(
            id: randomToken(), csrfToken: randomToken(), username: nil, loginMethod: nil, createdAt: now, lastSeen: now,
            flash: nil, pendingLogin: nil)
    }
}

/// What an authorisation-code login must remember between the redirect and the callback.
public struct PendingLogin: Sendable, Equatable {
    /// The `state` sent to the provider; the callback must bring it back.
    public var state: String
    /// The `nonce` the id_token must carry.
    public var nonce: String
    /// The PKCE code verifier (its S256 challenge was sent).
    public var codeVerifier: String
    public var startedAt: Date
}

/// `count` random bytes (32 by default) from the system's secure generator, base64url without
/// padding: 43 characters, safe in cookies, forms and URLs.
public func randomToken(bytes count: Int = 32) -> String {
    var generator = SystemRandomNumberGenerator()
    let bytes = (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
    return base64URL(Data(bytes))
}

/// Base64url without padding (RFC 4648 §5), as JWTs and PKCE use it.
public func base64URL(_ data: Data) -> String {
    data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        .replacingOccurrences(of: "=", with: "")
}

/// Decodes base64url with or without padding; nil when it is not base64url.
public func data(base64URL text: some StringProtocol) -> Data? {
    var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while base64.count % 4 != 0 { base64 += "=" }
    return Data(base64Encoded: base64)
}

/// Compares two secrets in time that does not depend on where they differ.
public func constantTimeEquals(_ a: String, _ b: String) -> Bool {
    let x = Array(a.utf8), y = Array(b.utf8)
    guard x.count == y.count else { return false }
    var difference: UInt8 = 0
    for i in 0..<x.count { difference |= x[i] ^ y[i] }
    return difference == 0
}
