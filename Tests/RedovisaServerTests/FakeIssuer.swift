import Crypto
import Foundation
import Hummingbird
import _CryptoExtras
@testable import RedovisaServer

/// An OpenID Connect provider in the test process, served live on loopback: discovery, an
/// authorisation endpoint that logs in whoever the test says at once, a token endpoint that
/// checks the client secret and the PKCE verifier, and a key set. `mode` makes it misbehave.
actor FakeIssuer {
    enum Mode: Sendable { case honest, wrongNonce, foreignKey, expired, otherAudience }

    static let clientId = "redovisa-test"
    static let clientSecret = "hemligt:lösenord"
    static let redirectURI = "http://127.0.0.1:8080/logga-in/oidc/callback"

    let key: _RSA.Signing.PrivateKey
    let foreignKey: _RSA.Signing.PrivateKey
    var mode: Mode = .honest
    /// The claims the next login gets, beside iss, aud, exp, iat, nonce.
    var claims: [String: String] = [:]
    private var codes: [String: (nonce: String, challenge: String, redirectURI: String)] = [:]
    /// Token requests refused, with why (for the test to read).
    private(set) var refusals: [String] = []

    init() throws {
        key = try _RSA.Signing.PrivateKey(keySize: .bits2048)
        foreignKey = try _RSA.Signing.PrivateKey(keySize: .bits2048)
    }

    func set(mode: Mode, claims: [String: String]) {
        self.mode = mode
        self.claims = claims
    }

    /// The router of the issuer.
    nonisolated func router() -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/.well-known/openid-configuration") { request, _ -> Response in
            let issuer = "http://\(request.head.authority ?? "")"
            return Self.json([
                "issuer": issuer, "authorization_endpoint": "\(issuer)/authorize", "token_endpoint": "\(issuer)/token",
                "jwks_uri": "\(issuer)/jwks",
            ])
        }
        router.get("/jwks") { _, _ -> Response in
            let primitives = try self.key.publicKey.getKeyPrimitives()
            let body = """
                {"keys": [{"kty": "RSA", "kid": "k1", "alg": "RS256", "use": "sig", "n": "\(base64URL(primitives.modulus))", "e": "\(base64URL(primitives.publicExponent))"}]}
                """
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        router.get("/authorize") { request, _ -> Response in
            let query = request.uri.queryParameters
            func value(_ name: String) -> String { query[name[...]].map(String.init) ?? "" }
            guard value("response_type") == "code", value("code_challenge_method") == "S256", value("client_id") == Self.clientId
            else { return Response(status: .badRequest) }
            let code = randomToken()
            await self.remember(code, nonce: value("nonce"), challenge: value("code_challenge"), redirectURI: value("redirect_uri"))
            let location = value("redirect_uri") + "?" + FormData.encode([("code", code), ("state", value("state"))])
            return Response(status: .found, headers: [.location: location])
        }
        router.post("/token") { request, context -> Response in
            let body = try await request.body.collect(upTo: 65536)
            let form = FormData(String(buffer: body))
            let basic = "Basic " + Data((FormData.percentEncode(Self.clientId) + ":" + FormData.percentEncode(Self.clientSecret)).utf8).base64EncodedString()
            guard request.headers[.authorization] == basic else { return await self.refuse("client authentication") }
            guard form["grant_type"] == "authorization_code", let code = form["code"], let verifier = form["code_verifier"],
                let issued = await self.take(code)
            else { return await self.refuse("unknown code") }
            guard base64URL(Data(SHA256.hash(data: Data(verifier.utf8)))) == issued.challenge else { return await self.refuse("PKCE") }
            guard form["redirect_uri"] == issued.redirectURI else { return await self.refuse("redirect_uri") }
            let token = try await self.idToken(issuer: "http://\(request.head.authority ?? "")", nonce: issued.nonce)
            return Self.json(["access_token": randomToken(), "token_type": "Bearer", "id_token": token])
        }
        return router
    }

    private func remember(_ code: String, nonce: String, challenge: String, redirectURI: String) {
        codes[code] = (nonce, challenge, redirectURI)
    }

    private func take(_ code: String) -> (nonce: String, challenge: String, redirectURI: String)? {
        defer { codes[code] = nil }  // a code is good once
        return codes[code]
    }

    private func refuse(_ why: String) -> Response {
        refusals.append(why)
        return Self.json(["error": "invalid_grant"], status: .badRequest)
    }

    /// A signed id_token for the current mode.
    func idToken(issuer: String, nonce: String) throws -> String {
        let now = Int(Date().timeIntervalSince1970)
        var claims: [String: Any] = self.claims
        claims["iss"] = issuer
        claims["aud"] = mode == .otherAudience ? "someone-else" : Self.clientId
        claims["iat"] = now
        claims["exp"] = mode == .expired ? now - 3600 : now + 300
        claims["nonce"] = mode == .wrongNonce ? randomToken() : nonce
        claims["sub"] = claims["sub"] ?? "subject-1"
        let header = try JSONSerialization.data(withJSONObject: ["alg": "RS256", "kid": "k1", "typ": "JWT"])
        let payload = try JSONSerialization.data(withJSONObject: claims)
        let input = base64URL(header) + "." + base64URL(payload)
        let signer = mode == .foreignKey ? foreignKey : key
        let signature = try signer.signature(for: SHA256.hash(data: Data(input.utf8)), padding: .insecurePKCS1v1_5)
        return input + "." + base64URL(signature.rawRepresentation)
    }

    static func json(_ object: [String: String], status: HTTPResponse.Status = .ok) -> Response {
        let data = try! JSONSerialization.data(withJSONObject: object)
        return Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}
