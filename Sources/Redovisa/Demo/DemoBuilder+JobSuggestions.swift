import Foundation

/// Job suggestions (förslag på jobb att söka, DOMAIN.md §1): the officer at Arbetsförmedlingen
/// sends each participant in the establishment programme a job to apply for every few weeks,
/// which the participant sees on Mina sidor and beside the activity report.
extension DemoBuilder {
    /// Jobs an officer in Nacka or Stockholm might suggest: title and employer.
    static let suggestedJobs: [(title: String, employer: String)] = [
        ("Lagerarbetare", "Lager i Jordbro AB"), ("Barnskötare", "Nacka kommun, förskolan Solrosen"),
        ("Undersköterska", "Nacka Seniorcenter Talliden"), ("Lokalvårdare", "Städproffsen i Nacka AB"),
        ("Restaurangbiträde", "Restaurang Sickla Kaj"), ("Bussförare", "Keolis Sverige AB"),
        ("Butiksmedarbetare", "ICA Nära Orminge"), ("Vårdbiträde", "Hemtjänst Värmdö"),
        ("Kock", "Skolmåltider Nacka"), ("Elevassistent", "Stockholms stad, Eriksdalsskolan"),
        ("Snickare", "Byggföretaget Saltsjöbo AB"), ("Budbilsförare", "Stockholm Express Bud"),
    ]

    /// Plans the job suggestions for participant `personId` of `enrolment`, sent by `officer`
    /// from two weeks after the start, every two to five weeks, until the demo's today or the
    /// enrolment's end. Uses its own random numbers (from the person's id), so the rest of the
    /// demo is told as before.
    func planJobSuggestions(person personId: Int64, enrolment: Enrolment, officer: Actor) {
        var random = DemoRandom(seed: 0x4A0B_5000 &+ UInt64(personId))
        let database = database
        let last = min(DemoSeed.asOf, enrolment.actualEnd ?? DemoSeed.asOf)
        var day = DemoCalendar.workingDay(onOrAfter: enrolment.start.adding(days: 14))
        while day <= last {
            let job = random.pick(Self.suggestedJobs)
            let closes: LocalDate? = random.chance(0.8) ? day.adding(days: random.int(10...30)) : nil
            let at = DemoCalendar.at(day, random.int(9...15), random.int(0...59))
            _ = timeline.add(at: at) { _ throws(RedovisaError) in
                _ = try database.send(
                    JobSuggestion(personId: personId, title: job.title, employer: job.employer, lastApplicationDay: closes, sentAt: at),
                    as: officer)
            }
            day = DemoCalendar.workingDay(onOrAfter: day.adding(days: random.int(14...35)))
        }
    }
}
