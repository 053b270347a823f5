import Redovisa
import Testing

/// Personnummer and samordningsnummer as people type them.
struct PersonnummerTests {
    let today = LocalDate("2025-10-14")!

    @Test(arguments: [
        ("199001012385", "199001012385"),
        ("19900101-2385", "199001012385"),
        ("900101-2385", "199001012385"),
        ("9001012385", "199001012385"),
        (" 900101-2385 ", "199001012385"),
    ])
    func acceptedFormsAreNormalisedToTwelveDigits(_ input: String, _ expected: String) throws {
        #expect(try Personnummer(input, today: today).digits == expected)
    }

    @Test func theCenturyOfTheTenDigitFormFollowsTheAge() throws {
        // Born in 2019: the hyphen means under 100
        let child = Personnummer.make(birthDate: LocalDate("2019-03-05")!, serial: 123)
        let short = String(child.digits.dropFirst(2).prefix(6)) + "-" + child.digits.suffix(4)
        #expect(try Personnummer(short, today: today).digits == child.digits)
        // Born 1919: the same ten digits with + mean 100 or older
        let old = Personnummer.make(birthDate: LocalDate("1919-03-05")!, serial: 123)
        let plus = String(old.digits.dropFirst(2).prefix(6)) + "+" + old.digits.suffix(4)
        #expect(try Personnummer(plus, today: today).digits == old.digits)
        // A birthday later this year than today is last century's
        let december = Personnummer.make(birthDate: LocalDate("1925-12-01")!, serial: 42)
        let tenDigits = String(december.digits.dropFirst(2))
        #expect(try Personnummer(tenDigits, today: today).digits == december.digits)
    }

    @Test func aLeapDayIsValidOnlyInALeapYear() throws {
        let leap = Personnummer.make(birthDate: LocalDate("2000-02-29")!, serial: 18)
        #expect(try Personnummer(leap.digits, today: today).birthDate == LocalDate("2000-02-29"))
        // 2001-02-29 does not exist, whatever the check digit
        #expect(throws: Personnummer.Problem.date) { try Personnummer("200102290000", today: today) }
    }

    @Test func aSamordningsnummerHasTheDayPlusSixty() throws {
        let number = Personnummer.make(birthDate: LocalDate("1985-07-19")!, serial: 271, samordningsnummer: true)
        #expect(number.digits.dropFirst(6).prefix(2) == "79")
        let parsed = try Personnummer(number.digits, today: today)
        #expect(parsed.isSamordningsnummer)
        #expect(parsed.birthDate == LocalDate("1985-07-19"))
        #expect(throws: Personnummer.Problem.date) { try Personnummer("198507920000", today: today) }
    }

    @Test func aWrongCheckDigitIsRefusedWithoutRepeatingTheNumber() throws {
        let good = Personnummer.make(birthDate: LocalDate("1990-01-01")!, serial: 238)
        let wrongLast = (Int(String(good.digits.last!))! + 1) % 10
        let bad = String(good.digits.dropLast()) + String(wrongLast)
        let error = #expect(throws: Personnummer.Problem.self) { try Personnummer(bad, today: today) }
        #expect(error == .checkDigit)
        #expect(error?.rawValue.contains(bad) == false)
    }

    @Test(arguments: ["", "abc", "19900101238", "1990-0101-2385", "900101--2385", "19900101+2385", "2025101412345"])
    func malformedTextIsAFormatError(_ input: String) {
        #expect(throws: Personnummer.Problem.format) { try Personnummer(input, today: today) }
    }

    @Test func aBirthDateInTheFutureIsRefused() {
        let tomorrow = Personnummer.make(birthDate: LocalDate("2025-10-15")!, serial: 1)
        #expect(throws: Personnummer.Problem.future) { try Personnummer(tomorrow.digits, today: today) }
    }
}
