/// A Swedish personal identity number (personnummer) or coordination number (samordningsnummer),
/// always kept in the 12-digit form `ÅÅÅÅMMDDXXXX`.
///
/// Accepted input: 12 digits, optionally with `-` before the last four; or the 10-digit form
/// `ÅÅMMDD-XXXX` (age under 100) / `ÅÅMMDD+XXXX` (age 100 or more), whose century is worked out
/// from today's date. The date must exist (for a samordningsnummer the day is the real day + 60)
/// and the last digit is a Luhn check digit over the last ten.
///
/// ```swift
/// let pnr = try Personnummer("900101-2389", today: LocalDate("2025-10-14")!)   // 199001012389
/// ```
public struct Personnummer: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The twelve digits.
    public let digits: String

    /// Why a text is not a personnummer. The messages are Swedish and never repeat the number.
    public enum Problem: String, Sendable, Error, Equatable {
        case format = "ska vara 12 siffror (ÅÅÅÅMMDDXXXX) eller 10 siffror med - eller + (ÅÅMMDD-XXXX)"
        case date = "datumet finns inte"
        case checkDigit = "fel kontrollsiffra"
        case future = "födelsedatumet ligger i framtiden"
    }

    /// Parses and validates `text`.
    /// - Throws: ``Problem`` saying what is wrong.
    public init(_ text: String, today: LocalDate = .today()) throws(Problem) {
        let trimmed = text.trimmingSpaces
        let plain = trimmed.filter { $0 != "-" && $0 != "+" }
        guard plain.count == 10 || plain.count == 12, plain.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw .format
        }
        let separators = trimmed.filter { $0 == "-" || $0 == "+" }
        guard separators.count <= 1 else { throw .format }
        if let separator = separators.first {
            guard trimmed.count == plain.count + 1, trimmed[trimmed.index(trimmed.endIndex, offsetBy: -5)] == separator
            else { throw .format }
            guard plain.count == 10 || separator == "-" else { throw .format }
        }
        let numbers = plain.map { Int(String($0))! }
        var year: Int
        let tail = Array(numbers.suffix(10))
        let month = tail[2] * 10 + tail[3]
        var day = tail[4] * 10 + tail[5]
        if day > 60 { day -= 60 }
        if plain.count == 12 {
            year = numbers[0] * 1000 + numbers[1] * 100 + numbers[2] * 10 + numbers[3]
        } else {
            let yy = tail[0] * 10 + tail[1]
            year = today.year / 100 * 100 + yy
            if let date = LocalDate(year: year, month: month, day: day), date > today { year -= 100 }
            else if LocalDate(year: year, month: month, day: day) == nil, year > today.year { year -= 100 }
            if separators.first == "+" { year -= 100 }
        }
        guard let birthDate = LocalDate(year: year, month: month, day: day) else { throw .date }
        guard birthDate <= today else { throw .future }
        guard Personnummer.checkDigit(of: Array(tail.prefix(9))) == tail[9] else { throw .checkDigit }
        self.digits = padded(year, 4) + tail.dropFirst(2).map(String.init).joined()
    }

    private init(validDigits: String) {
        self.digits = validDigits
    }

    /// The Luhn check digit of the nine digits ÅÅMMDDNNN.
    public static func checkDigit(of nine: [Int]) -> Int {
        var sum = 0
        for (i, digit) in nine.enumerated() {
            let product = digit * (i % 2 == 0 ? 2 : 1)
            sum += product / 10 + product % 10
        }
        return (10 - sum % 10) % 10
    }

    /// A valid number for `birthDate` and the three-digit serial `serial` (for test and demo data).
    public static func make(birthDate: LocalDate, serial: Int, samordningsnummer: Bool = false) -> Personnummer {
        let day = birthDate.day + (samordningsnummer ? 60 : 0)
        let nine = padded(birthDate.year % 100, 2) + padded(birthDate.month, 2) + padded(day, 2) + padded(serial % 1000, 3)
        let check = checkDigit(of: nine.map { Int(String($0))! })
        return Personnummer(validDigits: padded(birthDate.year, 4) + nine.dropFirst(2) + String(check))
    }

    /// Whether the number is a samordningsnummer (day + 60).
    public var isSamordningsnummer: Bool {
        let day = Int(digits.dropFirst(6).prefix(2))!
        return day > 60
    }

    /// The date of birth (the real day for a samordningsnummer).
    public var birthDate: LocalDate {
        let y = Int(digits.prefix(4))!, m = Int(digits.dropFirst(4).prefix(2))!
        var d = Int(digits.dropFirst(6).prefix(2))!
        if d > 60 { d -= 60 }
        return LocalDate(year: y, month: m, day: d)!
    }

    /// `ÅÅÅÅMMDD-XXXX`, the form people read.
    public var formatted: String { String(digits.prefix(8)) + "-" + String(digits.suffix(4)) }

    public var description: String { digits }
    public static func < (a: Personnummer, b: Personnummer) -> Bool { a.digits < b.digits }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            // Stored numbers are always 12 digits; their century is not inferred.
            self = try Personnummer(text, today: LocalDate(year: 9999, month: 12, day: 31)!)
        } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "ogiltigt personnummer: \(error.rawValue)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(digits)
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let first = s.first, first == " " || first == "\t" { s = s.dropFirst() }
        while let last = s.last, last == " " || last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
