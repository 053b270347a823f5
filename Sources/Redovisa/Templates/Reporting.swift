import Foundation
import LuaHost

/// A report's life with its template: a draft starts from the template's initial answers, every
/// save is checked (problems shown, not blocking), a submission passes every rule of the
/// template and its window before anything is stored, and the receipt text comes from the
/// template. The status operations themselves are ``AppDatabase``'s.
///
/// Every template call runs in a fresh sandbox run as the acting user (through
/// `templates/ID.lua`), so `ctx.enrolment` and friends see what the user may see, audited. The
/// run's Lua state is borrowed from a pool, which keeps the engine loaded (started afresh for
/// each run); the template, compiled once per process, runs anew in it (see
/// ``withSession(_:as:_:)``).
///
/// ```swift
/// let reporting = Reporting(database: database)
/// let draft = try reporting.startDraft(.init(template: "lss-kontaktperson", period: september,
///                                             personId: client, enrolmentId: enrolment), as: contact)
/// let saved = try reporting.save(id: draft.id!, answers: answers, expectedRevision: draft.revision, as: contact)
/// let submitted = try reporting.submit(id: draft.id!, as: contact)
/// print(submitted.text)   // "Ditt ärende är nu inskickat\nÄrendenummer: 2025-000001 …"
/// ```
public struct Reporting: Sendable {
    public let database: AppDatabase
    /// The limits of every template call.
    public var limits: LuaLimits
    /// Sandboxes ready for template calls and the template versions read (see ``ReportingCache``).
    let cache: ReportingCache

    public init(database: AppDatabase, limits: LuaLimits = .default) {
        self.database = database
        self.limits = limits
        self.cache = ReportingCache(limits: limits)
    }

    /// What a new draft is for.
    public struct DraftRequest: Sendable {
        public var template: String
        public var period: Period?
        public var eventDate: LocalDate?
        public var personId: Int64
        public var enrolmentId: Int64?
        /// Start from the answers of the same template's report for the month before.
        public var copyPrevious: Bool

        public init(
            template: String, period: Period? = nil, eventDate: LocalDate? = nil, personId: Int64,
            enrolmentId: Int64? = nil, copyPrevious: Bool = false
        ) {
            self.template = template
            self.period = period
            self.eventDate = eventDate
            self.personId = personId
            self.enrolmentId = enrolmentId
            self.copyPrevious = copyPrevious
        }
    }

    /// A report with what its template says of its answers now.
    public struct Checked: Sendable {
        public var report: Report
        public var check: TemplateCheck

        public init(report: Report, check: TemplateCheck) {
            self.report = report
            self.check = check
        }
    }

    /// A submitted report's receipt and the template's receipt text.
    public struct Submitted: Sendable {
        public var report: Report
        public var receipt: Receipt
        public var text: String
    }

    /// Today in Sweden, by the database's clock.
    public var today: LocalDate { LocalDate.today(at: database.clock()) }

    // MARK: Lifecycle

    /// Starts a draft on the newest published version of the template, with its initial
    /// answers: the previous month's (when asked), the author's remembered contact details, the
    /// defaults.
    /// - Throws: ``RedovisaError/Code/notFound`` for a template never published; the access
    ///   errors of ``AppDatabase/createDraft(_:as:)``; ``RedovisaError/Code/script``.
    public func startDraft(_ request: DraftRequest, as actor: Actor) throws(RedovisaError) -> Report {
        let published = try publishedTemplate(request.template, version: nil)
        let description = try withSession([published], as: actor) { session throws(RedovisaError) in
            try session.describe(published.templateId, version: published.version)
        }
        if description.period == .month, request.period == nil {
            throw RedovisaError(.invalidInput, "\(description.title) gäller en månad: ange perioden.", field: "period")
        }
        var previous: JSONValue?
        if request.copyPrevious, let period = request.period {
            previous = try database.report(
                template: request.template, personId: request.personId, enrolmentId: request.enrolmentId,
                period: period.previous, as: actor)?.answers
        }
        var remembered: JSONValue?
        if let author = actor.userId, description.allFields.contains(where: \.remember) {
            remembered = try database.newestReport(template: request.template, author: author, as: actor)?.answers
        }
        let context = TemplateContext(
            today: today, period: request.period, eventDate: request.eventDate, personId: request.personId,
            enrolmentId: request.enrolmentId
        ).acting(actor)
        let answers = try withSession([published], as: actor) { session throws(RedovisaError) in
            try session.initialAnswers(
                published.templateId, version: published.version, context: context, previous: previous,
                remembered: remembered)
        }
        return try database.createDraft(
            .init(
                templateId: published.templateId, templateVersion: published.version, period: request.period,
                eventDate: request.eventDate, personId: request.personId, enrolmentId: request.enrolmentId,
                answers: answers.droppingNulls),
            as: actor)
    }

    /// Saves partial answers and says what the template thinks of them (never blocking).
    /// - Throws: the errors of ``AppDatabase/saveDraft(id:answers:expectedRevision:as:)``.
    public func save(id: Int64, answers: JSONValue, expectedRevision: Int, as actor: Actor) throws(RedovisaError) -> Checked {
        let report = try database.saveDraft(id: id, answers: answers, expectedRevision: expectedRevision, as: actor)
        return Checked(report: report, check: try check(report, as: actor))
    }

    /// The report with its template's verdict on its answers as they stand.
    public func checked(id: Int64, as actor: Actor) throws(RedovisaError) -> Checked {
        let report = try database.report(id: id, as: actor)
        return Checked(report: report, check: try check(report, as: actor))
    }

    /// The preview: every visible answer as a row, from the template.
    public func preview(id: Int64, as actor: Actor) throws(RedovisaError) -> [SummaryRow] {
        let report = try database.report(id: id, as: actor)
        let published = try publishedTemplate(report.templateId, version: report.templateVersion)
        let context = TemplateContext(report: report, today: today).acting(actor)
        return try withSession([published], as: actor) { session throws(RedovisaError) in
            try session.summary(report.templateId, version: report.templateVersion, answers: report.answers, context: context)
        }
    }

    /// Submits (or resubmits, after a return) report `id`. Every rule of the template runs; a
    /// refusal lists every problem (``RedovisaError/problems``) and stores nothing. The window
    /// is enforced for a first submission: too early or too late is refused with the dates,
    /// unless the template accepts late reports, which are then flagged.
    /// - Parameter expectedRevision: the revision the author saw; nil for the stored one.
    /// - Throws: ``RedovisaError/Code/invalidInput`` with the problems,
    ///   ``RedovisaError/Code/invalidTransition`` outside the window, and the errors of
    ///   ``AppDatabase/submit(id:answers:expectedRevision:late:as:)``.
    public func submit(id: Int64, expectedRevision: Int? = nil, as actor: Actor) throws(RedovisaError) -> Submitted {
        let report = try database.report(id: id, as: actor)
        guard report.status == .draft || report.status == .returned else {
            // Already in: the same receipt again (a double click makes no second case).
            return try receipt(of: report, as: actor)
        }
        // One sandbox run for the rules, the window and the receipt's text.
        return try withChecked(report, as: actor) { session, check, late throws(RedovisaError) in
            let (receipt, stored) = try database.submitAndRead(
                id: id, answers: check.answers, expectedRevision: expectedRevision ?? report.revision, late: late,
                as: actor)
            return Submitted(report: stored, receipt: receipt, text: try receiptText(session, stored, receipt, actor))
        }
    }

    /// Submits report `id` as ``submit(id:expectedRevision:as:)`` does — the same rules, window,
    /// case number and refusals — for a caller that looks at the report first (the web form:
    /// is it already in, may this user submit it here): `whenRead` gets the report as read and
    /// says whether to go on; it may also throw its own refusal. The report is read once, and
    /// the rules run on what was read: nothing is stored if it was saved since
    /// (``RedovisaError/Code/staleRevision``). The answer is the receipt alone — no receipt
    /// text and no report read back, which the receipt page makes.
    ///
    /// The submission's transaction is shared with other tasks' writes (group commit, see
    /// ``AppDatabase``'s `writeInGroup`); the task is suspended while it waits for its commit.
    /// The read's audit line is written in the submission's transaction; when there is no
    /// submission (`whenRead` says no or throws, a refusal), it is written before this returns
    /// or throws.
    /// - Parameter expectedRevision: the revision the author saw; nil for the one read.
    /// - Returns: the report as read, and the receipt — nil when `whenRead` said no; the same
    ///   receipt again for a report that is already in.
    /// - Throws: as ``submit(id:expectedRevision:as:)``, and what `whenRead` throws.
    ///
    /// ```swift
    /// let (report, receipt) = try await reporting.submit(id: id, expectedRevision: 3, as: contact) { report in
    ///     report.caseNumber == nil
    /// }
    /// print(receipt?.caseNumber ?? "not submitted")   // "2025-000123"
    /// ```
    public func submit(
        id: Int64, expectedRevision: Int? = nil, as actor: Actor,
        whenRead: (Report) throws(RedovisaError) -> Bool
    ) async throws(RedovisaError) -> (report: Report, receipt: Receipt?) {
        let (report, audited) = try database.reportForSubmission(id: id, as: actor)
        var logged = audited
        func logRead() throws(RedovisaError) {
            guard !logged else { return }
            logged = true
            try database.auditRead(report: id, as: actor)
        }
        do throws(RedovisaError) {
            guard try whenRead(report) else {
                try logRead()
                return (report, nil)
            }
            guard report.status == .draft || report.status == .returned else {
                // Already in: the same receipt again (a double click makes no second case).
                try logRead()
                return (report, try database.receipt(report: id, as: actor))
            }
            // The rules in the sandbox; the write after it is given back, in a transaction shared
            // with other requests' (the task waits for its commit without holding a thread).
            let (answers, late) = try withChecked(report, as: actor) { _, check, late throws(RedovisaError) in
                (check.answers, late)
            }
            let receipt = try await database.submitInGroup(
                id: id, checked: report, answers: answers, expectedRevision: expectedRevision ?? report.revision,
                late: late, readLine: !logged, as: actor)
            logged = true
            return (report, receipt)
        } catch {
            // No submission (its transaction wrote nothing): the read is logged on its own.
            try logRead()
            throw error
        }
    }

    /// Runs the template's rules and window on draft or returned `report` in one sandbox run,
    /// and `body` in the same run when they let it through: with the verdict (lean: no fields
    /// shown or starred, which no caller needs) and whether the submission is late. A refusal lists every problem (``RedovisaError/problems``).
    private func withChecked<Value>(
        _ report: Report, as actor: Actor,
        _ body: (TemplateSession, TemplateCheck, Bool) throws(RedovisaError) -> Value
    ) throws(RedovisaError) -> Value {
        if report.answers == .null {
            throw RedovisaError(.accessDenied, "Rapporten gäller en person med skyddade uppgifter som du inte får se.")
        }
        let published = try publishedTemplate(report.templateId, version: report.templateVersion)
        let today = self.today
        let context = TemplateContext(report: report, today: today).acting(actor)
        return try withSession([published], as: actor) { session throws(RedovisaError) in
            let check = try session.check(
                report.templateId, version: report.templateVersion, answers: report.answers, context: context, lean: true)
            let window = try session.window(
                report.templateId, version: report.templateVersion, context: context, answers: report.answers)
            var late = false
            if let window, report.status == .draft {
                late = try Self.enforce(window, on: today, period: report.period)
            }
            guard check.valid else {
                let count = check.errors.count
                throw RedovisaError(
                    .invalidInput,
                    count == 1 ? "Rapporten kan inte skickas in: en uppgift behöver rättas."
                        : "Rapporten kan inte skickas in: \(count) uppgifter behöver rättas.",
                    problems: check.errors)
            }
            return try body(session, check, late)
        }
    }

    /// Deletes submitted report `id` where its template allows it (`deletable = true`: a SUS
    /// registration, which cannot be edited, is deleted and registered anew).
    /// - Throws: ``RedovisaError/Code/invalidTransition`` when the template does not allow it,
    ///   and the errors of ``AppDatabase/deleteSubmitted(id:reason:as:)``.
    public func delete(id: Int64, reason: String, as actor: Actor) throws(RedovisaError) -> Report {
        let report = try database.report(id: id, as: actor)
        let published = try publishedTemplate(report.templateId, version: report.templateVersion)
        let description = try withSession([published], as: actor) { session throws(RedovisaError) in
            try session.describe(report.templateId, version: report.templateVersion)
        }
        guard description.deletable else {
            throw RedovisaError(
                .invalidTransition, "\(description.title) kan inte raderas när den är inskickad; handläggaren kan återremittera den.")
        }
        return try database.deleteSubmitted(id: id, reason: reason, as: actor)
    }

    /// The receipt of a submitted report, with the template's text.
    public func receipt(id: Int64, as actor: Actor) throws(RedovisaError) -> Submitted {
        try receipt(of: try database.report(id: id, as: actor), as: actor)
    }

    /// Checks `answers` against the newest published version of template `id` (or `version`),
    /// as an integration or the CLI would before saving.
    public func check(
        template id: String, version: Int? = nil, answers: JSONValue, context: TemplateContext, as actor: Actor
    ) throws(RedovisaError) -> TemplateCheck {
        let published = try publishedTemplate(id, version: version)
        return try withSession([published], as: actor) { session throws(RedovisaError) in
            try session.check(id, version: published.version, answers: answers, context: context)
        }
    }

    /// When a report of template `id` (newest published version) for `period` or `eventDate`,
    /// about this person and enrolment, may be submitted — before any report exists (a form's
    /// default period). Nil when the template sets no window. The window function reads the
    /// domain as `actor`.
    public func window(
        template id: String, period: Period?, eventDate: LocalDate? = nil, personId: Int64?, enrolmentId: Int64?,
        as actor: Actor
    ) throws(RedovisaError) -> SubmissionWindow? {
        let published = try publishedTemplate(id, version: nil)
        let context = TemplateContext(
            today: today, period: period, eventDate: eventDate, personId: personId, enrolmentId: enrolmentId
        ).acting(actor)
        return try withSession([published], as: actor) { session throws(RedovisaError) in
            try session.window(id, version: published.version, context: context)
        }
    }

    /// The description of the newest published version of template `id` (or `version`).
    public func describe(template id: String, version: Int? = nil, as actor: Actor) throws(RedovisaError) -> TemplateDescription {
        let published = try publishedTemplate(id, version: version)
        return try withSession([published], as: actor) { session throws(RedovisaError) in
            try session.describe(id, version: published.version)
        }
    }

    // MARK: Helpers

    /// Refuses a submission outside `window`, or says it is late (where the template allows it).
    static func enforce(_ window: SubmissionWindow, on today: LocalDate, period: Period?) throws(RedovisaError) -> Bool {
        let subject = period.map { "rapporten för \($0.swedishName)" } ?? "rapporten"
        switch window.position(of: today) {
        case .open:
            return false
        case .early:
            throw RedovisaError(
                .invalidTransition,
                "För tidigt: \(subject) kan skickas in från \(window.opens.swedishText) till \(window.closes.swedishText).",
                field: "period")
        case .late:
            if window.late { return true }
            throw RedovisaError(
                .invalidTransition,
                "För sent: sista dag att skicka in \(subject) var \(window.closes.swedishText).",
                field: "period")
        }
    }

    private func receipt(of report: Report, as actor: Actor) throws(RedovisaError) -> Submitted {
        let receipt = try database.receipt(report: report.id!, as: actor)
        let published = try publishedTemplate(report.templateId, version: report.templateVersion)
        let text = try withSession([published], as: actor) { session throws(RedovisaError) in
            try receiptText(session, report, receipt, actor)
        }
        return Submitted(report: report, receipt: receipt, text: text)
    }

    /// The template's receipt text for submitted `report`, in a session that has its template.
    private func receiptText(
        _ session: TemplateSession, _ report: Report, _ receipt: Receipt, _ actor: Actor
    ) throws(RedovisaError) -> String {
        try session.receiptText(
            report.templateId, version: report.templateVersion, receipt: receipt, answers: report.answers,
            context: TemplateContext(report: report, today: today).acting(actor))
    }

    private func check(_ report: Report, as actor: Actor) throws(RedovisaError) -> TemplateCheck {
        let published = try publishedTemplate(report.templateId, version: report.templateVersion)
        let context = TemplateContext(report: report, today: today).acting(actor)
        return try withSession([published], as: actor) { session throws(RedovisaError) in
            try session.check(report.templateId, version: report.templateVersion, answers: report.answers, context: context)
        }
    }
}
