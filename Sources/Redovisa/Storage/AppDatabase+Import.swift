import Foundation
import GRDB

/// What the rows of an import refer to, looked up inside the import's own transaction, so that
/// what was checked is what is written. Valid only while the import runs.
struct ImportRegister {
    fileprivate let db: Database

    /// The id of the person with `personnummer`, or nil.
    func personId(_ personnummer: Personnummer) throws -> Int64? {
        let statement = try db.cachedStatement(sql: "SELECT id FROM person WHERE personnummer = ?")
        return try Int64.fetchOne(statement, arguments: [personnummer.digits])
    }

    func organisation(code: String) throws -> Organisation? {
        try Organisation.filter(Column("code") == code).fetchOne(db)
    }

    func office(code: String, organisationId: Int64) throws -> Office? {
        try Office.filter(Column("organisationId") == organisationId && Column("code") == code).fetchOne(db)
    }

    func programme(code: String) throws -> Programme? {
        try Programme.filter(Column("code") == code).fetchOne(db)
    }

    func user(username: String) throws -> User? {
        try User.filter(Column("username") == username).fetchOne(db)
    }

    /// Whether the person already has an enrolment in the programme from that start.
    func enrolmentExists(personId: Int64, programmeId: Int64, start: LocalDate) throws -> Bool {
        let statement = try db.cachedStatement(
            // `+` keeps SQLite on the person's index: a person has few enrolments, while a
            // programme may have thousands starting the same day.
            sql: "SELECT EXISTS (SELECT 1 FROM enrolment WHERE personId = ? AND +programmeId = ? AND +start = ?)")
        return try Bool.fetchOne(statement, arguments: [personId, programmeId, start.description]) ?? false
    }
}

/// The records one import writes, in the order they depend on each other.
struct ImportBatch {
    var organisations: [Organisation] = []
    /// Offices with the code of their organisation, which may be one of `organisations`.
    var offices: [(organisationCode: String, office: Office)] = []
    var programmes: [Programme] = []
    var people: [Person] = []
    var enrolments: [Enrolment] = []

    var count: Int { organisations.count + offices.count + programmes.count + people.count + enrolments.count }
}

extension AppDatabase {
    /// Runs one import in a single write transaction: `prepare` checks the rows against the
    /// register and returns the records (or throws every problem, and nothing is written); the
    /// records are inserted through one prepared statement per table, and one audit line,
    /// action `import`, records the whole batch with the ids created. System and administrators only.
    /// - Throws: ``ImportFailure`` with what `prepare` found, an access refusal, or a storage error.
    func runImport(
        _ kind: ImportKind, source: String?, as actor: Actor, progress: ((ImportProgress) -> Void)?,
        prepare: (ImportRegister) throws -> ImportBatch
    ) throws(ImportFailure) -> ImportSummary {
        try checkMayImport(kind, as: actor)
        do {
            return try writer.write { db in
                let batch = try prepare(ImportRegister(db: db))
                var saving = ProgressCounter(phase: .saving, total: batch.count, report: progress)
                var summary = ImportSummary(kind: kind)
                var ids: [Int64] = []
                var organisationIds: [String: Int64] = [:]
                for organisation in batch.organisations {
                    var record = organisation
                    try record.insert(db)
                    organisationIds[record.code] = record.id
                    ids.append(record.id!)
                    saving.advance()
                }
                var officeIds: [Int64] = []
                for (organisationCode, office) in batch.offices {
                    var record = office
                    if let id = organisationIds[organisationCode] {
                        record.organisationId = id
                    } else if let existing = try ImportRegister(db: db).organisation(code: organisationCode) {
                        record.organisationId = existing.id!
                    }
                    try record.insert(db)
                    officeIds.append(record.id!)
                    saving.advance()
                }
                for programme in batch.programmes {
                    var record = programme
                    try record.insert(db)
                    ids.append(record.id!)
                    saving.advance()
                }
                try insert(batch.people, db, &ids, &saving)
                try insert(batch.enrolments, db, &ids, &saving)
                summary.organisations = batch.organisations.count
                summary.offices = batch.offices.count
                summary.programmes = batch.programmes.count
                summary.people = batch.people.count
                summary.enrolments = batch.enrolments.count
                var detail = (source.map { "fil \($0): " } ?? "") + summary.counts
                if !officeIds.isEmpty { detail += "; kontor-id " + officeIds.map(String.init).joined(separator: ", ") }
                try audit(db, actor, "import", kind.entity, ids, detail: detail)
                return summary
            }
        } catch let failure as ImportFailure {
            throw failure
        } catch let error as RedovisaError {
            throw ImportFailure(error)
        } catch {
            throw ImportFailure(RedovisaError.storage(error))
        }
    }

    /// Only the system and administrators import; a refusal is audited.
    /// - Throws: ``ImportFailure`` with ``RedovisaError/Code/accessDenied``.
    func checkMayImport(_ kind: ImportKind, as actor: Actor) throws(ImportFailure) {
        guard actor.seesEveryone else {
            auditDenied(actor, kind.entity, [])
            throw ImportFailure(RedovisaError(.accessDenied, "Endast administratörer får importera."))
        }
    }

    private func insert(_ people: [Person], _ db: Database, _ ids: inout [Int64], _ saving: inout ProgressCounter) throws {
        guard !people.isEmpty else { return }
        let statement = try db.makeStatement(sql: """
            INSERT INTO person (personnummer, firstName, lastName, municipality, district, protection, email, mobile, notify)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        ids.reserveCapacity(ids.count + people.count)
        for person in people {
            statement.setUncheckedArguments([
                person.personnummer.digits, person.firstName, person.lastName, person.municipality, person.district,
                person.protection?.rawValue, person.email, person.mobile, Self.jsonArray(person.notify.map(\.rawValue)),
            ])
            try statement.execute()
            ids.append(db.lastInsertedRowID)
            saving.advance()
        }
    }

    private func insert(_ enrolments: [Enrolment], _ db: Database, _ ids: inout [Int64], _ saving: inout ProgressCounter) throws {
        guard !enrolments.isEmpty else { return }
        let statement = try db.makeStatement(sql: """
            INSERT INTO enrolment (personId, programmeId, responsibleOrganisationId, officeId, providerId, officerId,
                reporterId, start, plannedEnd, actualEnd, endReason, extensions, agreement)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        // The same text as the record's own encoding and ``JSONValue/canonicalText``, with one
        // encoder for the whole batch and none for the usual empty values.
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        func json(_ value: some Encodable, isEmpty: Bool, empty: String) throws -> String {
            isEmpty ? empty : String(decoding: try encoder.encode(value), as: UTF8.self)
        }
        for enrolment in enrolments {
            statement.setUncheckedArguments([
                enrolment.personId, enrolment.programmeId, enrolment.responsibleOrganisationId, enrolment.officeId,
                enrolment.providerId, enrolment.officerId, enrolment.reporterId, enrolment.start.description,
                enrolment.plannedEnd?.description, enrolment.actualEnd?.description, enrolment.endReason?.rawValue,
                try json(enrolment.extensions, isEmpty: enrolment.extensions.isEmpty, empty: "[]"),
                try json(JSONValue.object(enrolment.agreement), isEmpty: enrolment.agreement.isEmpty, empty: "{}"),
            ])
            try statement.execute()
            ids.append(db.lastInsertedRowID)
            saving.advance()
        }
    }

    /// `["epost","sms"]`, sorted, as the record's own encoding would store the set.
    private static func jsonArray(_ values: [String]) -> String {
        "[" + values.sorted().map { "\"\($0)\"" }.joined(separator: ",") + "]"
    }
}
