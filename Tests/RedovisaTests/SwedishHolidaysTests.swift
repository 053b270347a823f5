import Redovisa
import Testing

/// Swedish public holidays by the law of each year, 1900–2200.
struct SwedishHolidaysTests {
    /// Easter Sundays as the Swedish almanac printed them, including the earliest and latest
    /// possible dates and 2019, when the astronomical full moon would have given 24 March.
    @Test(arguments: [
        (1900, "1900-04-15"), (1913, "1913-03-23"), (1943, "1943-04-25"), (1951, "1951-03-25"),
        (2000, "2000-04-23"), (2008, "2008-03-23"), (2011, "2011-04-24"), (2019, "2019-04-21"),
        (2024, "2024-03-31"), (2025, "2025-04-20"), (2026, "2026-04-05"), (2038, "2038-04-25"),
    ])
    func easterSundayIsTheAlmanacs(year: Int, expected: String) {
        #expect(SwedishHolidays.easterSunday(year).description == expected)
        #expect(SwedishHolidays.easterSunday(year).weekday == 7)
    }

    @Test func everyEasterIn1900To2200IsASundayFrom22MarchTo25April() {
        for year in SwedishHolidays.years {
            let easter = SwedishHolidays.easterSunday(year)
            #expect(easter.weekday == 7, "\(year)")
            #expect(easter >= LocalDate(year: year, month: 3, day: 22)! && easter <= LocalDate(year: year, month: 4, day: 25)!, "\(year)")
        }
    }

    @Test func theHolidaysOf2025HaveTheirSwedishNamesAndDates() throws {
        let days = try SwedishHolidays.holidays(in: 2025).map { "\($0.date) \($0.name)\($0.kind == .eve ? " *" : "")" }
        #expect(days == [
            "2025-01-01 nyårsdagen", "2025-01-06 trettondedag jul", "2025-04-18 långfredagen", "2025-04-20 påskdagen",
            "2025-04-21 annandag påsk", "2025-05-01 första maj", "2025-05-29 Kristi himmelsfärdsdag",
            "2025-06-06 nationaldagen", "2025-06-08 pingstdagen", "2025-06-20 midsommarafton *",
            "2025-06-21 midsommardagen", "2025-11-01 alla helgons dag", "2025-12-24 julafton *", "2025-12-25 juldagen",
            "2025-12-26 annandag jul", "2025-12-31 nyårsafton *",
        ])
    }

    /// Midsommardagen was 24 June until 1952 and is the Saturday 20–26 June from 1953.
    @Test(arguments: [
        (1900, "1900-06-24"), (1952, "1952-06-24"), (1953, "1953-06-20"), (2020, "2020-06-20"),
        (2024, "2024-06-22"), (2025, "2025-06-21"), (2026, "2026-06-20"), (2200, "2200-06-21"),
    ])
    func midsummer(year: Int, expected: String) throws {
        let days = try SwedishHolidays.holidays(in: year)
        let day = try #require(days.first { $0.name == "midsommardagen" }).date
        let eve = try #require(days.first { $0.name == "midsommarafton" }).date
        #expect(day.description == expected)
        #expect(eve == day.adding(days: -1))
        if year >= 1953 {
            #expect(day.weekday == 6)
            #expect((20...26).contains(day.day))
        }
    }

    @Test func allSaintsWasTheSunday1To7NovemberBefore1953AndIsTheSaturday31OctoberTo6NovemberSince() throws {
        func allSaints(_ year: Int) throws -> LocalDate {
            try #require(SwedishHolidays.holidays(in: year).first { $0.name == "alla helgons dag" }).date
        }
        #expect(try allSaints(1952).description == "1952-11-02")
        #expect(try allSaints(1953).description == "1953-10-31")
        #expect(try allSaints(2024).description == "2024-11-02")
        #expect(try allSaints(2025).description == "2025-11-01")
    }

    @Test func theLawOf2004PutNationaldagenInAndAnnandagPingstOutFrom2005() throws {
        let names2004 = try SwedishHolidays.holidays(in: 2004).map(\.name)
        let names2005 = try SwedishHolidays.holidays(in: 2005).map(\.name)
        #expect(try SwedishHolidays.holidays(in: 2004).contains { $0.name == "annandag pingst" && $0.date.description == "2004-05-31" })
        #expect(!names2004.contains("nationaldagen"))
        #expect(names2005.contains("nationaldagen"))
        #expect(!names2005.contains("annandag pingst"))
    }

    @Test func förstaMajFrom1939AndMarieBebådelsedagUntil1952() throws {
        #expect(!(try SwedishHolidays.holidays(in: 1938).map(\.name)).contains("första maj"))
        #expect(try SwedishHolidays.holidays(in: 1939).contains { $0.name == "första maj" && $0.date.description == "1939-05-01" })
        #expect(try SwedishHolidays.holidays(in: 1952).contains { $0.name == "Marie bebådelsedag" && $0.date.description == "1952-03-25" })
        #expect(!(try SwedishHolidays.holidays(in: 1953).map(\.name)).contains("Marie bebådelsedag"))
    }

    @Test func twoHolidaysOnOneDayAreBothListed() throws {
        // Easter 2008 was 23 March: Kristi himmelsfärdsdag fell on första maj
        let names = try SwedishHolidays.holidays(on: LocalDate("2008-05-01")!).map(\.name)
        #expect(names == ["första maj", "Kristi himmelsfärdsdag"])
    }

    @Test func yearsOutsideTheCalendarAreRefusedWithASwedishMessage() {
        let error = #expect(throws: RedovisaError.self) { try SwedishHolidays.holidays(in: 2201) }
        #expect(error?.message == "kalendern omfattar åren 1900–2200, inte 2201")
        #expect(throws: RedovisaError.self) { try SwedishHolidays.holidays(in: 1899) }
    }
}
