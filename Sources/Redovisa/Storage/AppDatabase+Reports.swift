import Crypto
import Foundation
import GRDB

/// A report's life: draft, save, submit (case number and receipt), return, resubmit, approve,
/// withdraw. Every step is one transaction and one line in the status history and the audit log.
extension AppDatabase {
    /// What a new draft is about.
    public struct NewReport: Sendable {
        public var templateId: String
        public var templateVersion: Int
        public var period: Period?
        public var eventDate: LocalDate?
        public var personId: Int64
        public var enrolmentId: Int64?
        public var answers: JSONValue

        public init(
            templateId: String, templateVersion: Int, period: Period? = nil, eventDate: LocalDate? = nil,
            personId: Int64, enrolmentId: Int64? = nil, answers: JSONValue = .object([:])
        ) {
            self.templateId = templateId
            self.templateVersion = templateVersion
            self.period = period
            self.eventDate = eventDate
            self.personId = personId
            self.enrolmentId = enrolmentId
            self.answers = answers
        }
    }

    /// Starts a draft. The author must see the person (and the enrolment, which must be the
    /// person's). Staff registering a paper report on someone's behalf are authors too.
    /// - Throws: ``RedovisaError/Code/accessDenied`` with the SUS message, ``RedovisaError/Code/invalidInput``.
    public func createDraft(_ new: NewReport, as actor: Actor) throws(RedovisaError) -> Report {
        guard let authorId = actor.userId else {
            throw RedovisaError(.invalidInput, "en rapport måste ha en författare (användare)")
        }
        let result: Result<Report, RedovisaError> = try write { db in
            var enrolment: Enrolment?
            if let enrolmentId = new.enrolmentId {
                enrolment = try Enrolment.fetchOne(db, key: enrolmentId)
                guard let found = enrolment, found.personId == new.personId else {
                    return .failure(RedovisaError(.invalidInput, "insatsen hör inte till personen", field: "enrolmentId"))
                }
            }
            guard try AccessFilter.maySee(person: new.personId, actor, in: db) else {
                try audit(db, actor, "denied", "person", [new.personId])
                return .failure(RedovisaError.noAssignment)
            }
            let now = clock()
            var report = Report(
                templateId: new.templateId, templateVersion: new.templateVersion, period: new.period,
                eventDate: new.eventDate, personId: new.personId, enrolmentId: new.enrolmentId, authorId: authorId,
                answers: new.answers, createdAt: now, updatedAt: now,
                responsibleOrganisationId: enrolment?.responsibleOrganisationId, officeId: enrolment?.officeId,
                providerId: enrolment?.providerId)
            try report.insert(db)
            try record(db, report.id!, .draft, actor, comment: nil)
            try audit(db, actor, "create", "report", [report.id!], detail: "person \(new.personId)")
            return .success(report)
        }
        return try result.get()
    }

    /// Saves answers to a draft (or a returned report) that the actor wrote or may handle.
    /// Partial answers are fine. `expectedRevision` is the revision the editor started from: if
    /// someone saved since, nothing is written and the error says so — never a lost update.
    /// - Throws: ``RedovisaError/Code/staleRevision``, ``RedovisaError/Code/invalidTransition``.
    public func saveDraft(
        id: Int64, answers: JSONValue, expectedRevision: Int, as actor: Actor
    ) throws(RedovisaError) -> Report {
        let result: Result<Report, RedovisaError> = try write { db in
            guard var report = try visibleReport(db, id, actor) else { return .failure(RedovisaError.noAssignment) }
            guard report.status == .draft || report.status == .returned else {
                return .failure(RedovisaError(
                    .invalidTransition, "Rapporten är \(report.status.swedish) och kan inte ändras."))
            }
            guard report.revision == expectedRevision else {
                return .failure(RedovisaError(
                    .staleRevision,
                    "Rapporten har sparats av någon annan sedan du öppnade den (version \(expectedRevision), nu \(report.revision)). Ladda om sidan och gör ändringen igen."))
            }
            report.answers = answers
            report.revision += 1
            report.updatedAt = clock()
            try report.update(db)
            try audit(db, actor, "update", "report", [id])
            return .success(report)
        }
        return try result.get()
    }

    /// Submits a draft or resubmits a returned report, and gives the receipt. Submitting a report
    /// that is already in gives the same receipt again, whoever asks and however often — so a
    /// double click or a retried request never makes a second case.
    /// - Parameters:
    ///   - answers: the answers to store with the submission (the template's cleaned answers), in
    ///     the same transaction; nil keeps the stored ones.
    ///   - expectedRevision: the revision the answers were checked at; if the report was saved
    ///     since, nothing is written (``RedovisaError/Code/staleRevision``).
    ///   - late: whether the template's window had closed (where the template allows it).
    /// - Throws: ``RedovisaError/Code/invalidTransition`` for a withdrawn report.
    public func submit(
        id: Int64, answers: JSONValue? = nil, expectedRevision: Int? = nil, late: Bool = false, as actor: Actor
    ) throws(RedovisaError) -> Receipt {
        try submit(id: id, checked: nil, answers: answers, expectedRevision: expectedRevision, late: late, as: actor, readBack: false)
            .receipt
    }

    /// ``submit(id:answers:expectedRevision:late:as:)``, and then report `id` as
    /// ``report(id:as:)`` gives it — read, with its audit line, in the submission's transaction
    /// rather than in one of its own (``Reporting/submit(id:expectedRevision:as:)`` shows it).
    func submitAndRead(
        id: Int64, answers: JSONValue?, expectedRevision: Int?, late: Bool, as actor: Actor
    ) throws(RedovisaError) -> (receipt: Receipt, report: Report) {
        let (receipt, report) = try submit(
            id: id, checked: nil, answers: answers, expectedRevision: expectedRevision, late: late, as: actor,
            readBack: true)
        return (receipt, report!)
    }

    /// ``submit(id:answers:expectedRevision:late:as:)`` of `answers` that the template checked on
    /// `checked`, the report as it was read before: nothing is written unless the stored report
    /// is still at that revision (``RedovisaError/Code/staleRevision``), so the rules have always
    /// judged what is submitted.
    ///
    /// For a task: the submission's transaction is shared with the writes other tasks hand in
    /// meanwhile (group commit, ``writeInGroup(isolated:_:)``), in a savepoint of its own — a
    /// submission that is refused or fails writes nothing and takes no other with it. The task
    /// is suspended, not a thread blocked, while another batch is written.
    /// - Parameter readLine: also write the audit line of the read that gave `checked`
    ///   (``reportForSubmission(id:as:)``) — in this transaction, when it returns normally;
    ///   when it throws, the caller writes it (``auditRead(report:as:)``).
    func submitInGroup(
        id: Int64, checked: Report, answers: JSONValue, expectedRevision: Int, late: Bool, readLine: Bool,
        as actor: Actor
    ) async throws(RedovisaError) -> Receipt {
        let result = try await writeInGroup { db in
            try submission(
                db, id: id, checked: checked, answers: answers, expectedRevision: expectedRevision, late: late, as: actor,
                readBack: false, readLine: readLine)
        }
        return try result.get().0
    }

    private func submit(
        id: Int64, checked: Report?, answers: JSONValue?, expectedRevision: Int?, late: Bool, as actor: Actor,
        readBack: Bool, readLine: Bool = false
    ) throws(RedovisaError) -> (receipt: Receipt, report: Report?) {
        let result = try write { db in
            try submission(
                db, id: id, checked: checked, answers: answers, expectedRevision: expectedRevision, late: late, as: actor,
                readBack: readBack, readLine: readLine)
        }
        return try result.get()
    }

    /// The submission itself, in `db`'s write transaction: a refusal is the failure of the
    /// answer, with nothing written.
    private func submission(
        _ db: Database, id: Int64, checked: Report?, answers: JSONValue?, expectedRevision: Int?, late: Bool,
        as actor: Actor, readBack: Bool, readLine: Bool
    ) throws -> Result<(Receipt, Report?), RedovisaError> {
        func answer(_ receipt: Receipt) throws -> Result<(Receipt, Report?), RedovisaError> {
            guard readBack else { return .success((receipt, nil)) }
            try audit(db, actor, "read", "report", [id])
            let request = SQLRequest<Report>(
                literal: "SELECT \(AccessFilter.reportColumns("r", actor)) FROM report r WHERE r.id = \(id)", cached: true)
            return .success((receipt, try request.fetchOne(db)!))
        }
        let current = try checked.map { checked in try submissionState(db, id, actor, over: checked) } ?? visibleReport(db, id, actor)
        guard var report = current else { return .failure(RedovisaError.noAssignment) }
        switch report.status {
        case .submitted, .resubmitted, .approved:
            if readLine { try audit(db, actor, "read", "report", [id]) }
            return try answer(try receipt(db, report))
        case .withdrawn:
            return .failure(RedovisaError(.invalidTransition, "Rapporten är återkallad och kan inte skickas in."))
        case .draft, .returned:
            break
        }
        let stale = { (expected: Int) in
            RedovisaError(
                .staleRevision,
                "Rapporten har sparats av någon annan sedan du öppnade den (version \(expected), nu \(report.revision)). Ladda om sidan och försök igen.")
        }
        if let expectedRevision, expectedRevision != report.revision { return .failure(stale(expectedRevision)) }
        if let checked, checked.revision != report.revision { return .failure(stale(checked.revision)) }
        if let answers { report.answers = answers }
        let now = clock()
        let newStatus: ReportStatus = report.status == .draft ? .submitted : .resubmitted
        if report.caseNumber == nil { report.caseNumber = try nextCaseNumber(db, at: now) }
        report.status = newStatus
        report.submittedAt = now
        report.submittedBy = actor.userId
        let answersText = report.answers.canonicalText
        report.receiptHash = Self.hash(canonicalText: answersText)
        report.late = late
        report.updatedAt = now
        report.revision += 1
        try updateSubmission(db, report, answersText: answersText)
        if readLine { try audit(db, actor, "read", "report", [id]) }
        try record(db, id, newStatus, actor, comment: late ? "inskickad efter sista dag" : nil)
        try audit(db, actor, "submit", "report", [id], detail: report.caseNumber)
        return try answer(try receipt(db, report))
    }

    /// Returns a submitted report for completion (återremittering), with the officer's comment.
    public func returnForCompletion(id: Int64, comment: String, as actor: Actor) throws(RedovisaError) -> Report {
        guard !comment.trimmingSpaces.isEmpty else {
            throw RedovisaError(.invalidInput, "Skriv vad som behöver kompletteras.", field: "comment")
        }
        return try review(id, to: .returned, comment: comment, as: actor)
    }

    /// Approves a submitted report.
    public func approve(id: Int64, comment: String? = nil, as actor: Actor) throws(RedovisaError) -> Report {
        try review(id, to: .approved, comment: comment, as: actor)
    }

    /// Withdraws a draft; only its author may.
    public func withdraw(id: Int64, as actor: Actor) throws(RedovisaError) -> Report {
        let result: Result<Report, RedovisaError> = try write { db in
            guard var report = try visibleReport(db, id, actor) else { return .failure(RedovisaError.noAssignment) }
            guard report.authorId == actor.userId else {
                return .failure(RedovisaError(.accessDenied, "Endast den som skrev utkastet kan återkalla det."))
            }
            guard report.status == .draft else {
                return .failure(RedovisaError(.invalidTransition, "Endast utkast kan återkallas; rapporten är \(report.status.swedish)."))
            }
            report.status = .withdrawn
            report.updatedAt = clock()
            report.revision += 1
            try report.update(db)
            try record(db, id, .withdrawn, actor, comment: nil)
            try audit(db, actor, "withdraw", "report", [id])
            return .success(report)
        }
        return try result.get()
    }

    /// Deletes a submitted report (it becomes `withdrawn`, kept with its history and the reason):
    /// how a registration that cannot be edited is corrected — delete it, then register anew.
    /// Officers and administrators only; whether the template allows it is the caller's check
    /// (``Reporting/delete(id:reason:as:)``).
    /// - Throws: ``RedovisaError/Code/accessDenied``, ``RedovisaError/Code/invalidTransition``.
    public func deleteSubmitted(id: Int64, reason: String, as actor: Actor) throws(RedovisaError) -> Report {
        guard actor.seesEveryone || actor.has(.officer) else {
            throw RedovisaError(.accessDenied, "Endast handläggare kan radera en inskickad registrering.")
        }
        guard !reason.trimmingSpaces.isEmpty else {
            throw RedovisaError(.invalidInput, "Skriv varför registreringen raderas.", field: "reason")
        }
        let result: Result<Report, RedovisaError> = try write { db in
            guard var report = try visibleReport(db, id, actor) else { return .failure(RedovisaError.noAssignment) }
            guard report.status != .draft, report.status != .withdrawn else {
                return .failure(RedovisaError(.invalidTransition, "Rapporten är \(report.status.swedish); bara inskickade kan raderas."))
            }
            report.status = .withdrawn
            report.updatedAt = clock()
            report.revision += 1
            try report.update(db)
            try record(db, id, .withdrawn, actor, comment: "raderad: " + reason)
            try audit(db, actor, "delete", "report", [id], detail: report.caseNumber)
            return .success(report)
        }
        return try result.get()
    }

    /// Report `id`, if `actor` may see it, with its answers withheld (`null`) when it is about a
    /// protected identity the reader may not see (see ``AccessFilter/reportColumns(_:_:)``). Audited.
    public func report(id: Int64, as actor: Actor) throws(RedovisaError) -> Report {
        let result: Result<Report, RedovisaError> = try audited { db, lines in
            guard try visibleReport(db, id, actor, lines) != nil else { return .failure(RedovisaError.noAssignment) }
            let request = SQLRequest<Report>(
                literal: "SELECT \(AccessFilter.reportColumns("r", actor)) FROM report r WHERE r.id = \(id)", cached: true)
            audit(lines, actor, "read", "report", [id])
            return .success(try request.fetchOne(db)!)
        }
        return try result.get()
    }

    /// Report `id` as ``report(id:as:)`` gives it, read for a submission `actor` is about to
    /// make, with the audit line of the read left to the caller — who writes it in the
    /// submission's transaction (``submitInGroup(id:checked:answers:expectedRevision:late:readLine:as:)``)
    /// or, when there is no submission, with ``auditRead(report:as:)`` before answering anything.
    /// One statement, so no read transaction; a report the actor may not see (or that does not
    /// exist) is refused by ``report(id:as:)``, audited as always.
    /// - Returns: the report, and whether its read is already in the audit log (`true` only when
    ///   the refusal path found it after all).
    func reportForSubmission(id: Int64, as actor: Actor) throws(RedovisaError) -> (report: Report, audited: Bool) {
        let request = SQLRequest<Report>(
            literal: """
                SELECT \(AccessFilter.reportColumns("r", actor)) FROM report r
                WHERE r.id = \(id) AND \(AccessFilter.report("r", actor))
                """, cached: true)
        if let found = try unsafeRead({ db in try request.fetchOne(db) }) { return (found, false) }
        return (try report(id: id, as: actor), true)
    }

    /// Writes the audit line of a read made by ``reportForSubmission(id:as:)`` that led to no
    /// submission, and returns when it is in the database.
    /// - Throws: ``RedovisaError/Code/storage`` when it cannot be written.
    func auditRead(report id: Int64, as actor: Actor) throws(RedovisaError) {
        try audited { _, lines in audit(lines, actor, "read", "report", [id]) }
    }

    /// The status history of report `id`, oldest first.
    public func history(report id: Int64, as actor: Actor) throws(RedovisaError) -> [StatusChange] {
        _ = try report(id: id, as: actor)
        return try read { db in try StatusChange.filter(Column("reportId") == id).order(Column("id")).fetchAll(db) }
    }

    /// The receipt of a report that has been submitted.
    public func receipt(report id: Int64, as actor: Actor) throws(RedovisaError) -> Receipt {
        let report = try report(id: id, as: actor)
        guard report.caseNumber != nil else {
            throw RedovisaError(.invalidTransition, "Rapporten är inte inskickad och har inget kvitto.")
        }
        return try read { db in try receipt(db, report) }
    }

    // MARK: Helpers

    private func review(_ id: Int64, to status: ReportStatus, comment: String?, as actor: Actor) throws(RedovisaError) -> Report {
        guard actor.seesEveryone || actor.has(.officer) else {
            throw RedovisaError(.accessDenied, "Endast handläggare kan granska rapporter.")
        }
        let result: Result<Report, RedovisaError> = try write { db in
            guard var report = try visibleReport(db, id, actor) else { return .failure(RedovisaError.noAssignment) }
            guard ReportStatus.awaitingReview.contains(report.status) else {
                return .failure(RedovisaError(
                    .invalidTransition, "Rapporten är \(report.status.swedish); bara inskickade rapporter kan granskas."))
            }
            report.status = status
            report.updatedAt = clock()
            report.revision += 1
            try report.update(db)
            try record(db, id, status, actor, comment: comment)
            try audit(db, actor, status == .approved ? "approve" : "return", "report", [id])
            return .success(report)
        }
        return try result.get()
    }

    /// The report if `actor` may see it, whole (for the lifecycle operations, which must never
    /// write back withheld answers); a refusal is audited.
    func visibleReport(_ db: Database, _ id: Int64, _ actor: Actor) throws -> Report? {
        try visibleReport(db, id, actor) { try audit(db, actor, "denied", "report", [id]) }
    }

    /// ``visibleReport(_:_:_:)`` for a read: a refusal is one of the read's audit lines.
    func visibleReport(_ db: Database, _ id: Int64, _ actor: Actor, _ lines: AuditLines) throws -> Report? {
        try visibleReport(db, id, actor) { audit(lines, actor, "denied", "report", [id]) }
    }

    private func visibleReport(_ db: Database, _ id: Int64, _ actor: Actor, denied: () throws -> Void) throws -> Report? {
        let condition = AccessFilter.report("r", actor)
        let request = SQLRequest<Report>(literal: "SELECT r.* FROM report r WHERE r.id = \(id) AND \(condition)", cached: true)
        if let report = try request.fetchOne(db) { return report }
        let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM report WHERE id = ?)", arguments: [id]) ?? false
        if !exists { throw RedovisaError(.notFound, "rapporten finns inte") }
        try denied()
        return nil
    }

    /// Report `id` as a submission of `checked` (the report as read before, with its answers
    /// checked) reads it in its transaction: the stored values of every column the submission
    /// reads or decides on (status, revision, case number, template and version, and the receipt
    /// of a report already in) over `checked`, with the same access condition as
    /// ``visibleReport(_:_:_:)`` — one small cached statement, without decoding the whole record
    /// and its answers again. A report not there or not visible goes through
    /// ``visibleReport(_:_:_:)``, for the same error and audit line.
    private func submissionState(_ db: Database, _ id: Int64, _ actor: Actor, over checked: Report) throws -> Report? {
        let condition = AccessFilter.report("r", actor)
        let request = SQLRequest<Row>(
            literal: """
                SELECT r.status, r.revision, r.caseNumber, r.templateId, r.templateVersion, r.submittedAt, r.submittedBy,
                r.receiptHash FROM report r WHERE r.id = \(id) AND \(condition)
                """, cached: true)
        guard let row = try request.fetchOne(db) else { return try visibleReport(db, id, actor) }
        var report = checked
        report.status = row[0]
        report.revision = row[1]
        report.caseNumber = row[2]
        report.templateId = row[3]
        report.templateVersion = row[4]
        report.submittedAt = row[5]
        report.submittedBy = row[6]
        report.receiptHash = row[7]
        return report
    }

    /// Stores what a submission changes in `report` (answers, status, revision, case number,
    /// receipt hash, submitted at and by, late, updated at) with one cached statement: the same
    /// column values as the record's own `update`, which encodes every column through `Codable`.
    /// `answersText` is the answers' canonical text, already made for the hash.
    private func updateSubmission(_ db: Database, _ report: Report, answersText: String) throws {
        let statement = try db.cachedStatement(
            sql: """
                UPDATE report SET answers = ?, status = ?, revision = ?, caseNumber = ?, receiptHash = ?,
                submittedAt = ?, submittedBy = ?, late = ?, updatedAt = ? WHERE id = ?
                """)
        let values: [DatabaseValue] = [
            answersText.databaseValue, report.status.databaseValue, report.revision.databaseValue,
            report.caseNumber?.databaseValue ?? .null, report.receiptHash?.databaseValue ?? .null,
            report.submittedAt?.databaseValue ?? .null, report.submittedBy?.databaseValue ?? .null,
            report.late.databaseValue, report.updatedAt.databaseValue, report.id?.databaseValue ?? .null,
        ]
        statement.setUncheckedArguments(StatementArguments(values))
        try statement.execute()
    }

    /// Adds a line to report `id`'s status history, with one cached statement: the same column
    /// values as ``StatusChange``'s own `insert`, which encodes them through `Codable`.
    private func record(_ db: Database, _ id: Int64, _ status: ReportStatus, _ actor: Actor, comment: String?) throws {
        let statement = try db.cachedStatement(
            sql: "INSERT INTO statusChange (reportId, status, at, byUserId, onBehalfOf, comment) VALUES (?, ?, ?, ?, ?, ?)")
        let values: [DatabaseValue] = [
            id.databaseValue, status.databaseValue, clock().databaseValue, actor.userId?.databaseValue ?? .null,
            actor.via.hasPrefix("script:") ? actor.via.databaseValue : .null, comment?.databaseValue ?? .null,
        ]
        statement.setUncheckedArguments(StatementArguments(values))
        try statement.execute()
    }

    /// The next case number of the year of `date` (Swedish time): `2025-000123`.
    private func nextCaseNumber(_ db: Database, at date: Date) throws -> String {
        let year = LocalDate.today(at: date).year
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO caseNumberCounter (year, last) VALUES (?, 1)
                ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last
                """)
        let number = try Int.fetchOne(statement, arguments: [year])!
        return padded(year, 4) + "-" + padded(number, 6)
    }

    private func receipt(_ db: Database, _ report: Report) throws -> Receipt {
        let statement = try db.cachedStatement(sql: "SELECT displayName FROM user WHERE id = ?")
        let name = try String.fetchOne(statement, arguments: [report.submittedBy]) ?? "systemet"
        return Receipt(
            caseNumber: report.caseNumber!, submittedAt: report.submittedAt!, submittedBy: name,
            templateId: report.templateId, templateVersion: report.templateVersion, hash: report.receiptHash!)
    }

    /// SHA-256 of the canonical answers, in hex.
    public static func hash(_ answers: JSONValue) -> String {
        hash(canonicalText: answers.canonicalText)
    }

    /// SHA-256 of answers' canonical text (``JSONValue/canonicalText``), in hex.
    static func hash(canonicalText: String) -> String {
        SHA256.hash(data: Data(canonicalText.utf8)).hexString
    }
}

extension ReportStatus {
    /// The status as a Swedish word for messages: "inskickad", "godkänd".
    public var swedish: String {
        switch self {
        case .draft: "ett utkast"
        case .submitted: "inskickad"
        case .returned: "återskickad för komplettering"
        case .resubmitted: "inskickad igen"
        case .approved: "godkänd"
        case .withdrawn: "återkallad"
        }
    }
}
