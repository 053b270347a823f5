/// How a person's identity is protected in the population register.
public enum ProtectedIdentity: String, Sendable, Codable, CaseIterable {
    /// Skyddad folkbokföring.
    case protectedRegistration = "skyddad_folkbokforing"
    /// Sekretessmarkering.
    case confidentialityMark = "sekretessmarkering"
    /// Fingerade personuppgifter.
    case fictitiousIdentity = "fingerade_personuppgifter"
}

/// A channel a person wants notifications through.
public enum NotificationChannel: String, Sendable, Codable, CaseIterable {
    case email = "epost"
    case sms
}

/// A person in the register: a participant, a customer, a person supported under LSS.
public struct Person: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var personnummer: Personnummer
    public var firstName: String
    public var lastName: String
    /// Home municipality (hemkommun).
    public var municipality: String?
    /// District (stadsdel), when known.
    public var district: String?
    public var protection: ProtectedIdentity?
    public var email: String?
    public var mobile: String?
    public var notify: Set<NotificationChannel>

    public init(
        id: Int64? = nil, personnummer: Personnummer, firstName: String, lastName: String, municipality: String? = nil,
        district: String? = nil, protection: ProtectedIdentity? = nil, email: String? = nil, mobile: String? = nil,
        notify: Set<NotificationChannel> = []
    ) {
        self.id = id
        self.personnummer = personnummer
        self.firstName = firstName
        self.lastName = lastName
        self.municipality = municipality
        self.district = district
        self.protection = protection
        self.email = email
        self.mobile = mobile
        self.notify = notify
    }

    public var isProtected: Bool { protection != nil }
    public var fullName: String { "\(firstName) \(lastName)" }

    private enum CodingKeys: String, CodingKey {
        case id, personnummer, firstName, lastName, municipality, district, protection, email, mobile, notify
    }

    /// As synthesised, but with the notification channels in a fixed order, so that equal
    /// people are stored (and hashed, exported, compared) as equal text.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(personnummer, forKey: .personnummer)
        try c.encode(firstName, forKey: .firstName)
        try c.encode(lastName, forKey: .lastName)
        try c.encodeIfPresent(municipality, forKey: .municipality)
        try c.encodeIfPresent(district, forKey: .district)
        try c.encodeIfPresent(protection, forKey: .protection)
        try c.encodeIfPresent(email, forKey: .email)
        try c.encodeIfPresent(mobile, forKey: .mobile)
        try c.encode(notify.sorted { $0.rawValue < $1.rawValue }, forKey: .notify)
    }
}

/// A person as a particular viewer may see them: everything, or for a protected identity seen
/// without the permission, nothing that identifies or locates them.
public struct PersonView: Sendable, Hashable, Codable {
    public var id: Int64
    /// `ÅÅÅÅMMDD-XXXX`, or `********-****` when masked.
    public var personnummer: String
    public var firstName: String
    public var lastName: String
    public var municipality: String?
    public var district: String?
    public var email: String?
    public var mobile: String?
    public var notify: [NotificationChannel]
    /// Whether the person has a protected identity (shown so that staff handle them with care).
    public var isProtected: Bool
    /// Whether identifying details were withheld from this viewer.
    public var isMasked: Bool

    /// What is shown instead of a protected person's details.
    public static let maskedName = "Skyddad identitet"
    public static let maskedPersonnummer = "********-****"
}
