/// Why an import wrote nothing: every problem found in the file, each with its line and field,
/// in the order of the file.
///
/// The messages are Swedish and never repeat personal data (names, personnummer, usernames);
/// codes of organisations, offices and programmes are repeated, since they are not personal.
///
/// ```
/// rad 3: personnummer: ogiltigt personnummer: fel kontrollsiffra
/// rad 7: skyddad: ska vara ja eller nej
/// ```
public struct ImportFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The problems, by line (problems without a line, such as an empty file, first).
    public var problems: [RedovisaError]

    /// The problems, sorted by line; the order within a line is kept.
    public init(_ problems: [RedovisaError]) {
        self.problems = problems.enumerated()
            .sorted { ($0.element.line ?? 0, $0.offset) < ($1.element.line ?? 0, $1.offset) }
            .map(\.element)
    }

    public init(_ problem: RedovisaError) {
        self.problems = [problem]
    }

    /// One problem as the person who made the file reads it: `rad 3: personnummer: …`.
    public static func text(of problem: RedovisaError) -> String {
        var text = ""
        if let line = problem.line { text += "rad \(line): " }
        if let field = problem.field { text += "\(field): " }
        return text + problem.message
    }

    /// One line per problem.
    public var lines: [String] { problems.map(Self.text(of:)) }

    public var description: String { lines.joined(separator: "\n") }
}
