/// Every failure of the domain: a code, a message for the person who sees it (in Swedish when a
/// reporter or an officer sees it), and what it concerns — the field, the CSV line.
///
/// The message never holds personal data: no names, no personnummer.
public struct RedovisaError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Code: String, Sendable, Equatable {
        /// Nothing with that id, or nothing the actor may know exists.
        case notFound = "not_found"
        /// The actor has no assignment that gives access.
        case accessDenied = "access_denied"
        /// The input breaks a rule; ``field`` names it.
        case invalidInput = "invalid_input"
        /// A save based on an old revision of a draft (someone else saved meanwhile).
        case staleRevision = "stale_revision"
        /// The status does not allow the operation (approve a draft, edit a submitted report).
        case invalidTransition = "invalid_transition"
        /// A unique value is taken (an organisation code, a personnummer).
        case conflict
        /// The database failed.
        case storage
        /// A template or script failed (a Lua error or an exceeded limit); the message names the
        /// file and line.
        case script
    }

    public var code: Code
    public var message: String
    /// The field the error is about, when there is one (`personnummer`, `answers.ar`).
    public var field: String?
    /// The line of an imported file (1 = the header).
    public var line: Int?
    /// Every problem, field by field, when a submission is refused by its template's rules.
    public var problems: [FieldProblem]

    public init(_ code: Code, _ message: String, field: String? = nil, line: Int? = nil, problems: [FieldProblem] = []) {
        self.code = code
        self.message = message
        self.field = field
        self.line = line
        self.problems = problems
    }

    /// `rad 3: personnummer: fel kontrollsiffra` — the line and the field when known.
    /// A refused submission lists its problems after the message:
    /// `Rapporten kan inte skickas in: 2 uppgifter behöver rättas. (anledning: Fyll i: …; epost: …)`.
    public var description: String {
        var text = ""
        if let line { text += "rad \(line): " }
        if let field { text += "\(field): " }
        text += message
        if !problems.isEmpty {
            text += " (" + problems.map { $0.field.isEmpty ? $0.message : "\($0.field): \($0.message)" }.joined(separator: "; ") + ")"
        }
        return text
    }

    /// The answer to an officer without an assignment for the participant (from SUS).
    public static let noAssignmentMessage =
        "Du saknar uppdrag i organisation (kontor eller Arbetsförmedling) som ansvarar för denna deltagare. Du får därför inte se uppgifter om denna deltagare."

    /// Access denied with the SUS message.
    public static var noAssignment: RedovisaError { RedovisaError(.accessDenied, noAssignmentMessage) }
}

/// One problem with one answer, as a template reports it: the field's path
/// (`aktiviteter[2].timmar`, empty for the report as a whole) and a Swedish message.
public struct FieldProblem: Sendable, Hashable, Codable {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}
