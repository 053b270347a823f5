import GRDB

/// The access rule as SQL, so that lists are filtered in the database: a user sees a person
/// through an enrolment whose responsible organisation (or office) or provider they have an
/// assignment in, or as the enrolment's reporter, or as the person themself.
enum AccessFilter {
    /// A condition on enrolment columns `\(alias).…` for `actor` (always true for the system
    /// and administrators).
    static func enrolment(_ alias: String, _ actor: Actor) -> SQL {
        guard !actor.seesEveryone, let user = actor.user, let userId = user.id else { return "1" }
        let responsible = SQL(sql: "\(alias).responsibleOrganisationId")
        let office = SQL(sql: "\(alias).officeId")
        let provider = SQL(sql: "\(alias).providerId")
        let reporter = SQL(sql: "\(alias).reporterId")
        let person = SQL(sql: "\(alias).personId")
        return """
            (EXISTS (SELECT 1 FROM assignment a WHERE a.userId = \(userId) AND \
            ((a.organisationId = \(responsible) AND (a.officeId IS NULL OR a.officeId = \(office))) \
            OR a.organisationId = \(provider))) \
            OR \(reporter) = \(userId) OR \(person) = \(user.personId ?? -1))
            """
    }

    /// A condition on report columns `\(alias).…` (the organisation, office and provider are
    /// copied onto the report), also true for the report's own author.
    static func report(_ alias: String, _ actor: Actor) -> SQL {
        guard !actor.seesEveryone, let user = actor.user, let userId = user.id else { return "1" }
        let responsible = SQL(sql: "\(alias).responsibleOrganisationId")
        let office = SQL(sql: "\(alias).officeId")
        let provider = SQL(sql: "\(alias).providerId")
        let author = SQL(sql: "\(alias).authorId")
        let person = SQL(sql: "\(alias).personId")
        let enrolment = SQL(sql: "\(alias).enrolmentId")
        return """
            (EXISTS (SELECT 1 FROM assignment a WHERE a.userId = \(userId) AND \
            ((a.organisationId = \(responsible) AND (a.officeId IS NULL OR a.officeId = \(office))) \
            OR a.organisationId = \(provider))) \
            OR \(author) = \(userId) OR \(person) = \(user.personId ?? -1) \
            OR EXISTS (SELECT 1 FROM enrolment re WHERE re.id = \(enrolment) AND re.reporterId = \(userId)))
            """
    }

    /// Whether `actor` may see person `personId`.
    static func maySee(person personId: Int64, _ actor: Actor, in db: Database) throws -> Bool {
        if actor.seesEveryone || actor.user?.personId == personId { return true }
        let condition = enrolment("e", actor)
        let request: SQLRequest<Bool> = "SELECT EXISTS (SELECT 1 FROM enrolment e WHERE e.personId = \(personId) AND \(condition))"
        return try request.fetchOne(db) ?? false
    }

    /// The report columns for a list read by `actor`, with `answers` withheld (JSON `null`) when
    /// the report is about a protected identity and the reader has no permission to see one —
    /// unless the reader wrote it or is the person. The rest of the report (its status, dates,
    /// case number) stays visible, so that the case can be followed.
    static func reportColumns(_ alias: String, _ actor: Actor) -> SQL {
        let columns = alias == "r" ? reportColumnsOfR : columnList(alias)
        let answers = SQL(sql: "\(alias).answers")
        guard !actor.mayViewProtected else { return SQL(sql: columns + ", ") + answers }
        let author = SQL(sql: "\(alias).authorId")
        let person = SQL(sql: "\(alias).personId")
        return SQL(sql: columns + ", ") + """
            CASE WHEN \(author) = \(actor.userId ?? -1) OR \(person) = \(actor.user?.personId ?? -1)
                   OR (SELECT protection FROM person WHERE id = \(person)) IS NULL
                 THEN \(answers) ELSE 'null' END AS answers
            """
    }

    /// The report's columns but `answers`, as `\(alias).id, \(alias).templateId, …`.
    private static func columnList(_ alias: String) -> String {
        [
            "id", "templateId", "templateVersion", "period", "eventDate", "personId", "enrolmentId", "authorId",
            "status", "revision", "caseNumber", "receiptHash", "submittedAt", "submittedBy", "late", "createdAt",
            "updatedAt", "responsibleOrganisationId", "officeId", "providerId",
        ].map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    /// ``columnList(_:)`` of `r`, the alias every report read uses: made once.
    private static let reportColumnsOfR = columnList("r")
}
