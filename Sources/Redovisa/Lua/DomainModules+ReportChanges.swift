import LuaHost

extension DomainModules {
    /// The only ways a script changes reports: named operations that call the same Swift API as
    /// the web pages (same access rules, same validation, the same status history), audited as
    /// done by the user through the script. Each refuses to run in a read-only run.
    ///
    /// - `reports.create_draft{template=, version=, period=, date=, person=, enrolment=, answers=}` → Report
    /// - `reports.save{id=, answers=, revision=}` → Report (refused when `revision` is stale)
    /// - `reports.submit(id)` → Receipt (the same receipt again for a report already in): through
    ///   ``Reporting``, so the template's window and every rule hold as on the web pages
    /// - `reports.approve(id [, comment])` → Report
    /// - `reports.return_for_completion(id, comment)` → Report
    static func addReportChanges(to module: inout LuaModule) {
        module.function("create_draft") { call in
            let options = try LuaOptions(
                call, allowed: ["template", "version", "period", "date", "person", "enrolment", "answers"])
            let template = try options.required(try options.string("template"), "template")
            let version = try options.count("version", in: 1...Int(Int32.max), default: 1)
            let period = try options.period("period")
            let date = try options.date("date")
            let enrolment = try options.integer("enrolment")
            let answers = try options.answers("answers", default: .object([:]))!
            guard options.has("person") || enrolment != nil else {
                throw call.badArgument(1, "option 'person' is required unless 'enrolment' is given")
            }
            let person = try options.integer("person")
            return try perform(call, changes: true) { domain throws(RedovisaError) in
                // Without a person, the enrolment's person (read as the user, so access is checked).
                var personId = person ?? 0
                if person == nil, let enrolment {
                    personId = try domain.database.enrolment(id: enrolment, as: domain.actor).personId
                }
                let new = AppDatabase.NewReport(
                    templateId: template, templateVersion: version, period: period, eventDate: date,
                    personId: personId, enrolmentId: enrolment, answers: answers)
                return try domain.database.createDraft(new, as: domain.actor)
            }
        }
        module.function("save") { call in
            let options = try LuaOptions(call, allowed: ["id", "answers", "revision"])
            let id = try options.required(try options.integer("id"), "id")
            let answers = try options.required(try options.answers("answers"), "answers")
            let revision = try options.required(try options.integer("revision"), "revision")
            guard let expected = Int(exactly: revision) else { throw options.problem("revision", "out of range") }
            return try perform(call, changes: true) { domain throws(RedovisaError) in
                try domain.database.saveDraft(id: id, answers: answers, expectedRevision: expected, as: domain.actor)
            }
        }
        module.function("submit") { call in
            let id = try call.integer(1)
            return try perform(call, changes: true) { domain throws(RedovisaError) in
                try Reporting(database: domain.database).submit(id: id, as: domain.actor).receipt
            }
        }
        module.function("approve") { call in
            let id = try call.integer(1)
            let comment = try call.optionalString(2)
            return try perform(call, changes: true) { domain throws(RedovisaError) in
                try domain.database.approve(id: id, comment: comment, as: domain.actor)
            }
        }
        module.function("return_for_completion") { call in
            let id = try call.integer(1)
            let comment = try call.string(2)
            return try perform(call, changes: true) { domain throws(RedovisaError) in
                try domain.database.returnForCompletion(id: id, comment: comment, as: domain.actor)
            }
        }
    }
}
