/// A day the Swedish calendar marks: a public holiday (allmän helgdag) by law, or one of the
/// three eves that most employers treat as a day off (midsommarafton, julafton, nyårsafton).
///
/// ```swift
/// let holidays = try SwedishHolidays.holidays(in: 2025)
/// holidays[0]  // 2025-01-01 nyårsdagen, public holiday
/// ```
public struct Holiday: Sendable, Hashable, Codable, CustomStringConvertible {
    /// Whether the day is a public holiday by law or an eve.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// An allmän helgdag of the law in force that year: never a working day.
        case publicHoliday = "public_holiday"
        /// Midsommarafton, julafton or nyårsafton: not a holiday by law; whether it is a working
        /// day is a setting of ``WorkingDayCalendar``.
        case eve
    }

    /// The day, in Europe/Stockholm.
    public var date: LocalDate
    /// The Swedish name, in lower case as in running text except proper names:
    /// `nyårsdagen`, `Kristi himmelsfärdsdag`, `midsommarafton`.
    public var name: String
    /// A public holiday by law, or an eve.
    public var kind: Kind

    /// A holiday or eve on `date`.
    public init(date: LocalDate, name: String, kind: Kind) {
        self.date = date
        self.name = name
        self.kind = kind
    }

    /// `2025-06-20 midsommarafton (afton)`.
    public var description: String { "\(date) \(name)" + (kind == .eve ? " (afton)" : "") }
}

extension LocalDate {
    /// The Swedish name of the weekday, in lower case: `måndag` … `söndag`.
    public var swedishWeekday: String {
        ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"][weekday - 1]
    }
}
