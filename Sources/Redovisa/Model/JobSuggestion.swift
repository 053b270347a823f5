import Foundation

/// A job suggestion (förslag på jobb att söka) an officer sent a participant in the establishment
/// programme (DOMAIN.md §1): the participant sees them beside the activity report, and may say
/// that a job was applied for through one.
public struct JobSuggestion: Sendable, Hashable, Codable, Identifiable {
    public var id: Int64?
    public var personId: Int64
    /// The job's title: "Lagerarbetare".
    public var title: String
    public var employer: String
    /// The last day to apply, when the advert has one.
    public var lastApplicationDay: LocalDate?
    public var sentAt: Date
    public var sentBy: Int64?

    public init(
        id: Int64? = nil, personId: Int64, title: String, employer: String, lastApplicationDay: LocalDate? = nil,
        sentAt: Date, sentBy: Int64? = nil
    ) {
        self.id = id
        self.personId = personId
        self.title = title
        self.employer = employer
        self.lastApplicationDay = lastApplicationDay
        self.sentAt = sentAt
        self.sentBy = sentBy
    }
}
