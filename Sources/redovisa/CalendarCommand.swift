import ArgumentParser

/// `redovisa calendar …`: Swedish public holidays and working days, 1900–2200.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Swedish public holidays and working days, 1900–2200.",
        discussion: """
            Working days are Monday to Friday except public holidays and, unless --eves-working \
            is given, midsommarafton, julafton and nyårsafton. Holidays follow the law in force \
            each year (midsommardagen moved to a Saturday in 1953; nationaldagen replaced \
            annandag pingst in 2005). See docs/scripting.md, "calendar".
            """,
        subcommands: [CalendarHolidaysCommand.self, CalendarAddWorkingDaysCommand.self]
    )
}
