import Foundation

/// OpenID Connect settings, from the environment:
///
/// | variable | meaning |
/// |---|---|
/// | `REDOVISA_OIDC_ISSUER` | the issuer URL; `/.well-known/openid-configuration` is read from it |
/// | `REDOVISA_OIDC_CLIENT_ID` | Redovisa's client id at the provider |
/// | `REDOVISA_OIDC_CLIENT_SECRET` | its secret (sent with HTTP Basic to the token endpoint) |
/// | `REDOVISA_OIDC_REDIRECT_URI` | `https://…/logga-in/oidc/callback`, as registered |
/// | `REDOVISA_OIDC_SCOPES` | optional; default `openid profile` |
/// | `REDOVISA_OIDC_PERSONNUMMER_CLAIM` | optional; default the Swedish OIDC profile's `https://id.oidc.se/claim/personalIdentityNumber` |
/// | `REDOVISA_OIDC_USERNAME_CLAIM` | optional; default `preferred_username` |
public struct OIDCConfiguration: Sendable, Equatable {
    public var issuer: String
    public var clientId: String
    public var clientSecret: String
    public var redirectURI: String
    public var scopes: String
    public var personnummerClaim: String
    public var usernameClaim: String

    public init(
        issuer: String, clientId: String, clientSecret: String, redirectURI: String, scopes: String = "openid profile",
        personnummerClaim: String = "https://id.oidc.se/claim/personalIdentityNumber",
        usernameClaim: String = "preferred_username"
    ) {
        self.issuer = issuer
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.redirectURI = redirectURI
        self.scopes = scopes
        self.personnummerClaim = personnummerClaim
        self.usernameClaim = usernameClaim
    }

    /// The four required variables.
    public static let requiredVariables = [
        "REDOVISA_OIDC_ISSUER", "REDOVISA_OIDC_CLIENT_ID", "REDOVISA_OIDC_CLIENT_SECRET", "REDOVISA_OIDC_REDIRECT_URI",
    ]

    /// The configuration in `environment`; nil when none of the required variables is set.
    /// - Throws: ``IdentityError`` (configuration) naming the missing variables when only some
    ///   are set, or when the issuer is not https (http is allowed on loopback, for tests).
    public static func fromEnvironment(_ environment: [String: String]) throws(IdentityError) -> OIDCConfiguration? {
        let values = requiredVariables.map { environment[$0].flatMap { $0.isEmpty ? nil : $0 } }
        if values.allSatisfy({ $0 == nil }) { return nil }
        let missing = zip(requiredVariables, values).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            throw IdentityError(.configuration, "OpenID Connect is half configured: set \(missing.joined(separator: ", "))")
        }
        var configuration = OIDCConfiguration(issuer: values[0]!, clientId: values[1]!, clientSecret: values[2]!, redirectURI: values[3]!)
        if let scopes = environment["REDOVISA_OIDC_SCOPES"], !scopes.isEmpty { configuration.scopes = scopes }
        if let claim = environment["REDOVISA_OIDC_PERSONNUMMER_CLAIM"], !claim.isEmpty { configuration.personnummerClaim = claim }
        if let claim = environment["REDOVISA_OIDC_USERNAME_CLAIM"], !claim.isEmpty { configuration.usernameClaim = claim }
        try configuration.validate()
        return configuration
    }

    /// Checks the URLs: https everywhere, except http on a loopback host.
    /// - Throws: ``IdentityError`` (configuration).
    public func validate() throws(IdentityError) {
        for (name, value) in [("REDOVISA_OIDC_ISSUER", issuer), ("REDOVISA_OIDC_REDIRECT_URI", redirectURI)] {
            guard Self.isSafeURL(value) else {
                throw IdentityError(.configuration, "\(name) must be an https URL (http only on localhost)")
            }
        }
        guard scopes.split(separator: " ").contains("openid") else {
            throw IdentityError(.configuration, "REDOVISA_OIDC_SCOPES must include openid")
        }
    }

    /// https, or http to a loopback host.
    static func isSafeURL(_ text: String) -> Bool {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host else { return false }
        if scheme == "https" { return true }
        return scheme == "http" && (host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127."))
    }
}
