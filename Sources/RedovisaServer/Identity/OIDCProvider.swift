import AsyncHTTPClient
import Crypto
import Foundation
import NIOCore

/// OpenID Connect login with the authorisation code flow and PKCE (RFC 7636, S256), for an
/// e-legitimation broker.
///
/// 1. ``startLogin()`` reads the discovery document (once; cached), makes a `state`, a `nonce`
///    and a code verifier, and returns the authorisation URL with the S256 code challenge.
/// 2. ``finishLogin(callback:pending:)`` checks `state`, exchanges the code (with the verifier,
///    the client authenticated by HTTP Basic) at the token endpoint, and verifies the id_token:
///    its signature against the provider's keys (fetched again once when a key id is unknown,
///    for key rotation), `iss`, `aud`/`azp`, `exp`, `iat` and `nonce`.
///
/// ```swift
/// let provider = OIDCProvider(configuration: try OIDCConfiguration.fromEnvironment(env)!)
/// ```
public struct OIDCProvider: IdentityProvider {
    public let configuration: OIDCConfiguration
    public var buttonLabel: String { "Logga in med e-legitimation" }
    let metadata: OIDCMetadataCache
    let clock: @Sendable () -> Date
    /// How old a started login may be when the browser comes back.
    static let pendingLifetime: TimeInterval = 10 * 60
    /// Allowed difference between our clock and the provider's.
    static let clockSkew: TimeInterval = 60

    public init(configuration: OIDCConfiguration, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.configuration = configuration
        self.metadata = OIDCMetadataCache(issuer: configuration.issuer)
        self.clock = clock
    }

    public func startLogin() async throws -> (url: String, pending: PendingLogin) {
        let discovery = try await metadata.discovery()
        let pending = PendingLogin(state: randomToken(), nonce: randomToken(), codeVerifier: randomToken(), startedAt: clock())
        let challenge = base64URL(Data(SHA256.hash(data: Data(pending.codeVerifier.utf8))))
        let query = FormData.encode([
            ("response_type", "code"), ("client_id", configuration.clientId), ("redirect_uri", configuration.redirectURI),
            ("scope", configuration.scopes), ("state", pending.state), ("nonce", pending.nonce),
            ("code_challenge", challenge), ("code_challenge_method", "S256"),
        ])
        let separator = discovery.authorizationEndpoint.contains("?") ? "&" : "?"
        return (discovery.authorizationEndpoint + separator + query, pending)
    }

    public func finishLogin(callback query: [String: String], pending: PendingLogin) async throws -> VerifiedIdentity {
        guard let state = query["state"], constantTimeEquals(state, pending.state) else {
            throw IdentityError(.mismatch, "the callback's state does not match")
        }
        guard clock().timeIntervalSince(pending.startedAt) < Self.pendingLifetime else {
            throw IdentityError(.mismatch, "the login was started too long ago")
        }
        if let error = query["error"] { throw IdentityError(.cancelled, "the provider answered \(error)") }
        guard let code = query["code"], !code.isEmpty else { throw IdentityError(.mismatch, "the callback has no code") }
        let discovery = try await metadata.discovery()
        let idToken = try await exchange(code: code, verifier: pending.codeVerifier, at: discovery.tokenEndpoint)
        let token = try JSONWebToken(compact: idToken)
        var keys = try await metadata.keys(refresh: false)
        if token.key(in: keys) == nil { keys = try await metadata.keys(refresh: true) }  // the provider rotated its keys
        try token.verifySignature(with: keys)
        try check(token.claims, nonce: pending.nonce, issuer: discovery.issuer)
        let claims = token.claims
        return VerifiedIdentity(
            subject: claims["sub"]?.string ?? "",
            personnummer: claims[configuration.personnummerClaim]?.string,
            username: claims[configuration.usernameClaim]?.string)
    }

    /// The id_token's claims against OpenID Connect Core §3.1.3.7.
    func check(_ claims: [String: JSONValueLite], nonce: String, issuer: String) throws(IdentityError) {
        let now = clock().timeIntervalSince1970
        guard claims["iss"]?.string == issuer else { throw IdentityError(.invalidToken, "wrong iss") }
        let audience = claims["aud"]?.strings ?? []
        guard audience.contains(configuration.clientId) else { throw IdentityError(.invalidToken, "wrong aud") }
        if audience.count > 1, claims["azp"]?.string != configuration.clientId {
            throw IdentityError(.invalidToken, "wrong azp")
        }
        guard let exp = claims["exp"]?.number, exp + Self.clockSkew > now else { throw IdentityError(.invalidToken, "expired") }
        if let iat = claims["iat"]?.number, iat - Self.clockSkew > now { throw IdentityError(.invalidToken, "iat in the future") }
        guard let sent = claims["nonce"]?.string, constantTimeEquals(sent, nonce) else {
            throw IdentityError(.invalidToken, "wrong nonce")
        }
        guard let sub = claims["sub"]?.string, !sub.isEmpty else { throw IdentityError(.invalidToken, "no sub") }
    }

    /// The token request; returns the id_token.
    func exchange(code: String, verifier: String, at endpoint: String) async throws(IdentityError) -> String {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        // client_secret_basic: the id and secret form-encoded, then base64 (RFC 6749 §2.3.1).
        let credentials = FormData.percentEncode(configuration.clientId) + ":" + FormData.percentEncode(configuration.clientSecret)
        request.headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        request.body = .bytes(ByteBuffer(string: FormData.encode([
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", configuration.redirectURI),
            ("code_verifier", verifier), ("client_id", configuration.clientId),
        ])))
        struct TokenResponse: Decodable { var id_token: String? }
        let response: TokenResponse = try await OIDCHTTP.fetchJSON(request, what: "token endpoint")
        guard let idToken = response.id_token else { throw IdentityError(.invalidToken, "the token response has no id_token") }
        return idToken
    }
}

/// The provider's discovery document and keys, fetched when first needed and kept.
actor OIDCMetadataCache {
    /// The parts of the discovery document Redovisa uses.
    struct Discovery: Decodable, Sendable {
        var issuer: String
        var authorizationEndpoint: String
        var tokenEndpoint: String
        var jwksURI: String

        enum CodingKeys: String, CodingKey {
            case issuer, authorizationEndpoint = "authorization_endpoint", tokenEndpoint = "token_endpoint"
            case jwksURI = "jwks_uri"
        }
    }

    let issuer: String
    private var cached: Discovery?
    private var cachedKeys: [JSONWebKey]?

    init(issuer: String) { self.issuer = issuer }

    /// The discovery document, fetched once; it must name the configured issuer and https endpoints.
    func discovery() async throws(IdentityError) -> Discovery {
        if let cached { return cached }
        let url = (issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer) + "/.well-known/openid-configuration"
        let found: Discovery = try await OIDCHTTP.fetchJSON(HTTPClientRequest(url: url), what: "discovery document")
        guard found.issuer == issuer else {
            throw IdentityError(.configuration, "the discovery document names another issuer")
        }
        for endpoint in [found.authorizationEndpoint, found.tokenEndpoint, found.jwksURI] where !OIDCConfiguration.isSafeURL(endpoint) {
            throw IdentityError(.configuration, "the discovery document has an endpoint that is not https")
        }
        cached = found
        return found
    }

    /// The provider's public keys, fetched once, or again when `refresh` is true.
    func keys(refresh: Bool) async throws(IdentityError) -> [JSONWebKey] {
        if let cachedKeys, !refresh { return cachedKeys }
        let set: JSONWebKeySet = try await OIDCHTTP.fetchJSON(HTTPClientRequest(url: try await discovery().jwksURI), what: "key set")
        cachedKeys = set.keys
        return set.keys
    }
}

/// The HTTP calls to the provider: a short timeout, a size limit, JSON answers.
enum OIDCHTTP {
    /// GETs or POSTs `request` and decodes the JSON answer (at most 1 MiB, 10 s).
    static func fetchJSON<T: Decodable>(_ request: HTTPClientRequest, what: String) async throws(IdentityError) -> T {
        do {
            let response = try await HTTPClient.shared.execute(request, timeout: .seconds(10))
            let body = try await response.body.collect(upTo: 1 << 20)
            guard response.status == .ok else {
                throw IdentityError(.unavailable, "the \(what) answered \(response.status.code)")
            }
            return try JSONDecoder().decode(T.self, from: Data(buffer: body))
        } catch let error as IdentityError {
            throw error
        } catch is DecodingError {
            throw IdentityError(.unavailable, "the \(what) did not answer with the expected JSON")
        } catch {
            throw IdentityError(.unavailable, "the \(what) could not be reached")
        }
    }
}
