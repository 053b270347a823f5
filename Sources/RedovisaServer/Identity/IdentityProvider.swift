import Foundation

/// Something that proves who a person is by sending their browser away and getting it back: an
/// e-legitimation broker over OpenID Connect (``OIDCProvider``) or, in a test, a fake. The login
/// pages know only this protocol.
///
/// ```swift
/// let (url, pending) = try await provider.startLogin()          // redirect the browser to url
/// let who = try await provider.finishLogin(callback: query, pending: pending)
/// ```
public protocol IdentityProvider: Sendable {
    /// The button on the login page: "Logga in med e-legitimation".
    var buttonLabel: String { get }

    /// Where to send the browser, and what to remember in the session until it comes back.
    /// - Throws: ``IdentityError`` when the provider cannot be reached or is misconfigured.
    func startLogin() async throws -> (url: String, pending: PendingLogin)

    /// Checks the callback (its query parameters) against what was remembered and returns who
    /// logged in.
    /// - Throws: ``IdentityError`` when the login was cancelled, forged or cannot be verified.
    func finishLogin(callback query: [String: String], pending: PendingLogin) async throws -> VerifiedIdentity
}

/// Who the identity provider says logged in.
public struct VerifiedIdentity: Sendable, Equatable {
    /// The provider's stable subject id.
    public var subject: String
    /// The 12-digit personnummer, when the provider gives one (e-legitimation does).
    public var personnummer: String?
    /// A username, for staff accounts known by name.
    public var username: String?

    public init(subject: String, personnummer: String? = nil, username: String? = nil) {
        self.subject = subject
        self.personnummer = personnummer
        self.username = username
    }
}

/// Why a login at the identity provider failed. The message is for the person (Swedish); the
/// reason is for the operator's log and never holds personal data.
public struct IdentityError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The person cancelled, or the provider said no (`error=access_denied`).
        case cancelled
        /// The callback does not match the login this browser started (state, expiry).
        case mismatch
        /// The id_token failed a check (signature, issuer, audience, expiry, nonce).
        case invalidToken = "invalid_token"
        /// The provider could not be reached or answered wrongly.
        case unavailable
        /// The configuration is incomplete or unsafe.
        case configuration
    }

    public var kind: Kind
    /// What went wrong, for the log.
    public var reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { "\(kind.rawValue): \(reason)" }

    /// What the person sees.
    public var message: String {
        switch kind {
        case .cancelled: "Inloggningen avbröts. Försök igen."
        case .mismatch: "Inloggningen kunde inte slutföras (den har gått ut eller startades i en annan flik). Försök igen."
        case .invalidToken: "Inloggningen kunde inte verifieras. Försök igen."
        case .unavailable, .configuration: "Inloggningstjänsten svarar inte just nu. Försök igen om en stund."
        }
    }
}
