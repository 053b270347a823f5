import GRDB

/// The SUS register: a participant's registrations in the Af/FK cooperation (DOMAIN.md §4).
extension AppDatabase {
    /// One registration as templates see it (`ctx.sus_registrations`): the step, its date, the
    /// kind of intervention and the office's name.
    public struct SUSEntry: Sendable, Hashable, Codable, FetchableRecord {
        public var step: SUSStep
        public var date: LocalDate
        public var transition: SUSTransition?
        public var kontor: String
    }

    /// Person `personId`'s SUS registrations, oldest first, if the actor may see the person
    /// (else the SUS refusal). Audited.
    public func susRegistrations(person personId: Int64, as actor: Actor) throws(RedovisaError) -> [SUSEntry] {
        let result: Result<[SUSEntry], RedovisaError> = try write { db in
            guard try AccessFilter.maySee(person: personId, actor, in: db) else {
                try audit(db, actor, "denied", "person", [personId])
                return .failure(RedovisaError.noAssignment)
            }
            let ids = try Int64.fetchAll(db, sql: "SELECT id FROM susRegistration WHERE personId = ? ORDER BY date, id", arguments: [personId])
            let entries = try SUSEntry.fetchAll(
                db,
                sql: """
                    SELECT s.step, s.date, s.transition, o.name AS kontor FROM susRegistration s
                    JOIN office o ON o.id = s.officeId WHERE s.personId = ? ORDER BY s.date, s.id
                    """, arguments: [personId])
            try audit(db, actor, "read", "susRegistration", ids, detail: "person \(personId)")
            return .success(entries)
        }
        return try result.get()
    }
}
