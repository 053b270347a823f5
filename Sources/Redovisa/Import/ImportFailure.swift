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

    /// One line per problem.
    public var lines: [String] { problems.map(\.description) }

    public var description: String { lines.joined(separator: "\n") }
}
