import Foundation

/// Reports, told through their real lifecycle: created as drafts, saved, submitted (case number
/// and receipt), returned with the officer's comment, completed and resubmitted, approved — or
/// withdrawn — each step by the person who takes it in life, on a plausible day.
extension DemoBuilder {
    /// How far a report's life gets by the demo's "today".
    enum Outcome: CaseIterable {
        /// Never started.
        case missing
        case draft
        case submitted
        /// Returned for completion and not yet completed.
        case returned
        /// Completed after a return and waiting for review again.
        case resubmitted
        case approved
        /// Returned once, completed, then approved.
        case approvedAfterReturn
    }

    /// The answers a report goes through.
    struct Answers {
        /// Created with the first, saved with each next; the last is what is submitted.
        var stages: [JSONValue]
        /// What is resubmitted after a return.
        var completed: JSONValue
        /// Why the officer returns it.
        var returnComment: String
    }

    /// Who writes the report and so when and how often they save it.
    enum Rhythm {
        /// A participant who adds activities during the month and submits from the 1st to the 14th.
        case participant
        /// A paper form that an officer registers on the participant's behalf.
        case paper
        /// A contact person who fills in step 1, then step 2, and submits at once.
        case contactPerson
        /// Provider staff, on working days, with the given window (days into the next month).
        case provider(window: Int)
    }

    /// What one report is about and who handles it.
    struct ReportSubject {
        var templateId: String
        var period: Period?
        var eventDate: LocalDate?
        var personId: Int64
        var enrolmentKey: Int
        var author: Actor
        var reviewer: Actor
        /// The earliest day the author can start it (the enrolment's start, or the period's first day).
        var opens: LocalDate
        /// The day its submission window opens.
        var due: LocalDate
        /// The last day of the window for a timely report, where lateness is recorded.
        var lateAfter: LocalDate?
    }

    /// The reporting months of the demo.
    static let periods = [8, 9, 10].map { Period(year: 2025, month: $0)! }

    /// A random outcome, as the reports of `period` stand on the demo's "today".
    func outcome(for period: Period) -> Outcome {
        switch period.month {
        case 8:
            random.weighted([
                (.approved, 80), (.approvedAfterReturn, 10), (.submitted, 2), (.returned, 2), (.resubmitted, 2),
                (.missing, 4),
            ])
        case 9:
            random.weighted([
                (.approved, 52), (.approvedAfterReturn, 10), (.returned, 9), (.resubmitted, 7), (.submitted, 12),
                (.draft, 4), (.missing, 6),
            ])
        default:
            random.weighted([
                (.approved, 14), (.approvedAfterReturn, 2), (.returned, 7), (.resubmitted, 3), (.submitted, 36),
                (.draft, 24), (.missing, 14),
            ])
        }
    }

    /// Plans a report's life up to `outcome`, cut short where a step would fall after "today".
    func scheduleReport(_ subject: ReportSubject, answers: Answers, outcome: Outcome, rhythm: Rhythm) {
        guard outcome != .missing else { return }
        let key = nextKey()
        let database = database
        let author = subject.author, reviewer = subject.reviewer
        var chain = DemoChain()

        // Created, saved as the author goes, submitted.
        let (created, saves, submitted) = authorTimes(subject, rhythm: rhythm, saves: answers.stages.count - 1)
        let first = answers.stages[0]
        chain.step(&timeline, at: created) { state throws(RedovisaError) in
            state.reports[key] = try database.createDraft(
                .init(
                    templateId: subject.templateId, templateVersion: 1, period: subject.period,
                    eventDate: subject.eventDate, personId: subject.personId,
                    enrolmentId: try state.enrolmentId(subject.enrolmentKey), answers: first),
                as: author)
        }
        for (at, stage) in zip(saves, answers.stages.dropFirst()) {
            chain.step(&timeline, at: at) { state throws(RedovisaError) in
                try Self.save(key, stage, database, author, &state)
            }
        }
        guard outcome != .draft else { return }
        let late = subject.lateAfter.map { LocalDate.today(at: submitted) > $0 } ?? false
        chain.step(&timeline, at: submitted) { state throws(RedovisaError) in
            _ = try database.submit(id: state.reports[key]!.id!, late: late, as: author)
        }
        guard outcome != .submitted else { return }

        var lastSubmitted = submitted
        if [.returned, .resubmitted, .approvedAfterReturn].contains(outcome) {
            let returned = officeTime(after: submitted, days: 1...3)
            let comment = answers.returnComment
            chain.step(&timeline, at: returned) { state throws(RedovisaError) in
                state.reports[key] = try database.returnForCompletion(
                    id: state.reports[key]!.id!, comment: comment, as: reviewer)
            }
            guard outcome != .returned else { return }
            lastSubmitted = authorTime(after: returned, days: 1...5, rhythm: rhythm)
            let completed = answers.completed
            chain.step(&timeline, at: lastSubmitted) { state throws(RedovisaError) in
                try Self.save(key, completed, database, author, &state)
            }
            chain.step(&timeline, at: lastSubmitted.addingTimeInterval(240)) { state throws(RedovisaError) in
                _ = try database.submit(id: state.reports[key]!.id!, as: author)
            }
            guard outcome != .resubmitted else { return }
        }
        let comment = random.chance(0.3) ? random.pick(DemoNames.approvalComments) : nil
        chain.step(&timeline, at: officeTime(after: lastSubmitted, days: 1...4)) { state throws(RedovisaError) in
            state.reports[key] = try database.approve(id: state.reports[key]!.id!, comment: comment, as: reviewer)
        }
    }

    /// Plans a draft that its author starts and gives up within two days (a duplicate, or the
    /// wrong month chosen): a withdrawn report.
    func scheduleWithdrawnDraft(_ subject: ReportSubject, answers: JSONValue, rhythm: Rhythm) {
        let key = nextKey()
        let database = database, author = subject.author
        let (created, _, _) = authorTimes(subject, rhythm: rhythm, saves: 0)
        var chain = DemoChain()
        chain.step(&timeline, at: created.addingTimeInterval(-Double(random.int(1...3)) * 3_600)) { state throws(RedovisaError) in
            state.reports[key] = try database.createDraft(
                .init(
                    templateId: subject.templateId, templateVersion: 1, period: subject.period,
                    eventDate: subject.eventDate, personId: subject.personId,
                    enrolmentId: try state.enrolmentId(subject.enrolmentKey), answers: answers),
                as: author)
        }
        let withdrawn = authorTime(after: created, days: 0...1, rhythm: rhythm)
        chain.step(&timeline, at: withdrawn) { state throws(RedovisaError) in
            state.reports[key] = try database.withdraw(id: state.reports[key]!.id!, as: author)
        }
    }

    private static func save(
        _ key: Int, _ answers: JSONValue, _ database: AppDatabase, _ author: Actor, _ state: inout DemoState
    ) throws(RedovisaError) {
        let report = state.reports[key]!
        state.reports[key] = try database.saveDraft(
            id: report.id!, answers: answers, expectedRevision: report.revision, as: author)
    }

    // MARK: Times

    /// When the author creates the report, saves each stage, and submits it.
    private func authorTimes(
        _ subject: ReportSubject, rhythm: Rhythm, saves: Int
    ) -> (created: Date, saves: [Date], submitted: Date) {
        let due = subject.due
        switch rhythm {
        case .participant:
            // Activities are added during the month, so nothing is forgotten.
            let lastOfMonth = due.adding(days: -1)
            let span = max(0, min(12, subject.opens.days(until: lastOfMonth)))
            let createdDay = subject.opens.adding(days: random.int(0...span))
            var day = createdDay
            var times: [Date] = []
            for _ in 0..<saves {
                day = min(day.adding(days: random.int(2...7)), due.adding(days: 2))
                times.append(DemoCalendar.at(day, random.int(17...21), random.int(0...59)))
            }
            let submitDay = random.chance(0.08) ? due.adding(days: random.int(14...20)) : due.adding(days: random.int(0...13))
            return (
                DemoCalendar.at(createdDay, random.int(18...21), random.int(0...59)), times,
                DemoCalendar.at(max(submitDay, day), random.int(8...21), random.int(0...59))
            )
        case .paper:
            let day = DemoCalendar.workingDay(onOrAfter: due.adding(days: random.int(2...10)))
            let created = DemoCalendar.at(day, random.int(9...15), random.int(0...59))
            return (created, (0..<saves).map { created.addingTimeInterval(Double($0 + 1) * 300) },
                    created.addingTimeInterval(Double(saves + 1) * 300 + 300))
        case .contactPerson:
            let day = random.chance(0.3) ? due.adding(days: -random.int(1...3)) : due.adding(days: random.int(0...5))
            let created = DemoCalendar.at(max(day, subject.opens), random.int(17...21), random.int(0...59))
            return (created, (0..<saves).map { created.addingTimeInterval(Double($0 + 1) * 900) },
                    created.addingTimeInterval(Double(saves + 1) * 900 + 300))
        case .provider(let window):
            let createdDay = DemoCalendar.workingDay(onOrAfter: max(due.adding(days: random.int(0...2)), subject.opens))
            let created = DemoCalendar.at(createdDay, random.int(8...14), random.int(0...59))
            let late = random.chance(0.06)
            let submitDay = DemoCalendar.workingDay(
                onOrAfter: late ? due.adding(days: window + random.int(0...4)) : max(createdDay, due.adding(days: random.int(0...window - 2))))
            var submitted = DemoCalendar.at(submitDay, random.int(9...16), random.int(0...59))
            if submitted <= created { submitted = created.addingTimeInterval(Double(saves + 1) * 1_800 + 600) }
            return (created, (0..<saves).map { created.addingTimeInterval(Double($0 + 1) * 1_800) }, submitted)
        }
    }

    /// A moment in office hours on a working day, `days` days after `date`.
    func officeTime(after date: Date, days: ClosedRange<Int>) -> Date {
        let day = DemoCalendar.workingDay(onOrAfter: LocalDate.today(at: date).adding(days: random.int(days)))
        return DemoCalendar.at(day, random.int(8...16), random.int(0...59))
    }

    /// When the author acts again after `date`: evenings for people, office hours for staff.
    private func authorTime(after date: Date, days: ClosedRange<Int>, rhythm: Rhythm) -> Date {
        switch rhythm {
        case .participant, .contactPerson:
            let day = LocalDate.today(at: date).adding(days: random.int(days))
            return DemoCalendar.at(day, random.int(17...21), random.int(0...59))
        case .paper, .provider:
            return officeTime(after: date, days: days)
        }
    }
}
