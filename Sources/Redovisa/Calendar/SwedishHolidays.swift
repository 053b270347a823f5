/// Swedish public holidays (allmänna helgdagar) and the three eves, for any year 1900–2200, by
/// the law in force in that year.
///
/// The rules, by period (Lag (1989:253) om allmänna helgdagar and the laws before it):
///
/// | holiday | date | years |
/// |---|---|---|
/// | nyårsdagen | 1 January | all |
/// | trettondedag jul | 6 January | all |
/// | Marie bebådelsedag | 25 March | until 1952 (then moved to a Sunday by Lag (1952:48)) |
/// | långfredagen | Friday before Easter Sunday | all |
/// | påskdagen | Easter Sunday | all |
/// | annandag påsk | Monday after Easter Sunday | all |
/// | första maj | 1 May | from 1939 |
/// | Kristi himmelsfärdsdag | sixth Thursday after Easter Sunday (Easter + 39) | all |
/// | pingstdagen | seventh Sunday after Easter Sunday (Easter + 49) | all |
/// | annandag pingst | Monday after pingstdagen | until 2004 |
/// | nationaldagen | 6 June | from 2005 |
/// | midsommardagen | 24 June; from 1953 the Saturday 20–26 June | all |
/// | alla helgons dag | the Sunday 1–7 November; from 1953 the Saturday 31 October–6 November | all |
/// | juldagen | 25 December | all |
/// | annandag jul | 26 December | all |
///
/// Eves: midsommarafton (the day before midsommardagen), julafton (24 December), nyårsafton
/// (31 December).
///
/// What is modelled and what is not:
/// - The law of 2004 (nationaldagen in, annandag pingst out, from 2005) is taken to hold
///   unchanged until 2200.
/// - Easter follows the Gregorian computus (the anonymous Gregorian algorithm), as the Swedish
///   almanac does. The law's wording speaks of the full moon on or after 21 March; in the rare
///   years where the astronomical full moon gives another Sunday (2019) Sweden kept the
///   computus, and so does this calendar.
/// - Marie bebådelsedag is 25 March in 1900–1952 even in the years it falls in Holy Week or on
///   Easter; the church's rule for moving it then is not modelled (those days are mostly
///   holidays anyway).
/// - Sundays are holidays by law; only påskdagen, pingstdagen and (before 1953) alla helgons dag
///   are listed by name. Church feasts that were moved to a Sunday long before 1900
///   (kyndelsmässodagen) are not listed.
public enum SwedishHolidays {
    /// The years the calendar covers.
    public static let years: ClosedRange<Int> = 1900...2200

    /// Easter Sunday of `year` by the Gregorian computus (the anonymous Gregorian algorithm of
    /// Meeus, Jones and Butcher). Valid for any Gregorian year.
    ///
    /// ```swift
    /// SwedishHolidays.easterSunday(2025)  // 2025-04-20
    /// ```
    public static func easterSunday(_ year: Int) -> LocalDate {
        let a = year % 19
        let b = year / 100, c = year % 100
        let d = b / 4, e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return LocalDate(year: year, month: month, day: day)!
    }

    /// Every public holiday and eve of `year`, in date order.
    /// - Throws: ``RedovisaError/Code/invalidInput`` for a year outside 1900–2200.
    ///
    /// ```swift
    /// let names = try SwedishHolidays.holidays(in: 2025).map(\.name)
    /// ```
    public static func holidays(in year: Int) throws(RedovisaError) -> [Holiday] {
        try checkYear(year)
        return unchecked(year)
    }

    /// The public holidays and eves on `date`: none, one, or two when an Easter-based holiday
    /// falls on a fixed one (Kristi himmelsfärdsdag and första maj on 2008-05-01).
    /// - Throws: ``RedovisaError/Code/invalidInput`` for a date outside 1900–2200.
    public static func holidays(on date: LocalDate) throws(RedovisaError) -> [Holiday] {
        try holidays(in: date.year).filter { $0.date == date }
    }

    /// The error for a year the calendar does not cover.
    static func checkYear(_ year: Int) throws(RedovisaError) {
        guard years.contains(year) else { throw outOfRange(year) }
    }

    /// `kalendern omfattar åren 1900–2200, inte 2201`.
    static func outOfRange(_ year: Int) -> RedovisaError {
        RedovisaError(.invalidInput, "kalendern omfattar åren \(years.lowerBound)–\(years.upperBound), inte \(year)")
    }

    /// The holidays of `year` without checking the range.
    static func unchecked(_ year: Int) -> [Holiday] {
        func date(_ month: Int, _ day: Int) -> LocalDate { LocalDate(year: year, month: month, day: day)! }
        /// The first day with ISO weekday `weekday` on or after `start`.
        func first(_ weekday: Int, onOrAfter start: LocalDate) -> LocalDate {
            start.adding(days: (weekday - start.weekday + 7) % 7)
        }
        let easter = easterSunday(year)
        let reformed = year >= 1953
        let midsummer = reformed ? first(6, onOrAfter: date(6, 20)) : date(6, 24)
        let allSaints = reformed ? first(6, onOrAfter: date(10, 31)) : first(7, onOrAfter: date(11, 1))

        var days: [Holiday] = []
        func add(_ day: LocalDate, _ name: String, _ kind: Holiday.Kind = .publicHoliday) {
            days.append(Holiday(date: day, name: name, kind: kind))
        }
        add(date(1, 1), "nyårsdagen")
        add(date(1, 6), "trettondedag jul")
        if !reformed { add(date(3, 25), "Marie bebådelsedag") }
        add(easter.adding(days: -2), "långfredagen")
        add(easter, "påskdagen")
        add(easter.adding(days: 1), "annandag påsk")
        if year >= 1939 { add(date(5, 1), "första maj") }
        add(easter.adding(days: 39), "Kristi himmelsfärdsdag")
        add(easter.adding(days: 49), "pingstdagen")
        if year <= 2004 { add(easter.adding(days: 50), "annandag pingst") }
        if year >= 2005 { add(date(6, 6), "nationaldagen") }
        add(midsummer.adding(days: -1), "midsommarafton", .eve)
        add(midsummer, "midsommardagen")
        add(allSaints, "alla helgons dag")
        add(date(12, 24), "julafton", .eve)
        add(date(12, 25), "juldagen")
        add(date(12, 26), "annandag jul")
        add(date(12, 31), "nyårsafton", .eve)
        // Easter-based days can pass fixed ones, and can fall on the same day as one (Kristi
        // himmelsfärdsdag on första maj in 2008): by date, then in the order of the law's list.
        return days.enumerated().sorted { ($0.element.date, $0.offset) < ($1.element.date, $1.offset) }.map(\.element)
    }
}
