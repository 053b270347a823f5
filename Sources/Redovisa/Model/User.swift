/// What a user does in Redovisa.
public enum Role: String, Sendable, Codable, CaseIterable {
    /// Reports about themself or about a person they support (deltagare, kontaktperson).
    case reporter
    /// Reports on behalf of the participants their provider serves (anordnare, jobbexpert).
    case providerStaff = "provider_staff"
    /// Reviews, returns and approves; registers interventions (handläggare).
    case officer
    /// Writes templates, scripts and local agreements (systemspecialist).
    case administrator
}

/// Someone who logs in: a reporter, provider staff, an officer or an administrator.
public struct User: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    /// The login name (from the identity provider, or a demo name).
    public var username: String
    public var displayName: String
    public var roles: Set<Role>
    /// The person this user is in the population register, for reporters who log in with e-ID.
    public var personId: Int64?
    /// The explicit permission to see protected identities unmasked.
    public var mayViewProtected: Bool

    public init(
        id: Int64? = nil, username: String, displayName: String, roles: Set<Role>, personId: Int64? = nil,
        mayViewProtected: Bool = false
    ) {
        self.id = id
        self.username = username
        self.displayName = displayName
        self.roles = roles
        self.personId = personId
        self.mayViewProtected = mayViewProtected
    }

    public func has(_ role: Role) -> Bool { roles.contains(role) }

    private enum CodingKeys: String, CodingKey {
        case id, username, displayName, roles, personId, mayViewProtected
    }

    /// As synthesised, but with the roles in a fixed order (stored text stays the same).
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(id, forKey: .id)
        try c.encode(username, forKey: .username)
        try c.encode(displayName, forKey: .displayName)
        try c.encode(roles.sorted { $0.rawValue < $1.rawValue }, forKey: .roles)
        try c.encodeIfPresent(personId, forKey: .personId)
        try c.encode(mayViewProtected, forKey: .mayViewProtected)
    }
}

/// A user's assignment (uppdrag) in an organisation, or in one office of it. Access to a
/// participant follows from an assignment in the organisation or office responsible for them.
public struct Assignment: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var userId: Int64
    public var organisationId: Int64
    /// nil: the whole organisation.
    public var officeId: Int64?

    public init(id: Int64? = nil, userId: Int64, organisationId: Int64, officeId: Int64? = nil) {
        self.id = id
        self.userId = userId
        self.organisationId = organisationId
        self.officeId = officeId
    }
}
