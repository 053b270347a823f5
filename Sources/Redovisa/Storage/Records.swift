import Foundation
import GRDB

// The model structs are the records, one per table. Value types that are text in the database
// (dates, periods, personnummer, answers) store as plain text, not as JSON strings.

extension LocalDate: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> LocalDate? {
        String.fromDatabaseValue(dbValue).flatMap(LocalDate.init)
    }
}

extension Period: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { description.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Period? {
        String.fromDatabaseValue(dbValue).flatMap(Period.init)
    }
}

extension Personnummer: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { digits.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Personnummer? {
        String.fromDatabaseValue(dbValue).flatMap { try? Personnummer($0, today: LocalDate(year: 9999, month: 12, day: 31)!) }
    }
}

extension JSONValue: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { canonicalText.databaseValue }
    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> JSONValue? {
        String.fromDatabaseValue(dbValue).flatMap { try? JSONValue(parsing: $0) }
    }
}

extension OrganisationKind: DatabaseValueConvertible {}
extension ProtectedIdentity: DatabaseValueConvertible {}
extension EndReason: DatabaseValueConvertible {}
extension PlanKind: DatabaseValueConvertible {}
extension ReportStatus: DatabaseValueConvertible {}
extension AbsenceCause: DatabaseValueConvertible {}
extension ResultKind: DatabaseValueConvertible {}
extension ResultReason: DatabaseValueConvertible {}
extension SUSStep: DatabaseValueConvertible {}
extension SUSTransition: DatabaseValueConvertible {}
extension DeliveryChannel: DatabaseValueConvertible {}
extension DeliveryStatus: DatabaseValueConvertible {}

/// A record with an auto-incremented `id` that learns it on insert (all the model records).
public protocol IdentifiedRecord: Codable, FetchableRecord, MutablePersistableRecord {
    var id: Int64? { get set }
}

extension IdentifiedRecord {
    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension Organisation: IdentifiedRecord { public static let databaseTableName = "organisation" }
extension Office: IdentifiedRecord { public static let databaseTableName = "office" }
extension Person: IdentifiedRecord { public static let databaseTableName = "person" }
extension User: IdentifiedRecord { public static let databaseTableName = "user" }
extension Assignment: IdentifiedRecord { public static let databaseTableName = "assignment" }
extension Programme: IdentifiedRecord { public static let databaseTableName = "programme" }
extension Enrolment: IdentifiedRecord { public static let databaseTableName = "enrolment" }
extension Plan: IdentifiedRecord { public static let databaseTableName = "plan" }
extension Report: IdentifiedRecord { public static let databaseTableName = "report" }
extension StatusChange: IdentifiedRecord { public static let databaseTableName = "statusChange" }
extension Absence: IdentifiedRecord { public static let databaseTableName = "absence" }
extension JobSuggestion: IdentifiedRecord { public static let databaseTableName = "jobSuggestion" }
extension Deviation: IdentifiedRecord { public static let databaseTableName = "deviation" }
extension ResultReport: IdentifiedRecord { public static let databaseTableName = "resultReport" }
extension SUSRegistration: IdentifiedRecord { public static let databaseTableName = "susRegistration" }
extension MessageThread: IdentifiedRecord { public static let databaseTableName = "messageThread" }
extension Message: IdentifiedRecord { public static let databaseTableName = "message" }
extension OutboxMessage: IdentifiedRecord { public static let databaseTableName = "outboxMessage" }
extension PlanAdjustment: IdentifiedRecord { public static let databaseTableName = "planAdjustment" }
extension Incident: IdentifiedRecord { public static let databaseTableName = "incident" }
extension AuditEntry: IdentifiedRecord { public static let databaseTableName = "auditEntry" }

extension Staffing: FetchableRecord, PersistableRecord { public static let databaseTableName = "staffing" }

extension ReminderLedgerEntry: FetchableRecord, PersistableRecord {
    public static let databaseTableName = "reminderLedgerEntry"
}

// Reports and enrolments are read by the thousand in queues and lists: they are read by column
// name here rather than through Codable, which costs several times the query itself.

extension Report {
    public init(row: Row) throws {
        self.init(
            id: row["id"], templateId: row["templateId"], templateVersion: row["templateVersion"],
            period: row["period"], eventDate: row["eventDate"], personId: row["personId"],
            enrolmentId: row["enrolmentId"], authorId: row["authorId"], answers: row["answers"] ?? .null,
            status: row["status"], revision: row["revision"], caseNumber: row["caseNumber"],
            receiptHash: row["receiptHash"], submittedAt: row["submittedAt"], submittedBy: row["submittedBy"],
            late: row["late"], createdAt: row["createdAt"], updatedAt: row["updatedAt"],
            responsibleOrganisationId: row["responsibleOrganisationId"], officeId: row["officeId"],
            providerId: row["providerId"])
    }
}

extension Enrolment {
    /// The columns in table order (`SELECT *` and `SELECT e.*`); later migrations only append.
    static let columnOrder = [
        "id", "personId", "programmeId", "responsibleOrganisationId", "officeId", "providerId", "officerId",
        "reporterId", "start", "plannedEnd", "actualEnd", "endReason", "extensions", "agreement",
    ]

    public init(row: Row) throws {
        // By position: a list of who has not submitted reads thousands of these.
        assert(Array(row.columnNames.prefix(14)) == Enrolment.columnOrder, "enrolment columns out of order")
        let extensions: String = row[12]
        let agreement: String = row[13]
        self.init(
            id: row[0], personId: row[1], programmeId: row[2], responsibleOrganisationId: row[3], officeId: row[4],
            providerId: row[5], officerId: row[6], reporterId: row[7], start: row[8], plannedEnd: row[9],
            actualEnd: row[10], endReason: row[11],
            extensions: extensions == "[]" ? [] : try Extension.list(from: JSONValue(parsing: extensions)),
            agreement: agreement == "{}" ? [:] : try JSONValue(parsing: agreement).objectValue ?? [:])
    }
}

extension Extension {
    /// The extensions as the `extensions` column stores them: `[{"decidedOn": …, "newPlannedEnd": …}]`.
    static func list(from json: JSONValue) throws -> [Extension] {
        guard case .array(let items) = json else { return [] }
        return try items.map { item in
            guard case .string(let decided) = item["decidedOn"], let decidedOn = LocalDate(decided),
                case .string(let end) = item["newPlannedEnd"], let newPlannedEnd = LocalDate(end)
            else { throw RedovisaError(.storage, "an extension in the database is malformed") }
            return Extension(decidedOn: decidedOn, newPlannedEnd: newPlannedEnd)
        }
    }
}
