/// What kind of organisation: the municipality or agency responsible for participants, or a
/// provider that delivers interventions to them.
public enum OrganisationKind: String, Sendable, Codable, CaseIterable {
    case municipality = "kommun"
    case agency = "myndighet"
    case provider = "anordnare"
}

/// A municipality, an agency (Arbetsförmedlingen, Försäkringskassan) or a provider.
public struct Organisation: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    /// A short code that imports and scripts refer to (`nacka`, `af`, `lev-jobbexpert`).
    public var code: String
    public var name: String
    public var kind: OrganisationKind
    /// For a provider: the customer choices it is authorised for (`FAI`, `AMI`, `ISA`), each with
    /// its authorisation date (for the default provider list).
    public var authorisations: [Authorisation]

    public init(id: Int64? = nil, code: String, name: String, kind: OrganisationKind, authorisations: [Authorisation] = []) {
        self.id = id
        self.code = code
        self.name = name
        self.kind = kind
        self.authorisations = authorisations
    }
}

/// A provider's authorisation for one customer choice (kundval), from a date.
public struct Authorisation: Sendable, Hashable, Codable {
    public var choice: String
    public var since: LocalDate

    public init(choice: String, since: LocalDate) {
        self.choice = choice
        self.since = since
    }
}

/// An office (kontor) of an organisation: where officers work and participants belong.
public struct Office: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var organisationId: Int64
    public var code: String
    public var name: String

    public init(id: Int64? = nil, organisationId: Int64, code: String, name: String) {
        self.id = id
        self.organisationId = organisationId
        self.code = code
        self.name = name
    }
}
