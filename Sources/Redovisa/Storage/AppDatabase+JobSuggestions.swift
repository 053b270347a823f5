import GRDB

/// Job suggestions: officers send them, participants see them (DOMAIN.md §1).
extension AppDatabase {
    /// Sends a job suggestion to person `suggestion.personId`: officers with an assignment for
    /// the person, and the system. Audited.
    /// - Throws: ``RedovisaError/Code/accessDenied`` (the SUS message outside an assignment),
    ///   ``RedovisaError/Code/invalidInput`` for an empty title or employer.
    public func send(_ suggestion: JobSuggestion, as actor: Actor) throws(RedovisaError) -> JobSuggestion {
        guard actor.isSystem || actor.has(.officer) else {
            throw RedovisaError(.accessDenied, "Endast handläggare kan skicka förslag på jobb.")
        }
        for (field, text) in [("title", suggestion.title), ("employer", suggestion.employer)] where text.trimmingSpaces.isEmpty {
            throw RedovisaError(.invalidInput, "Fyll i yrke och arbetsgivare.", field: field)
        }
        let result: Result<JobSuggestion, RedovisaError> = try write { db in
            guard try AccessFilter.maySee(person: suggestion.personId, actor, in: db) else {
                try audit(db, actor, "denied", "person", [suggestion.personId])
                return .failure(RedovisaError.noAssignment)
            }
            var sent = suggestion
            sent.sentBy = actor.userId
            try sent.insert(db)
            try audit(db, actor, "create", "jobSuggestion", [sent.id!], detail: "person \(suggestion.personId)")
            return .success(sent)
        }
        return try result.get()
    }

    /// The job suggestions person `personId` has been sent, newest first, if the actor may see
    /// the person (the participant themself, or staff with an assignment). Audited.
    public func jobSuggestions(person personId: Int64, as actor: Actor) throws(RedovisaError) -> [JobSuggestion] {
        let result: Result<[JobSuggestion], RedovisaError> = try write { db in
            guard try AccessFilter.maySee(person: personId, actor, in: db) else {
                try audit(db, actor, "denied", "person", [personId])
                return .failure(RedovisaError.noAssignment)
            }
            let list = try JobSuggestion.filter(Column("personId") == personId)
                .order(Column("sentAt").desc, Column("id").desc).fetchAll(db)
            try audit(db, actor, "read", "jobSuggestion", list.compactMap(\.id), detail: "person \(personId)")
            return .success(list)
        }
        return try result.get()
    }
}
