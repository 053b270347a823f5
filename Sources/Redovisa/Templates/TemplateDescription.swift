/// What the host knows of a template, read from the template itself (`form.describe`): its id,
/// version and texts, who fills it in, the kind of period, and its steps and fields — enough to
/// list it, render its form and check a publication, without running its functions.
public struct TemplateDescription: Sendable, Hashable, Codable {
    /// Who fills the report in.
    public enum Role: String, Sendable, Hashable, Codable {
        case reporter, provider, officer, administrator
    }

    /// A report per month, or per event (a deviation, an R1, a SUS registration).
    public enum PeriodKind: String, Sendable, Hashable, Codable {
        case month, event
    }

    public var id: String
    public var version: Int
    public var title: String
    public var description: String?
    /// Other texts of the template by name (`another`: "Rapportera för en till person").
    public var texts: [String: String]?
    public var role: Role
    /// `person` or `enrolment`: what a report is about.
    public var about: String
    public var period: PeriodKind
    /// Where the template is defined: `templates/x.lua:12`.
    public var at: String
    public var steps: [Step]
    /// Whether the template sets a submission window.
    public var hasWindow: Bool
    /// Whether staff may register a paper report on a reporter's behalf.
    public var staffMayRegister: Bool
    /// Whether the template declares `migrate(from_version, answers)`.
    public var hasMigrate: Bool
    /// Whether an officer may delete a submitted report of it (a registration that cannot be
    /// edited is corrected by deleting it and registering anew: SUS).
    public var deletable: Bool
    /// What the linter found while compiling (missing labels).
    public var lint: [LintNote]

    enum CodingKeys: String, CodingKey {
        case id, version, title, description, texts, role, about, period, at, steps, lint
        case hasWindow = "has_window", staffMayRegister = "staff_may_register", hasMigrate = "has_migrate", deletable
    }

    /// One step of the form: "1 Rapportering".
    public struct Step: Sendable, Hashable, Codable {
        public var id: String
        public var title: String
        public var help: String?
        /// Whether the step is shown only for some answers.
        public var conditional: Bool
        public var fields: [Field]
    }

    /// One question of the form.
    public struct Field: Sendable, Hashable, Codable {
        public var id: String
        public var type: FieldType
        public var label: String?
        public var help: String?
        public var placeholder: String?
        /// Where the field is defined: `templates/x.lua:31`.
        public var at: String
        /// The step's number, from 1.
        public var step: Int
        public var required: Requirement
        /// Shown only for some answers (`visible`).
        public var conditional: Bool
        /// Computed by the template, not typed in.
        public var computed: Bool
        /// May be answered "Ej aktuellt" with a motivation.
        public var notApplicable: Bool
        /// Prefilled from the author's previous report of this template.
        public var remember: Bool
        /// A confirmation's box text ("Jag förstår"), or an info field's text.
        public var text: String?
        public var maxLength: Int?
        public var rows: Int?
        public var rowLabel: String?
        public var addLabel: String?
        /// Bounds that are fixed values (a number or a date).
        public var min: JSONValue?
        public var max: JSONValue?
        public var increment: Double?
        public var options: [Option]?
        /// The fields of each row of a group.
        public var fields: [Field]?

        enum CodingKeys: String, CodingKey {
            case id, type, label, help, placeholder, at, step, required, conditional, computed, remember, text, rows,
                min, max, increment, options, fields
            case notApplicable = "not_applicable", maxLength = "max_length", rowLabel = "row_label",
                addLabel = "add_label"
        }
    }

    /// One option of a choice.
    public struct Option: Sendable, Hashable, Codable {
        public var value: String
        public var label: String
        public var help: String?
    }

    /// Whether a field must be answered: always, never, or depending on other answers.
    public enum Requirement: String, Sendable, Hashable, Codable {
        case yes, no, depends
    }

    /// The kinds of field a template can have (docs/scripting.md, "Field types").
    public enum FieldType: String, Sendable, Hashable, Codable, CaseIterable {
        case text, textarea, integer, hours, date
        case dateRange = "date_range"
        case choice
        case multiChoice = "multi_choice"
        case yesNo = "yes_no"
        case personnummer, email, phone, confirmation, group, info
    }

    /// A problem the linter reports, at a file and line.
    public struct LintNote: Sendable, Hashable, Codable {
        public var at: String
        public var message: String
    }

    /// Every field, groups' fields included, depth first.
    public var allFields: [Field] {
        var list: [Field] = []
        func walk(_ fields: [Field]) {
            for field in fields {
                list.append(field)
                if let children = field.fields { walk(children) }
            }
        }
        for step in steps { walk(step.fields) }
        return list
    }
}
