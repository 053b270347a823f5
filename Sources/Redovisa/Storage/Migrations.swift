import GRDB

/// Every change of the database schema, in order. Append-only: a migration that has landed is
/// never edited; a change is a new migration.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-registry", migrate: registry)
        migrator.registerMigration("v1-reports", migrate: reports)
        migrator.registerMigration("v1-events", migrate: events)
        migrator.registerMigration("v1-messaging-audit", migrate: messagingAndAudit)
        migrator.registerMigration("v2-report-period-status", migrate: reportPeriodStatus)
        migrator.registerMigration("v3-template-versions", migrate: templateVersions)
        migrator.registerMigration("v4-job-suggestions", migrate: jobSuggestions)
        migrator.registerMigration("v5-reminders-outbox", migrate: remindersAndOutbox)
        migrator.registerMigration("v6-message-reads", migrate: messageReads)
        migrator.registerMigration("v7-api-tokens", migrate: AppDatabase.apiTokensMigration)
        migrator.registerMigration("v8-deadline-events", migrate: deadlineEvents)
        return migrator
    }

    private static func registry(_ db: Database) throws {
        try db.create(table: "organisation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("code", .text).notNull().unique()
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("authorisations", .jsonText).notNull().defaults(to: "[]")
        }
        try db.create(table: "office") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("organisation", onDelete: .cascade).notNull()
            t.column("code", .text).notNull()
            t.column("name", .text).notNull()
            t.uniqueKey(["organisationId", "code"])
        }
        try db.create(table: "person") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("personnummer", .text).notNull().unique()
            t.column("firstName", .text).notNull()
            t.column("lastName", .text).notNull()
            t.column("municipality", .text)
            t.column("district", .text)
            t.column("protection", .text)
            t.column("email", .text)
            t.column("mobile", .text)
            t.column("notify", .jsonText).notNull().defaults(to: "[]")
        }
        try db.create(table: "user") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("username", .text).notNull().unique()
            t.column("displayName", .text).notNull()
            t.column("roles", .jsonText).notNull()
            t.belongsTo("person", onDelete: .setNull)
            t.column("mayViewProtected", .boolean).notNull().defaults(to: false)
        }
        try db.create(table: "assignment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.belongsTo("organisation", onDelete: .cascade).notNull()
            t.belongsTo("office", onDelete: .cascade)
        }
        try db.create(index: "assignment_unique", on: "assignment", columns: ["userId", "organisationId", "officeId"], unique: true)
        try db.create(table: "programme") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("code", .text).notNull().unique()
            t.column("name", .text).notNull()
            t.column("customerChoice", .text)
            t.column("maximumMonths", .integer)
            t.column("monthlyAmounts", .jsonText).notNull().defaults(to: "{}")
        }
        try db.create(table: "enrolment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("person", onDelete: .restrict).notNull()
            t.belongsTo("programme", onDelete: .restrict).notNull()
            t.column("responsibleOrganisationId", .integer).notNull().references("organisation", onDelete: .restrict)
            t.column("officeId", .integer).references("office", onDelete: .setNull)
            t.column("providerId", .integer).references("organisation", onDelete: .restrict)
            t.column("officerId", .integer).references("user", onDelete: .setNull)
            t.column("reporterId", .integer).references("user", onDelete: .setNull)
            t.column("start", .text).notNull()
            t.column("plannedEnd", .text)
            t.column("actualEnd", .text)
            t.column("endReason", .text)
            t.column("extensions", .jsonText).notNull().defaults(to: "[]")
            t.column("agreement", .jsonText).notNull().defaults(to: "{}")
        }
        try db.create(index: "enrolment_responsible", on: "enrolment", columns: ["responsibleOrganisationId", "officeId"])
        try db.create(index: "enrolment_provider", on: "enrolment", columns: ["providerId"])
        try db.create(index: "enrolment_programme_start", on: "enrolment", columns: ["programmeId", "start"])
        try db.create(index: "enrolment_reporter", on: "enrolment", columns: ["reporterId"])
        try db.create(table: "plan") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("enrolment", onDelete: .cascade).notNull()
            t.column("kind", .text).notNull()
            t.column("version", .integer).notNull()
            t.column("activities", .jsonText).notNull()
            t.column("createdAt", .text).notNull()
            t.column("submittedAt", .text)
            t.column("approvedAt", .text)
            t.uniqueKey(["enrolmentId", "kind", "version"])
        }
    }

    private static func reports(_ db: Database) throws {
        try db.create(table: "report") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("templateId", .text).notNull()
            t.column("templateVersion", .integer).notNull()
            t.column("period", .text)
            t.column("eventDate", .text)
            t.belongsTo("person", onDelete: .restrict).notNull()
            t.belongsTo("enrolment", onDelete: .restrict)
            t.column("authorId", .integer).notNull().references("user", onDelete: .restrict)
            t.column("answers", .jsonText).notNull()
            t.column("status", .text).notNull()
            t.column("revision", .integer).notNull()
            t.column("caseNumber", .text).unique()
            t.column("receiptHash", .text)
            t.column("submittedAt", .datetime)
            t.column("submittedBy", .integer)
            t.column("late", .boolean).notNull().defaults(to: false)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
            t.column("responsibleOrganisationId", .integer)
            t.column("officeId", .integer)
            t.column("providerId", .integer)
        }
        try db.create(index: "report_period", on: "report", columns: ["period", "templateId", "enrolmentId"])
        try db.create(index: "report_status_office", on: "report", columns: ["status", "officeId"])
        try db.create(index: "report_status_organisation", on: "report", columns: ["status", "responsibleOrganisationId"])
        try db.create(index: "report_status_provider", on: "report", columns: ["status", "providerId"])
        try db.create(index: "report_enrolment", on: "report", columns: ["enrolmentId"])
        try db.create(index: "report_author", on: "report", columns: ["authorId"])
        try db.create(table: "statusChange") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("report", onDelete: .cascade).notNull()
            t.column("status", .text).notNull()
            t.column("at", .datetime).notNull()
            t.column("byUserId", .integer)
            t.column("onBehalfOf", .text)
            t.column("comment", .text)
        }
        try db.create(table: "caseNumberCounter") { t in
            t.primaryKey("year", .integer)
            t.column("last", .integer).notNull()
        }
    }

    private static func events(_ db: Database) throws {
        try db.create(table: "absence") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("enrolment", onDelete: .cascade).notNull()
            t.column("from", .text).notNull()
            t.column("to", .text).notNull()
            t.column("cause", .text).notNull()
            t.column("certificateReceived", .boolean).notNull()
            t.column("contactAttempts", .jsonText).notNull()
        }
        try db.create(table: "deviation") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("enrolment", onDelete: .cascade).notNull()
            t.column("date", .text).notNull()
            t.column("causeKnown", .boolean).notNull()
            t.column("description", .text).notNull()
        }
        try db.create(table: "resultReport") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("enrolment", onDelete: .cascade).notNull()
            t.column("kind", .text).notNull()
            t.column("reason", .text).notNull()
            t.column("date", .text).notNull()
            t.column("handledOn", .text)
        }
        try db.create(table: "susRegistration") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("person", onDelete: .restrict).notNull()
            t.belongsTo("office", onDelete: .restrict).notNull()
            t.column("step", .text).notNull()
            t.column("transition", .text)
            t.column("date", .text).notNull()
            t.column("registeredBy", .integer).notNull().references("user", onDelete: .restrict)
        }
    }

    private static func messagingAndAudit(_ db: Database) throws {
        try db.create(table: "messageThread") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("report", onDelete: .cascade).notNull()
            t.column("subject", .text).notNull()
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(table: "message") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("threadId", .integer).notNull().indexed().references("messageThread", onDelete: .cascade)
            t.column("authorId", .integer).notNull().references("user", onDelete: .restrict)
            t.column("body", .text).notNull()
            t.column("sentAt", .datetime).notNull()
        }
        try db.create(table: "outboxMessage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("channel", .text).notNull()
            t.column("recipientUserId", .integer)
            t.column("recipientPersonId", .integer)
            t.column("subject", .text).notNull()
            t.column("body", .text).notNull()
            t.column("link", .text)
            t.column("status", .text).notNull()
            t.column("attempts", .integer).notNull()
            t.column("nextAttemptAt", .datetime)
            t.column("lastError", .text)
            t.column("createdAt", .datetime).notNull()
        }
        try db.create(index: "outbox_pending", on: "outboxMessage", columns: ["status", "nextAttemptAt"])
        try db.create(table: "reminderLedgerEntry") { t in
            t.column("rule", .text).notNull()
            t.column("period", .text).notNull()
            t.column("recipientKey", .text).notNull()
            t.column("step", .text).notNull()
            t.column("sentAt", .datetime).notNull()
            t.primaryKey(["rule", "period", "recipientKey", "step"])
        }
        try db.create(table: "auditEntry") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull().indexed()
            t.column("actorId", .integer)
            t.column("via", .text).notNull()
            t.column("action", .text).notNull()
            t.column("entity", .text).notNull()
            t.column("entityIds", .jsonText).notNull()
            t.column("detail", .text)
        }
    }

    /// "Who has not submitted" asks, for every active enrolment, whether a report of the period
    /// and template is in: with the status in the index, that is answered from the index alone,
    /// where it used to read the report row too (one random read in the largest table per
    /// enrolment). See docs/benchmarks.md, "Storage". `report_period` is a prefix of the new
    /// index, and `report_enrolment` repeats `report_on_enrolmentId` (made by `belongsTo`): both
    /// go, since every write of a report paid for them.
    private static func reportPeriodStatus(_ db: Database) throws {
        try db.create(index: "report_period_status", on: "report", columns: ["period", "templateId", "enrolmentId", "status"])
        try db.drop(index: "report_period")
        try db.drop(index: "report_enrolment")
    }

    /// Published versions of templates: the Lua text a draft was started on stays here, so a
    /// draft keeps its version after a new one is published (issue 4, "Versions").
    private static func templateVersions(_ db: Database) throws {
        try db.create(table: "templateVersion") { t in
            t.column("templateId", .text).notNull()
            t.column("version", .integer).notNull()
            t.column("title", .text).notNull()
            t.column("source", .text).notNull()
            t.column("sha256", .text).notNull()
            t.column("publishedAt", .datetime).notNull()
            t.column("publishedBy", .integer).references("user")
            t.primaryKey(["templateId", "version"])
        }
    }

    /// The job suggestions officers send participants (DOMAIN.md §1).
    private static func jobSuggestions(_ db: Database) throws {
        try db.create(table: "jobSuggestion") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("person", onDelete: .cascade).notNull()
            t.column("title", .text).notNull()
            t.column("employer", .text).notNull()
            t.column("lastApplicationDay", .text)
            t.column("sentAt", .datetime).notNull()
            t.column("sentBy", .integer).references("user")
        }
    }

    /// Reminders and their delivery (issue 5): which rule made an outbox message and when it went
    /// out, and the in-app inbox that in-app messages are delivered to.
    private static func remindersAndOutbox(_ db: Database) throws {
        try db.alter(table: "outboxMessage") { t in
            t.add(column: "rule", .text)
            t.add(column: "sentAt", .datetime)
        }
        try db.create(table: "inboxMessage") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("outboxMessageId", .integer).unique().references("outboxMessage", onDelete: .setNull)
            t.column("subject", .text).notNull()
            t.column("body", .text).notNull()
            t.column("link", .text)
            t.column("rule", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("readAt", .datetime)
        }
    }

    /// How far each user has read each conversation with the case officer, for unread counts.
    private static func messageReads(_ db: Database) throws {
        try db.create(table: "messageRead") { t in
            t.belongsTo("user", onDelete: .cascade).notNull()
            t.column("threadId", .integer).notNull().references("messageThread", onDelete: .cascade)
            t.column("lastReadMessageId", .integer).notNull()
            t.primaryKey(["userId", "threadId"])
        }
    }

    /// What four deadlines of seed 004 need (scripts/deadlines/README.md): when a case was
    /// actualised and staffed, when an absence was told to the officer, decisions to adjust a
    /// plan, and personal-data incidents.
    private static func deadlineEvents(_ db: Database) throws {
        try db.create(table: "staffing") { t in
            t.primaryKey("enrolmentId", .integer).references("enrolment", onDelete: .cascade)
            t.column("actualisedOn", .text).notNull()
            t.column("staffedOn", .text)
        }
        try db.alter(table: "absence") { t in t.add(column: "reportedOn", .text) }
        try db.create(table: "planAdjustment") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("enrolment", onDelete: .cascade).notNull()
            t.column("kind", .text).notNull()
            t.column("decidedOn", .text).notNull()
            t.column("decidedBy", .integer).references("user")
        }
        try db.create(table: "incident") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("organisation", onDelete: .cascade).notNull()
            t.column("discoveredAt", .datetime).notNull()
            t.column("reportedAt", .datetime)
            t.column("description", .text).notNull()
            t.column("registeredBy", .integer).references("user")
        }
    }
}
