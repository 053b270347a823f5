import Crypto
import Foundation
import _CryptoExtras

/// A signed JSON Web Token (compact form, RFC 7515/7519) as an id_token arrives: its header,
/// claims and signature, verified against the provider's JSON Web Key Set.
///
/// Only asymmetric signatures are accepted, RS256 and ES256: `none` and the HMAC algorithms
/// (which would let the client secret sign tokens) are refused.
public struct JSONWebToken: Sendable {
    /// The header: `alg`, `kid`.
    public let header: [String: JSONValueLite]
    /// The claims: `iss`, `sub`, `aud`, `exp`, `nonce`, ….
    public let claims: [String: JSONValueLite]
    let signingInput: Data
    let signature: Data

    /// Splits and decodes `compact` (`header.payload.signature`).
    /// - Throws: ``IdentityError`` (invalidToken) when it is not a JWT.
    public init(compact: String) throws(IdentityError) {
        let parts = compact.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let headerData = data(base64URL: parts[0]), let claimData = data(base64URL: parts[1]),
            let signature = data(base64URL: parts[2]),
            let header = try? JSONDecoder().decode([String: JSONValueLite].self, from: headerData),
            let claims = try? JSONDecoder().decode([String: JSONValueLite].self, from: claimData)
        else { throw IdentityError(.invalidToken, "the id_token is not a JWT") }
        self.header = header
        self.claims = claims
        self.signingInput = Data("\(parts[0]).\(parts[1])".utf8)
        self.signature = signature
    }

    /// The algorithm in the header.
    public var algorithm: String? { header["alg"]?.string }

    /// The key of `keys` that the header's `kid` names for its algorithm (or the only one, when
    /// there is no `kid`); nil when there is none.
    public func key(in keys: [JSONWebKey]) -> JSONWebKey? {
        let kid = header["kid"]?.string
        let candidates = keys.filter { key in (kid == nil || key.kid == kid) && (key.alg == nil || key.alg == algorithm) }
        return kid == nil ? (candidates.count == 1 ? candidates.first : nil) : candidates.first
    }

    /// Checks the signature with the key of `keys` that the header's `kid` names (or the only
    /// key, when there is no `kid`).
    /// - Throws: ``IdentityError`` (invalidToken) for an unknown key, an unaccepted algorithm or
    ///   a bad signature.
    public func verifySignature(with keys: [JSONWebKey]) throws(IdentityError) {
        guard let algorithm, ["RS256", "ES256"].contains(algorithm) else {
            throw IdentityError(.invalidToken, "the id_token's algorithm \(self.algorithm ?? "-") is not accepted")
        }
        guard let key = key(in: keys) else {
            throw IdentityError(.invalidToken, "no key in the provider's key set matches the id_token")
        }
        guard key.verify(signature, for: signingInput, algorithm: algorithm) else {
            throw IdentityError(.invalidToken, "the id_token's signature is wrong")
        }
    }
}

/// One public key of a JSON Web Key Set (RFC 7517): RSA (`n`, `e`) or EC P-256 (`x`, `y`).
public struct JSONWebKey: Sendable, Decodable {
    public var kty: String
    public var kid: String?
    public var alg: String?
    public var use: String?
    public var n: String?
    public var e: String?
    public var crv: String?
    public var x: String?
    public var y: String?

    public init(kty: String, kid: String?, alg: String? = nil, n: String? = nil, e: String? = nil, crv: String? = nil, x: String? = nil, y: String? = nil) {
        self.kty = kty
        self.kid = kid
        self.alg = alg
        self.n = n
        self.e = e
        self.crv = crv
        self.x = x
        self.y = y
    }

    /// Whether `signature` signs `input` with this key under `algorithm`.
    func verify(_ signature: Data, for input: Data, algorithm: String) -> Bool {
        guard use == nil || use == "sig" else { return false }
        let digest = SHA256.hash(data: input)
        switch (algorithm, kty) {
        case ("RS256", "RSA"):
            guard let n = n.flatMap({ data(base64URL: $0) }), let e = e.flatMap({ data(base64URL: $0) }),
                let key = try? _RSA.Signing.PublicKey(n: n, e: e)
            else { return false }
            return key.isValidSignature(_RSA.Signing.RSASignature(rawRepresentation: signature), for: digest, padding: .insecurePKCS1v1_5)
        case ("ES256", "EC"):
            guard crv == "P-256", let x = x.flatMap({ data(base64URL: $0) }), let y = y.flatMap({ data(base64URL: $0) }),
                let key = try? P256.Signing.PublicKey(rawRepresentation: x + y),
                let ecdsa = try? P256.Signing.ECDSASignature(rawRepresentation: signature)
            else { return false }
            return key.isValidSignature(ecdsa, for: digest)
        default:
            return false
        }
    }
}

/// A JSON Web Key Set: `{"keys": [...]}`.
public struct JSONWebKeySet: Sendable, Decodable {
    public var keys: [JSONWebKey]
}

/// The few JSON shapes claims take (strings, numbers, booleans, arrays of strings), decoded
/// leniently so that an unknown claim never fails a login.
public enum JSONValueLite: Sendable, Decodable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case strings([String])
    case other

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let s = try? container.decode(String.self) { self = .string(s) }
        else if let b = try? container.decode(Bool.self) { self = .bool(b) }
        else if let d = try? container.decode(Double.self) { self = .number(d) }
        else if let a = try? container.decode([String].self) { self = .strings(a) }
        else { self = .other }
    }

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var number: Double? { if case .number(let d) = self { d } else { nil } }
    /// A string claim as a one-element list, or the list (for `aud`).
    public var strings: [String] {
        switch self {
        case .string(let s): [s]
        case .strings(let a): a
        default: []
        }
    }
}
