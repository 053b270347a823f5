/// A programme or intervention (insats) that people are enrolled in: the establishment
/// programme, LSS contact person, Rusta och matcha, or one of Nacka's customer-choice
/// interventions (FAI 1, AMI 2, …).
public struct Programme: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    /// A short code (`etablering`, `lss-kontaktperson`, `rom`, `FAI1`).
    public var code: String
    public var name: String
    /// The customer choice it belongs to (`FAI`, `AMI`, `ISA`), if any.
    public var customerChoice: String?
    /// The longest an enrolment may last without an extension, in months.
    public var maximumMonths: Int?
    /// The monthly amount paid to a provider, per calendar year, in öre (3 876 kr = 387 600).
    public var monthlyAmounts: [Int: Int64]

    public init(
        id: Int64? = nil, code: String, name: String, customerChoice: String? = nil, maximumMonths: Int? = nil,
        monthlyAmounts: [Int: Int64] = [:]
    ) {
        self.id = id
        self.code = code
        self.name = name
        self.customerChoice = customerChoice
        self.maximumMonths = maximumMonths
        self.monthlyAmounts = monthlyAmounts
    }
}
